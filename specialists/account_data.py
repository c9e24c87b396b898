"""The specialists app's part of "Download my data" and of deleting an account.

Deleting an account ends its designations in force (history kept, as when a
specialist steps down: the municipality shows as uncovered and the handover signal
runs), erases the directory profile (phone, languages, availability) and leaves the
network groups. Notices and agenda events stay, signed "former member".
"""

from django.db import transaction

from .models import AgendaEvent, Designation, GroupNotice, SpecialistProfile
from .services import designation_end


def _profile(user) -> dict | None:
    profile = (
        SpecialistProfile.objects.filter(user=user).prefetch_related("themes").first()
    )
    if profile is None:
        return None
    return {
        "phone": profile.phone,
        "hide_phone": profile.hide_phone,
        "languages": profile.language_codes,
        "availability": profile.availability_note,
        "themes": [t.slug for t in profile.themes.all()],
        "updated_at": profile.updated_at,
    }


def account_data(user) -> dict:
    """Designations, directory profile, network groups, notices and events."""
    return {
        "profile": _profile(user),
        "designations": [
            {
                "role": d.role,
                "status": d.status,
                "start_date": d.start_date,
                "end_date": d.end_date,
                "municipalities": [m.refnis for m in d.municipalities.all()],
                "note": d.note,
                "requested_at": d.created_at,
                "verified_at": d.verified_at,
                "ended_at": d.ended_at,
            }
            for d in Designation.objects.filter(user=user)
            .prefetch_related("municipalities")
            .order_by("start_date", "pk")
        ],
        "network_groups": [g.name for g in user.network_groups.order_by("name")],
        "group_notices": [
            {"group": n.group.name, "title": n.title, "body": n.body}
            for n in GroupNotice.objects.filter(author=user).select_related("group")
        ],
        "agenda_events": [
            {"group": e.group.name, "title": e.title, "starts_at": e.starts_at}
            for e in AgendaEvent.objects.filter(created_by=user).select_related("group")
        ],
    }


@transaction.atomic
def on_account_deleted(sender, user, **kwargs) -> None:
    for designation in Designation.objects.open().filter(user=user):
        designation_end(designation=designation, ended_by=user)
    SpecialistProfile.objects.filter(user=user).delete()
    user.network_groups.clear()
