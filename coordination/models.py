"""The coordinators' workspace: audit log, signals, announcements, newsletters."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    PUBLISH = "publish", _("Publication")
    APPROVE = "approve", _("Approval")
    REJECT = "reject", _("Rejection")
    MODERATE = "moderate", _("Moderation")
    DESIGNATION = "designation", _("Designation change")
    ROLE = "role", _("Role change")
    SIGN_IN = "sign_in", _("Coordinator sign-in")
    SIGNAL = "signal", _("Signal handled")
    ANNOUNCEMENT = "announcement", _("Announcement")
    NEWSLETTER = "newsletter", _("Newsletter")
    RETENTION = "retention", _("Data retention")


class AppendOnlyQuerySet(models.QuerySet):
    """No bulk update or delete: an audit entry, once written, stays as it is."""

    def update(self, **kwargs):
        raise ValidationError(_("Audit entries cannot be changed."))

    def delete(self):
        raise ValidationError(_("Audit entries cannot be deleted."))

    def expire(self, *, before) -> int:
        """Remove entries older than the retention period (the only removal path).

        Refuses a cut-off younger than ``AUDIT_RETENTION_DAYS``.
        """
        limit = timezone.now() - timezone.timedelta(days=AUDIT_RETENTION_DAYS)
        if before > limit:
            raise ValidationError(_("Audit entries are kept for five years."))
        doomed = self.filter(created_at__lt=before)
        return doomed._raw_delete(doomed.db)


AUDIT_RETENTION_DAYS = 5 * 365 + 1


class AuditEntry(models.Model):
    """Who did what, when, why, with the state before and after (append-only)."""

    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Kept as text too: the entry must still say who it was after an account is gone.
    actor_label = models.CharField(_("who (as recorded)"), max_length=200, blank=True)
    action = models.CharField(
        _("action"), max_length=20, choices=AuditAction.choices, db_index=True
    )
    verb = models.CharField(_("what"), max_length=60)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    object_label = models.CharField(_("object"), max_length=300, blank=True)
    reason = models.TextField(_("why"), blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["action", "created_at"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.verb}"

    def save(self, *args, **kwargs):
        if self.pk is not None or not self._state.adding:
            raise ValidationError(_("Audit entries cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Audit entries cannot be deleted."))


class SignalStatus(models.TextChoices):
    NEW = "new", _("New")
    ASSIGNED = "assigned", _("Assigned")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    MERGED = "merged", _("Merged into another signal")


class SignalKind(models.TextChoices):
    BLOCKING_RULE = "rule", _("A rule that blocks access")
    INCONSISTENCY = "inconsistency", _("An inconsistency between centres")
    MISSING_SERVICE = "missing", _("A missing service")
    OTHER = "other", _("Something else")


class StructuralSignal(models.Model):
    """A structural problem seen in the field, signalled upward to the coordinators."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("what happens"))
    kind = models.CharField(
        _("kind of problem"),
        max_length=20,
        choices=SignalKind.choices,
        default=SignalKind.OTHER,
    )
    theme = models.ForeignKey(
        "taxonomy.Theme",
        verbose_name=_("theme"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    region = models.ForeignKey(
        "specialists.Region",
        verbose_name=_("region"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    questions = models.ManyToManyField(
        "forum.Question", verbose_name=_("related questions"), blank=True
    )
    practices = models.ManyToManyField(
        "practices.PracticePage", verbose_name=_("related practices"), blank=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signalled by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="structural_signals",
    )
    followers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="followed_signals", blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=SignalStatus.choices,
        default=SignalStatus.NEW,
        db_index=True,
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged",
    )
    internal_note = models.TextField(_("answer to the signaller"), blank=True)
    response = models.TextField(_("published response"), blank=True)
    response_published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")

    def __str__(self):
        return self.title


class _FourLanguageText(models.Model):
    """Title and text in nl, fr, de and en; ``in_language`` falls back to English."""

    title_nl = models.CharField(_("title (Dutch)"), max_length=200, blank=True)
    title_fr = models.CharField(_("title (French)"), max_length=200, blank=True)
    title_de = models.CharField(_("title (German)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200)
    body_nl = models.TextField(_("text (Dutch)"), blank=True)
    body_fr = models.TextField(_("text (French)"), blank=True)
    body_de = models.TextField(_("text (German)"), blank=True)
    body_en = models.TextField(_("text (English)"), blank=True)

    class Meta:
        abstract = True

    def title_in(self, language: str | None) -> str:
        code = (language or "en")[:2]
        return getattr(self, f"title_{code}", "") or self.title_en

    def body_in(self, language: str | None) -> str:
        code = (language or "en")[:2]
        return getattr(self, f"body_{code}", "") or self.body_en

    @property
    def title(self) -> str:
        return self.title_in(get_language())

    @property
    def body(self) -> str:
        return self.body_in(get_language())


class Announcement(_FourLanguageText):
    """A message from the coordinators, on the home page between two dates."""

    starts_on = models.DateField(_("shown from"), default=timezone.localdate)
    ends_on = models.DateField(_("shown until"))
    send_email = models.BooleanField(_("also send by e-mail"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    mailing = models.OneToOneField(
        "coordination.Mailing",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="announcement",
    )

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self):
        return self.title_en


class Newsletter(_FourLanguageText):
    """The monthly newsletter: an editable text per language, assembled from content."""

    month = models.DateField(_("month"), unique=True, help_text=_("First day."))
    created_at = models.DateTimeField(auto_now_add=True)
    mailing = models.OneToOneField(
        "coordination.Mailing",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="newsletter",
    )

    class Meta:
        ordering = ["-month"]
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")

    def __str__(self):
        return f"{self.month:%Y-%m}"


class Mailing(models.Model):
    """One e-mail sent to many people, in batches that a worker can resume."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        DONE = "done", _("Sent")

    kind = models.CharField(max_length=20)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.kind} {self.created_at:%Y-%m-%d} ({self.status})"


class MailingRecipient(models.Model):
    """One person on a mailing; ``sent_at`` set once their e-mail left."""

    mailing = models.ForeignKey(
        Mailing, on_delete=models.CASCADE, related_name="recipients"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["mailing", "user"], name="coordination_one_mail_per_user"
            )
        ]
        indexes = [models.Index(fields=["mailing", "sent_at"])]

    def __str__(self):
        return f"{self.mailing_id} → {self.user_id}"
