"""Fill the embedded default with demo content; safe to run again.

Each module named in settings.DEMO_SEEDERS provides ``seed(stdout=..., scale=...)``,
where ``scale`` is the number of synthetic items of that app (in all: a second run
adds only the missing ones). ``--scale N`` asks for about N synthetic searchable items
in total and splits them with ``scale_split``; ``search.demo`` (last) rebuilds the
search index unless ``--no-index``.
"""

import importlib

from django.conf import settings
from django.core.management.base import BaseCommand

from exchange.accounts import demo as accounts_demo
from exchange.core.demo_guard import refuse_demo_tool_in_production
from exchange.home import demo as home_demo

SPECIALISTS_SHARE = 0.02  # of the items, at most SPECIALISTS_MAX
SPECIALISTS_MAX = 2000
PRACTICES_SHARE = 0.15
INDEXER = "search.demo"


def scale_split(total: int) -> dict[str, int]:
    """How ``--scale N`` items split over the seeders: 2 % specialists (at most
    2 000: a few per municipality), 15 % practices, the rest forum posts (questions
    with 1.5 answers each on average, see ``forum.bulk``)."""
    if total <= 0:
        return {}
    specialists = min(max(1, round(total * SPECIALISTS_SHARE)), SPECIALISTS_MAX)
    practices = round(total * PRACTICES_SHARE)
    forum = max(0, total - specialists - practices)
    return {
        "specialists.demo": specialists,
        "practices.demo": practices,
        "forum.demo": forum,
    }


class Command(BaseCommand):
    help = "Create demo content in four languages (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            help=(
                "Also generate about this many synthetic searchable items in all "
                "(2%% specialists, at most 2000; 15%% practices; the rest forum "
                "questions and answers). Running again adds only what is missing."
            ),
        )
        parser.add_argument(
            "--no-index",
            action="store_true",
            help="Do not rebuild the search index at the end "
            "(run `manage.py search_index rebuild` later).",
        )

    def handle(self, *args, scale=0, no_index=False, **options):
        refuse_demo_tool_in_production("seed_demo")
        if scale < 0:
            self.stderr.write("--scale must be zero or more.")
            raise SystemExit(2)
        shares = scale_split(scale)
        home_demo.seed(stdout=self.stdout)
        accounts_demo.seed(stdout=self.stdout)
        for dotted in settings.DEMO_SEEDERS:
            if no_index and dotted == INDEXER:
                self.stdout.write(
                    "Search index not rebuilt (--no-index): "
                    "run `manage.py search_index rebuild`."
                )
                continue
            try:
                module = importlib.import_module(dotted)
            except ModuleNotFoundError as error:
                if error.name == dotted:
                    continue  # that app has no demo content (yet)
                raise
            module.seed(stdout=self.stdout, scale=shares.get(dotted, 0))
        accounts_demo.print_logins(self.stdout)
