from django.core.management.base import BaseCommand

from practices.reviews import review_reminders_send


class Command(BaseCommand):
    help = (
        "Remind authors of practices past their review-by date; hand practices of "
        "authors who left to the municipality's specialist or a coordinator. Run daily."
    )

    def handle(self, *args, **options):
        counts = review_reminders_send(stdout=self.stdout)
        self.stdout.write(
            "reminded {reminded}, reassigned {reassigned}, skipped {skipped}".format(
                **counts
            )
        )
