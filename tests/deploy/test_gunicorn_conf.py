"""gunicorn.conf.py: a worker builds the search thesaurus before its first request."""

import runpy
from pathlib import Path

import pytest
from django.db import OperationalError

from search import thesaurus

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


@pytest.fixture
def conf():
    return runpy.run_path(str(CONF))


@pytest.mark.django_db
def test_a_new_worker_has_the_thesaurus_built_before_its_first_search(
    conf, monkeypatch
):
    monkeypatch.setitem(thesaurus._cache, "index", None)
    monkeypatch.setitem(thesaurus._cache, "version", None)
    conf["post_worker_init"](None)
    assert thesaurus._cache["index"] is not None


def test_a_database_that_is_down_does_not_stop_the_worker(conf, monkeypatch, caplog):
    def down():
        raise OperationalError("connection refused")

    monkeypatch.setattr(thesaurus, "current_index", down)
    conf["post_worker_init"](None)  # no exception
    assert "thesaurus warm-up skipped" in caplog.text
