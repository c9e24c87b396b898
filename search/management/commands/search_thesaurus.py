"""``search_thesaurus load`` (re)loads search/thesaurus.csv; ``export`` prints the
current concepts as CSV; ``push`` applies them to the configured cluster's synonyms."""

import csv

from django.core.management.base import BaseCommand

from search.engines import engines_to_write
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
        else:
            for engine in engines_to_write():
                engine.put_synonyms()
                self.stdout.write(f"Thesaurus applied on {engine.name}.")
