"""Fixtures of the coordinators' workspace: the practice tree and a small map."""

from tests.practices.conftest import geo, library, themes  # noqa: F401
