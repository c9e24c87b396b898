from django.core.management.base import BaseCommand

from ...mailings import mailings_resume


class Command(BaseCommand):
    help = "Queue the next batch of every newsletter or announcement not fully sent."

    def handle(self, *args, **options):
        count = mailings_resume()
        self.stdout.write(f"Resumed {count} mailing(s).")
