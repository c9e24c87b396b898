"""Background work of the search app (django-tasks)."""

from django_tasks import task


@task()
def process_index_events() -> dict:
    """Push the outbox to the engines; what fails stays for the next run."""
    from .indexing import apply_pending_events

    applied, left = apply_pending_events()
    return {"applied": applied, "left": left}
