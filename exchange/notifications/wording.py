"""Confirmation messages that say how the reader will hear about things, as their
e-mail preference says (issue 15 item 9): "new posts in your daily digest", not a
promise of e-mails the reader turned off."""

from django.utils.translation import gettext as _

from .models import EmailFrequency
from .services import email_frequency_of


def follow_confirmation(user) -> str:
    """After following a question, theme or signal."""
    return {
        EmailFrequency.IMMEDIATE: _("You now follow this: new posts by e-mail too."),
        EmailFrequency.DAILY: _("You now follow this: new posts in your daily digest."),
        EmailFrequency.WEEKLY: _(
            "You now follow this: new posts in your weekly digest."
        ),
    }.get(
        email_frequency_of(user),
        _("You now follow this: new posts in your notifications (no e-mail)."),
    )


def preference_saved_confirmation(frequency: str) -> str:
    """After saving the e-mail preference: what will happen from now on."""
    return {
        EmailFrequency.IMMEDIATE: _("Saved: you get one e-mail per event."),
        EmailFrequency.DAILY: _("Saved: you get a daily digest by e-mail."),
        EmailFrequency.WEEKLY: _("Saved: you get a weekly digest by e-mail."),
    }.get(frequency, _("Saved: no e-mail; everything stays in your notifications."))
