"""One adapter per indexed type: what to index, whether an object may be, and how.

Adapters look models up by label and import the apps' selectors lazily, so search
keeps working while an app or a model does not exist yet. Visibility comes from the
apps' own selectors: what they show to anonymous visitors is indexed as public,
what they show to any member as members-only; anything else (drafts, hidden posts,
people not in the directory) gets no document at all.
"""

import contextlib
import importlib
import re
from collections.abc import Iterator

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy

from .analysis import guess_language
from .indexing import IndexItem, build_document
from .models import Audience, DocType

CHUNK = 500
# Role words a reader types next to a place ("Eupen specialist", "tolk deskundige"):
# each specialist's document carries them in every language.
ROLE_WORDS = (
    "specialist",
    "specialiste",
    "Spezialist",
    "Spezialistin",
    "expert",
    "Fachkraft",
    "nieuwkomersspecialist",
    "newcomer specialist",
)
ROLE_LABELS = {
    "primary": gettext_lazy("Newcomer specialist"),
    "deputy": gettext_lazy("Deputy newcomer specialist"),
}


class AnyMember:
    """Stands for "a logged-in, approved caseworker" when asking the apps' selectors."""

    pk = id = None
    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_member = True
    is_caseworker = True
    is_specialist = False
    is_coordinator = False
    is_staff = is_superuser = False


def _selector(dotted: str):
    module, name = dotted.rsplit(".", 1)
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def _names(obj) -> list[str]:
    if obj is None:
        return []
    if hasattr(obj, "all_names"):
        return [n for n in obj.all_names() if n]
    return [str(obj)]


def _place_facets(municipalities=(), region=None) -> list[tuple[str, str]]:
    facets = []
    for municipality in municipalities:
        facets.append(("municipality", municipality.refnis))
        if municipality.province_id:
            facets.append(("province", municipality.province.code))
        facets.append(("region", municipality.region.slug))
    if region is not None:
        facets.append(("region", region.slug))
    return facets


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


def _url_in(language: str, name: str, *args) -> str:
    with translation.override(language):
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            return ""


class Adapter:
    doc_type = ""
    model_label = ""

    def model(self):
        try:
            return apps.get_model(self.model_label)
        except (LookupError, ValueError):
            return None

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

    def iter_items(self) -> Iterator[IndexItem]:
        queryset = self.index_queryset().order_by("pk")
        last = None
        while True:
            chunk = queryset if last is None else queryset.filter(pk__gt=last)
            objs = list(self.prefetch(chunk)[:CHUNK])
            if not objs:
                return
            for obj in objs:
                yield self.to_item(obj)
            last = objs[-1].pk

    def prefetch(self, queryset):
        return queryset

    def document_for_key(self, object_key: str):
        """The SearchDocument the object should have now, or None (remove it)."""
        model = self.model()
        if model is None:
            return None
        obj = self.prefetch(self.index_queryset().filter(pk=object_key)).first()
        if obj is None:
            return None
        return build_document(self.to_item(obj))

    def dependents(self, obj) -> list[tuple[str, str]]:
        """Other documents to refresh when ``obj`` changes."""
        return []


class PracticeAdapter(Adapter):
    doc_type = DocType.PRACTICE
    model_label = "practices.PracticePage"

    def index_queryset(self):
        visible_to = _selector("practices.selectors.practices_visible_to")
        if visible_to is not None:
            return visible_to(AnyMember())
        return self.model().objects.live()

    def audience(self, obj) -> str:
        check = _selector("practices.selectors.practice_is_visible_to")
        if check is not None:
            public = check(obj, AnonymousUser())
        else:
            public = getattr(obj, "visibility", "") == "public"
        return Audience.PUBLIC if public else Audience.MEMBERS

    def prefetch(self, queryset):
        return queryset.select_related("locale", "region").prefetch_related(
            "themes",
            "target_groups",
            "municipalities__province",
            "municipalities__region",
        )

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
            url=page.get_url() or page.url_path,
            audience=self.audience(page),
            facets=[("theme", t.slug) for t in page.themes.all()]
            + [("target_group", g.slug) for g in page.target_groups.all()]
            + _place_facets(page.municipalities.all(), page.region),
            published_at=page.first_published_at,
        )


class CollectionAdapter(Adapter):
    doc_type = DocType.COLLECTION
    model_label = "practices.PracticeCollection"

    def index_queryset(self):
        return self.model().objects.filter(published=True)

    def audience(self, obj) -> str:
        return Audience.PUBLIC

    def prefetch(self, queryset):
        return queryset.select_related("theme")

    def to_item(self, collection) -> IndexItem:
        text = f"{collection.title} {collection.intro}"
        language = guess_language(text)
        url = _url_in(language, "practices:collection", collection.slug)
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


class QuestionAdapter(Adapter):
    doc_type = DocType.QUESTION
    model_label = "forum.Question"

    def index_queryset(self):
        visible_to = _selector("forum.selectors.questions_visible_to")
        if visible_to is not None:
            return visible_to(AnyMember())
        return self.model().objects.filter(is_hidden=False)

    def prefetch(self, queryset):
        return queryset.select_related(
            "region", "municipality__province", "municipality__region"
        ).prefetch_related("themes", "target_groups")

    def facets(self, question) -> list[tuple[str, str]]:
        places = [question.municipality] if question.municipality_id else []
        return (
            [("theme", t.slug) for t in question.themes.all()]
            + [("target_group", g.slug) for g in question.target_groups.all()]
            + _place_facets(places, question.region)
        )

    def to_item(self, question) -> IndexItem:
        return IndexItem(
            doc_type=self.doc_type,
            object_key=self.key(question),
            language=question.language,
            title=question.title,
            body=question.body,
            url=_url_in(question.language, "forum:question", question.pk),
            facets=self.facets(question),
            published_at=question.created_at,
            popularity=float(question.vote_score + question.answer_count),
        )

    def dependents(self, question) -> list[tuple[str, str]]:
        answers = question.answers.values_list("pk", flat=True)
        return [(DocType.ANSWER, str(pk)) for pk in answers]


