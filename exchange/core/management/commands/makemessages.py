"""makemessages without fuzzy matching: a new string starts empty, never half-wrong."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [
        "-q",
        "--backup=none",
        "--previous",
        "--update",
        "--no-fuzzy-matching",
    ]
