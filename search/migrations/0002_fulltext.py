"""The engine-specific full-text structure over SearchDocument's analysed columns.

SQLite: an external-content FTS5 table kept in sync by triggers, ranked with bm25().
PostgreSQL: a generated tsvector (title weight A, body weight B) with a GIN index, and
a GIN index on the facet keys so filters never scan.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        index_title, index_body, index_keys,
        content='search_searchdocument', content_rowid='id',
        tokenize="unicode61 tokenchars '_'")""",
    """CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchdocument BEGIN
        INSERT INTO search_fts(rowid, index_title, index_body, index_keys)
        VALUES (new.id, new.index_title, new.index_body, new.index_keys);
    END""",
    """CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchdocument BEGIN
        INSERT INTO search_fts(search_fts, rowid, index_title, index_body, index_keys)
        VALUES ('delete', old.id, old.index_title, old.index_body, old.index_keys);
    END""",
    """CREATE TRIGGER search_fts_au
        AFTER UPDATE OF index_title, index_body, index_keys ON search_searchdocument
    BEGIN
        INSERT INTO search_fts(search_fts, rowid, index_title, index_body, index_keys)
        VALUES ('delete', old.id, old.index_title, old.index_body, old.index_keys);
        INSERT INTO search_fts(rowid, index_title, index_body, index_keys)
        VALUES (new.id, new.index_title, new.index_body, new.index_keys);
    END""",
    # Title matches weigh five times body matches; facet keys do not score.
    "INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0, 0.0)')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_FORWARD = [
    """ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', index_title), 'A')
            || setweight(to_tsvector('simple', index_body), 'B')
        ) STORED""",
    "CREATE INDEX search_document_vector ON search_searchdocument"
    " USING GIN (search_vector)",
    "CREATE INDEX search_document_facets ON search_searchdocument"
    " USING GIN (facet_keys)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_document_facets",
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor, [])
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
