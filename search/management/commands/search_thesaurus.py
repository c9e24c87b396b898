"""``search_thesaurus load`` (re)loads search/thesaurus.csv; ``export`` prints the
current concepts as CSV; ``push`` sends them to Elasticsearch as a synonym set."""

import csv

from django.conf import settings
from django.core.management.base import BaseCommand

from search.models import Concept
from search.thesaurus import CSV_PATH, load_csv


class Command(BaseCommand):
    help = "Load, export or push the multilingual thesaurus."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["load", "export", "push"])
        parser.add_argument("--file", default=str(CSV_PATH))

    def handle(self, *args, action, file, **options):
        if action == "load":
            created, updated = load_csv(Concept, file)
            self.stdout.write(
                f"Thesaurus: {created} concepts added, {updated} updated."
            )
        elif action == "export":
            writer = csv.writer(self.stdout)
            writer.writerow(["concept", "group", "nl", "fr", "de", "en"])
            for c in Concept.objects.order_by("group", "key"):
                writer.writerow([c.key, c.group, c.nl, c.fr, c.de, c.en])
        elif settings.SEARCH_ENGINE == "elasticsearch":
            from search.engines.elasticsearch import ElasticsearchEngine

            ElasticsearchEngine().put_synonyms()
            self.stdout.write("Synonym set sent; search analysers reload.")
        else:
            self.stdout.write("The embedded engine reads the thesaurus at query time.")
