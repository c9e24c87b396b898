"""Reads of the specialists app: who is a specialist, for where, and who may see it.

Stable API used by other apps: ``specialists_visible_to``, ``current_specialist_for``,
``specialists_matching``, ``is_verified_specialist``.
"""

import re
import unicodedata
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from exchange.accounts.permissions import is_member

from .models import (
    Designation,
    DesignationRole,
    DesignationStatus,
    Municipality,
    NetworkGroup,
)


def _current_designations(on=None) -> QuerySet:
    return Designation.objects.current(on)


def _with_current_designation(users: QuerySet, on=None) -> QuerySet:
    current = _current_designations(on).filter(user=OuterRef("pk"))
    return users.filter(Exists(current))


def specialists_visible_to(user) -> QuerySet:
    """Users listed in the directory (a current verified designation), for ``user``.

    Members see every listed specialist; anonymous and non-approved users see none.
    """
    User = get_user_model()
    if not is_member(user):
        return User.objects.none()
    listed = User.objects.filter(is_active=True, former_member=False)
    return _with_current_designation(listed).order_by("full_name", "email")


def is_verified_specialist(user) -> bool:
    """Whether ``user`` has a verified designation in force today (for the badge)."""
    if user is None or not getattr(user, "pk", None):
        return False
    cached = getattr(user, "_verified_specialist", None)
    if cached is None:
        cached = _current_designations().filter(user=user).exists()
        user._verified_specialist = cached
    return cached


def with_verified_badge(users: QuerySet) -> QuerySet:
    """Annotate users so that ``{% specialist_badge %}`` needs no query."""
    current = _current_designations().filter(user=OuterRef("pk"))
    return users.annotate(_verified_specialist=Exists(current))


def current_specialist_for(municipality):
    """The person to call for ``municipality``: the verified primary, else a deputy."""
    if municipality is None:
        return None
    designations = (
        _current_designations()
        .filter(municipalities=municipality, user__is_active=True)
        .select_related("user")
        .order_by("start_date", "pk")
    )
    for role in (DesignationRole.PRIMARY, DesignationRole.DEPUTY):
        designation = designations.filter(role=role).first()
        if designation is not None:
            return designation.user
    return None


def specialists_matching(*, themes, municipality=None, region=None) -> QuerySet:
    """Specialists for routing a question: expertise overlaps ``themes``, place matches.

    Place: designated for ``municipality``; when no municipality is given, for any
    municipality of ``region``; with neither, anywhere. An empty ``themes`` does not
    filter on expertise.
    """
    User = get_user_model()
    current = _current_designations()
    if municipality is not None:
        current = current.filter(municipalities=municipality)
    elif region is not None:
        current = current.filter(municipalities__region=region)
    users = User.objects.filter(
        is_active=True,
        former_member=False,
        pk__in=current.values("user_id"),
    )
    theme_ids = [getattr(t, "pk", t) for t in (themes or [])]
    if theme_ids:
        users = users.filter(specialist_profile__themes__in=theme_ids)
    return users.distinct().order_by("full_name", "email")


# --- Municipalities -------------------------------------------------------------------
POSTCODE_RE = re.compile(r"^\d{4}$")
REFNIS_RE = re.compile(r"^\d{5}$")


