"""Admin wiring: collections and featured practices as snippets for coordinators."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .documents import document_may_be_served, images_choosable_by
from .models import Adoption, FeaturedPractice, PracticeCollection
from .permissions import without_others_drafts


class CollectionViewSet(SnippetViewSet):
    model = PracticeCollection
    icon = "folder-open-inverse"
    list_display = ["title", "theme", "published", "updated_at"]
    search_fields = ["title", "intro"]


class FeaturedPracticeViewSet(SnippetViewSet):
    model = FeaturedPractice
    icon = "pick"
    list_display = ["practice", "until", "sort_order"]
    sort_order_field = "sort_order"


class AdoptionViewSet(SnippetViewSet):
    model = Adoption
    icon = "success"
    list_display = ["practice", "centre", "recorded_by", "created_at"]
    inspect_view_enabled = True


class CurationGroup(SnippetViewSetGroup):
    menu_label = _("Practice curation")
    menu_icon = "folder-open-inverse"
    items = (CollectionViewSet, FeaturedPracticeViewSet, AdoptionViewSet)


register_snippet(CurationGroup)


@hooks.register("before_serve_document")
def serve_documents_only_to_readers_of_their_practice(document, request):
    """A document on a draft or members-only practice is not served to others."""
    if not document_may_be_served(document, request.user):
        raise Http404


@hooks.register("construct_page_chooser_queryset")
def choose_only_own_drafts(pages, request):
    """The page chooser lists colleagues' drafts for no one but coordinators."""
    return without_others_drafts(pages, request.user)


@hooks.register("construct_image_chooser_queryset")
def choose_only_images_one_may_see(images, request):
    """No titles or thumbnails of images in colleagues' drafts in the chooser."""
    return images_choosable_by(images, request.user)
