"""Reads of the practice library. Every page, feed, export and API goes through here."""

from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from wagtail.models import Locale

from exchange.accounts.permissions import is_member
from exchange.core.fragments import audience, cached_fragment
from exchange.taxonomy.models import TargetGroup, Theme
from specialists.models import Centre, Municipality, Province, Region

from .models import Adoption, FeaturedPractice, PracticePage, TranslatedBy, Visibility


def practices_visible_to(user):
    """Live practices this user may read: public ones, or all live ones for members.

    Drafts and pages waiting for review never appear here, whoever asks: authors and
    reviewers see those through ``practices_editable_by``.
    """
    queryset = PracticePage.objects.live()
    if not is_member(user):
        queryset = queryset.filter(visibility=Visibility.PUBLIC)
    return queryset


def practice_is_visible_to(practice, user) -> bool:
    if not practice.live:
        return False
    return practice.visibility == Visibility.PUBLIC or is_member(user)


def practices_public():
    return practices_visible_to(AnonymousUser())


def can_create_practice(user) -> bool:
    """Specialists and coordinators write practices; caseworkers read and adopt."""
    return is_member(user) and (user.is_specialist or user.is_coordinator)


def can_adopt_practice(user) -> bool:
    return is_member(user) and (
        user.is_caseworker or user.is_specialist or user.is_coordinator
    )


def adoption_centres_for(user):
    """The centres for which this user may record or withdraw an adoption: their own."""
    if user is None or not can_adopt_practice(user) or not user.home_centre_id:
        return Centre.objects.none()
    return Centre.objects.filter(pk=user.home_centre_id)


def practices_editable_by(user):
    """Pages (drafts included) this user may edit on the front end."""
    if not can_create_practice(user):
        return PracticePage.objects.none()
    if user.is_coordinator:
        return PracticePage.objects.all()
    return PracticePage.objects.filter(owner=user)


def practice_can_edit(practice, user) -> bool:
    return practices_editable_by(user).filter(pk=practice.pk).exists()


def with_adoption_count(queryset):
    """Annotate ``adoption_count``: centres that apply any language version."""
    counts = (
        Adoption.objects.filter(translation_key=OuterRef("translation_key"))
        .order_by()
        .values("translation_key")
        .annotate(n=Count("id"))
        .values("n")
    )
    return queryset.annotate(
        adoption_count=Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))
    )


def adoptions_for(practice):
    return (
        Adoption.objects.filter(translation_key=practice.translation_key)
        .select_related("centre", "recorded_by")
        .order_by("-created_at")
    )


def practices_related(practice, user, *, limit=4):
    """Visible practices sharing a theme, in the same language, best match first."""
    theme_ids = [theme.pk for theme in practice.themes.all()]
    if not theme_ids:
        return PracticePage.objects.none()
    return (
        practices_visible_to(user)
        .filter(themes__in=theme_ids, locale_id=practice.locale_id)
        .exclude(translation_key=practice.translation_key)
        .annotate(shared=Count("themes", filter=Q(themes__in=theme_ids)))
        .order_by("-shared", "-first_published_at")
        .prefetch_related("themes", "municipalities")[:limit]
    )


def practice_translations_visible(practice, user):
    """Other language versions of this practice that the reader may open."""
    return (
        practices_visible_to(user)
        .filter(translation_key=practice.translation_key)
        .exclude(pk=practice.pk)
        .select_related("locale")
        .order_by("locale__language_code")
    )


def practices_featured(user, *, limit=4):
    today = timezone.localdate()
    featured_ids = list(
        FeaturedPractice.objects.filter(Q(until__isnull=True) | Q(until__gte=today))
        .order_by("sort_order")
        .values_list("practice_id", flat=True)[:20]
    )
    visible = {
        page.pk: page for page in practices_visible_to(user).filter(pk__in=featured_ids)
    }
    return [visible[pk] for pk in featured_ids if pk in visible][:limit]


def practices_overdue():
    """Live practices past their review-by date, oldest first (the review queue)."""
    return (
        PracticePage.objects.live()
        .filter(review_by__lt=timezone.localdate())
        .select_related("owner", "locale")
        .order_by("review_by")
    )


def practices_by_owner_visible_to(owner, user, *, limit: int = 20) -> list:
    """Practices owned by ``owner`` that ``user`` may read (a person page)."""
    return list(practices_visible_to(user).filter(owner=owner)[:limit])


# --- The library's listing and a practice page (context of the Wagtail pages) -------

PAGE_SIZE = 20
SORTS = {
    "newest": ("-first_published_at", "-pk"),
    "adopted": ("-adoption_count", "-first_published_at", "-pk"),
    "reviewed": (F("last_reviewed_at").desc(nulls_last=True), "-pk"),
}
FILTER_KEYS = (
    "theme",
    "target_group",
    "region",
    "province",
    "municipality",
    "language",
)


