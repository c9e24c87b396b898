"""The search page and the coordinators' query report; both stay thin."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from .engines.base import FACETS
from .models import QueryLog
from .service import search

REPORT_DAYS = 30


def filters_from(params) -> dict[str, list[str]]:
    return {facet: params.getlist(facet) for facet in FACETS if params.getlist(facet)}


def _with_params(params, **changes) -> str:
    query = params.copy()
    for key, value in changes.items():
        query.setlist(key, value)
    return "?" + query.urlencode()


def index(request):
    params = request.GET.copy()
    params.pop("page", None)
    query = request.GET.get("q", "")
    language = (get_language() or "en")[:2]
    response = search(
        query,
        filters_from(request.GET),
        user=request.user,
        page=request.GET.get("page", 1),
        language=language,
    )
    # Each facet value links to the same search with that value toggled.
    for facet, values in response.facets.items():
        for value in values:
            chosen = list(response.filters.get(facet, []))
            chosen = (
                [v for v in chosen if v != value.value]
                if value.selected
                else [
                    *chosen,
                    value.value,
                ]
            )
            value.url = _with_params(params, **{facet: chosen})
    pages = {}
    if response.page > 1:
        pages["previous"] = _with_params(params, page=[str(response.page - 1)])
    if response.page < min(response.num_pages, 500):
        pages["next"] = _with_params(params, page=[str(response.page + 1)])
    context = {
        "response": response,
        "search_query": query,
        "pages": pages,
        "first_rank": (response.page - 1) * response.per_page + 1,
        "clear_filters_url": "?" + (f"q={request.GET.get('q', '')}" if query else ""),
        "did_you_mean_url": _with_params(params, q=[response.did_you_mean])
        if response.did_you_mean
        else "",
        "has_query": bool(query.strip()) or bool(response.filters),
    }
    return render(request, "search/index.html", context)


def query_report(request):
    """Top and zero-result queries per language, for coordinators."""
    if not (request.user.is_authenticated and request.user.is_coordinator):
        raise PermissionDenied
    since = timezone.now() - timedelta(days=REPORT_DAYS)
    logs = QueryLog.objects.filter(created_at__gte=since)
    languages = []
    for code, name in QueryLog._meta.get_field("language").choices:
        in_language = logs.filter(language=code).values("query")
        top = in_language.annotate(searches=Count("id"), hits=Max("result_count"))
        top = top.order_by("-searches", "query")[:20]
        zero = (
            in_language.filter(result_count=0)
            .annotate(searches=Count("id"))
            .order_by("-searches", "query")[:20]
        )
        languages.append({"code": code, "name": name, "top": top, "zero": zero})
    return render(
        request,
        "search/query_report.html",
        {"languages": languages, "days": REPORT_DAYS},
    )
