"""One engine protocol: every engine has the same methods with the same signatures,
and neither rebuild nor the fallback wrapper branch on an engine's name."""

import inspect
from pathlib import Path

import pytest

from search.engines import engine_class, engines_to_write, get_engine
from search.engines.base import SearchEngine
from search.engines.fallback import FallbackEngine

METHODS = [
    name
    for name, member in vars(SearchEngine).items()
    if callable(member) and not name.startswith("_")
]


def engines():
    return [
        engine_class("embedded")(),
        engine_class("opensearch")(url="http://127.0.0.1:1"),
        engine_class("elasticsearch")(url="http://127.0.0.1:1"),
        FallbackEngine(
            engine_class("opensearch")(url="http://127.0.0.1:1"),
            engine_class("embedded")(),
        ),
    ]


@pytest.mark.parametrize("engine", engines(), ids=lambda e: type(e).__name__)
def test_every_engine_follows_the_protocol(engine):
    assert isinstance(engine, SearchEngine)
    for name in METHODS:
        expected = inspect.signature(getattr(SearchEngine, name))
        actual = inspect.signature(getattr(type(engine), name))
        assert list(actual.parameters) == list(expected.parameters), name


def test_the_configured_engine_is_chosen_by_settings(settings):
    settings.SEARCH_ENGINE = "embedded"
    assert get_engine().name == "embedded"
    assert [e.name for e in engines_to_write()] == ["embedded"]
    settings.SEARCH_ENGINE = "opensearch"
    assert isinstance(get_engine(), FallbackEngine)
    assert get_engine().name == "opensearch"
    assert [e.name for e in engines_to_write()] == ["embedded", "opensearch"]


def test_rebuild_and_the_fallback_never_ask_an_engine_its_name():
    root = Path(__file__).resolve().parents[2] / "search"
    for path in [root / "indexing.py", root / "engines" / "fallback.py"]:
        source = path.read_text()
        assert ".name ==" not in source and ".name !=" not in source, path