def practices_filter(queryset, params, *, language: str):
    """Apply the listing filters of a query string (shared by pages, exports, API)."""
    themes = [v for v in params.getlist("theme") if v]
    if themes:
        queryset = queryset.filter(themes__slug__in=themes)
    groups = [v for v in params.getlist("target_group") if v]
    if groups:
        queryset = queryset.filter(target_groups__slug__in=groups)
    if params.get("region"):
        queryset = queryset.filter(
            Q(region__slug=params["region"])
            | Q(municipalities__region__slug=params["region"])
        )
    if params.get("province"):
        queryset = queryset.filter(municipalities__province__code=params["province"])
    if params.get("municipality"):
        queryset = queryset.filter(municipalities__refnis=params["municipality"])
    if params.get("language"):
        queryset = queryset.filter(locale__language_code=params["language"])
    else:
        queryset = _one_version_per_practice(queryset, language)
    if (
        themes
        or groups
        or any(params.get(key) for key in ("region", "province", "municipality"))
    ):
        queryset = queryset.distinct()
    return queryset


def _one_version_per_practice(queryset, language: str):
    """The reader's language if it exists, else the original text."""
    here = queryset.filter(locale__language_code=language).values("translation_key")
    return queryset.filter(
        Q(locale__language_code=language)
        | (Q(translated_by=TranslatedBy.AUTHOR) & ~Q(translation_key__in=here))
    )


def practices_sorted(queryset, sort: str):
    queryset = with_adoption_count(queryset)
    return queryset.order_by(*SORTS.get(sort, SORTS["newest"]))


def practice_filter_options(user) -> dict:
    """What the listing's filter form offers: the same lists for every reader of one
    audience, cached until content changes (exchange/core/fragments.py)."""
    return cached_fragment(
        "practice-filter-options",
        audience(user),
        compute=lambda: {
            "themes": list(Theme.objects.order_by("sort_order", "slug")),
            "target_groups": list(TargetGroup.objects.order_by("sort_order", "slug")),
            "regions": list(Region.objects.order_by("code")),
            "provinces": list(Province.objects.order_by("code")),
            "municipalities": list(
                Municipality.objects.filter(
                    pk__in=practices_visible_to(user).values("municipalities")
                ).order_by("name_nl", "name_fr")
            ),
            "languages": list(Locale.objects.order_by("language_code")),
        },
    )


def practice_listing(user, params, *, language: str) -> dict:
    """The library's listing for ``user``: one page of filtered, sorted practices."""
    sort = params.get("sort") if params.get("sort") in SORTS else "newest"

    def page_of_practices():
        queryset = practices_filter(
            practices_visible_to(user), params, language=language
        )
        queryset = (
            practices_sorted(queryset, sort)
            .select_related("locale", "region", "centre")
            .prefetch_related("themes", "municipalities")
        )
        return Paginator(queryset, PAGE_SIZE).get_page(params.get("page"))

    # Built, counted and read only when the cached results (practice_index_page.html)
    # are missing: the same for every reader of one audience, language and query.
    # The filter lists likewise, only when their cached <select>s are missing.
    page_obj = SimpleLazyObject(page_of_practices)
    selected = {key: params.get(key, "") for key in FILTER_KEYS}
    without_page = urlencode(
        [(k, v) for k, v in params.items() if k != "page" and v], doseq=False
    )
    return {
        "practices": SimpleLazyObject(lambda: page_obj.object_list),
        "page_obj": page_obj,
        "results_key": f"{language}|{urlencode(list(params.items()))}",
        "querystring_without_page": without_page,
        "selected": selected,
        "sort": sort,
        "sorts": [
            ("newest", _("Newest")),
            ("adopted", _("Most adopted")),
            ("reviewed", _("Recently reviewed")),
        ],
        "filters_active": any(selected.values()),
        "options": SimpleLazyObject(lambda: practice_filter_options(user)),
        "can_create": can_create_practice(user),
        "export_query": without_page,
    }


def practice_detail(page, user, *, cacheable: bool = False) -> dict:
    """What a practice page shows ``user`` besides its text (contributions from
    other apps come through the ``practices.detail`` panel slot).

    With ``cacheable`` (a published page without pending changes, not a preview),
    the other language versions and related practices, the same for every reader of
    one audience, are cached until content changes (exchange/core/fragments.py)."""

    def translations():
        return list(practice_translations_visible(page, user))

    def related():
        return list(
            with_adoption_count(practices_related(page, user)).select_related("locale")
        )

    if cacheable and page.pk:
        key = (page.pk, page.latest_revision_id, audience(user))
        shared = {
            "translations": cached_fragment(
                "practice-translations", *key, compute=translations
            ),
            # Shown only inside the page's cached lower part: read when that misses.
            "related": SimpleLazyObject(
                lambda: cached_fragment("practice-related", *key, compute=related)
            ),
        }
        # The centres applying it: the same for every reader (the notes are shown
        # to members only, by the template); any adoption, centre or user saved or
        # deleted moves the content version.
        adoptions = cached_fragment(
            "practice-adoptions",
            page.translation_key,
            compute=lambda: list(adoptions_for(page)),
        )
    else:
        shared = {"translations": translations(), "related": related()}
        adoptions = list(adoptions_for(page))
    own_centre = getattr(user, "home_centre_id", None)
    return {
        **shared,
        "adoptions": adoptions,
        "adopted_by_my_centre": bool(
            own_centre and any(a.centre_id == own_centre for a in adoptions)
        ),
        "own_centre": own_centre,
        "is_member": is_member(user),
        "can_adopt": can_adopt_practice(user),
        "can_edit": bool(page.pk and practice_can_edit(page, user)),
    }
