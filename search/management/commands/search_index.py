"""``search_index sync`` replays the outbox; ``search_index rebuild`` reindexes all;
``search_index verify`` compares every engine with the database (missing and stale
documents; exits 1 on drift); ``status`` counts the waiting outbox events."""

from django.core.management.base import BaseCommand

from search.engines.base import EngineError
from search.indexing import apply_pending_events, rebuild, verify
from search.models import IndexEvent


class Command(BaseCommand):
    help = "Maintain the search index: sync (replay the outbox) or rebuild (all)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["sync", "rebuild", "status", "verify"])

    def handle(self, *args, action, **options):
        if action == "rebuild":
            try:
                rebuild(stdout=self.stdout)
            except EngineError as error:
                self.stderr.write(str(error))
                raise SystemExit(1) from error
        elif action == "verify":
            self.verify()
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

    def verify(self):
        try:
            drifts = verify()
        except EngineError as error:
            self.stderr.write(f"Could not read an engine: {error}")
            raise SystemExit(1) from error
        for drift in drifts:
            self.stdout.write(
                f"{drift.engine}: {len(drift.missing)} missing,"
                f" {len(drift.stale)} stale"
            )
            for doc_type, key in drift.missing[:50]:
                self.stdout.write(f"  missing {doc_type} {key}")
            for doc_type, key in drift.stale[:50]:
                self.stdout.write(f"  stale   {doc_type} {key}")
        waiting = IndexEvent.objects.count()
        if waiting:
            self.stdout.write(f"{waiting} index events waiting in the outbox.")
        if not all(d.ok for d in drifts):
            raise SystemExit(1)
