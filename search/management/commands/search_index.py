"""``search_index sync`` replays the outbox; ``search_index rebuild`` reindexes all."""

from django.core.management.base import BaseCommand

from search.indexing import apply_pending_events, rebuild
from search.models import IndexEvent


class Command(BaseCommand):
    help = "Maintain the search index: sync (replay the outbox) or rebuild (all)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["sync", "rebuild", "status"])

    def handle(self, *args, action, **options):
        if action == "rebuild":
            rebuild(stdout=self.stdout)
        elif action == "sync":
            total = 0
            while True:
                applied, left = apply_pending_events()
                total += applied
                if not applied or not left:
                    break
            self.stdout.write(f"Applied {total} index events; {left} left.")
            if left:
                event = IndexEvent.objects.order_by("id").first()
                self.stderr.write(f"Engine still failing: {event.last_error}")
                raise SystemExit(1)
        else:
            self.stdout.write(f"{IndexEvent.objects.count()} index events waiting.")
