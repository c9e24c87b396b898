"""Data retention: each kind of data goes after its documented period."""

from datetime import timedelta
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.utils import timezone

from coordination.models import AuditAction, AuditEntry
from exchange.accounts.models import User
from exchange.notifications.models import Notification
from search.models import QueryLog
from tests.factories import CaseworkerFactory

pytestmark = pytest.mark.django_db


def _age(model, pk, days, field="created_at"):
    model.objects.filter(pk=pk).update(**{field: timezone.now() - timedelta(days=days)})


def test_command_removes_what_is_past_its_period_and_prints_it(caseworker):
    old_query = QueryLog.objects.create(
        query="old", language="nl", result_count=1, engine="embedded"
    )
    QueryLog.objects.create(query="new", language="nl", result_count=1, engine="x")
    _age(QueryLog, old_query.pk, 200)
    stale = CaseworkerFactory(approval_status="pending")
    EmailAddress.objects.filter(user=stale).update(verified=False)
    _age(User, stale.pk, 40, "date_joined")
    fresh = CaseworkerFactory(approval_status="pending")
    EmailAddress.objects.filter(user=fresh).update(verified=False)
    waiting_verified = CaseworkerFactory(approval_status="pending")
    _age(User, waiting_verified.pk, 40, "date_joined")
    old_note = Notification.objects.create(recipient=caseworker, kind="x", title="old")
    Notification.objects.create(recipient=caseworker, kind="x", title="new")
    _age(Notification, old_note.pk, 400)

    out = StringIO()
    call_command("apply_retention", stdout=out)
    printed = out.getvalue()
    assert "search_log: removed 1" in printed
    assert "unverified_signups: removed 1" in printed
    assert "notifications: removed 1" in printed
    assert "Total removed: 3" in printed
    assert list(QueryLog.objects.values_list("query", flat=True)) == ["new"]
    assert not User.objects.filter(pk=stale.pk).exists()
    assert User.objects.filter(pk__in=[fresh.pk, waiting_verified.pk]).count() == 2
    assert list(Notification.objects.values_list("title", flat=True)) == ["new"]
    entry = AuditEntry.objects.get(action=AuditAction.RETENTION)
    assert entry.after == {"search_log": 1, "unverified_signups": 1, "notifications": 1}


def test_dry_run_only_counts():
    old = QueryLog.objects.create(
        query="old", language="nl", result_count=1, engine="x"
    )
    _age(QueryLog, old.pk, 200)
    out = StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert "search_log: would remove 1" in out.getvalue()
    assert QueryLog.objects.filter(pk=old.pk).exists()


def test_rejected_sign_ups_go_after_six_months():
    rejected = CaseworkerFactory(approval_status="rejected")
    _age(User, rejected.pk, 200, "approval_decided_at")
    recent = CaseworkerFactory(approval_status="rejected")
    _age(User, recent.pk, 10, "approval_decided_at")
    call_command("apply_retention", stdout=StringIO())
    assert not User.objects.filter(pk=rejected.pk).exists()
    assert User.objects.filter(pk=recent.pk).exists()


def test_audit_entries_stay_five_years(coordinator):
    from django.db import connection

    from coordination.audit import audit_record

    kept = audit_record(action=AuditAction.SIGN_IN, verb="sign_in", actor=coordinator)
    expired = audit_record(
        action=AuditAction.SIGN_IN, verb="sign_in", actor=coordinator
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE coordination_auditentry SET created_at = %s WHERE id = %s",
            [timezone.now() - timedelta(days=4 * 365), kept.pk],
        )
        cursor.execute(
            "UPDATE coordination_auditentry SET created_at = %s WHERE id = %s",
            [timezone.now() - timedelta(days=5 * 365 + 30), expired.pk],
        )
    call_command("apply_retention", stdout=StringIO())
    assert AuditEntry.objects.filter(pk=kept.pk).exists()
    assert not AuditEntry.objects.filter(pk=expired.pk).exists()


def test_privacy_statement_lists_the_periods(client, site_tree):
    page = client.get("/en/privacy/").content.decode()
    assert "How long we keep data" in page
    assert "Search log (queries, without who searched)" in page
    assert "6 months" in page and "30 days" in page and "5 years" in page
    assert "1 year" in page
    # Other standard pages do not.
    assert "How long we keep data" not in client.get("/en/about/").content.decode()