class AnswerAdapter(Adapter):
    doc_type = DocType.ANSWER
    model_label = "forum.Answer"

    def index_queryset(self):
        questions = QuestionAdapter().index_queryset()
        return self.model().objects.filter(is_hidden=False, question__in=questions)

    def prefetch(self, queryset):
        return queryset.select_related(
            "question__region",
            "question__municipality__province",
            "question__municipality__region",
        ).prefetch_related("question__themes", "question__target_groups")

    def to_item(self, answer) -> IndexItem:
        question = answer.question
        url = _url_in(question.language, "forum:question", question.pk)
        return IndexItem(
            doc_type=self.doc_type,
            object_key=self.key(answer),
            language=question.language,
            title=question.title,
            body=answer.body,
            url=f"{url}#answer-{answer.pk}",
            facets=QuestionAdapter().facets(question),
            published_at=answer.created_at,
            popularity=float(answer.vote_score),
        )


class SpecialistAdapter(Adapter):
    """A person listed in the directory (a current, verified designation)."""

    doc_type = DocType.SPECIALIST
    model_label = "accounts.User"

    def index_queryset(self):
        visible_to = _selector("specialists.selectors.specialists_visible_to")
        if visible_to is None or apps.get_containing_app_config("specialists") is None:
            return self.model().objects.none()
        return visible_to(AnyMember()).order_by()

    def prefetch(self, queryset):
        return queryset.select_related("home_centre")

    def to_item(self, user) -> IndexItem:
        profile = None
        with contextlib.suppress(Exception):
            profile = user.specialist_profile
        municipalities = []
        designation_model = apps.get_model("specialists", "Designation")
        for designation in (
            designation_model.objects.current()
            .filter(user=user)
            .prefetch_related("municipalities__province", "municipalities__region")
        ):
            municipalities += list(designation.municipalities.all())
        themes = list(profile.themes.all()) if profile is not None else []
        spoken = profile.language_names if profile is not None else []
        parts = [user.job_title or "", str(user.home_centre or "")]
        # "Eupen specialist" must find the specialist of Eupen in any language.
        parts += [str(word) for word in ROLE_WORDS]
        parts += [n for m in municipalities for n in _names(m)]
        parts += [n for t in themes for n in _names(t)]
        parts += list(spoken)
        if profile is not None:
            parts.append(getattr(profile, "availability_note", "") or "")
        codes = profile.language_codes if profile is not None else []
        language = next((c for c in codes if c in ("nl", "fr", "de")), "") or (
            user.language or "en"
        )
        return IndexItem(
            doc_type=self.doc_type,
            object_key=self.key(user),
            language=language,
            title=user.display_name,
            body=" ".join(p for p in parts if p),
            url=_url_in(language, "specialists:person", user.pk),
            facets=[("theme", t.slug) for t in themes] + _place_facets(municipalities),
        )

    def describe(self, keys, language: str) -> dict[str, dict]:
        """What a result shows about each person, in ``language``: never the index.

        ``{key: {"role": ..., "centre": ..., "municipalities": [...], "languages":
        [...]}}`` in a fixed number of queries.
        """
        pks = [int(k) for k in keys if str(k).isdigit()]
        if not pks or self.model() is None:
            return {}
        users = self.index_queryset().filter(pk__in=pks).select_related("home_centre")
        designation_model = apps.get_model("specialists", "Designation")
        places: dict[int, list[str]] = {}
        deputy: set[int] = set()
        for designation in (
            designation_model.objects.current()
            .filter(user_id__in=pks)
            .prefetch_related("municipalities")
        ):
            names = places.setdefault(designation.user_id, [])
            names += [m.name_in(language) for m in designation.municipalities.all()]
            if designation.role == "deputy":
                deputy.add(designation.user_id)
        profile_model = apps.get_model("specialists", "SpecialistProfile")
        spoken = {
            profile.user_id: profile.language_names
            for profile in profile_model.objects.filter(user_id__in=pks)
        }
        with translation.override(language):
            return {
                str(user.pk): {
                    "role": user.job_title
                    or str(ROLE_LABELS["deputy" if user.pk in deputy else "primary"]),
                    "centre": user.home_centre.name if user.home_centre else "",
                    "municipalities": sorted(dict.fromkeys(places.get(user.pk, []))),
                    "languages": [str(n) for n in spoken.get(user.pk, [])],
                }
                for user in users
            }


ADAPTERS = {
    adapter.doc_type: adapter
    for adapter in (
        PracticeAdapter(),
        QuestionAdapter(),
        AnswerAdapter(),
        SpecialistAdapter(),
        CollectionAdapter(),
    )
}


def get_adapter(doc_type: str) -> Adapter | None:
    return ADAPTERS.get(doc_type)


def all_adapters() -> list[Adapter]:
    return list(ADAPTERS.values())
