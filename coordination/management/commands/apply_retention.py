from django.core.management.base import BaseCommand

from exchange.core.retention import retention_periods

from ...retention import retention_apply


class Command(BaseCommand):
    help = "Remove data past its retention period (settings.DATA_RETENTION_DAYS)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would go."
        )

    def handle(self, *args, dry_run=False, **options):
        removed = retention_apply(dry_run=dry_run)
        verb = "would remove" if dry_run else "removed"
        for period in retention_periods():
            count = removed.get(period.kind, 0)
            self.stdout.write(
                f"{period.kind}: {verb} {count} (kept {period.days} days)"
            )
        self.stdout.write(f"Total {verb}: {sum(removed.values())}")
