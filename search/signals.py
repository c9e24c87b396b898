"""Record an outbox event whenever indexed content changes (same transaction).

What to watch comes from the registered adapters (``Adapter.tracked``): search
names no model itself.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from .indexing import record_event
from .models import IndexAction

# model -> the keys_for functions of every adapter tracking it
_TRACKED: dict[type, list] = {}


def keys_for_instance(instance) -> list[tuple[str, object]]:
    """Every (doc_type, key) the registered adapters refresh for ``instance``."""
    keys = []
    for model, functions in _TRACKED.items():
        if isinstance(instance, model):
            for keys_for in functions:
                keys += [(t, k) for t, k in keys_for(instance) if k is not None]
    return list(dict.fromkeys(keys))


def _record(instance, action, model):
    for keys_for in _TRACKED.get(model, ()):
        for doc_type, key in keys_for(instance):
            if key is not None:
                record_event(doc_type, key, action)


def _connect(model):
    def on_save(sender, instance, raw=False, **kwargs):
        if not raw:
            _record(instance, IndexAction.UPSERT, model)

    def on_delete(sender, instance, **kwargs):
        _record(instance, IndexAction.DELETE, model)

    def on_m2m(sender, instance, action, **kwargs):
        if action in ("post_add", "post_remove", "post_clear") and isinstance(
            instance, model
        ):
            _record(instance, IndexAction.UPSERT, model)

    uid = f"search-{model._meta.label_lower}"
    post_save.connect(on_save, sender=model, weak=False, dispatch_uid=uid + "-save")
    post_delete.connect(on_delete, sender=model, weak=False, dispatch_uid=uid + "-del")
    for field in model._meta.local_many_to_many:
        through = getattr(field.remote_field, "through", None)
        if through is not None and not isinstance(through, str):
            m2m_changed.connect(
                on_m2m, sender=through, weak=False, dispatch_uid=f"{uid}-{field.name}"
            )


def connect_adapter(adapter) -> None:
    """Watch the models ``adapter`` tracks (once per model and adapter)."""
    for model, keys_for in adapter.tracked().items():
        functions = _TRACKED.get(model)
        if functions is None:
            functions = _TRACKED[model] = []
            _connect(model)
        # One entry per adapter: registering again replaces, never doubles.
        doc_type = adapter.doc_type
        functions[:] = [
            f for f in functions if getattr(f, "_search_doc_type", None) != doc_type
        ]
        keys_for = _tagged(keys_for, adapter.doc_type)
        functions.append(keys_for)


def _tagged(keys_for, doc_type):
    def tagged(instance):
        return keys_for(instance)

    tagged._search_doc_type = doc_type
    return tagged


def connect_pages():
    """Publishing and unpublishing a page reindex it when an adapter tracks it."""
    from wagtail.signals import page_published, page_unpublished

    def on_publish_change(sender, instance, **kwargs):
        for doc_type, key in keys_for_instance(instance):
            record_event(doc_type, key, IndexAction.UPSERT)

    page_published.connect(on_publish_change, weak=False, dispatch_uid="search-pub")
    page_unpublished.connect(on_publish_change, weak=False, dispatch_uid="search-unpub")
