"""SQLite connections map the database file: a request's new connection reads
the search index from the operating system's cache, not page by page."""

from exchange.settings.env import database_config


def test_a_sqlite_connection_reads_the_file_memory_mapped(tmp_path, settings):
    from django.db.backends.sqlite3.base import DatabaseWrapper

    for url in (f"sqlite:///{tmp_path}/x.sqlite3", ""):
        config = database_config(url, default_sqlite_path=tmp_path / "y.sqlite3")
        wrapper = DatabaseWrapper({**settings.DATABASES["default"], **config}, "x")
        connection = wrapper.get_new_connection(wrapper.get_connection_params())
        try:
            size = connection.execute("PRAGMA mmap_size").fetchone()[0]
            assert size == 256 * 1024 * 1024
            assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        finally:
            connection.close()
