"""Reads of the practice library. Every page, feed, export and API goes through here."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Adoption, FeaturedPractice, PracticePage, Visibility


def _is_member(user) -> bool:
    return bool(user and user.is_authenticated and getattr(user, "is_member", False))


def practices_visible_to(user):
    """Live practices this user may read: public ones, or all live ones for members.

    Drafts and pages waiting for review never appear here, whoever asks: authors and
    reviewers see those through ``practices_editable_by``.
    """
    queryset = PracticePage.objects.live()
    if not _is_member(user):
        queryset = queryset.filter(visibility=Visibility.PUBLIC)
    return queryset


def practice_is_visible_to(practice, user) -> bool:
    if not practice.live:
        return False
    return practice.visibility == Visibility.PUBLIC or _is_member(user)


def practices_public():
    return practices_visible_to(AnonymousUser())


def can_create_practice(user) -> bool:
    """Specialists and coordinators write practices; caseworkers read and adopt."""
    return _is_member(user) and (user.is_specialist or user.is_coordinator)


def can_adopt_practice(user) -> bool:
    return _is_member(user) and (
        user.is_caseworker or user.is_specialist or user.is_coordinator
    )


def adoption_centres_for(user):
    """The centres for which this user may record or withdraw an adoption: their own."""
    from specialists.models import Centre

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


def practice_questions_visible(practice, user):
    """Forum questions linked to the practice that the reader may see (if any)."""
    from django.apps import apps

    if not apps.is_installed("forum"):
        return []
    try:
        questions = practice.linked_questions.all()
    except AttributeError:
        return []
    try:
        from forum.selectors import questions_visible_to
    except ImportError:
        return list(questions[:10])
    return list(questions_visible_to(user).filter(pk__in=questions.values("pk"))[:10])
