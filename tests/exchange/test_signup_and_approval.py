"""Sign-up: allow-listed centre domains get in after verification, others wait."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from exchange.accounts.models import AllowedEmailDomain, ApprovalStatus, Role, User
from specialists.models import Centre

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-password-42"


def sign_up(client, email, *, language="en", name="Lotte Peeters"):
    return client.post(
        f"/{language}/accounts/signup/",
        {
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "full_name": name,
        },
    )


def confirmation_link(message) -> str:
    return re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", message.body)[0]


def verify(client, message):
    path = confirmation_link(message).split("testserver", 1)[1]
    return client.post(path)


def log_in(client, email, password=PASSWORD, language="en"):
    return client.post(
        f"/{language}/accounts/login/", {"login": email, "password": password}
    )


@pytest.fixture
def gent(db):
    centre = Centre.objects.create(name="OCMW Gent")
    AllowedEmailDomain.objects.create(domain="ocmw-gent.example", centre=centre)
    return centre


def test_signup_page_asks_for_full_name_in_the_site_frame(client):
    response = client.get("/nl/accounts/signup/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="skip-link"' in html
    assert '<label for="id_full_name">' in html
    assert '<html lang="nl">' in html


def test_allow_listed_signup_becomes_caseworker_of_the_centre_after_verification(
    client, gent
):
    response = sign_up(client, "Lotte@OCMW-Gent.example")
    assert response.status_code == 302
    user = User.objects.get(email="lotte@ocmw-gent.example")
    assert user.approval_status == ApprovalStatus.PENDING
    assert user.full_name == "Lotte Peeters"
    # Not verified yet: logging in asks for the e-mail link, not the approval queue.
    assert "/accounts/confirm-email/" in log_in(client, user.email).url
    assert len(mail.outbox) >= 1

    response = verify(client, mail.outbox[-1])
    user.refresh_from_db()
    assert user.approval_status == ApprovalStatus.APPROVED
    assert user.role == Role.CASEWORKER
    assert user.home_centre == gent
    response = log_in(client, user.email)
    assert response.status_code == 302
    assert client.get("/en/account/").status_code == 200


def test_other_signup_waits_for_approval_and_cannot_log_in(client, gent):
    sign_up(client, "someone@gmail.example", language="fr")
    user = User.objects.get(email="someone@gmail.example")
    assert user.language == "fr"
    response = verify(client, mail.outbox[-1])
    assert response.status_code == 302
    assert response.url == "/fr/account/waiting/"
    page = client.get(response.url).content.decode()
    assert "En attente d" in page  # "En attente d'approbation"

    response = log_in(client, user.email, language="fr")
    assert response.status_code == 302
    assert response.url == "/fr/account/waiting/"
    assert client.get("/fr/account/").status_code == 302  # still anonymous
    user.refresh_from_db()
    assert user.approval_status == ApprovalStatus.PENDING


def test_unverified_signup_is_asked_for_the_email_link_before_anything(client):
    sign_up(client, "fresh@gmail.example")
    response = log_in(client, "fresh@gmail.example")
    assert "/accounts/confirm-email/" in response.url
    assert client.get("/en/account/").status_code == 302  # not logged in


def test_coordinator_sees_and_approves_a_waiting_signup(
    client, coordinator, django_capture_on_commit_callbacks
):
    waiting = User.objects.create_user(
        email="waiting@gmail.example",
        password=PASSWORD,
        full_name="Jan Waiting",
        approval_status=ApprovalStatus.PENDING,
        language="nl",
    )
    EmailAddress.objects.create(user=waiting, email=waiting.email, verified=True)
    unverified = User.objects.create_user(
        email="unverified@gmail.example", approval_status=ApprovalStatus.PENDING
    )
    client.force_login(coordinator)
    page = client.get("/en/account/approvals/").content.decode()
    assert "Jan Waiting" in page
    assert unverified.email not in page

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/account/approvals/",
            {"user": waiting.pk, "decision": "approve"},
        )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.approval_status == ApprovalStatus.APPROVED
    assert waiting.approval_decided_by == coordinator
    # The person is told in their own language (Dutch), with the log-in link.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [waiting.email]
    assert "goedgekeurd" in mail.outbox[0].subject
    assert "/nl/accounts/login/" in mail.outbox[0].body

    client.logout()
    assert log_in(client, waiting.email).status_code == 302
    assert client.get("/en/account/").status_code == 200


def test_rejecting_needs_a_reason_which_is_sent_to_the_person(
    client, coordinator, django_capture_on_commit_callbacks
):
    waiting = User.objects.create_user(
        email="nope@gmail.example",
        password=PASSWORD,
        approval_status=ApprovalStatus.PENDING,
        language="de",
    )
    EmailAddress.objects.create(user=waiting, email=waiting.email, verified=True)
    client.force_login(coordinator)

    response = client.post(
        "/en/account/approvals/", {"user": waiting.pk, "decision": "reject"}
    )
    assert response.status_code == 200
    assert "Give a reason when you reject a sign-up." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.approval_status == ApprovalStatus.PENDING

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/en/account/approvals/",
            {"user": waiting.pk, "decision": "reject", "reason": "Keine Sozialarbeit."},
        )
    waiting.refresh_from_db()
    assert waiting.approval_status == ApprovalStatus.REJECTED
    assert "Keine Sozialarbeit." in mail.outbox[0].body
    assert "nicht" in mail.outbox[0].subject  # German subject

    client.logout()
    response = log_in(client, waiting.email)
    assert response.url == "/en/account/waiting/"
    page = client.get(response.url).content.decode()
    assert "Your sign-up was not approved" in page


def test_approval_queue_is_for_coordinators_only(client_for, caseworker, specialist):
    assert client_for(None).get("/en/account/approvals/").status_code == 302
    assert client_for(caseworker).get("/en/account/approvals/").status_code == 403
    assert client_for(specialist).get("/en/account/approvals/").status_code == 403


def test_coordinators_are_notified_when_someone_joins_the_queue(client, coordinator):
    from exchange.notifications.models import Notification

    sign_up(client, "queued@gmail.example", name="Queued Person")
    verify(client, mail.outbox[-1])
    notification = Notification.objects.get(recipient=coordinator)
    assert "Queued Person" in notification.title


def test_failed_logins_are_rate_limited(client, caseworker):
    for _attempt in range(5):
        log_in(client, caseworker.email, password="wrong-password-123")
    response = log_in(client, caseworker.email, password="correct-horse-battery")
    assert response.status_code == 200  # the form again, not a log-in
    assert "Too many failed login attempts" in response.content.decode()


def test_coordinator_manages_the_domain_allow_list_in_the_admin(client, coordinator):
    client.force_login(coordinator)
    listing = "/admin/snippets/accounts/allowedemaildomain/"
    assert client.get(listing).status_code == 200
    response = client.post(listing + "add/", {"domain": "@CPAS-Namur.example"})
    assert response.status_code == 302
    domain = AllowedEmailDomain.objects.get()
    assert domain.domain == "cpas-namur.example"
    assert domain.added_by == coordinator


def test_caseworker_cannot_manage_the_allow_list(client, caseworker):
    client.force_login(caseworker)
    response = client.get("/admin/snippets/accounts/allowedemaildomain/")
    assert response.status_code in (302, 403)
    assert not AllowedEmailDomain.objects.exists()
