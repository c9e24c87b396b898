"""Demo tools (seed_demo, demo_totp) refuse to run under production settings."""

from django.conf import settings
from django.core.management.base import CommandError


def refuse_demo_tool_in_production(command: str) -> None:
    """Raise CommandError (exit status 1) unless settings.DEMO_TOOLS_ENABLED."""
    if not getattr(settings, "DEMO_TOOLS_ENABLED", False):
        raise CommandError(
            f"{command} refuses to run under production settings: it creates demo "
            "accounts with published passwords and TOTP secrets. Use a development "
            "or test settings module (DJANGO_SETTINGS_MODULE)."
        )
