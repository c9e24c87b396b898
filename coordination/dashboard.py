"""Figures of the coordinators' dashboard, each in a fixed number of queries.

Every figure takes the same ``DashboardFilter`` (region, province, theme, period).
Figures that have no region or theme (the anonymous search log, the member counts
per theme) say so instead of ignoring the filter silently.
"""

import statistics
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count, Min, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import WorkflowState

from exchange.taxonomy.models import Theme
from forum.models import Answer, Question
from practices.models import PracticePage
from search import querylog
from search.models import QueryLog
from specialists import coverage
from specialists.models import Province, Region

from .models import SignalStatus, StructuralSignal

TOP_SEARCHES = 15


@dataclass
class DashboardFilter:
    since: date
    until: date
    region: Region | None = None
    province: Province | None = None
    theme: Theme | None = None

    @property
    def start(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.since, time.min))

    @property
    def end(self) -> datetime:
        """Exclusive end: the day after ``until`` at midnight."""
        return timezone.make_aware(
            datetime.combine(self.until + timedelta(days=1), time.min)
        )

    @property
    def area_region(self) -> Region | None:
        return self.province.region if self.province is not None else self.region


def default_period(today: date | None = None) -> tuple[date, date]:
    """The current quarter so far."""
    today = today or timezone.localdate()
    first_month = 3 * ((today.month - 1) // 3) + 1
    return date(today.year, first_month, 1), today


# --- Querysets narrowed by the filter ------------------------------------------------


def practices_filtered(f: DashboardFilter):
    practices = PracticePage.objects.all()
    if f.province is not None:
        practices = practices.filter(
            pk__in=PracticePage.municipalities.through.objects.filter(
                municipality__province=f.province
            ).values("practicepage_id")
        )
    elif f.region is not None:
        practices = practices.filter(region=f.region)
    if f.theme is not None:
        practices = practices.filter(
            pk__in=PracticePage.themes.through.objects.filter(theme=f.theme).values(
                "practicepage_id"
            )
        )
    return practices


def questions_filtered(f: DashboardFilter):
    questions = Question.objects.filter(is_hidden=False)
    if f.province is not None:
        questions = questions.filter(municipality__province=f.province)
    elif f.region is not None:
        questions = questions.filter(region=f.region)
    if f.theme is not None:
        questions = questions.filter(
            pk__in=Question.themes.through.objects.filter(theme=f.theme).values(
                "question_id"
            )
        )
    return questions


def signals_filtered(f: DashboardFilter):
    signals = StructuralSignal.objects.exclude(status=SignalStatus.MERGED)
    region = f.area_region
    if region is not None:
        signals = signals.filter(region=region)
    if f.theme is not None:
        signals = signals.filter(theme=f.theme)
    return signals


# --- Figures -------------------------------------------------------------------------


def _median_hours(pairs) -> float | None:
    hours = [(later - earlier).total_seconds() / 3600 for earlier, later in pairs]
    hours = [h for h in hours if h >= 0]
    return round(statistics.median(hours), 1) if hours else None


def headline_figures(f: DashboardFilter) -> dict:
    """The figures at the top of the dashboard (seven queries)."""
    today = timezone.localdate()
    practices = practices_filtered(f)
    in_period = Q(created_at__gte=f.start, created_at__lt=f.end)
    practice_counts = practices.aggregate(
        published=Count(
            "pk",
            filter=Q(
                live=True, first_published_at__gte=f.start, first_published_at__lt=f.end
            ),
        ),
        overdue=Count("pk", filter=Q(live=True, review_by__lt=today)),
    )
    awaiting = practices.filter(
        _specific_workflow_states__status=WorkflowState.STATUS_IN_PROGRESS
    ).count()
    questions = questions_filtered(f)
    question_counts = questions.aggregate(
        asked=Count("pk", filter=in_period),
        open=Count("pk", filter=in_period & Q(status=Question.Status.OPEN)),
        unanswered=Count(
            "pk",
            filter=in_period & Q(status=Question.Status.OPEN, answer_count=0),
        ),
        escalated=Count(
            "pk",
            filter=Q(
                escalated_at__gte=f.start,
                escalated_at__lt=f.end,
                status=Question.Status.OPEN,
            ),
        ),
    )
    asked = questions.filter(in_period)
    first_answers = (
        asked.annotate(
            first=Min("answers__created_at", filter=Q(answers__is_hidden=False))
        )
        .filter(first__isnull=False)
        .values_list("created_at", "first")
    )
    accepted = asked.filter(accepted_answer__isnull=False).values_list(
        "created_at", "accepted_answer__created_at"
    )
    signals_open = signals_filtered(f).filter(
        status__in=[SignalStatus.NEW, SignalStatus.ASSIGNED, SignalStatus.ANSWERED]
    )
    return {
        "practices_published": practice_counts["published"],
        "practices_awaiting_review": awaiting,
        "practices_overdue": practice_counts["overdue"],
        **{f"questions_{key}": value for key, value in question_counts.items()},
        "median_hours_first_answer": _median_hours(first_answers),
        "median_hours_accepted": _median_hours(accepted),
        "signals_open": signals_open.count(),
    }


def _months(f: DashboardFilter) -> list[date]:
    months, current = [], f.since.replace(day=1)
    while current <= f.until:
        months.append(current)
        current = (current + timedelta(days=32)).replace(day=1)
    return months


def _per_month(queryset, field: str, f: DashboardFilter) -> dict[date, int]:
    rows = (
        queryset.filter(**{f"{field}__gte": f.start, f"{field}__lt": f.end})
        .annotate(month=TruncMonth(field))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {}
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime):
            month = (
                timezone.localtime(month).date()
                if timezone.is_aware(month)
                else month.date()
            )
        counts[month.replace(day=1)] = counts.get(month.replace(day=1), 0) + row["n"]
    return counts


TRENDS = {
    "practices": _("Practices published"),
    "questions": _("Questions asked"),
    "answers": _("Answers given"),
    "searches": _("Searches"),
    "zero_searches": _("Searches without results"),
}


TRENDS_CACHE_SECONDS = 300


def _cache_key(f: DashboardFilter) -> str:
    return "coordination:trends:" + ":".join(
        str(part)
        for part in (
            f.since,
            f.until,
            f.region.pk if f.region else "",
            f.province.pk if f.province else "",
            f.theme.pk if f.theme else "",
        )
    )


def trends(f: DashboardFilter, *, only: str | None = None) -> dict:
    """Monthly series over the period: {name: [(month, count)]}.

    Cached five minutes per filter: the page and its five chart images ask for the
    same series within a second, and grouping by month is the dashboard's most
    expensive step.
    """
    key = _cache_key(f)
    series = cache.get(key)
    if series is None:
        series = _trends(f)
        cache.set(key, series, TRENDS_CACHE_SECONDS)
    return series if only is None else {only: series[only]}


def _trends(f: DashboardFilter) -> dict:
    """The monthly series, one query each."""
    answers = Answer.objects.filter(is_hidden=False, question__in=questions_filtered(f))
    sources = {
        "practices": (practices_filtered(f).filter(live=True), "first_published_at"),
        "questions": (questions_filtered(f), "created_at"),
        "answers": (answers, "created_at"),
        "searches": (QueryLog.objects.all(), "created_at"),
        "zero_searches": (QueryLog.objects.filter(result_count=0), "created_at"),
    }
    months = _months(f)
    series = {}
    for name, (queryset, field) in sources.items():
        counts = _per_month(queryset, field, f)
        series[name] = [(month, counts.get(month, 0)) for month in months]
    return series


def active_members_per_region(f: DashboardFilter) -> list[dict]:
    """Members who logged in during the period, per region of their home centre."""
    User = get_user_model()
    members = User.objects.filter(
        is_active=True,
        former_member=False,
        approval_status="approved",
        last_login__gte=f.start,
        last_login__lt=f.end,
    )
    if f.province is not None:
        members = members.filter(home_centre__municipalities__province=f.province)
    elif f.region is not None:
        members = members.filter(home_centre__municipalities__region=f.region)
    rows = (
        members.values("home_centre__municipalities__region")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    counts = {row["home_centre__municipalities__region"]: row["n"] for row in rows}
    regions = Region.objects.order_by("code")
    if f.area_region is not None:
        regions = regions.filter(pk=f.area_region.pk)
    result = [{"region": r, "count": counts.get(r.pk, 0)} for r in regions]
    if f.area_region is None and counts.get(None):
        result.append({"region": None, "count": counts[None]})
    return result


def specialist_coverage(f: DashboardFilter) -> list:
    """Coverage per province (or region) of the filtered area (two queries)."""
    rows = coverage.municipality_coverage()
    if f.province is not None:
        rows = [r for r in rows if r.municipality.province_id == f.province.pk]
    elif f.region is not None:
        rows = [r for r in rows if r.municipality.region_id == f.region.pk]
    return coverage.area_coverage(rows, by="province")


def searches(f: DashboardFilter, *, zero: bool = False) -> list[dict]:
    """Most frequent queries in the period (from the anonymous log)."""
    querylog.flush()  # this process's latest searches too
    logs = QueryLog.objects.filter(created_at__gte=f.start, created_at__lt=f.end)
    if zero:
        logs = logs.filter(result_count=0)
    return list(
        logs.values("query", "language")
        .annotate(n=Count("pk"))
        .order_by("-n", "query")[:TOP_SEARCHES]
    )
