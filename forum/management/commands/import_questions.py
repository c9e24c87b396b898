"""Import questions and answers from a JSON Lines file (docs/import-formats.md)."""

from django.core.management.base import BaseCommand, CommandError

from forum.importer import import_questions


class Command(BaseCommand):
    help = "Import questions from JSON Lines; bad lines are reported and skipped."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the .jsonl file ('-' for stdin).")

    def handle(self, *args, file, **options):
        import sys

        try:
            stream = sys.stdin if file == "-" else open(file, encoding="utf-8")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}")
        with stream:
            report = import_questions(stream)
        for line in report.lines():
            self.stdout.write(line)
        if report.errors:
            self.stderr.write(f"{len(report.errors)} line(s) could not be imported.")
