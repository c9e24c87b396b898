"""CSV and JSON export of the practices a user may see, with the listing's filters."""

import json

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import get_language

from exchange.core.csv_safety import SafeCsvDictWriter

from .selectors import practices_filter, practices_sorted, practices_visible_to

COLUMNS = [
    "id",
    "url",
    "title",
    "summary",
    "language",
    "translation_key",
    "themes",
    "target_groups",
    "municipalities",
    "region",
    "visibility",
    "legal_basis",
    "start_date",
    "review_by",
    "last_reviewed_at",
    "first_published_at",
    "adoption_count",
]
MAX_ROWS = 100_000


def practice_row(page, *, site_url: str) -> dict:
    return {
        "id": page.pk,
        "url": site_url + (page.url or ""),
        "title": page.title,
        "summary": page.summary,
        "language": page.locale.language_code,
        "translation_key": str(page.translation_key),
        "themes": [t.slug for t in page.themes.all()],
        "target_groups": [t.slug for t in page.target_groups.all()],
        "municipalities": [m.refnis for m in page.municipalities.all()],
        "region": page.region.slug if page.region_id else "",
        "visibility": page.visibility,
        "legal_basis": page.legal_basis,
        "start_date": page.start_date.isoformat() if page.start_date else "",
        "review_by": page.review_by.isoformat() if page.review_by else "",
        "last_reviewed_at": (
            page.last_reviewed_at.isoformat() if page.last_reviewed_at else ""
        ),
        "first_published_at": (
            page.first_published_at.isoformat() if page.first_published_at else ""
        ),
        "adoption_count": getattr(page, "adoption_count", 0),
    }


def export_queryset(request):
    params = request.GET.copy()
    language = (get_language() or "en")[:2]
    queryset = practices_filter(
        practices_visible_to(request.user), params, language=language
    )
    return (
        practices_sorted(queryset, params.get("sort", "newest"))
        .select_related("locale", "region")
        .prefetch_related("themes", "target_groups", "municipalities")
    )


def _rows(request):
    from django.conf import settings

    queryset = export_queryset(request)[:MAX_ROWS]
    for page in queryset.iterator(chunk_size=500):
        yield practice_row(page, site_url=settings.SITE_URL)


class _Echo:
    def write(self, value):
        return value


def export_csv(request):
    writer = SafeCsvDictWriter(_Echo(), fieldnames=COLUMNS)

    def stream():
        yield "\ufeff" + writer.writeheader()
        for row in _rows(request):
            flat = {
                key: ";".join(value) if isinstance(value, list) else value
                for key, value in row.items()
            }
            yield writer.writerow(flat)

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="practices.csv"'
    return response


def export_json(request):
    data = {"practices": list(_rows(request))}
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="practices.json"'
    return response
