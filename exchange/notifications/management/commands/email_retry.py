"""``manage.py email_retry``: deliver every e-mail whose next attempt is due.

Run it every minute from cron (or a systemd timer): the worker normally retries
on its own, this also covers messages whose task was lost. ``--status`` only
reports the queue.
"""

from django.core.management.base import BaseCommand

from exchange.notifications.mail import email_queue_state, emails_retry_due


class Command(BaseCommand):
    help = "Deliver the e-mails that wait for a retry (or report them)."

    def add_arguments(self, parser):
        parser.add_argument("--status", action="store_true")

    def handle(self, *args, status=False, **options):
        if not status:
            outcomes = emails_retry_due()
            self.stdout.write(
                "E-mails: "
                + (
                    ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()))
                    or "none due"
                )
            )
        state = email_queue_state()
        age = state["oldest_age"]
        self.stdout.write(
            f"{state['waiting']} e-mails waiting"
            + (f", the oldest for {int(age)} s" if age is not None else "")
            + f"; {state['failed']} given up."
        )
