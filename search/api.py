"""JSON API of the search: /api/v1/search and /api/v1/suggest (same service)."""

import html

import orjson
from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import get_language
from ninja import Query, Router, Schema

from .service import search as run_search
from .service import suggest as run_suggest

router = Router(tags=["search"])
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
FACET_LIMIT = 20  # values listed per facet unless ``facet_limit`` asks otherwise
MAX_FACET_LIMIT = 1000


def _language(lang: str) -> str:
    """``lang`` if known, else the request's language (``Accept-Language``, then
    the member's), else English."""
    if lang in LANGUAGE_CODES:
        return lang
    active = (get_language() or "en")[:2]
    return active if active in LANGUAGE_CODES else "en"


class SearchParams(Schema):
    q: str = ""
    lang: str = ""
    page: int = 1
    type: list[str] = []
    theme: list[str] = []
    target_group: list[str] = []
    region: list[str] = []
    province: list[str] = []
    municipality: list[str] = []
    language: list[str] = []
    facet_limit: int = FACET_LIMIT


class ResultOut(Schema):
    id: str
    type: str
    object_key: str
    title: str
    title_html: str
    url: str
    snippet_html: str
    language: str
    score: float


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class SearchOut(Schema):
    query: str
    language: str
    total: int
    total_exact: bool
    matches: int
    page: int
    num_pages: int
    engine: str
    did_you_mean: str
    corrected: bool
    partial_match: bool
    facets_estimated: bool
    messages: list[str]
    results: list[ResultOut]
    facets: dict[str, list[FacetValueOut]]
    facet_totals: dict[str, int]


class SuggestionOut(Schema):
    title: str
    url: str
    type: str


class SuggestOut(Schema):
    suggestions: list[SuggestionOut]


def plain_title(marked) -> str:
    """A highlighted title as text: the snippet builder escapes every character
    of the stored text and adds only ``<mark>`` tags (cheaper than an HTML parser
    for each of twenty titles)."""
    return html.unescape(str(marked).replace("<mark>", "").replace("</mark>", ""))


@router.get("/search", response=SearchOut, summary="Search everything you may see")
def search(request, params: Query[SearchParams]):
    """Practices, questions, answers, specialists and collections in one list.

    Filters repeat (`?theme=housing&theme=health`): any value within a filter,
    every filter. Snippets are HTML with the matched words in `<mark>` (escaped).
    Each facet lists its `facet_limit` (default 20, at most 1000) most frequent
    values plus the selected ones; `facet_totals` says how many it has.

    A question and its matching answers are one result: `total` and `num_pages`
    count results (exact when `total_exact`, else a lower bound every page of
    which is full); `matches` counts the matching documents, as the facets do.

    The body is built here and written as JSON directly: validating the schema's
    hundreds of facet values per response cost more than the search (the schema
    still documents it, and a test checks every response against it).
    """
    language = _language(params.lang)
    filters = {
        name: getattr(params, name)
        for name in (
            "type",
            "theme",
            "target_group",
            "region",
            "province",
            "municipality",
            "language",
        )
        if getattr(params, name)
    }
    response = run_search(
        params.q[:10_000],
        filters,
        user=request.user,
        page=params.page,
        language=language,
        facet_limit=max(1, min(params.facet_limit, MAX_FACET_LIMIT)),
    )
    body = {
        "query": response.query,
        "language": response.language,
        "total": response.total,
        "total_exact": response.total_exact,
        "matches": response.matches,
        "page": response.page,
        "num_pages": response.num_pages,
        "engine": response.engine,
        "did_you_mean": response.did_you_mean,
        "corrected": response.corrected,
        "partial_match": response.partial_match,
        "facets_estimated": response.facets_estimated,
        "messages": [str(m) for m in response.messages],
        "results": [
            {
                "id": f"{r.type}:{r.object_key}",
                "type": r.type,
                "object_key": r.object_key,
                "title": plain_title(r.title),
                "title_html": str(r.title),
                "url": r.url,
                "snippet_html": str(r.snippet),
                "language": r.language,
                "score": r.score,
            }
            for r in response.results
        ],
        "facets": {
            name: [
                {
                    "value": v.value,
                    "label": v.label,
                    "count": v.count,
                    "selected": v.selected,
                }
                for v in values
            ]
            for name, values in response.facets.items()
        },
        "facet_totals": response.facet_totals,
    }
    # orjson: a broad search's body (about 20 KB) cost 0.3 ms with ``json``; lazy
    # translations (``default=str``) are written as their text, as Django's
    # encoder writes them.
    return HttpResponse(
        orjson.dumps(body, default=str), content_type="application/json"
    )


@router.get("/suggest", response=SuggestOut, summary="Title suggestions while typing")
def suggest(request, q: str = "", lang: str = ""):
    language = _language(lang)
    return {"suggestions": run_suggest(q[:200], user=request.user, language=language)}
