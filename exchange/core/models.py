"""Site-wide records that belong to no section: accessibility feedback."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessibilityFeedback(models.Model):
    """A barrier someone met on the site, reported through the statement's form."""

    page_url = models.CharField(
        _("page where you met the barrier"),
        max_length=500,
        blank=True,
        help_text=_("The address of the page, or a description of where it was."),
    )
    message = models.TextField(
        _("what went wrong"),
        max_length=5000,
        help_text=_(
            "Describe the barrier: what you tried to do, and what assistive "
            "technology or browser you use, if any."
        ),
    )
    name = models.CharField(_("your name"), max_length=150, blank=True)
    email = models.EmailField(
        _("your e-mail address"),
        blank=True,
        help_text=_("Only if you would like an answer."),
    )
    language = models.CharField(_("language"), max_length=5, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("member"),
    )
    handled = models.BooleanField(_("handled"), default=False)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d} {self.page_url or self.message[:40]}"
