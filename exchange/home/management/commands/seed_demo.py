"""Fill the embedded default with demo content; safe to run again.

Each module named in settings.DEMO_SEEDERS provides ``seed(stdout=..., scale=...)``.
``--scale N`` adds N synthetic items per content type for benchmarks.
"""

import importlib

from django.conf import settings
from django.core.management.base import BaseCommand

from exchange.accounts import demo as accounts_demo
from exchange.home import demo as home_demo


class Command(BaseCommand):
    help = "Create demo content in four languages (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            help="Also generate this many synthetic items per content type.",
        )

    def handle(self, *args, scale=0, **options):
        if scale < 0:
            self.stderr.write("--scale must be zero or more.")
            raise SystemExit(2)
        home_demo.seed(stdout=self.stdout, scale=scale)
        accounts_demo.seed(stdout=self.stdout, scale=scale)
        for dotted in settings.DEMO_SEEDERS:
            try:
                module = importlib.import_module(dotted)
            except ModuleNotFoundError as error:
                if error.name == dotted:
                    continue  # that app has no demo content (yet)
                raise
            module.seed(stdout=self.stdout, scale=scale)
        accounts_demo.print_logins(self.stdout)
