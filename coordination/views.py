"""The coordinators' dashboard and audit log."""

from csp.decorators import csp_update
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exchange.accounts.permissions import coordinator_required

from . import charts, dashboard
from .audit import audit_entries, csv_response
from .forms import AuditFilterForm, DashboardFilterForm

AUDIT_PAGE_SIZE = 50


def _audit_filtered(request):
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, audit_entries(**form.cleaned_data)
    return form, audit_entries() if not form.is_bound else audit_entries().none()


@coordinator_required
def audit(request):
    form, entries = _audit_filtered(request)
    status = 400 if form.is_bound and not form.is_valid() else 200
    page = Paginator(entries.select_related(None), AUDIT_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "coordination/audit.html",
        {
            "form": form,
            "page_obj": page,
            "querystring_without_page": query.urlencode(),
            "export_query": query.urlencode(),
        },
        status=status,
    )


@coordinator_required
def audit_csv(request):
    form, entries = _audit_filtered(request)
    header = [
        _("When"),
        _("Who"),
        _("Action"),
        _("What"),
        _("Object type"),
        _("Object id"),
        _("Object"),
        _("Why"),
        _("Before"),
        _("After"),
    ]
    rows = (
        [
            e.created_at.isoformat(),
            e.actor_label,
            e.get_action_display(),
            e.verb,
            e.object_type,
            e.object_id,
            e.object_label,
            e.reason,
            e.before if e.before is not None else "",
            e.after if e.after is not None else "",
        ]
        for e in entries.iterator(chunk_size=2000)
    )
    return csv_response("audit-log", header, rows)


# --- Dashboard -----------------------------------------------------------------------


def _dashboard_filter(request):
    form = DashboardFilterForm(request.GET or {})
    if form.is_valid():
        return form, form.dashboard_filter()
    return form, None


def _compute(name: str, f):
    """The data behind one dashboard table (its own queries only)."""
    if name in dashboard.TRENDS:
        return dashboard.trends(f, only=name)[name]
    computations = {
        "figures": dashboard.headline_figures,
        "members": dashboard.active_members_per_region,
        "coverage": dashboard.specialist_coverage,
        "top_searches": dashboard.searches,
        "empty_searches": lambda f: dashboard.searches(f, zero=True),
    }
    if name not in computations:
        raise Http404
    return computations[name](f)


def _table(name: str, data) -> tuple[list, list]:
    """Header and rows of one dashboard table, for the page and its CSV export."""
    if name in dashboard.TRENDS:
        return [_("Month"), str(dashboard.TRENDS[name])], [
            [charts.month_label(month), count] for month, count in data
        ]
    if name == "figures":
        return [_("Figure"), _("Value")], [
            [str(FIGURE_LABELS[key]), "–" if value is None else value]
            for key, value in data.items()
        ]
    if name == "members":
        return [_("Region"), _("Active members")], [
            [row["region"].name if row["region"] else _("No home centre"), row["count"]]
            for row in data
        ]
    if name == "coverage":
        return [
            _("Area"),
            _("Verified specialist"),
            _("Deputy only"),
            _("Ending within 60 days"),
            _("No specialist"),
            _("Covered (%)"),
        ], [
            [a.name, a.verified, a.deputy, a.ending, a.none, a.percent_covered]
            for a in data
        ]
    return [_("Search"), _("Language"), _("Times")], [
        [row["query"], row["language"], row["n"]] for row in data
    ]


FIGURE_LABELS = {
    "practices_published": gettext_lazy("Practices published"),
    "practices_awaiting_review": gettext_lazy("Practices awaiting review"),
    "practices_overdue": gettext_lazy("Practices past their review date"),
    "questions_asked": gettext_lazy("Questions asked"),
    "questions_open": gettext_lazy("Questions still open"),
    "questions_unanswered": gettext_lazy("Questions without an answer"),
    "questions_escalated": gettext_lazy("Questions escalated"),
    "median_hours_first_answer": gettext_lazy("Median hours to a first answer"),
    "median_hours_accepted": gettext_lazy("Median hours to an accepted answer"),
    "signals_open": gettext_lazy("Open signals"),
}


TABLE_CAPTIONS = {
    "members": gettext_lazy("Active members per region"),
    "coverage": gettext_lazy("Specialist coverage"),
    "top_searches": gettext_lazy("Top searches"),
    "empty_searches": gettext_lazy("Most frequent searches without results"),
}


@coordinator_required
def dashboard_view(request):
    form, f = _dashboard_filter(request)
    if f is None:
        return render(
            request, "coordination/dashboard.html", {"form": form}, status=400
        )
    series = dashboard.trends(f)
    trends = []
    for name, label in dashboard.TRENDS.items():
        header, rows = _table(name, series[name])
        trends.append(
            {
                "name": name,
                "caption": label,
                "header": header,
                "rows": rows,
                "total": sum(count for _month, count in series[name]),
            }
        )
    tables = []
    for name, caption in TABLE_CAPTIONS.items():
        header, rows = _table(name, _compute(name, f))
        tables.append(
            {"name": name, "caption": caption, "header": header, "rows": rows}
        )
    context = {
        "form": form,
        "filter": f,
        "query": request.GET.urlencode(),
        "figures": dashboard.headline_figures(f),
        "trends": trends,
        "tables": tables,
    }
    return render(request, "coordination/dashboard.html", context)


@coordinator_required
@csp_update({"style-src": ["'unsafe-inline'"]})
def trend_chart(request, name: str):
    """One trend as an SVG image (pygal styles it inline: allowed for this file)."""
    if name not in dashboard.TRENDS:
        raise Http404
    form, f = _dashboard_filter(request)
    if f is None:
        return HttpResponseBadRequest(_("These filters are not valid."))
    svg = charts.trend_svg(title=str(dashboard.TRENDS[name]), series=_compute(name, f))
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response


@coordinator_required
def table_csv(request, name: str):
    form, f = _dashboard_filter(request)
    if f is None:
        return HttpResponseBadRequest(_("These filters are not valid."))
    header, rows = _table(name, _compute(name, f))
    return csv_response(f"dashboard-{name}", header, rows)
