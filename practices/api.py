"""JSON API of the library: /api/v1/practices/ (list, filters) and /{id} (detail).

Same visibility as the pages: anonymous callers get public practices only, members
every published one; drafts never.
"""

from datetime import datetime

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from exchange.accounts.permissions import is_member
from exchange.core.api_errors import api_datetime
from exchange.core.api_pagination import BoundedPageNumberPagination

from .exports import practice_row
from .selectors import (
    SORTS,
    adoptions_for,
    practices_filter,
    practices_sorted,
    practices_visible_to,
    with_adoption_count,
)

router = Router(tags=["practices"])


class PracticeOut(Schema):
    id: int
    url: str
    title: str
    summary: str
    language: str
    translation_key: str
    themes: list[str]
    target_groups: list[str]
    municipalities: list[str]
    region: str
    visibility: str
    legal_basis: str
    start_date: str
    review_by: str
    last_reviewed_at: str
    first_published_at: str
    adoption_count: int


class SectionOut(Schema):
    context: str
    approach_html: str
    results: str
    resources: str
    transferability: str


class AdoptionOut(Schema):
    centre: str
    since: datetime


class TranslationOut(Schema):
    id: int
    language: str
    url: str
    translated_by: str


class PracticeDetailOut(PracticeOut):
    sections: SectionOut
    adopted_by: list[AdoptionOut]
    translations: list[TranslationOut]
    translated_by: str
    contact: str | None = None


class PracticeFilters(Schema):
    theme: list[str] = []
    target_group: list[str] = []
    region: str = ""
    province: str = ""
    municipality: str = ""
    language: str = ""
    sort: str = "newest"


class _Params(dict):
    """Adapts the validated filters to the QueryDict interface of practices_filter."""

    def getlist(self, key):
        value = self.get(key) or []
        return value if isinstance(value, list) else [value]


def _queryset(request, filters: PracticeFilters):
    params = _Params(filters.dict())
    queryset = practices_filter(
        practices_visible_to(request.user),
        params,
        language=(get_language() or "en")[:2],
    )
    sort = filters.sort if filters.sort in SORTS else "newest"
    return (
        practices_sorted(queryset, sort)
        .select_related("locale", "region")
        .prefetch_related("themes", "target_groups", "municipalities")
    )


def _api_row(page) -> dict:
    """The export row, with date-times in the API's one style (Brussels offset)."""
    row = practice_row(page, site_url=settings.SITE_URL)
    for field in ("last_reviewed_at", "first_published_at"):
        value = getattr(page, field)
        row[field] = api_datetime(value) if value else ""
    return row


@router.get("/", response=list[PracticeOut], summary="List practices")
@paginate(BoundedPageNumberPagination, page_size=20)
def practice_list(request, filters: Query[PracticeFilters]):
    """Published practices the caller may see. Filters as on the library page."""
    return [_api_row(p) for p in _queryset(request, filters)]


@router.get("/{id:practice_id}", response=PracticeDetailOut, summary="One practice")
def practice_detail(request, practice_id: int):
    queryset = with_adoption_count(practices_visible_to(request.user)).select_related(
        "locale", "region", "owner"
    )
    page = get_object_or_404(queryset, pk=practice_id)
    row = _api_row(page)
    translations = (
        practices_visible_to(request.user)
        .filter(translation_key=page.translation_key)
        .exclude(pk=page.pk)
        .select_related("locale")
    )
    member = is_member(request.user)
    contact = page.contact_specialist or page.owner
    row.update(
        {
            "sections": {
                "context": page.context,
                "approach_html": str(page.body),
                "results": page.results,
                "resources": page.resources,
                "transferability": page.transferability,
            },
            "adopted_by": [
                {"centre": str(a.centre), "since": a.created_at}
                for a in adoptions_for(page)
            ],
            "translations": [
                {
                    "id": t.pk,
                    "language": t.locale.language_code,
                    "url": settings.SITE_URL + (t.url or ""),
                    "translated_by": t.translated_by,
                }
                for t in translations
            ],
            "translated_by": page.translated_by,
            # Staff contact data: members only.
            "contact": (
                f"{contact.display_name} <{contact.email}>"
                if member and contact is not None and not contact.former_member
                else None
            ),
        }
    )
    return row
