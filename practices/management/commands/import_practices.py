from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from practices.importing import practices_import


class Command(BaseCommand):
    help = (
        "Import practices from a JSON Lines file (see docs/import-formats.md). "
        "Bad lines are reported and skipped; re-importing updates, never duplicates."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to the .jsonl file ('-' for stdin).")
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Import as drafts instead of publishing.",
        )
        parser.add_argument(
            "--author",
            default="",
            help="E-mail of the member who owns lines without an 'author' field.",
        )

    def handle(self, *args, file, draft=False, author="", **options):
        default_author = None
        if author:
            default_author = (
                get_user_model().objects.filter(email=author.lower()).first()
            )
            if default_author is None:
                raise CommandError(f"No member with e-mail {author}.")
        if file == "-":
            import sys

            lines = sys.stdin.readlines()
        else:
            path = Path(file)
            if not path.is_file():
                raise CommandError(f"File not found: {file}")
            lines = path.read_text(encoding="utf-8").splitlines()
        report = practices_import(lines, draft=draft, default_author=default_author)
        for number, message in report.errors:
            self.stderr.write(f"line {number}: {message}")
        self.stdout.write(
            f"created {report.created}, updated {report.updated}, "
            f"rejected {len(report.errors)}"
        )
