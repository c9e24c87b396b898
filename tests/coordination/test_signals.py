"""Signals of structural problems: members report, coordinators handle them."""

import pytest

from coordination.models import AuditAction, AuditEntry, SignalStatus, StructuralSignal
from exchange.notifications.models import Notification
from exchange.taxonomy.models import Theme
from tests.factories import CaseworkerFactory, CoordinatorFactory, QuestionFactory

pytestmark = pytest.mark.django_db

VALID_INSZ = "85.07.30-033.28"


@pytest.fixture
def housing(db):
    return Theme.objects.get(slug="housing")


def _post(**overrides):
    data = {
        "title": "Some centres refuse a rent guarantee to subsidiary protection",
        "body": "In three centres the committee refuses; in others it is granted.",
        "kind": "inconsistency",
        "theme": Theme.objects.get(slug="housing").pk,
        "region": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def signal(db, housing):
    author = CaseworkerFactory(language="nl")
    signal = StructuralSignal.objects.create(
        author=author,
        title="Rent guarantee refused in some centres",
        body="Differences between centres.",
        kind="inconsistency",
        theme=housing,
    )
    signal.followers.add(author)
    return signal


def test_member_signals_a_problem_with_a_linked_question(client_for, coordinator):
    question = QuestionFactory()
    member = CaseworkerFactory()
    response = client_for(member).post(
        "/en/signals/new/", _post(questions=[question.pk])
    )
    assert response.status_code == 302
    signal = StructuralSignal.objects.get()
    assert signal.author == member and signal.status == SignalStatus.NEW
    assert list(signal.questions.all()) == [question]
    assert list(signal.followers.all()) == [member]
    assert Notification.objects.filter(
        recipient=coordinator, kind="signal.new"
    ).exists()
    page = client_for(member).get(response["Location"]).content.decode()
    assert signal.title in page and question.title in page


def test_privacy_guard_refuses_client_data_and_keeps_the_text(client_for):
    member = CaseworkerFactory()
    body = f"Our client {VALID_INSZ} was refused twice."
    response = client_for(member).post("/en/signals/new/", _post(body=body))
    assert response.status_code == 400
    page = response.content.decode()
    assert "personal data of a client" in page
    assert "was refused twice" in page
    assert not StructuralSignal.objects.exists()


def test_unknown_or_hidden_questions_are_refused(client_for):
    hidden = QuestionFactory(is_hidden=True)
    for value in ("999999", str(hidden.pk)):
        response = client_for(CaseworkerFactory()).post(
            "/en/signals/new/", _post(questions=[value])
        )
        assert response.status_code == 400
        assert "is not one of the available choices" in response.content.decode()
    assert not StructuralSignal.objects.exists()


def test_anonymous_and_pending_people_cannot_signal(client_for):
    assert client_for(None).get("/en/signals/").status_code == 302
    pending = CaseworkerFactory(approval_status="pending")
    assert client_for(pending).get("/en/signals/new/").status_code == 403


def test_caseworker_cannot_handle_a_signal(client_for, signal):
    client = client_for(CaseworkerFactory())
    response = client.post(f"/en/signals/{signal.pk}/close/", {"reason": "no"})
    assert response.status_code == 403
    signal.refresh_from_db()
    assert signal.status == SignalStatus.NEW


def test_coordinator_assigns_and_the_assignee_is_told(client_for, coordinator, signal):
    colleague = CoordinatorFactory()
    response = client_for(coordinator).post(
        f"/en/signals/{signal.pk}/assign/", {"assignee": colleague.pk}
    )
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.assigned_to == colleague and signal.status == SignalStatus.ASSIGNED
    assert Notification.objects.filter(recipient=colleague, kind="signal.assigned")
    entry = AuditEntry.objects.get(action=AuditAction.SIGNAL, verb="signal.assign")
    assert entry.actor == coordinator and entry.after["assigned_to"] == colleague.pk


def test_merging_a_duplicate_moves_its_followers(
    client_for, coordinator, signal, housing
):
    duplicate = StructuralSignal.objects.create(
        author=CaseworkerFactory(),
        title="Rent guarantee again",
        body="Same.",
        theme=housing,
    )
    follower = CaseworkerFactory()
    duplicate.followers.add(follower)
    response = client_for(coordinator).post(
        f"/en/signals/{duplicate.pk}/merge/", {"into": signal.pk}
    )
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.status == SignalStatus.MERGED and duplicate.merged_into == signal
    assert {follower, duplicate.author} <= set(signal.followers.all())
    assert AuditEntry.objects.filter(verb="signal.merge").exists()
    # Merging a signal into itself is refused with a message.
    response = client_for(coordinator).post(
        f"/en/signals/{signal.pk}/merge/", {"into": signal.pk}
    )
    assert response.status_code == 400
    assert "Choose another signal." in response.content.decode()


def test_answer_goes_to_the_signaller_only(client_for, coordinator, signal):
    response = client_for(coordinator).post(
        f"/en/signals/{signal.pk}/answer/", {"answer-text": "We raise it with SPP IS."}
    )
    assert response.status_code == 302
    signal.refresh_from_db()
    assert signal.status == SignalStatus.ANSWERED
    told = Notification.objects.get(kind="signal.answered")
    assert told.recipient == signal.author and told.url.startswith("/nl/signals/")
    other = client_for(CaseworkerFactory()).get(f"/en/signals/{signal.pk}/")
    assert "We raise it with SPP IS." not in other.content.decode()
    mine = client_for(signal.author).get(f"/nl/signals/{signal.pk}/")
    assert "We raise it with SPP IS." in mine.content.decode()


def test_published_response_reaches_signaller_and_followers_in_their_language(
    client_for, coordinator, signal
):
    french = CaseworkerFactory(language="fr")
    german = CaseworkerFactory(language="de")
    signal.followers.add(french, german)
    response = client_for(coordinator).post(
        f"/en/signals/{signal.pk}/publish/",
        {"publish-text": "The federal guidance now covers subsidiary protection."},
    )
    assert response.status_code == 302
    told = {
        n.recipient: n.url for n in Notification.objects.filter(kind="signal.response")
    }
    assert set(told) == {signal.author, french, german}
    assert told[french].startswith("/fr/") and told[german].startswith("/de/")
    assert told[signal.author].startswith("/nl/")
    page = client_for(CaseworkerFactory()).get(f"/en/signals/{signal.pk}/")
    assert "The federal guidance now covers" in page.content.decode()
    assert AuditEntry.objects.filter(verb="signal.publish_response").exists()


def test_response_with_client_data_is_refused(client_for, coordinator, signal):
    response = client_for(coordinator).post(
        f"/en/signals/{signal.pk}/publish/", {"publish-text": f"See {VALID_INSZ}."}
    )
    assert response.status_code == 400
    signal.refresh_from_db()
    assert signal.response == ""


def test_closing_needs_a_reason(client_for, coordinator, signal):
    client = client_for(coordinator)
    assert (
        client.post(f"/en/signals/{signal.pk}/close/", {"reason": ""}).status_code
        == 400
    )
    assert (
        client.post(
            f"/en/signals/{signal.pk}/close/", {"reason": "Solved by the new circular."}
        ).status_code
        == 302
    )
    signal.refresh_from_db()
    assert signal.status == SignalStatus.CLOSED
    entry = AuditEntry.objects.get(verb="signal.close")
    assert entry.reason == "Solved by the new circular."


def test_members_follow_a_signal(client_for, signal):
    member = CaseworkerFactory()
    client = client_for(member)
    assert client.post(f"/en/signals/{signal.pk}/follow/").status_code == 302
    assert signal.followers.filter(pk=member.pk).exists()
    client.post(f"/en/signals/{signal.pk}/follow/")
    assert not signal.followers.filter(pk=member.pk).exists()


def test_signal_list_filters_and_stays_within_budget(
    client_for, coordinator, housing, django_assert_max_num_queries
):
    for n in range(30):
        StructuralSignal.objects.create(
            author=CaseworkerFactory(),
            title=f"Signal number {n:02d} about rent",
            body="x",
            theme=housing,
        )
    closed = StructuralSignal.objects.first()
    closed.status = SignalStatus.CLOSED
    closed.save()
    client = client_for(coordinator)
    # The site frame costs about ten; the list itself a fixed few (not per row).
    with django_assert_max_num_queries(16):
        response = client.get("/en/signals/")
    assert response.status_code == 200
    assert closed.title not in response.content.decode()
    assert closed.title in client.get("/en/signals/?status=closed").content.decode()
    assert client.get("/en/signals/?theme=nope").status_code == 400
