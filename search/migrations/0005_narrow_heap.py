"""PostgreSQL: keep the rows that a search reads narrow.

A broad search reads the heap row of every match (its facet keys, its audience). The
wide columns (texts, analysed tokens, tsvectors) made a row about 2 KB, so a word in a
third of 100 000 documents read 20 000 pages. With a low TOAST target those columns
live out of line and a row is a few hundred bytes; the text index (GIN) still holds
every word, and ts_rank reads a tsvector only for the few candidates it scores.
Existing rows keep their old layout until ``manage.py search_index rebuild``.
"""

from django.db import migrations

# Read for every match (facet counts, title matches): kept in the row.
IN_ROW = ("facet_keys", "title_vector")
# Read only for the page of results or the ranked candidates: out of line,
# uncompressed (ts_rank reads the whole vector).
OUT_OF_LINE = ("search_vector",)
FORWARD = [
    "ALTER TABLE search_searchdocument SET (toast_tuple_target = 128)",
    *(
        f"ALTER TABLE search_searchdocument ALTER COLUMN {c} SET STORAGE MAIN"
        for c in IN_ROW
    ),
    *(
        f"ALTER TABLE search_searchdocument ALTER COLUMN {c} SET STORAGE EXTERNAL"
        for c in OUT_OF_LINE
    ),
]
BACKWARD = [
    "ALTER TABLE search_searchdocument RESET (toast_tuple_target)",
    *(
        f"ALTER TABLE search_searchdocument ALTER COLUMN {c} SET STORAGE EXTENDED"
        for c in IN_ROW + OUT_OF_LINE
    ),
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_title_vector")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
