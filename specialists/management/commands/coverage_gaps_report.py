"""E-mail coordinators the municipalities newly without a specialist.

Run weekly (cron or a scheduler). ``--enqueue`` hands the work to the task worker.
"""

from django.core.management.base import BaseCommand

from specialists.services import coverage_gaps_report_send
from specialists.tasks import coverage_gaps_report


class Command(BaseCommand):
    help = "Send coordinators the coverage gaps that are new since the last report."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Run as a background task instead of now.",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = coverage_gaps_report.enqueue()
            self.stdout.write(f"Enqueued coverage gaps report ({result.id}).")
            return
        report = coverage_gaps_report_send()
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(report.new_gap_refnis)} new gaps "
                f"({len(report.gap_refnis)} municipalities without a specialist)."
            )
        )
