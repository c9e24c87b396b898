"""Record in the audit log what happens in the lower apps, through their signals."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save, pre_save
from wagtail.models import PageLogEntry

from exchange.accounts.signals import approval_decided
from forum.signals import moderation_action
from specialists.models import Designation

from .audit import audit_record
from .models import AuditAction

PAGE_ACTIONS = {
    "wagtail.publish": (AuditAction.PUBLISH, "publish"),
    "wagtail.unpublish": (AuditAction.PUBLISH, "unpublish"),
    "wagtail.workflow.approve": (AuditAction.APPROVE, "approve"),
    "wagtail.workflow.reject": (AuditAction.REJECT, "reject"),
}


def on_page_log_entry(sender, instance, created, raw=False, **kwargs):
    if not created or raw or instance.action not in PAGE_ACTIONS:
        return
    action, verb = PAGE_ACTIONS[instance.action]
    data = instance.data or {}
    comment = data.get("comment") or ""
    if isinstance(comment, dict):
        comment = comment.get("text", "")
    audit_record(
        action=action,
        verb=f"page.{verb}",
        actor=instance.user,
        obj=instance.page,
        object_label=instance.label,
        reason=comment,
        after={"revision": instance.revision_id} if instance.revision_id else None,
    )


def on_login(sender, request, user, **kwargs):
    if getattr(user, "is_coordinator", False):
        audit_record(action=AuditAction.SIGN_IN, verb="sign_in", actor=user, obj=user)


def on_moderation(sender, moderator, post, verb, reason="", **kwargs):
    audit_record(
        action=AuditAction.MODERATE,
        verb=f"forum.{verb}",
        actor=moderator,
        obj=post,
        reason=reason,
        before=kwargs.get("before"),
        after=kwargs.get("after"),
    )


def on_approval(sender, user, decided_by, decision, reason="", **kwargs):
    audit_record(
        action=AuditAction.APPROVE if decision == "approve" else AuditAction.REJECT,
        verb=f"signup.{decision}",
        actor=decided_by,
        obj=user,
        object_label=user.email,
        reason=reason,
        after={"approval_status": user.approval_status},
    )


def _remember_role(sender, instance, raw=False, update_fields=None, **kwargs):
    # A log-in saves only last_login: no need to look the old role up then.
    if raw or instance.pk is None or (update_fields and "role" not in update_fields):
        instance._audit_old_role = None
        return
    old = sender.objects.filter(pk=instance.pk).values_list("role", flat=True).first()
    instance._audit_old_role = old


def on_user_saved(sender, instance, created, raw=False, **kwargs):
    old = getattr(instance, "_audit_old_role", None)
    if raw or created or old is None or old == instance.role:
        return
    instance._audit_old_role = instance.role
    audit_record(
        action=AuditAction.ROLE,
        verb="role.change",
        obj=instance,
        object_label=instance.email,
        before={"role": old},
        after={"role": instance.role},
    )


DESIGNATION_FIELDS = ("status", "role", "start_date", "end_date", "user_id")


def _designation_state(designation) -> dict:
    return {
        field: str(getattr(designation, field)) if getattr(designation, field) else None
        for field in DESIGNATION_FIELDS
    }


def _remember_designation(sender, instance, raw=False, **kwargs):
    instance._audit_before = None
    if raw or instance.pk is None:
        return
    old = sender.objects.filter(pk=instance.pk).first()
    instance._audit_before = _designation_state(old) if old else None


def on_designation_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_audit_before", None)
    after = _designation_state(instance)
    if not created and before == after:
        return
    actor = {
        "verified": instance.verified_by,
        "ended": instance.ended_by,
        "requested": instance.requested_by,
    }.get(instance.status)
    audit_record(
        action=AuditAction.DESIGNATION,
        verb="designation.create" if created else "designation.change",
        actor=actor,
        obj=instance,
        object_label=f"{instance.user} ({instance.get_role_display()})",
        reason=instance.note if created else "",
        before=None if created else before,
        after=after,
    )
    instance._audit_before = after


def connect():
    User = get_user_model()
    post_save.connect(on_page_log_entry, sender=PageLogEntry, dispatch_uid="audit_page")
    user_logged_in.connect(on_login, dispatch_uid="audit_login")
    moderation_action.connect(on_moderation, dispatch_uid="audit_moderation")
    approval_decided.connect(on_approval, dispatch_uid="audit_approval")
    pre_save.connect(_remember_role, sender=User, dispatch_uid="audit_role_pre")
    post_save.connect(on_user_saved, sender=User, dispatch_uid="audit_role_post")
    pre_save.connect(
        _remember_designation, sender=Designation, dispatch_uid="audit_desig_pre"
    )
    post_save.connect(
        on_designation_saved, sender=Designation, dispatch_uid="audit_desig_post"
    )
