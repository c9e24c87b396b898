"""Change stamps kept by database triggers (``ChangeStamp``).

``install_triggers`` runs after every ``migrate``: on each table that labels a
registered facet (``register_facet``), any insert, update or delete (or, on
PostgreSQL, truncate) writes a new random ``facet-labels`` stamp in the same
transaction. A search reads the stamp once (``search.service``) and labels its
facets from the process's copy of the tables while it is unchanged; where the
triggers are missing (a facet registered after the last ``migrate``), the tables
are read on every search as before."""

import logging
import secrets

from django.db import connection, connections

from .adapters import FACET_SOURCES

logger = logging.getLogger(__name__)

LABELS = "facet-labels"
PREFIX = "search_stamp_"
STAMP_TABLE = "search_changestamp"
_SQLITE_EVENTS = ("INSERT", "UPDATE", "DELETE")
# Whether every facet table has its triggers, per database alias: looked up once
# per process (a ``migrate`` while it runs takes effect at its restart).
_INSTALLED: dict[str, bool] = {}


def _tables() -> list[str]:
    return sorted({model._meta.db_table for model, _field in FACET_SOURCES.values()})


def _trigger_names(vendor: str) -> set[str]:
    if vendor == "postgresql":
        return {f"{PREFIX}{table}" for table in _tables()}
    return {
        f"{PREFIX}{table}_{e.lower()}" for table in _tables() for e in _SQLITE_EVENTS
    }


def _upsert(value: str) -> str:
    return (
        f"INSERT INTO {STAMP_TABLE} (name, stamp) VALUES ('{LABELS}', {value})"  # noqa: S608 - constants
        " ON CONFLICT (name) DO UPDATE SET stamp = excluded.stamp"
    )


def install_triggers(using: str = "default", **_kwargs) -> None:
    """Create (or replace) the triggers on every facet table, and a first stamp.
    Without the stamp table (``search`` migrated back before 0009) the triggers
    are dropped instead: left in place, every change to a facet table would
    fail."""
    db = connections[using]
    quote = db.ops.quote_name
    present = set(db.introspection.table_names())
    if STAMP_TABLE not in present:
        drop_triggers(using)
        return
    with db.cursor() as cursor:
        if db.vendor == "postgresql":
            cursor.execute(
                "CREATE OR REPLACE FUNCTION search_stamp_facet_labels() RETURNS trigger"
                " LANGUAGE plpgsql AS $$ BEGIN "
                + _upsert("floor((random() - 0.5) * 1.8e19)::bigint")
                + "; RETURN NULL; END $$"
            )
            for table in _tables():
                if table not in present:
                    continue
                cursor.execute(
                    f"CREATE OR REPLACE TRIGGER {PREFIX}{table}"
                    " AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
                    f" ON {quote(table)} FOR EACH STATEMENT"
                    " EXECUTE FUNCTION search_stamp_facet_labels()"
                )
        else:
            for table in _tables():
                if table not in present:
                    continue
                for event in _SQLITE_EVENTS:
                    cursor.execute(
                        f"CREATE TRIGGER IF NOT EXISTS {PREFIX}{table}_{event.lower()}"
                        f" AFTER {event} ON {quote(table)}"
                        f" BEGIN {_upsert('random()')}; END"
                    )
        cursor.execute(_upsert("%s"), [secrets.randbits(63)])
    _INSTALLED.pop(using, None)


def drop_triggers(using: str = "default") -> None:
    """Remove the triggers (from the facet tables that exist)."""
    db = connections[using]
    present = set(db.introspection.table_names())
    with db.cursor() as cursor:
        for table in _tables():
            if table not in present:
                continue
            if db.vendor == "postgresql":
                cursor.execute(
                    f"DROP TRIGGER IF EXISTS {PREFIX}{table}"
                    f" ON {db.ops.quote_name(table)}"
                )
            else:
                for event in _SQLITE_EVENTS:
                    name = f"{PREFIX}{table}_{event.lower()}"
                    cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
    _INSTALLED.pop(using, None)


def triggers_installed() -> bool:
    """Whether every facet table of the default database has its triggers."""
    alias = connection.alias
    if alias not in _INSTALLED:
        if connection.vendor == "postgresql":
            sql = "SELECT tgname FROM pg_trigger WHERE tgname LIKE %s"
        else:
            sql = (
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s"
            )
        with connection.cursor() as cursor:
            cursor.execute(sql, [PREFIX + "%"])
            found = {row[0] for row in cursor.fetchall()}
        missing = _trigger_names(connection.vendor) - found
        if missing:
            logger.warning(
                "Facet labels are read on every search: run `manage.py migrate` to"
                " install the triggers %s.",
                ", ".join(sorted(missing)),
            )
        _INSTALLED[alias] = not missing
    return _INSTALLED[alias]
