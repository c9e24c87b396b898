"""Send the daily or weekly notification digests (run from cron)."""

from django.core.management.base import BaseCommand

from exchange.notifications.models import EmailFrequency
from exchange.notifications.services import digests_send


class Command(BaseCommand):
    help = "E-mail each member who chose a digest what happened since the last one."

    def add_arguments(self, parser):
        parser.add_argument(
            "frequency", choices=[EmailFrequency.DAILY, EmailFrequency.WEEKLY]
        )

    def handle(self, *args, frequency, **options):
        sent = digests_send(frequency=frequency)
        self.stdout.write(f"{sent} {frequency} digest(s) sent.")
