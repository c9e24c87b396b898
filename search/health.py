"""Readiness of search: the engine answers and the outbox is drained.

Listed in ``settings.READINESS_CHECKS``; each returns a plain dict
(name, ok, detail, data) so that search imports no app.
"""

from django.utils import timezone

from .engines import get_engine
from .models import IndexEvent


def Check(name, ok, detail="", data=None):  # noqa: N802 - mirrors the core record
    return {"name": name, "ok": ok, "detail": detail, "data": data or {}}


MAX_OUTBOX_AGE_SECONDS = 5 * 60


def outbox_state() -> dict:
    waiting = IndexEvent.objects.count()
    oldest = (
        IndexEvent.objects.order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    age = None if oldest is None else (timezone.now() - oldest).total_seconds()
    last_error = ""
    if waiting:
        last_error = (
            IndexEvent.objects.exclude(last_error="")
            .order_by("-id")
            .values_list("last_error", flat=True)
            .first()
            or ""
        )
    return {"waiting": waiting, "oldest_age": age, "last_error": last_error[:300]}


def check_outbox():
    try:
        state = outbox_state()
    except Exception as error:
        return Check("search_outbox", False, f"outbox unreadable: {error}")
    age = state["oldest_age"]
    if age is not None and age > MAX_OUTBOX_AGE_SECONDS:
        detail = f"{state['waiting']} index events waiting, the oldest for {int(age)} s"
        if state["last_error"]:
            detail += f"; last error: {state['last_error']}"
        return Check("search_outbox", False, detail, state)
    return Check("search_outbox", True, data=state)


def check_engine():
    engine = get_engine()
    name = type(engine).__name__
    ping = getattr(engine, "ping", None)
    if ping is None:
        return Check("search_engine", True, data={"engine": name})
    try:
        ok = bool(ping())
    except Exception as error:
        return Check("search_engine", False, f"{name}: {error}", {"engine": name})
    if not ok:
        return Check(
            "search_engine",
            False,
            f"{name} does not answer; searches use the embedded index",
            {"engine": name},
        )
    return Check("search_engine", True, data={"engine": name})
