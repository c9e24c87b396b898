"""The search page and the coordinators' query report; both stay thin."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.http import QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language, ngettext_lazy, pgettext_lazy

from . import querylog
from .engines.base import FACETS
from .models import DocType, QueryLog
from .service import groups, search

REPORT_DAYS = 30
VIEWS = ("mixed", "grouped")  # the first is the default
GROUP_HEADINGS = {
    DocType.PRACTICE: ngettext_lazy(
        "Good practice (%(count)s)", "Good practices (%(count)s)", "count"
    ),
    DocType.QUESTION: ngettext_lazy(
        "Question (%(count)s)", "Questions (%(count)s)", "count"
    ),
    DocType.ANSWER: ngettext_lazy("Answer (%(count)s)", "Answers (%(count)s)", "count"),
    DocType.SPECIALIST: ngettext_lazy(
        "Specialist (%(count)s)", "Specialists (%(count)s)", "count"
    ),
    DocType.COLLECTION: ngettext_lazy(
        "Collection (%(count)s)", "Collections (%(count)s)", "count"
    ),
}
SHOW_ALL = {
    DocType.PRACTICE: ngettext_lazy(
        "Show all %(count)s good practice",
        "Show all %(count)s good practices",
        "count",
    ),
    DocType.QUESTION: ngettext_lazy(
        "Show all %(count)s question", "Show all %(count)s questions", "count"
    ),
    DocType.ANSWER: ngettext_lazy(
        "Show all %(count)s answer", "Show all %(count)s answers", "count"
    ),
    DocType.SPECIALIST: ngettext_lazy(
        "Show all %(count)s specialist", "Show all %(count)s specialists", "count"
    ),
    DocType.COLLECTION: ngettext_lazy(
        "Show all %(count)s collection", "Show all %(count)s collections", "count"
    ),
}
VIEW_LABELS = {
    "mixed": pgettext_lazy("search results view", "One list"),
    "grouped": pgettext_lazy("search results view", "Grouped by type"),
}


def filters_from(params) -> dict[str, list[str]]:
    return {facet: params.getlist(facet) for facet in FACETS if params.getlist(facet)}


def _with_params(params, **changes) -> str:
    query = params.copy()
    for key, value in changes.items():
        query.setlist(key, value)
    return "?" + query.urlencode()


def _link_facets(response, params) -> None:
    """Each facet value links to the same search with that value toggled."""
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


def _page_links(response, params) -> dict:
    pages = {}
    if response.page > 1:
        pages["previous"] = _with_params(params, page=[str(response.page - 1)])
    if response.page < min(response.num_pages, 500):
        pages["next"] = _with_params(params, page=[str(response.page + 1)])
    return pages


def _result_groups(response, user, params) -> list:
    result_groups = groups(response, user=user)
    for group in result_groups:
        group.heading = GROUP_HEADINGS[group.type] % {"count": group.total}
        if group.total > len(group.results):
            group.show_all_label = SHOW_ALL[group.type] % {"count": group.total}
            types = [group.type]
            if group.type == DocType.QUESTION:  # answers are shown under it
                types.append(DocType.ANSWER)
            group.show_all_url = _with_params(params, type=types, view=[])
    return result_groups


def _view_links(params, view) -> list[dict]:
    return [
        {
            "name": name,
            "label": VIEW_LABELS[name],
            "url": _with_params(params, view=[name] if name != VIEWS[0] else []),
            "current": name == view,
        }
        for name in VIEWS
    ]


def _clear_filters_url(query, view) -> str:
    clear_filters = QueryDict(mutable=True)
    if query:
        clear_filters["q"] = query
    if view != VIEWS[0]:
        clear_filters["view"] = view
    return "?" + clear_filters.urlencode()


def index(request):
    view = request.GET.get("view")
    view = view if view in VIEWS else VIEWS[0]
    params = request.GET.copy()
    params.pop("page", None)
    # Links keep the view; the default one stays out of the address.
    params.setlist("view", [view] if view != VIEWS[0] else [])
    query = request.GET.get("q", "")
    response = search(
        query,
        filters_from(request.GET),
        user=request.user,
        # Only the one list has pages; the grouped view starts from page one.
        page=request.GET.get("page", 1) if view == "mixed" else 1,
        language=(get_language() or "en")[:2],
    )
    _link_facets(response, params)
    mixed = view == "mixed"
    context = {
        "response": response,
        "search_query": query,
        "view": view,
        "views": _view_links(params, view),
        "groups": _result_groups(response, request.user, params)
        if not mixed and response.total
        else [],
        "pages": _page_links(response, params) if mixed else {},
        "first_rank": (response.page - 1) * response.per_page + 1,
        "clear_filters_url": _clear_filters_url(query, view),
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
    querylog.flush()  # this process's latest searches too
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
