"""SQLite given as DATABASE_URL (the benchmarks) is set up as the default file: a
logged search must not pay ~20 ms of rollback-journal fsyncs."""

from exchange.settings.env import SQLITE_OPTIONS, database_config


def test_sqlite_url_gets_the_write_ahead_log_like_the_default_file(tmp_path):
    by_url = database_config(f"sqlite:///{tmp_path}/x.sqlite3", default_sqlite_path="")
    default = database_config("", default_sqlite_path=tmp_path / "y.sqlite3")
    for config in (by_url, default):
        assert config["OPTIONS"]["init_command"] == SQLITE_OPTIONS["init_command"]
        assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
        assert "synchronous=NORMAL" in config["OPTIONS"]["init_command"]
    assert by_url["CONN_MAX_AGE"] == 0


def test_a_sqlite_connection_from_a_url_writes_ahead(tmp_path, settings):
    import sqlite3

    from django.db.backends.sqlite3.base import DatabaseWrapper

    config = database_config(f"sqlite:///{tmp_path}/x.sqlite3", default_sqlite_path="")
    wrapper = DatabaseWrapper({**settings.DATABASES["default"], **config}, alias="x")
    # A connection as Django opens it (its init commands run), outside the test db.
    connection = wrapper.get_new_connection(wrapper.get_connection_params())
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    finally:
        connection.close()
    again = sqlite3.connect(tmp_path / "x.sqlite3")
    assert again.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    again.close()
