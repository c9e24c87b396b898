"""Summaries weigh more than bodies, less than titles.

``summary`` and its analysed ``index_summary`` are new columns; the full-text
structures are rebuilt over title, summary and body:
- SQLite: the FTS5 table gets an ``index_summary`` column, ranked bm25(5, 2.5, 1, 0);
- PostgreSQL: ``search_vector`` weighs the summary B and the body C (ts_rank weights
  ``{0.1, 0.4, 0.6, 1.0}``: title 1.0, summary 0.6, body 0.4, as before for both).
Documents get their summary at the next ``manage.py search_index rebuild``.
"""

from django.db import migrations, models

COLUMNS = "index_title, index_summary, index_body, index_keys"
OLD_COLUMNS = "index_title, index_body, index_keys"


def _fts(columns, rank):
    new = ", ".join(f"new.{c.strip()}" for c in columns.split(","))
    old = ", ".join(f"old.{c.strip()}" for c in columns.split(","))
    return [
        "DROP TRIGGER IF EXISTS search_fts_au",
        "DROP TRIGGER IF EXISTS search_fts_ad",
        "DROP TRIGGER IF EXISTS search_fts_ai",
        "DROP TABLE IF EXISTS search_fts",
        f"""CREATE VIRTUAL TABLE search_fts USING fts5(
            {columns},
            content='search_searchdocument', content_rowid='id',
            tokenize="unicode61 tokenchars '_'")""",
        f"""CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchdocument BEGIN
            INSERT INTO search_fts(rowid, {columns}) VALUES (new.id, {new});
        END""",  # noqa: S608 - fixed column names
        f"""CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchdocument BEGIN
            INSERT INTO search_fts(search_fts, rowid, {columns})
            VALUES ('delete', old.id, {old});
        END""",  # noqa: S608 - fixed column names
        f"""CREATE TRIGGER search_fts_au
            AFTER UPDATE OF {columns} ON search_searchdocument
        BEGIN
            INSERT INTO search_fts(search_fts, rowid, {columns})
            VALUES ('delete', old.id, {old});
            INSERT INTO search_fts(rowid, {columns}) VALUES (new.id, {new});
        END""",  # noqa: S608 - fixed column names
        f"INSERT INTO search_fts(search_fts, rank) VALUES ('rank', '{rank}')",  # noqa: S608
        "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    ]


def _vector(parts):
    return [
        "DROP INDEX IF EXISTS search_document_vector",
        "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
        "ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector"
        " GENERATED ALWAYS AS (" + " || ".join(parts) + ") STORED",
        "ALTER TABLE search_searchdocument ALTER COLUMN search_vector"
        " SET STORAGE EXTERNAL",
        "CREATE INDEX search_document_vector ON search_searchdocument"
        " USING GIN (search_vector)",
    ]


FORWARD = {
    "sqlite": _fts(COLUMNS, "bm25(5.0, 2.5, 1.0, 0.0)"),
    "postgresql": _vector(
        [
            "setweight(to_tsvector('simple', index_title), 'A')",
            "setweight(to_tsvector('simple', index_summary), 'B')",
            "setweight(to_tsvector('simple', index_body), 'C')",
        ]
    ),
}
BACKWARD = {
    "sqlite": _fts(OLD_COLUMNS, "bm25(5.0, 1.0, 0.0)"),
    "postgresql": _vector(
        [
            "setweight(to_tsvector('simple', index_title), 'A')",
            "setweight(to_tsvector('simple', index_body), 'B')",
        ]
    ),
}


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0007_indexevent_done_engines")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="summary",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="index_summary",
            field=models.TextField(blank=True),
        ),
        # Forward: the columns exist before the full-text structures read them;
        # backward: the old structures are back before the columns go.
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
    ]
