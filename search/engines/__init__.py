"""Search engines behind one protocol (``base.SearchEngine``).

``get_engine()`` is what searches use: the embedded engine, or the configured
cluster engine wrapped so that the embedded engine answers when the cluster cannot.
``engines_to_write()`` is what indexing writes to: the embedded engine always (it
is the fallback) and the cluster engine when one is configured, each on its own.
"""

from importlib import import_module

from django.conf import settings

from .base import EngineError, EngineResult, SearchEngine, SearchRequest  # noqa: F401

# SEARCH_ENGINE value -> "module:class" of the engine.
ENGINES = {
    "embedded": "search.engines.embedded:EmbeddedEngine",
    "opensearch": "search.engines.opensearch:OpenSearchEngine",
    "elasticsearch": "search.engines.elasticsearch:ElasticsearchEngine",
}


def engine_class(name: str):
    module, _sep, cls = ENGINES[name].partition(":")
    return getattr(import_module(module), cls)


def configured_name() -> str:
    name = getattr(settings, "SEARCH_ENGINE", "embedded")
    return name if name in ENGINES else "embedded"


def get_engine(name: str | None = None) -> SearchEngine:
    """The named engine as it is; without a name, the engine searches use."""
    from .embedded import EmbeddedEngine

    if name is not None:
        return engine_class(name)()
    configured = engine_class(configured_name())()
    if isinstance(configured, EmbeddedEngine):
        return configured
    from .fallback import FallbackEngine

    return FallbackEngine(configured, EmbeddedEngine())


def engines_to_write() -> list[SearchEngine]:
    """The embedded index always (it is the fallback); the cluster when configured."""
    from .embedded import EmbeddedEngine

    engines: list[SearchEngine] = [EmbeddedEngine()]
    configured = engine_class(configured_name())
    if configured is not EmbeddedEngine:
        engines.append(configured())
    return engines
