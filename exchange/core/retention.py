"""How long the platform keeps each kind of data (periods in settings).

``settings.DATA_RETENTION_DAYS`` holds the periods; this module names them for the
privacy statement. The coordination app's ``apply_retention`` command applies them.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

RETENTION_KINDS = {
    "search_log": (
        _("Search log (queries, without who searched)"),
        _("removed, so no query text outlives the period"),
    ),
    "unverified_signups": (
        _("Sign-ups whose e-mail address was never verified"),
        _("the account is removed"),
    ),
    "rejected_signups": (
        _("Rejected sign-ups"),
        _("the account is removed"),
    ),
    "notifications": (_("Notifications"), _("removed")),
    "mailing_recipients": (
        _("Who received a newsletter or announcement e-mail"),
        _("removed"),
    ),
    "accessibility_feedback": (_("Accessibility feedback"), _("removed")),
    "audit_log": (
        _("Audit log of coordinators' actions"),
        _("removed; until then no one can change or delete an entry"),
    ),
}


@dataclass
class RetentionPeriod:
    kind: str
    label: str
    days: int
    what_happens: str

    @property
    def period(self) -> str:
        """'30 days', '6 months', '5 years' in the active language."""
        if self.days % 365 in (0, 1, 2) and self.days >= 365:
            years = self.days // 365
            return ngettext("%(n)d year", "%(n)d years", years) % {"n": years}
        if self.days >= 60:
            months = round(self.days / 30.5)
            return ngettext("%(n)d month", "%(n)d months", months) % {"n": months}
        return ngettext("%(n)d day", "%(n)d days", self.days) % {"n": self.days}


def retention_periods() -> list[RetentionPeriod]:
    periods = getattr(settings, "DATA_RETENTION_DAYS", {})
    return [
        RetentionPeriod(kind, str(label), periods[kind], str(what))
        for kind, (label, what) in RETENTION_KINDS.items()
        if kind in periods
    ]
