"""Factories of every app; import them from here (``from tests.factories import ...``)."""

from .accounts import *  # noqa: F401,F403
