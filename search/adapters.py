"""What an app declares to have its content searched, and the registry of those.

Search knows no app. Each app owns its adapters in its ``search_documents`` module
and registers them in ``AppConfig.ready`` (``search.adapters.register(adapter)``). An
adapter says, for one document type:

- ``model`` and ``index_queryset()``: every object any approved member may find
  (drafts, hidden posts and the like are simply not in it);
- ``audience(obj)``: ``Audience.PUBLIC`` when anonymous visitors may find the object
  too, else ``Audience.MEMBERS`` (the engines filter on it; no user is involved);
- ``to_item(obj)``: the engine-neutral ``IndexItem``;
- ``tracked()``: the models whose changes reindex it, each with a function giving the
  ``(doc_type, key)`` pairs to refresh. The signal wiring comes from it.

Apps may also register where a facet's labels come from (``register_facet``).
"""

import re
from collections.abc import Callable, Iterable, Iterator

from django.db.models import Model
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import strip_tags

from .indexing import IndexItem, build_document
from .models import Audience

CHUNK = 500

KeysFor = Callable[[Model], Iterable[tuple[str, object]]]


def stream_text(value) -> str:
    """The plain text inside a StreamField value (or anything JSON-like)."""
    raw = getattr(value, "raw_data", value)
    pieces: list[str] = []

    def walk(node):
        if isinstance(node, str):
            pieces.append(strip_tags(node))
        elif isinstance(node, dict):
            for key, child in node.items():
                if key not in ("type", "id"):
                    walk(child)
        elif isinstance(node, list | tuple):
            for child in node:
                walk(child)
        elif hasattr(node, "items"):
            walk(dict(node.items()))

    walk(raw)
    text = " ".join(p for p in pieces if p and not re.fullmatch(r"[0-9a-f-]{36}", p))
    return " ".join(text.split())


def url_in(language: str, name: str, *args) -> str:
    """``reverse(name)`` in ``language``'s URL prefix; "" when it does not resolve."""
    with translation.override(language):
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            return ""


def place_facets(municipalities=(), region=None) -> list[tuple[str, str]]:
    """Facet pairs for places: municipality, its province and region, a region."""
    facets = []
    for municipality in municipalities:
        facets.append(("municipality", municipality.refnis))
        if municipality.province_id:
            facets.append(("province", municipality.province.code))
        facets.append(("region", municipality.region.slug))
    if region is not None:
        facets.append(("region", region.slug))
    return facets


class Adapter:
    """One indexed document type. Subclasses live in the app that owns the model."""

    doc_type = ""
    model: type[Model] | None = None
    # Results of this type show facts from ``describe`` instead of a text snippet.
    shows_details = False

    def key(self, obj) -> str:
        return str(obj.pk)

    def index_queryset(self):
        raise NotImplementedError

    def is_indexable(self, obj) -> bool:
        return self.index_queryset().filter(pk=obj.pk).exists()

    def audience(self, obj) -> str:
        return Audience.MEMBERS

    def to_item(self, obj) -> IndexItem:
        raise NotImplementedError

    def prefetch(self, queryset):
        return queryset

    def prepare(self, objs: list) -> None:
        """Called with each chunk of objects before ``to_item``: for what
        ``prefetch`` cannot load (a value shared by the whole chunk)."""

    def tracked(self) -> dict[type[Model], KeysFor]:
        """``{model: keys_for(instance)}``: changes that refresh documents."""
        return {self.model: lambda obj: [(self.doc_type, obj.pk)]}

    def describe(self, keys, language: str) -> dict[str, dict]:
        """``{key: facts}`` shown for results when ``shows_details``."""
        return {}

    def iter_items(self) -> Iterator[IndexItem]:
        queryset = self.index_queryset().order_by("pk")
        last = None
        while True:
            chunk = queryset if last is None else queryset.filter(pk__gt=last)
            objs = list(self.prefetch(chunk)[:CHUNK])
            if not objs:
                return
            self.prepare(objs)
            for obj in objs:
                yield self.to_item(obj)
            last = objs[-1].pk

    def document_for_key(self, object_key: str):
        """The SearchDocument the object should have now, or None (remove it)."""
        obj = self.prefetch(self.index_queryset().filter(pk=object_key)).first()
        if obj is None:
            return None
        self.prepare([obj])
        return build_document(self.to_item(obj))


# --- the registry ------------------------------------------------------------------
ADAPTERS: dict[str, Adapter] = {}
# facet name -> (model, field): where a facet value's label comes from
# (the model's ``name_in(language)``).
FACET_SOURCES: dict[str, tuple[type[Model], str]] = {}


def register(adapter: Adapter) -> Adapter:
    """Index ``adapter``'s documents and reindex on changes to its tracked models."""
    from .signals import connect_adapter

    if not adapter.doc_type or adapter.model is None:
        raise ValueError(f"{adapter!r} declares no doc_type or model")
    ADAPTERS[adapter.doc_type] = adapter
    connect_adapter(adapter)
    return adapter


def register_facet(name: str, model: type[Model], field: str) -> None:
    """Facet ``name``'s values are ``model.field``; labels its ``name_in(lang)``."""
    FACET_SOURCES[name] = (model, field)


def get_adapter(doc_type: str) -> Adapter | None:
    return ADAPTERS.get(doc_type)


def all_adapters() -> list[Adapter]:
    return list(ADAPTERS.values())


def facet_source(name: str) -> tuple[type[Model], str] | None:
    return FACET_SOURCES.get(name)
