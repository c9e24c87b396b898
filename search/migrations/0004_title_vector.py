"""PostgreSQL: a title-only tsvector with its own GIN index, so broad searches can
find title matches (the best candidates) without checking every match."""

from django.db import migrations

FORWARD = [
    """ALTER TABLE search_searchdocument ADD COLUMN title_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('simple', index_title)) STORED""",
    "CREATE INDEX search_document_title ON search_searchdocument"
    " USING GIN (title_vector)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_document_title",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS title_vector",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_load_thesaurus")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
