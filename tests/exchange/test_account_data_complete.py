"""Item 12 of issue 11: "Download my data" holds everything, deletion clears it.

The export (GDPR art. 15/20) covers profile, posts, votes, follows, adoptions,
designations, group memberships and notification settings. Deleting the account
(``account_delete``) makes every app remove or anonymise what it holds.
"""

import pytest
from django.contrib.contenttypes.models import ContentType

from exchange.accounts.services import account_data_export, account_delete
from exchange.notifications.models import Notification, NotificationPreference
from exchange.notifications.services import notification_send
from exchange.taxonomy.models import Theme
from forum.models import Answer, Question, QuestionRoute, Subscription, Vote
from practices.models import Adoption
from specialists.models import (
    Designation,
    DesignationStatus,
    SpecialistProfile,
)
from tests.factories import (
    AdoptionFactory,
    AnswerFactory,
    CentreFactory,
    CommentFactory,
    DesignationFactory,
    NetworkGroupFactory,
    PracticePageFactory,
    QuestionFactory,
    SpecialistProfileFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(site_tree):
    from practices.library import practice_library_ensure

    return practice_library_ensure()


@pytest.fixture
def active_member(library):
    """A specialist who has done one of everything the platform records."""
    designation = DesignationFactory(note="Designated by the council")
    user = designation.user
    SpecialistProfileFactory(
        user=user, phone="+32 9 266 99 11", availability_note="Tuesday mornings"
    )
    question = QuestionFactory(author=user, title="Interpreters for Tigrinya?")
    other_question = QuestionFactory(title="Housing deposits?")
    answer = AnswerFactory(question=other_question, author=user, body="We use a fund.")
    CommentFactory(answer=AnswerFactory(), author=user, body="Same for us.")
    Vote.objects.create(
        content_type=ContentType.objects.get_for_model(Question),
        object_id=other_question.pk,
        user=user,
        value=1,
    )
    Subscription.objects.create(user=user, question=other_question)
    Subscription.objects.create(user=user, theme=Theme.objects.get(slug="housing"))
    QuestionRoute.objects.create(question=other_question, user=user, reason="match")
    practice = PracticePageFactory(title="Buddy project", contact_specialist=user)
    AdoptionFactory(
        practice=practice, centre=CentreFactory(), recorded_by=user, note="Since May"
    )
    NetworkGroupFactory(name="Réseau Liège", members=[user])
    NotificationPreference.objects.create(user=user, email_frequency="weekly")
    notification_send(recipient=user, kind="test", title="Hello", body="", url="/")
    return {
        "user": user,
        "question": question,
        "answer": answer,
        "practice": practice,
        "designation": designation,
    }


def test_data_export_holds_posts_votes_follows_adoptions_designations_settings(
    active_member,
):
    data = account_data_export(user=active_member["user"])
    forum = data["forum"]
    assert [q["title"] for q in forum["questions"]] == ["Interpreters for Tigrinya?"]
    assert [a["body"] for a in forum["answers"]] == ["We use a fund."]
    assert [c["body"] for c in forum["comments"]] == ["Same for us."]
    assert forum["votes"][0]["value"] == 1
    follows = forum["follows"]
    assert {f["kind"] for f in follows} == {"question", "theme"}
    assert forum["routed_questions"][0]["question"] == "Housing deposits?"

    practices = data["practices"]
    assert practices["adoptions"][0]["note"] == "Since May"
    assert practices["adoptions"][0]["practice"] == "Buddy project"
    assert "Buddy project" in [p["title"] for p in practices["contact_for"]]

    specialists = data["specialists"]
    assert specialists["designations"][0]["status"] == "verified"
    assert specialists["designations"][0]["note"] == "Designated by the council"
    assert specialists["profile"]["phone"] == "+32 9 266 99 11"
    assert specialists["profile"]["availability"] == "Tuesday mornings"
    assert specialists["network_groups"] == ["Réseau Liège"]

    notifications = data["notifications"]
    assert notifications["settings"]["email_frequency"] == "weekly"
    assert notifications["notifications"][0]["title"] == "Hello"


def test_deleting_the_account_ends_designations_and_erases_the_profile(
    active_member,
):
    user = active_member["user"]
    account_delete(user=user)
    designation = Designation.objects.get(pk=active_member["designation"].pk)
    assert designation.status == DesignationStatus.ENDED
    assert not SpecialistProfile.objects.filter(user=user).exists()
    assert not user.network_groups.exists()


def test_deleting_the_account_removes_follows_routes_and_anonymises_votes(
    active_member,
):
    user = active_member["user"]
    account_delete(user=user)
    assert not Subscription.objects.filter(user=user).exists()
    assert not QuestionRoute.objects.filter(user=user).exists()
    # Posts stay, signed "former member".
    assert Answer.objects.get(pk=active_member["answer"].pk).author_id == user.pk
    # The vote still counts for the answer's score but no longer names anyone:
    # the account row it points to holds no personal data any more.
    assert Vote.objects.filter(user=user).count() == 1


def test_deleting_the_account_anonymises_adoptions_and_practice_contacts(
    active_member,
):
    user = active_member["user"]
    account_delete(user=user)
    adoption = Adoption.objects.get(practice=active_member["practice"])
    assert adoption.recorded_by_id is None
    practice = active_member["practice"]
    practice.refresh_from_db()
    assert practice.contact_specialist_id is None


def test_deleting_the_account_removes_notifications_and_settings(active_member):
    user = active_member["user"]
    account_delete(user=user)
    assert not NotificationPreference.objects.filter(user=user).exists()
    assert not Notification.objects.filter(recipient=user).exists()


def test_deleted_account_exports_nothing_personal(active_member):
    user = active_member["user"]
    account_delete(user=user)
    data = account_data_export(user=user)
    assert data["forum"]["follows"] == []
    assert data["specialists"]["profile"] is None
    assert data["notifications"]["notifications"] == []
