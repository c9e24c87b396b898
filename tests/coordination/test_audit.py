"""The audit log: who did what, when and why; append-only; filters and CSV."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import timezone

from coordination.audit import audit_record, csv_safe
from coordination.models import AuditAction, AuditEntry
from exchange.accounts import services as account_services
from forum import services as forum_services
from practices import services as practice_services
from specialists import services as specialist_services
from tests.factories import (
    CaseworkerFactory,
    DesignationFactory,
    PracticePageFactory,
    QuestionFactory,
    SpecialistFactory,
)

pytestmark = pytest.mark.django_db


def test_an_entry_cannot_be_edited_or_deleted(coordinator):
    entry = audit_record(action=AuditAction.MODERATE, verb="x", actor=coordinator)
    entry.reason = "rewritten history"
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    with pytest.raises(ValidationError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="rewritten")
    with pytest.raises(ValidationError):
        AuditEntry.objects.all().delete()
    entry.refresh_from_db()
    assert entry.reason == ""
    assert AuditEntry.objects.count() == 1


def test_no_admin_offers_to_edit_entries():
    assert AuditEntry not in admin.site._registry
    from wagtail.snippets.models import get_snippet_models

    assert AuditEntry not in get_snippet_models()


def test_only_entries_older_than_five_years_can_expire(coordinator):
    old = audit_record(action=AuditAction.SIGN_IN, verb="sign_in", actor=coordinator)
    young = audit_record(action=AuditAction.SIGN_IN, verb="sign_in", actor=coordinator)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE coordination_auditentry SET created_at = %s WHERE id = %s",
            [timezone.now() - timedelta(days=6 * 365), old.pk],
        )
    with pytest.raises(ValidationError):
        AuditEntry.objects.expire(before=timezone.now() - timedelta(days=30))
    removed = AuditEntry.objects.expire(before=timezone.now() - timedelta(days=5 * 366))
    assert removed == 1
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [young.pk]


def test_coordinator_sign_in_is_recorded_but_not_a_caseworkers(client_for, coordinator):
    client_for(CaseworkerFactory())
    assert not AuditEntry.objects.filter(action=AuditAction.SIGN_IN).exists()
    client_for(coordinator)
    entry = AuditEntry.objects.get(action=AuditAction.SIGN_IN)
    assert entry.actor == coordinator
    assert coordinator.email in entry.actor_label


def test_hiding_a_post_is_recorded_with_before_and_after(coordinator):
    question = QuestionFactory()
    forum_services.post_hide(post=question, moderator=coordinator)
    entry = AuditEntry.objects.get(action=AuditAction.MODERATE)
    assert entry.actor == coordinator
    assert entry.verb == "forum.hide"
    assert entry.object_label == question.title
    assert entry.before == {"hidden": False} and entry.after == {"hidden": True}


def test_moderator_lock_and_duplicate_are_recorded(coordinator):
    question, original = QuestionFactory(), QuestionFactory()
    forum_services.question_lock(question=question, moderator=coordinator)
    forum_services.question_close_duplicate(
        question=question, duplicate_of=original, moderator=coordinator
    )
    verbs = set(AuditEntry.objects.values_list("verb", flat=True))
    assert {"forum.lock", "forum.close_duplicate"} <= verbs


def test_practice_rejection_and_publication_are_recorded(coordinator, library, themes):
    author = SpecialistFactory()
    practice = PracticePageFactory(owner=author, live=False, themes=[themes["housing"]])
    practice_services.practice_submit(practice=practice, user=author)
    practice_services.practice_request_changes(
        practice=practice, reviewer=coordinator, comment="Add the results, please."
    )
    rejection = AuditEntry.objects.get(action=AuditAction.REJECT)
    assert rejection.actor == coordinator
    assert rejection.object_id == str(practice.pk)
    assert rejection.object_label == practice.title
    assert "Add the results" in rejection.reason
    practice_services.practice_submit(practice=practice, user=author)
    practice_services.practice_approve(practice=practice, reviewer=coordinator)
    assert AuditEntry.objects.filter(
        action=AuditAction.APPROVE, actor=coordinator
    ).exists()
    published = AuditEntry.objects.get(
        action=AuditAction.PUBLISH, object_id=str(practice.pk)
    )
    assert published.actor == coordinator


def test_signup_approval_and_rejection_are_recorded(coordinator):
    waiting = CaseworkerFactory(approval_status="pending")
    refused = CaseworkerFactory(approval_status="pending")
    account_services.user_approve(user=waiting, decided_by=coordinator)
    account_services.user_reject(
        user=refused, decided_by=coordinator, reason="Not a social worker."
    )
    approval = AuditEntry.objects.get(action=AuditAction.APPROVE)
    assert approval.object_label == waiting.email and approval.actor == coordinator
    rejection = AuditEntry.objects.get(action=AuditAction.REJECT)
    assert rejection.reason == "Not a social worker."


def test_role_change_is_recorded_with_before_and_after(coordinator, client_for):
    person = CaseworkerFactory()
    person.role = "specialist"
    person.save()
    entry = AuditEntry.objects.get(action=AuditAction.ROLE)
    assert entry.before == {"role": "caseworker"}
    assert entry.after == {"role": "specialist"}
    # A log-in saves the user too, without a role change: nothing recorded.
    client_for(person)
    assert AuditEntry.objects.filter(action=AuditAction.ROLE).count() == 1


def test_designation_verification_is_recorded(coordinator, geo):
    designation = DesignationFactory(status="requested", municipalities=[geo["gent"]])
    specialist_services.designation_verify(
        designation=designation, verified_by=coordinator
    )
    change = AuditEntry.objects.filter(
        action=AuditAction.DESIGNATION, verb="designation.change"
    ).get()
    assert change.actor == coordinator
    assert change.before["status"] == "requested"
    assert change.after["status"] == "verified"


def test_audit_page_is_for_coordinators_only(client_for, coordinator):
    assert client_for(None).get("/en/coordination/audit/").status_code == 302
    assert (
        client_for(CaseworkerFactory()).get("/en/coordination/audit/").status_code
        == 403
    )
    assert client_for(coordinator).get("/en/coordination/audit/").status_code == 200


def test_audit_page_filters_by_action_and_text(client_for, coordinator):
    audit_record(
        action=AuditAction.MODERATE, verb="forum.hide", object_label="Rent guarantee"
    )
    audit_record(action=AuditAction.ROLE, verb="role.change", object_label="Someone")
    client = client_for(coordinator)
    body = client.get("/en/coordination/audit/?action=moderate").content.decode()
    assert "Rent guarantee" in body and "Someone" not in body
    body = client.get("/en/coordination/audit/?text=someone").content.decode()
    assert "Someone" in body and "Rent guarantee" not in body


def test_bad_dates_get_a_message_not_an_error(client_for, coordinator):
    response = client_for(coordinator).get(
        "/en/coordination/audit/?since=2026-05-01&until=2026-01-01"
    )
    assert response.status_code == 400
    assert "The start date is after the end date." in response.content.decode()
    response = client_for(coordinator).get("/en/coordination/audit/?since=nonsense")
    assert response.status_code == 400


def test_audit_page_stays_within_its_query_budget(
    client_for, coordinator, django_assert_max_num_queries
):
    for n in range(60):
        audit_record(
            action=AuditAction.MODERATE, verb="forum.hide", object_label=f"{n}"
        )
    client = client_for(coordinator)
    with django_assert_max_num_queries(12):
        assert client.get("/en/coordination/audit/").status_code == 200


def test_csv_export_neutralises_formulas(client_for, coordinator):
    audit_record(
        action=AuditAction.MODERATE,
        verb="forum.edit",
        object_label='=HYPERLINK("http://evil")',
        reason="+1 -2 @x",
    )
    response = client_for(coordinator).get("/en/coordination/audit/export.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    edit = next(row for row in rows if row[3] == "forum.edit")
    assert edit[6] == '\'=HYPERLINK("http://evil")'
    assert edit[7] == "'+1 -2 @x"
    assert (
        client_for(CaseworkerFactory())
        .get("/en/coordination/audit/export.csv")
        .status_code
        == 403
    )


@pytest.mark.parametrize("dangerous", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_every_formula_start_is_neutralised(dangerous):
    assert csv_safe(dangerous).startswith("'")
    assert csv_safe("plain") == "plain"
