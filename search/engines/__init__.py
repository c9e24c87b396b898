"""Search engines behind one protocol; ``get_engine()`` picks the configured one."""

from django.conf import settings

from .base import EngineError, EngineResult, SearchRequest  # noqa: F401


def get_engine(name: str | None = None):
    name = name or getattr(settings, "SEARCH_ENGINE", "embedded")
    if name == "elasticsearch":
        from .elasticsearch import ElasticsearchEngine

        return ElasticsearchEngine()
    from .embedded import EmbeddedEngine

    return EmbeddedEngine()
