"""JSON API of the specialist directory (members only; see docs/api.md)."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Schema
from ninja.errors import HttpError

from exchange.accounts.permissions import api_require_member
from exchange.taxonomy.models import Theme

from .coverage import municipality_coverage
from .models import SPOKEN_LANGUAGE_NAMES, Municipality, Province, Region
from .selectors import (
    current_specialist_for,
    directory_search,
    municipalities_matching,
)

LOGIN_MESSAGE = gettext_lazy("Log in to see the specialist directory.")
MEMBER_MESSAGE = gettext_lazy("The specialist directory is for members only.")

router = Router(tags=["specialists"])
PAGE_SIZE = 20


class MunicipalityOut(Schema):
    refnis: str
    name: str
    province: str | None = None
    region: str
    postcodes: list[str]


class PersonOut(Schema):
    id: int
    name: str
    email: str
    phone: str
    centre: str | None = None
    availability: str
    languages: list[str]
    themes: list[str]
    roles: list[str]
    municipalities: list[MunicipalityOut]
    url: str


class DirectoryPage(Schema):
    count: int
    page: int
    pages: int
    results: list[PersonOut]


class ContactOut(Schema):
    id: int
    name: str
    url: str


class CoverageOut(Schema):
    municipality: MunicipalityOut
    status: str
    contact: ContactOut | None = None
    specialists: list[ContactOut]


def _municipality(m) -> dict:
    return {
        "refnis": m.refnis,
        "name": m.name,
        "province": m.province.name if m.province_id else None,
        "region": m.region.slug,
        "postcodes": m.postcodes.split(),
    }


def _person(person) -> dict:
    from django.urls import reverse

    profile = getattr(person, "specialist_profile", None)
    designations = getattr(person, "current_designations", [])
    municipalities = {}
    for designation in designations:
        for m in designation.municipalities.all():
            municipalities[m.pk] = m
    return {
        "id": person.pk,
        "name": person.display_name,
        "email": person.email,
        "phone": profile.visible_phone if profile else "",
        "centre": person.home_centre.name if person.home_centre_id else None,
        "availability": profile.availability_note if profile else "",
        "languages": profile.language_codes if profile else [],
        "themes": [t.slug for t in profile.themes.all()] if profile else [],
        "roles": sorted({d.role for d in designations}),
        "municipalities": [_municipality(m) for m in municipalities.values()],
        "url": reverse("specialists:person", args=[person.pk]),
    }


@router.get("/", response=DirectoryPage, summary="Search the directory")
def directory(
    request,
    name: str = "",
    municipality: str = "",
    province: str = "",
    region: str = "",
    theme: str = "",
    language: str = "",
    page: int = 1,
):
    """Listed specialists. ``municipality``: a name in any language or a postcode;
    ``province``: REFNIS code; ``region``: flanders, wallonia or brussels;
    ``theme``: theme slug; ``language``: ISO 639-1 code."""
    user = api_require_member(
        request, login_message=LOGIN_MESSAGE, member_message=MEMBER_MESSAGE
    )
    filters = {"name": name.strip()}
    if municipality.strip():
        found = list(municipalities_matching(municipality)[:50])
        if not found:
            raise HttpError(
                422,
                _("No municipality or postcode matches “%(text)s”.")
                % {"text": municipality.strip()},
            )
        filters["municipalities"] = found
    lookups = (
        ("province", province, Province, "code"),
        ("region", region, Region, "slug"),
        ("theme", theme, Theme, "slug"),
    )
    for key, value, model, field in lookups:
        if value:
            obj = model.objects.filter(**{field: value}).first()
            if obj is None:
                raise HttpError(
                    422,
                    _("Unknown %(field)s: “%(value)s”.")
                    % {"field": key, "value": value},
                )
            filters[key] = obj
    if language:
        if language not in SPOKEN_LANGUAGE_NAMES:
            raise HttpError(
                422, _("Unknown language code: “%(value)s”.") % {"value": language}
            )
        filters["language"] = language
    people = directory_search(user, **filters)
    paginator = Paginator(people, PAGE_SIZE)
    page_obj = paginator.get_page(page)
    return {
        "count": paginator.count,
        "page": page_obj.number,
        "pages": paginator.num_pages,
        "results": [_person(p) for p in page_obj.object_list],
    }


@router.get("/people/{id:person_id}", response=PersonOut, summary="One specialist")
def person_detail(request, person_id: int):
    user = api_require_member(
        request, login_message=LOGIN_MESSAGE, member_message=MEMBER_MESSAGE
    )
    people = directory_search(user)
    return _person(get_object_or_404(people, pk=person_id))


@router.get(
    "/municipalities/{key}",
    response=CoverageOut,
    summary="Who to call for a municipality",
)
def municipality_contact(request, key: str):
    """``key``: REFNIS code, postcode or exact name in any language."""
    api_require_member(
        request, login_message=LOGIN_MESSAGE, member_message=MEMBER_MESSAGE
    )
    municipality = Municipality.objects.filter(refnis=key).first()
    if municipality is None:
        from .selectors import municipality_exact

        municipality = municipality_exact(key)
    if municipality is None:
        raise HttpError(
            422,
            _("Unknown municipality or postcode: %(entries)s.")
            % {"entries": f"“{key}”"},
        )
    row = next(
        r for r in municipality_coverage() if r.municipality.pk == municipality.pk
    )
    contact = current_specialist_for(municipality)

    def short(u):
        from django.urls import reverse

        return {
            "id": u.pk,
            "name": u.display_name,
            "url": reverse("specialists:person", args=[u.pk]),
        }

    return {
        "municipality": _municipality(row.municipality),
        "status": row.status,
        "contact": short(contact) if contact else None,
        "specialists": [short(u) for u in row.specialists],
    }
