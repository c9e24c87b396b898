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
            self._status()

    def _status(self):
        """Outbox and task queue: how much waits and for how long (5 min: alert)."""
        from django.conf import settings
        from django.utils.module_loading import import_string

        from search.health import MAX_OUTBOX_AGE_SECONDS, outbox_state

        state = outbox_state()
        age = state["oldest_age"]
        line = f"{state['waiting']} index events waiting."
        if age is not None:
            line = (
                f"{state['waiting']} index events waiting, the oldest for {int(age)} s."
            )
        self.stdout.write(line)
        if state["last_error"]:
            self.stdout.write(f"Last error: {state['last_error']}")
        problems = 0
        if age is not None and age > MAX_OUTBOX_AGE_SECONDS:
            self.stderr.write("WARNING: an index event is older than 5 minutes.")
            problems += 1
        # The task queue (and any other readiness check an app registers).
        for path in settings.READINESS_CHECKS:
            if not path.endswith("check_task_queue"):
                continue
            check = import_string(path)()
            data = check["data"] if isinstance(check, dict) else check.data
            ok = check["ok"] if isinstance(check, dict) else check.ok
            task_age = data.get("oldest_age")
            self.stdout.write(
                f"{data.get('waiting', 0)} tasks waiting"
                + (f", the oldest for {int(task_age)} s." if task_age else ".")
            )
            if not ok:
                self.stderr.write("WARNING: a task has waited more than 5 minutes.")
                problems += 1
        if problems:
            raise SystemExit(2)

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
