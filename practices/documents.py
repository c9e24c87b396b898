"""Who may download a document or see an image: it obeys the practices using it.

Wagtail serves documents through its view (``WAGTAILDOCS_SERVE_METHOD =
"serve_view"``) and asks the ``before_serve_document`` hook first
(``practices/wagtail_hooks.py``). Images (originals and renditions) and every other
file under ``MEDIA_URL`` go through ``practices.media.serve_media``, which asks
``image_may_be_served`` here.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from wagtail.models import Page, ReferenceIndex

from .admin_privacy import reviews_everything
from .models import PracticeAttachment, PracticePage
from .selectors import practices_editable_by, practices_visible_to


def _practice_ids_referencing(obj) -> set[int]:
    """Practices whose current row embeds ``obj`` (Wagtail's reference index)."""
    references = ReferenceIndex.get_references_to(obj)
    page_type = ContentType.objects.get_for_model(PracticePage)
    return {
        int(object_id)
        for object_id in references.filter(content_type=page_type).values_list(
            "object_id", flat=True
        )
    }


def _practice_ids_using(document) -> set[int]:
    """Practices whose current row attaches or embeds the document."""
    ids = set(
        PracticeAttachment.objects.filter(document=document).values_list(
            "page_id", flat=True
        )
    )
    return ids | _practice_ids_referencing(document)


def _used_by_a_readable_non_practice(obj) -> bool:
    """Used by a snippet, or by a standard page that is live and not restricted."""
    references = ReferenceIndex.get_references_to(obj)
    page_type = ContentType.objects.get_for_model(Page)
    if references.exclude(base_content_type=page_type).exists():
        return True
    page_ids = [
        int(object_id)
        for object_id in references.values_list("object_id", flat=True).distinct()
    ]
    return (
        bool(page_ids) and Page.objects.filter(pk__in=page_ids).live().public().exists()
    )


def _may_be_served(obj, user, practice_ids: set[int]) -> bool:
    authenticated = bool(user and user.is_authenticated)
    if authenticated and (user.is_superuser or getattr(user, "is_coordinator", False)):
        return True
    if not practice_ids:
        if _used_by_a_readable_non_practice(obj):
            return True
        return authenticated and obj.uploaded_by_user_id == user.pk
    if practices_visible_to(user).filter(pk__in=practice_ids).exists():
        return True
    if authenticated and obj.uploaded_by_user_id == user.pk:
        return True
    return practices_editable_by(user).filter(pk__in=practice_ids).exists()


def document_may_be_served(document, user) -> bool:
    """Whether ``user`` may download ``document``.

    - used by practices: when one of them is readable by the user (live and public,
      or live and the user a member), or editable by them (author, coordinator);
    - used elsewhere only: by a snippet or a live, unrestricted standard page,
      Wagtail's own rules (collection privacy) decide;
    - used nowhere yet (an upload on a draft revision, not published): only whoever
      uploaded it and the coordinators.
    """
    return _may_be_served(document, user, _practice_ids_using(document))


def image_may_be_served(image, user) -> bool:
    """Whether ``user`` may see ``image`` (its original file or any rendition).

    The same rules as documents: an image in a draft or members-only practice is
    for those who may read or edit that practice; an image used only elsewhere
    (a snippet, a live unrestricted standard page) is public; an image used
    nowhere yet is for whoever uploaded it and the coordinators.
    """
    return _may_be_served(image, user, _practice_ids_referencing(image))


def images_choosable_by(images, user):
    """``images`` without those ``user`` may not see (the admin image chooser).

    Wagtail's chooser lists every image of the collections a user may choose from,
    titles and thumbnails included: an image uploaded for a colleague's draft or a
    members-only practice would show there. A reviewer sees all; anyone else the
    images they uploaded, those used by a practice they may read or edit, and those
    used only outside practices.
    """
    if reviews_everything(user):
        return images
    image_type = ReferenceIndex._get_base_content_type(images.model)
    page_type = ContentType.objects.get_for_model(PracticePage)
    to_images = ReferenceIndex.objects.filter(to_content_type=image_type)
    readable = (practices_visible_to(user) | practices_editable_by(user)).values_list(
        Cast("pk", output_field=CharField()), flat=True
    )
    by_practices = to_images.filter(content_type=page_type)
    images = images.annotate(text_pk=Cast("pk", output_field=CharField()))
    return images.filter(
        Q(uploaded_by_user=user)
        | Q(
            text_pk__in=by_practices.filter(object_id__in=readable).values(
                "to_object_id"
            )
        )
        | (
            Q(text_pk__in=to_images.values("to_object_id"))
            & ~Q(text_pk__in=by_practices.values("to_object_id"))
        )
    )
