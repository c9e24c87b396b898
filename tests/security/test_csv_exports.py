"""Issue 11 item 5: the shared CSV helper neutralises cells a spreadsheet would run.

Each export has its own test: tests/practices/test_feeds_export_api.py and
tests/specialists/test_coverage.py (``..._neutralises_hostile_...``).
"""

import pytest

from exchange.core.csv_safety import csv_safe

HOSTILE = [
    '=HYPERLINK("http://evil.example","x")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_cell_starting_with_a_formula_character_is_quoted(value):
    assert csv_safe(value) == "'" + value


@pytest.mark.parametrize(
    "value", ["Gent", "", "2026-01-31", "44021", "a=b", "Jan - Piet", 12, None]
)
def test_ordinary_cells_are_left_alone(value):
    assert csv_safe(value) == ("" if value is None else value)
