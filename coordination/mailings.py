"""Announcements and the monthly newsletter by e-mail, in batches a worker resumes.

Each e-mail goes through the notifications' mail path (``member_email_send``: the
recipient's language, the one-click unsubscribe link and ``List-Unsubscribe`` headers
used by the digests). E-mail is opt-in on this platform: a mailing goes to members who
chose to receive e-mail (any frequency but "no e-mail"); the unsubscribe link
turns that off, as it does for digests.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django_tasks import task

from exchange.notifications.models import EmailFrequency
from exchange.notifications.services import member_email_send
from forum.models import Question
from practices.models import PracticeCollection, PracticePage

from .audit import audit_record
from .models import (
    Announcement,
    AuditAction,
    Mailing,
    MailingRecipient,
    Newsletter,
    SignalStatus,
    StructuralSignal,
)

BATCH_SIZE = 50
NEWSLETTER_ITEMS = 8


def mailing_audience():
    """Members who want e-mail from the platform."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            former_member=False,
            approval_status="approved",
            notification_preference__isnull=False,
        )
        .exclude(notification_preference__email_frequency=EmailFrequency.NEVER)
    )


# --- Newsletter content -------------------------------------------------------------


@dataclass
class NewsletterContent:
    practices: list
    collections: list
    questions: list
    signals: list


def _month_bounds(month: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(month.replace(day=1), time.min))
    following = (month.replace(day=1) + timedelta(days=32)).replace(day=1)
    return start, timezone.make_aware(datetime.combine(following, time.min))


def newsletter_content(month: date, language: str) -> NewsletterContent:
    """What happened in ``month``: the newsletter's lists, for one language."""
    start, end = _month_bounds(month)
    practices = (
        PracticePage.objects.live()
        .filter(first_published_at__gte=start, first_published_at__lt=end)
        .filter(locale__language_code=language)
        .order_by("-first_published_at")[:NEWSLETTER_ITEMS]
    )
    collections = PracticeCollection.objects.filter(published=True).order_by(
        "-updated_at"
    )[:4]
    questions = Question.objects.filter(
        is_hidden=False,
        accepted_answer__isnull=False,
        accepted_answer__created_at__gte=start,
        accepted_answer__created_at__lt=end,
    ).order_by("-vote_score", "-created_at")[:NEWSLETTER_ITEMS]
    signals = StructuralSignal.objects.filter(
        status__in=(SignalStatus.NEW, SignalStatus.ASSIGNED, SignalStatus.ANSWERED)
    ).order_by("-created_at")[:NEWSLETTER_ITEMS]
    return NewsletterContent(
        practices=[(p.title, settings.SITE_URL + p.url) for p in practices],
        collections=[
            (c.title, f"{settings.SITE_URL}/{language}/practices/collections/{c.slug}/")
            for c in collections
        ],
        questions=[
            (q.title, f"{settings.SITE_URL}/{language}/forum/questions/{q.pk}/")
            for q in questions
        ],
        signals=[
            (s.title, f"{settings.SITE_URL}/{language}/signals/{s.pk}/")
            for s in signals
        ],
    )


def newsletter_prepare(*, month: date) -> Newsletter:
    """The newsletter of ``month``, made with a default intro if it does not exist."""
    month = month.replace(day=1)
    newsletter = Newsletter.objects.filter(month=month).first()
    if newsletter is not None:
        return newsletter
    newsletter = Newsletter(month=month)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            setattr(
                newsletter,
                f"title_{code}",
                gettext("Newcomer Exchange: the month of %(month)s")
                % {"month": _month_name(month)},
            )
            setattr(
                newsletter,
                f"body_{code}",
                gettext("What colleagues shared this month, and what is still open."),
            )
    newsletter.save()
    return newsletter


def _month_name(month: date) -> str:
    return formats.date_format(month, "YEAR_MONTH_FORMAT")


# --- Rendering and sending ----------------------------------------------------------


def _render(mailing: Mailing, language: str) -> tuple[str, str, dict]:
    """Subject, template and context of ``mailing`` in ``language``."""
    newsletter = getattr(mailing, "newsletter", None)
    if newsletter is not None:
        return (
            newsletter.title_in(language),
            "coordination/email/newsletter.txt",
            {
                "newsletter": newsletter,
                "intro": newsletter.body_in(language),
                "content": newsletter_content(newsletter.month, language),
            },
        )
    announcement = mailing.announcement
    return (
        announcement.title_in(language),
        "coordination/email/announcement.txt",
        {
            "title": announcement.title_in(language),
            "body": announcement.body_in(language),
        },
    )


def mailing_email_one(*, mailing: Mailing, recipient) -> None:
    """Send ``mailing`` to one person, in their language."""
    language = recipient.language or settings.LANGUAGE_CODE
    with translation.override(language):
        subject, template, context = _render(mailing, language)
        member_email_send(
            recipient=recipient, subject=subject, template=template, context=context
        )


