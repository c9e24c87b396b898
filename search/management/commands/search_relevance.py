"""``search_relevance``: nDCG@10 of the project's relevance collection, per engine.

Seeds nothing: run it on a database holding the demo content (``seed_demo``), with
the engines already indexed. ``--engine`` may be given more than once to compare
engines in one run (each must hold the same documents).
"""

from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from search.relevance import (
    DEFAULT_COLLECTION,
    evaluate,
    format_report,
    load_collection,
    member_user,
    per_kind_table,
)


class Command(BaseCommand):
    help = "Print nDCG@10 per query kind and overall on the relevance collection."

    def add_arguments(self, parser):
        parser.add_argument("--collection", default=str(DEFAULT_COLLECTION))
        parser.add_argument(
            "--engine",
            action="append",
            dest="engines",
            help="engine to measure (default: the configured SEARCH_ENGINE); repeat",
        )
        parser.add_argument("--user", help="e-mail of the member to search as")
        parser.add_argument(
            "--verbose-queries", action="store_true", help="nDCG of every query"
        )

    def handle(self, *args, collection, engines, user, verbose_queries, **options):
        try:
            judged = load_collection(collection)
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"Cannot read the collection: {error}") from error
        member = member_user(user)
        if member is None:
            raise CommandError("No active member to search as: run seed_demo first.")
        from django.conf import settings

        names = engines or [getattr(settings, "SEARCH_ENGINE", "embedded")]
        reports = {}
        for name in names:
            with override_settings(SEARCH_ENGINE=name):
                reports[name] = evaluate(judged, member)
            report = format_report(reports[name], name, verbose=verbose_queries)
            self.stdout.write(report)
        if len(reports) > 1:
            self.stdout.write(per_kind_table(reports))
