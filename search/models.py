"""The search index, its outbox, the multilingual thesaurus and the query log."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DocType(models.TextChoices):
    PRACTICE = "practice", _("Good practice")
    QUESTION = "question", _("Question")
    ANSWER = "answer", _("Answer")
    SPECIALIST = "specialist", _("Specialist")
    COLLECTION = "collection", _("Collection")


class Audience(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Members")


class SearchDocument(models.Model):
    """One searchable item, flattened by an adapter; drafts and hidden posts get none.

    ``index_*`` hold the analysed tokens. The engine's own full-text structure is built
    from them by the database: an FTS5 table kept in sync by triggers on SQLite, a
    generated ``tsvector`` column with a GIN index on PostgreSQL (migration 0002).
    """

    doc_type = models.CharField(max_length=20, choices=DocType.choices)
    object_key = models.CharField(max_length=64)
    language = models.CharField(max_length=5)
    title = models.CharField(max_length=500)
    body = models.TextField(blank=True)
    # The item's own short description (a practice's summary), also part of the
    # body: it is indexed again on its own to weigh more than the body.
    summary = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    audience = models.CharField(max_length=10, choices=Audience.choices)
    # "type:practice", "lang:fr", "aud:public", "theme:housing", "region:flanders"...
    facet_keys = models.JSONField(default=list)
    index_title = models.TextField(blank=True)
    index_body = models.TextField(blank=True)
    index_summary = models.TextField(blank=True)
    index_keys = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    indexed_at = models.DateTimeField(auto_now=True)
    popularity = models.FloatField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["doc_type", "object_key"], name="search_document_unique_key"
            )
        ]

    def __str__(self):
        return f"{self.doc_type} {self.object_key}: {self.title}"


class Term(models.Model):
    """A folded word seen in the index: the vocabulary for "did you mean"."""

    term = models.CharField(max_length=40, unique=True)
    length = models.PositiveSmallIntegerField()
    doc_count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["length", "term"])]

    def __str__(self):
        return self.term


class Concept(models.Model):
    """A thesaurus entry: one idea with its names in four languages.

    Alternatives are separated by ``|``. Search expands a query word that matches any
    alternative to all of them, in every language, at query time: a change here
    applies at once, without reindexing documents.
    """

    key = models.SlugField(_("key"), max_length=80, unique=True)
    group = models.CharField(_("group"), max_length=40, blank=True)
    nl = models.TextField(_("Dutch"), blank=True, help_text=_("Separate with |"))
    fr = models.TextField(_("French"), blank=True, help_text=_("Separate with |"))
    de = models.TextField(_("German"), blank=True, help_text=_("Separate with |"))
    en = models.TextField(_("English"), blank=True, help_text=_("Separate with |"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["group", "key"]
        verbose_name = _("thesaurus concept")
        verbose_name_plural = _("thesaurus concepts")

    def __str__(self):
        return self.key

    def alternatives(self) -> dict[str, list[str]]:
        """``{"nl": ["OCMW", ...], ...}`` with blanks removed."""
        return {
            lang: [a.strip() for a in getattr(self, lang).split("|") if a.strip()]
            for lang in ("nl", "fr", "de", "en")
        }


class IndexAction(models.TextChoices):
    UPSERT = "upsert", _("Index")
    DELETE = "delete", _("Remove")


class IndexEvent(models.Model):
    """Outbox row written with a content change; removed once applied."""

    doc_type = models.CharField(max_length=20, choices=DocType.choices)
    object_key = models.CharField(max_length=64)
    action = models.CharField(max_length=10, choices=IndexAction.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    # Engines that have this event already (space-separated names): each engine is
    # written on its own, so a cluster outage never holds back the embedded index.
    done_engines = models.CharField(max_length=100, blank=True, default="")

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.action} {self.doc_type} {self.object_key}"


class QueryLog(models.Model):
    """A search as typed, without any link to who searched."""

    query = models.CharField(max_length=200)
    language = models.CharField(max_length=5, choices=settings.LANGUAGES)
    result_count = models.PositiveIntegerField()
    engine = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["language", "query"])]

    def __str__(self):
        return self.query


class ChangeStamp(models.Model):
    """A random number that database triggers replace whenever some rows change.

    ``facet-labels``: any insert, update or delete on a table that labels a facet
    (``register_facet``). A search reads the stamp with the thesaurus's version and
    keeps the labels it made while the stamp is the same: a rename shows at once,
    in every process, whatever transaction or statement made it. Random rather
    than counted, so a rolled-back change never brings an old stamp back."""

    name = models.CharField(max_length=40, primary_key=True)
    stamp = models.BigIntegerField()

    def __str__(self):
        return f"{self.name}: {self.stamp}"
