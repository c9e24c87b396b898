"""Background work of the specialists app (django-tasks)."""

from django_tasks import task


@task()
def coverage_gaps_report():
    """Weekly: tell coordinators about new gaps (schedule with cron, see docs)."""
    from .services import coverage_gaps_report_send

    report = coverage_gaps_report_send()
    return len(report.new_gap_refnis)
