"""Fill the embedded default with demo content; safe to run again.

The site frame (``demo.home``) and the demo accounts (``demo.accounts``) come first,
then each module of ``SEEDERS`` in order; each provides ``seed(stdout=..., scale=...)``,
where ``scale`` is the number of synthetic items of that app (in all: a second run
adds only the missing ones). ``--scale N`` asks for about N synthetic searchable items
in total and splits them with ``scale_split``; ``demo.search`` (last) rebuilds the
search index unless ``--no-index``.

Only the development and test settings install the ``demo`` app: under the production
settings this command does not exist, and ``demo.guard`` refuses it should the app be
installed there anyway.
"""

from django.core.management.base import BaseCommand

from demo import accounts as accounts_demo
from demo import forum as forum_demo
from demo import home as home_demo
from demo import practices as practices_demo
from demo import search as search_demo
from demo import specialists as specialists_demo
from demo.guard import refuse_demo_tool_in_production

SPECIALISTS_SHARE = 0.02  # of the items, at most SPECIALISTS_MAX
SPECIALISTS_MAX = 2000
PRACTICES_SHARE = 0.15
INDEXER = "demo.search"
# The seeders after the site frame and the accounts, in this order (lower apps first).
SEEDERS = {
    "demo.specialists": specialists_demo,
    "demo.practices": practices_demo,
    "demo.forum": forum_demo,
    INDEXER: search_demo,
}


def scale_split(total: int) -> dict[str, int]:
    """How ``--scale N`` items split over the seeders: 2 % specialists (at most
    2 000: a few per municipality), 15 % practices, the rest forum posts (questions
    with 1.5 answers each on average, see ``demo.forum_bulk``)."""
    if total <= 0:
        return {}
    specialists = min(max(1, round(total * SPECIALISTS_SHARE)), SPECIALISTS_MAX)
    practices = round(total * PRACTICES_SHARE)
    forum = max(0, total - specialists - practices)
    return {
        "demo.specialists": specialists,
        "demo.practices": practices,
        "demo.forum": forum,
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
        for dotted, module in SEEDERS.items():
            if no_index and dotted == INDEXER:
                self.stdout.write(
                    "Search index not rebuilt (--no-index): "
                    "run `manage.py search_index rebuild`."
                )
                continue
            module.seed(stdout=self.stdout, scale=shares.get(dotted, 0))
        accounts_demo.print_logins(self.stdout)
