"""Background work of the forum (django-tasks)."""

from django_tasks import task

from .services import questions_escalate


@task()
def escalate_unanswered_questions() -> int:
    """Escalate questions left unanswered for FORUM_ESCALATION_DAYS; returns count."""
    return questions_escalate()
