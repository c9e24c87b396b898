"""What the practice library puts in the search index (registered in apps.py).

Every live practice is indexed; public ones for everyone, members-only ones for
members (``audience``). Drafts and pages waiting for review have no document.
"""

from wagtail.models import Site

from exchange.taxonomy.models import TargetGroup, Theme
from search.adapters import (
    Adapter,
    place_facets,
    register,
    register_facet,
    stream_text,
    url_in,
)
from search.analysis import guess_language
from search.indexing import IndexItem
from search.models import Audience, DocType

from .models import PracticeCollection, PracticePage, Visibility


class PracticeAdapter(Adapter):
    doc_type = DocType.PRACTICE
    model = PracticePage

    def index_queryset(self):
        return PracticePage.objects.live()

    def audience(self, obj) -> str:
        public = obj.live and obj.visibility == Visibility.PUBLIC
        return Audience.PUBLIC if public else Audience.MEMBERS

    def prefetch(self, queryset):
        return queryset.select_related("locale", "region").prefetch_related(
            "themes",
            "target_groups",
            "municipalities__province",
            "municipalities__region",
        )

    def prepare(self, pages) -> None:
        """The site root paths once per chunk: ``get_url`` otherwise asks the
        cache for them on every page (Wagtail keeps them on the object it is
        given, here the page itself)."""
        root_paths = Site.get_site_root_paths()
        for page in pages:
            page._wagtail_cached_site_root_paths = root_paths

    def to_item(self, page) -> IndexItem:
        fields = ("summary", "context", "results", "resources", "transferability")
        body = " ".join(
            [getattr(page, f, "") or "" for f in fields]
            + [stream_text(getattr(page, "body", None) or [])]
        )
        return IndexItem(
            doc_type=self.doc_type,
            object_key=self.key(page),
            language=page.locale.language_code,
            title=page.title,
            body=body,
            summary=page.summary or "",
            url=page.get_url() or page.url_path,
            audience=self.audience(page),
            facets=[("theme", t.slug) for t in page.themes.all()]
            + [("target_group", g.slug) for g in page.target_groups.all()]
            + place_facets(page.municipalities.all(), page.region),
            published_at=page.first_published_at,
        )


class CollectionAdapter(Adapter):
    doc_type = DocType.COLLECTION
    model = PracticeCollection

    def index_queryset(self):
        return PracticeCollection.objects.filter(published=True)

    def audience(self, obj) -> str:
        return Audience.PUBLIC

    def prefetch(self, queryset):
        return queryset.select_related("theme")

    def to_item(self, collection) -> IndexItem:
        text = f"{collection.title} {collection.intro}"
        language = guess_language(text)
        url = url_in(language, "practices:collection", collection.slug)
        return IndexItem(
            doc_type=self.doc_type,
            object_key=self.key(collection),
            language=language,
            title=collection.title,
            body=collection.intro,
            url=url or f"/{language}/practices/collections/{collection.slug}/",
            audience=self.audience(collection),
            facets=[("theme", collection.theme.slug)] if collection.theme_id else [],
            published_at=collection.updated_at,
        )


def register_all() -> None:
    register_facet("theme", Theme, "slug")
    register_facet("target_group", TargetGroup, "slug")
    register(PracticeAdapter())
    register(CollectionAdapter())
