"""CSV exports that are safe to open in a spreadsheet (OWASP "CSV injection").

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return can be
run as a formula by Excel or LibreOffice; such a cell gets a leading single quote,
which spreadsheets show as text. Every CSV export writes through ``csv_safe_row``.
"""

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """The value, with a leading ``'`` if a spreadsheet would treat it as a formula.

    Numbers and dates are written as they are; ``None`` becomes an empty cell.
    """
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_safe_row(row):
    """A list or dict row with every cell passed through ``csv_safe``."""
    if isinstance(row, dict):
        return {key: csv_safe(value) for key, value in row.items()}
    return [csv_safe(value) for value in row]


class SafeCsvWriter:
    """``csv.writer`` whose rows are neutralised before they are written."""

    def __init__(self, stream, **options):
        self._writer = csv.writer(stream, **options)

    def writerow(self, row):
        return self._writer.writerow(csv_safe_row(row))


class SafeCsvDictWriter(csv.DictWriter):
    """``csv.DictWriter`` whose rows are neutralised before they are written."""

    def writerow(self, rowdict):
        return super().writerow(csv_safe_row(rowdict))
