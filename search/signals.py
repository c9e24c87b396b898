"""Record an outbox event whenever indexed content changes (same transaction)."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from .indexing import record_event
from .models import DocType, IndexAction, SearchDocument


def _user_is_indexed_or_designated(user) -> bool:
    if SearchDocument.objects.filter(
        doc_type=DocType.SPECIALIST, object_key=str(user.pk)
    ).exists():
        return True
    try:
        designation = apps.get_model("specialists", "Designation")
    except LookupError:
        return False
    return designation.objects.filter(user_id=user.pk).exists()


def _question_keys(question):
    yield DocType.QUESTION, question.pk
    for answer_pk in question.answers.values_list("pk", flat=True):
        yield DocType.ANSWER, answer_pk


# model label -> function(instance) yielding (doc_type, object key) to refresh
TRACKED = {
    "practices.PracticePage": lambda page: [(DocType.PRACTICE, page.pk)],
    "practices.PracticeCollection": lambda c: [(DocType.COLLECTION, c.pk)],
    "forum.Question": _question_keys,
    "forum.Answer": lambda answer: [(DocType.ANSWER, answer.pk)],
    "specialists.Designation": lambda d: [(DocType.SPECIALIST, d.user_id)],
    "specialists.SpecialistProfile": lambda p: [(DocType.SPECIALIST, p.user_id)],
    "accounts.User": lambda user: (
        [(DocType.SPECIALIST, user.pk)] if _user_is_indexed_or_designated(user) else []
    ),
}


def _record(instance, action, keys_for):
    for doc_type, key in keys_for(instance):
        if key is not None:
            record_event(doc_type, key, action)


def _connect(model, keys_for):
    def on_save(sender, instance, raw=False, **kwargs):
        if not raw:
            _record(instance, IndexAction.UPSERT, keys_for)

    def on_delete(sender, instance, **kwargs):
        _record(instance, IndexAction.DELETE, keys_for)

    def on_m2m(sender, instance, action, **kwargs):
        if action in ("post_add", "post_remove", "post_clear") and isinstance(
            instance, model
        ):
            _record(instance, IndexAction.UPSERT, keys_for)

    uid = f"search-{model._meta.label_lower}"
    post_save.connect(on_save, sender=model, weak=False, dispatch_uid=uid + "-save")
    post_delete.connect(on_delete, sender=model, weak=False, dispatch_uid=uid + "-del")
    for field in model._meta.local_many_to_many:
        through = getattr(field.remote_field, "through", None)
        if through is not None and not isinstance(through, str):
            m2m_changed.connect(
                on_m2m, sender=through, weak=False, dispatch_uid=f"{uid}-{field.name}"
            )


def _connect_pages():
    from wagtail.signals import page_published, page_unpublished

    def on_publish_change(sender, instance, **kwargs):
        if instance._meta.label == "practices.PracticePage":
            record_event(DocType.PRACTICE, instance.pk, IndexAction.UPSERT)

    page_published.connect(on_publish_change, weak=False, dispatch_uid="search-pub")
    page_unpublished.connect(on_publish_change, weak=False, dispatch_uid="search-unpub")


def connect_all():
    for label, keys_for in TRACKED.items():
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue  # that app has not built the model yet
        _connect(model, keys_for)
    _connect_pages()