@transaction.atomic
def mailing_start(*, kind: str, created_by, recipients=None) -> Mailing:
    """Record a mailing and everyone it goes to; batches start after commit."""
    mailing = Mailing.objects.create(kind=kind, created_by=created_by)
    people = mailing_audience() if recipients is None else recipients
    MailingRecipient.objects.bulk_create(
        [
            MailingRecipient(mailing=mailing, user_id=pk)
            for pk in people.values_list("pk", flat=True)
        ],
        batch_size=1000,
    )
    return mailing


def mailing_enqueue(mailing: Mailing) -> None:
    transaction.on_commit(lambda: mailing_send_batch.enqueue(mailing.pk))


def mailing_send_next(mailing_id: int, *, batch_size: int = BATCH_SIZE) -> int:
    """Send the next batch; returns how many are left.

    Each recipient is marked sent right after their e-mail left, so a worker that
    stops mid-batch resumes with the next person, never e-mailing anyone twice.
    """
    mailing = Mailing.objects.select_related("newsletter", "announcement").get(
        pk=mailing_id
    )
    if mailing.status == Mailing.Status.DONE:
        return 0
    if mailing.status == Mailing.Status.QUEUED:
        Mailing.objects.filter(pk=mailing.pk).update(status=Mailing.Status.SENDING)
    pending = (
        MailingRecipient.objects.filter(mailing=mailing, sent_at__isnull=True)
        .select_related("user")
        .order_by("pk")[:batch_size]
    )
    for row in pending:
        if row.user.is_active and not row.user.former_member:
            mailing_email_one(mailing=mailing, recipient=row.user)
        MailingRecipient.objects.filter(pk=row.pk).update(sent_at=timezone.now())
    left = MailingRecipient.objects.filter(
        mailing=mailing, sent_at__isnull=True
    ).count()
    if left == 0:
        Mailing.objects.filter(pk=mailing.pk).update(
            status=Mailing.Status.DONE, finished_at=timezone.now()
        )
    return left


@task()
def mailing_send_batch(mailing_id: int) -> int:
    """One batch of a mailing; queues the next batch while people are left."""
    left = mailing_send_next(mailing_id)
    if left:
        mailing_send_batch.enqueue(mailing_id)
    return left


def mailings_resume() -> int:
    """Queue a batch for every unfinished mailing (after a worker stopped)."""
    unfinished = list(
        Mailing.objects.exclude(status=Mailing.Status.DONE).values_list("pk", flat=True)
    )
    for pk in unfinished:
        mailing_send_batch.enqueue(pk)
    return len(unfinished)


# --- The coordinators' actions -------------------------------------------------------


@transaction.atomic
def announcement_publish(*, announcement: Announcement, coordinator) -> Announcement:
    """Save the announcement; if asked, e-mail it to everyone who wants e-mail."""
    announcement.created_by = coordinator
    announcement.save()
    if announcement.send_email and announcement.mailing_id is None:
        announcement.mailing = mailing_start(
            kind="announcement", created_by=coordinator
        )
        announcement.save(update_fields=["mailing"])
        mailing_enqueue(announcement.mailing)
    audit_record(
        action=AuditAction.ANNOUNCEMENT,
        verb="announcement.publish",
        actor=coordinator,
        obj=announcement,
        after={
            "starts_on": str(announcement.starts_on),
            "ends_on": str(announcement.ends_on),
            "email": announcement.send_email,
        },
    )
    return announcement


def announcements_current(*, today=None):
    today = today or timezone.localdate()
    return Announcement.objects.filter(starts_on__lte=today, ends_on__gte=today)


@transaction.atomic
def newsletter_send(*, newsletter: Newsletter, coordinator) -> Mailing:
    """Send the newsletter to everyone who wants e-mail (once)."""
    if newsletter.mailing_id is not None:
        raise ValidationError(gettext("This newsletter has already been sent."))
    newsletter.mailing = mailing_start(kind="newsletter", created_by=coordinator)
    newsletter.save(update_fields=["mailing"])
    mailing_enqueue(newsletter.mailing)
    audit_record(
        action=AuditAction.NEWSLETTER,
        verb="newsletter.send",
        actor=coordinator,
        obj=newsletter,
        after={"recipients": newsletter.mailing.recipients.count()},
    )
    return newsletter.mailing


def newsletter_test_send(*, newsletter: Newsletter, coordinator) -> None:
    """Send the newsletter to the coordinator only, in their language."""
    mailing = Mailing(kind="newsletter-test")
    mailing.newsletter = newsletter
    language = coordinator.language or settings.LANGUAGE_CODE
    with translation.override(language):
        subject, template, context = _render(mailing, language)
        member_email_send(
            recipient=coordinator, subject=subject, template=template, context=context
        )