def fold_place_name(text: str) -> str:
    """Lower case, no accents, hyphens and apostrophes as spaces: "sint jans molenbeek"
    matches "Sint-Jans-Molenbeek", "liege" matches "Liège"."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _folded_matches(text: str, *, exact: bool) -> list[int]:
    wanted = fold_place_name(text)
    if not wanted:
        return []
    found = []
    # 565 short rows: folding in Python works the same on SQLite and PostgreSQL.
    for pk, *names in Municipality.objects.values_list(
        "pk", "name_nl", "name_fr", "name_de"
    ):
        folded = [fold_place_name(n) for n in names if n]
        if any(wanted == f if exact else wanted in f for f in folded):
            found.append(pk)
    return found


def municipalities_matching(text: str) -> QuerySet:
    """Municipalities by name in any language (tolerant of accents, hyphens and
    spaces), by postcode or by REFNIS code; exact names first."""
    text = (text or "").strip()
    qs = Municipality.objects.select_related("province", "region")
    if not text:
        return qs.none()
    if REFNIS_RE.match(text):
        return qs.filter(refnis=text)
    if POSTCODE_RE.match(text):
        return qs.filter(
            Q(postcodes=text)
            | Q(postcodes__startswith=f"{text} ")
            | Q(postcodes__endswith=f" {text}")
            | Q(postcodes__contains=f" {text} ")
        )
    exact = _folded_matches(text, exact=True)
    if exact:
        return qs.filter(pk__in=exact)
    return qs.filter(pk__in=_folded_matches(text, exact=False))


def municipality_exact(text: str):
    """One municipality named ``text`` (any language, accents and hyphens aside),
    with that postcode or REFNIS code; None when nothing or several match."""
    text = (text or "").strip()
    if not text:
        return None
    matches = municipalities_matching(text)
    if not POSTCODE_RE.match(text) and not REFNIS_RE.match(text):
        matches = matches.filter(pk__in=_folded_matches(text, exact=True))
    found = list(matches[:2])
    return found[0] if len(found) == 1 else None


# --- Directory ------------------------------------------------------------------------


def directory_search(
    user,
    *,
    name: str = "",
    municipalities: Iterable | None = None,
    province=None,
    region=None,
    theme=None,
    language: str = "",
) -> QuerySet:
    """The directory for ``user``, filtered, with profiles and designations."""
    people = specialists_visible_to(user)
    current = _current_designations()
    if municipalities is not None:
        current = current.filter(municipalities__in=list(municipalities))
        people = people.filter(pk__in=current.values("user_id"))
    if province is not None:
        people = people.filter(
            pk__in=current.filter(municipalities__province=province).values("user_id")
        )
    if region is not None:
        people = people.filter(
            pk__in=current.filter(municipalities__region=region).values("user_id")
        )
    if name:
        people = people.filter(Q(full_name__icontains=name) | Q(email__icontains=name))
    if theme is not None:
        people = people.filter(specialist_profile__themes=theme)
    if language:
        people = people.filter(specialist_profile__languages__contains=f" {language} ")
    return with_directory_details(people.distinct())


def with_directory_details(people: QuerySet) -> QuerySet:
    """Load what a directory card shows in a fixed number of queries."""
    current = (
        _current_designations()
        .prefetch_related(
            Prefetch(
                "municipalities",
                queryset=Municipality.objects.select_related("province"),
            )
        )
        .order_by("role", "start_date")
    )
    return people.select_related("specialist_profile", "home_centre").prefetch_related(
        Prefetch("designations", queryset=current, to_attr="current_designations"),
        "specialist_profile__themes",
    )


def person_designation_history(person) -> QuerySet:
    """Every designation of ``person``, newest first (ended ones too)."""
    return (
        Designation.objects.filter(user=person)
        .select_related("verified_by", "requested_by", "ended_by", "successor")
        .prefetch_related("municipalities")
    )


def fallback_contact_for(municipality) -> dict:
    """Who to ask when ``municipality`` has no specialist, so nobody dead-ends.

    A specialist of another municipality of the same province (else the same
    region), else a federal coordinator; ``{"kind", "person", "area"}``, where
    ``kind`` is ``province``, ``region`` or ``coordinator``, plus ``coordinator``
    to report the gap to (None while the platform has no coordinator).
    """
    coordinator = (
        get_user_model()
        .objects.filter(role="coordinator", is_active=True, former_member=False)
        .order_by("pk")
        .first()
    )
    designations = (
        _current_designations()
        .filter(user__is_active=True, role=DesignationRole.PRIMARY)
        .select_related("user")
        .order_by("start_date", "pk")
    )
    found = {"kind": "coordinator", "person": coordinator, "area": None}
    nearby = None
    if municipality.province_id:
        nearby = designations.filter(
            municipalities__province_id=municipality.province_id
        ).first()
        if nearby is not None:
            found = {"kind": "province", "person": nearby.user}
            found["area"] = municipality.province
    if nearby is None:
        nearby = designations.filter(
            municipalities__region_id=municipality.region_id
        ).first()
        if nearby is not None:
            found = {"kind": "region", "person": nearby.user}
            found["area"] = municipality.region
    found["coordinator"] = coordinator
    return found


def contacts_for_home(user) -> list[dict]:
    """'Who do I call': each municipality of the user's centre and its specialist."""
    if not is_member(user) or user.home_centre_id is None:
        return []
    municipalities = list(user.home_centre.municipalities.all())
    rows = []
    for municipality in municipalities:
        specialist = current_specialist_for(municipality)
        rows.append(
            {
                "municipality": municipality,
                "specialist": specialist,
                "fallback": None if specialist else fallback_contact_for(municipality),
            }
        )
    return rows


# --- Designations to act on -----------------------------------------------------------


def designations_requested() -> QuerySet:
    """Requests waiting for a coordinator, oldest first."""
    return (
        Designation.objects.filter(status=DesignationStatus.REQUESTED)
        .select_related("user", "requested_by")
        .prefetch_related("municipalities")
        .order_by("created_at")
    )


# --- Network --------------------------------------------------------------------------


def group_notices(group, limit: int = 30) -> QuerySet:
    """The newest notices of ``group``; authors carry their badge (no query each)."""
    authors = with_verified_badge(get_user_model().objects.all())
    return group.notices.prefetch_related(Prefetch("author", queryset=authors))[:limit]


def groups_visible_to(user) -> QuerySet:
    """Network groups: members see all (to find one to join); others none."""
    if not is_member(user):
        return NetworkGroup.objects.none()
    return NetworkGroup.objects.select_related("province", "region")


def groups_of(user) -> QuerySet:
    if not is_member(user):
        return NetworkGroup.objects.none()
    return NetworkGroup.objects.filter(members=user)
