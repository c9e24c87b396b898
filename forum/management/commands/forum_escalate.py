"""Escalate unanswered questions to the coordinators (run daily from cron)."""

from django.core.management.base import BaseCommand

from forum.tasks import escalate_unanswered_questions


class Command(BaseCommand):
    help = "Tell the coordinators about questions without an answer after N days."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the work for the task worker instead of running it now.",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = escalate_unanswered_questions.enqueue()
            self.stdout.write(f"Queued as task {result.id}.")
            return
        count = escalate_unanswered_questions.call()
        self.stdout.write(f"{count} question(s) escalated.")
