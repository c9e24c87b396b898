"""Tell the author (in-app and by e-mail) at each step of the review workflow."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.signals import (
    copy_for_translation_done,
    page_published,
    task_approved,
    task_rejected,
    workflow_submitted,
)

from specialists.signals import designation_handover

from .models import PracticePage
from .reviews import on_designation_handover


def _practice_of(workflow_state):
    obj = workflow_state.content_object
    specific = getattr(obj, "specific", obj)
    return specific if isinstance(specific, PracticePage) else None


def _author_link(practice) -> str:
    from django.urls import reverse

    return reverse("practices:edit", kwargs={"pk": practice.pk})


def _send(*, transactional=False, **kwargs):
    """Notify in-app (and by e-mail as the person chose).

    ``transactional``: a decision about the recipient's own practice. It is e-mailed
    unless the person explicitly chose no e-mail (the default preference is none,
    yet an author must hear that their text was returned or published).
    """
    from django.db import transaction

    from exchange.notifications import services
    from exchange.notifications.models import NotificationPreference

    notification = services.notification_send(**kwargs)
    if (
        notification is not None
        and transactional
        and kwargs.get("email", True)
        and not NotificationPreference.objects.filter(
            user=notification.recipient
        ).exists()
    ):
        transaction.on_commit(lambda: services.notification_email(notification))
    return notification


def on_workflow_submitted(sender, instance, user, **kwargs):
    practice = _practice_of(instance)
    if practice is None:
        return
    if practice.owner is not None:
        _send(
            recipient=practice.owner,
            kind="practice_submitted",
            title=format_lazy(
                _("“{}” was sent to the coordinators for review"), practice.title
            ),
            body=_("You will hear from us when it is approved or needs changes."),
            url=_author_link(practice),
            transactional=True,
        )
    User = get_user_model()
    for coordinator in User.objects.filter(
        role="coordinator", is_active=True, former_member=False
    ).exclude(pk=getattr(user, "pk", None)):
        _send(
            recipient=coordinator,
            kind="practice_to_review",
            title=format_lazy(
                _("A practice is waiting for review: “{}”"), practice.title
            ),
            url="/{}/practices/review/".format(coordinator.language or "en"),
            actor=user,
            email=False,
        )


def on_task_rejected(sender, instance, user, **kwargs):
    practice = _practice_of(instance.workflow_state)
    if practice is None or practice.owner is None:
        return
    _send(
        recipient=practice.owner,
        kind="practice_changes_requested",
        title=format_lazy(_("Changes requested for “{}”"), practice.title),
        body=format_lazy(
            _("The coordinator wrote: {}"), instance.comment or _("(no comment)")
        ),
        url=_author_link(practice),
        actor=user,
        transactional=True,
    )


def on_task_approved(sender, instance, user, **kwargs):
    practice = _practice_of(instance.workflow_state)
    if practice is None:
        return
    today = timezone.localdate()
    PracticePage.objects.filter(pk=practice.pk).update(
        last_reviewed_at=today, review_reminded_at=None
    )
    # The last task's approval publishes: the "published" message says it all then.
    if instance.workflow_state.status == instance.workflow_state.STATUS_APPROVED:
        return
    if practice.owner is not None:
        _send(
            recipient=practice.owner,
            kind="practice_approved",
            title=format_lazy(_("“{}” was approved"), practice.title),
            body=instance.comment or "",
            url=_author_link(practice),
            actor=user,
            transactional=True,
        )


def on_page_published(sender, instance, revision=None, **kwargs):
    if not isinstance(instance, PracticePage) or instance.owner is None:
        return
    if revision is None or revision.user_id is None:
        return  # imports and scripts publish without telling anyone
    owner = instance.owner
    if revision.user_id == owner.pk and owner.is_coordinator:
        return  # a coordinator publishing their own text needs no message
    _send(
        recipient=owner,
        kind="practice_published",
        title=format_lazy(_("“{}” is published"), instance.title),
        body=_("Colleagues can now find it in the library."),
        url=instance.get_url() or "",
        transactional=True,
    )


def on_copy_for_translation_done(sender, source_obj, target_obj, **kwargs):
    """A copy made with "Translate" in the admin is a translation, not the original."""
    from .models import TranslatedBy

    if not isinstance(target_obj, PracticePage):
        return
    if target_obj.translated_by != TranslatedBy.AUTHOR:
        return
    PracticePage.objects.filter(pk=target_obj.pk).update(
        translated_by=TranslatedBy.HUMAN
    )
    revision = target_obj.get_latest_revision()
    if revision is not None:
        revision.content["translated_by"] = TranslatedBy.HUMAN
        revision.save(update_fields=["content"])


def connect():
    workflow_submitted.connect(on_workflow_submitted, dispatch_uid="practices_submit")
    task_rejected.connect(on_task_rejected, dispatch_uid="practices_reject")
    task_approved.connect(on_task_approved, dispatch_uid="practices_approve")
    page_published.connect(on_page_published, dispatch_uid="practices_published")
    copy_for_translation_done.connect(
        on_copy_for_translation_done, dispatch_uid="practices_translated"
    )
    designation_handover.connect(on_designation_handover, dispatch_uid="practices_ho")
