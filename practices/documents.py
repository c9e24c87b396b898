"""Who may download a document: it obeys the practices it is attached to.

Wagtail serves documents through its view (``WAGTAILDOCS_SERVE_METHOD =
"serve_view"``) and asks the ``before_serve_document`` hook first
(``practices/wagtail_hooks.py``).
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import ReferenceIndex

from .models import PracticeAttachment, PracticePage
from .selectors import practices_editable_by, practices_visible_to


def _practice_ids_using(document) -> set[int]:
    """Practices whose current row attaches or embeds the document."""
    ids = set(
        PracticeAttachment.objects.filter(document=document).values_list(
            "page_id", flat=True
        )
    )
    references = ReferenceIndex.get_references_to(document)
    page_type = ContentType.objects.get_for_model(PracticePage)
    ids.update(
        int(object_id)
        for object_id in references.filter(content_type=page_type).values_list(
            "object_id", flat=True
        )
    )
    return ids


def document_may_be_served(document, user) -> bool:
    """Whether ``user`` may download ``document``.

    - used by practices: when one of them is readable by the user (live and public,
      or live and the user a member), or editable by them (author, coordinator);
    - used elsewhere only (a standard page): Wagtail's own rules (collection
      privacy) decide;
    - used nowhere yet (an upload on a draft revision, not published): only whoever
      uploaded it and the coordinators.
    """
    authenticated = bool(user and user.is_authenticated)
    if authenticated and (user.is_superuser or getattr(user, "is_coordinator", False)):
        return True
    practice_ids = _practice_ids_using(document)
    if not practice_ids:
        if ReferenceIndex.get_references_to(document).exists():
            return True
        return authenticated and document.uploaded_by_user_id == user.pk
    if practices_visible_to(user).filter(pk__in=practice_ids).exists():
        return True
    if authenticated and document.uploaded_by_user_id == user.pk:
        return True
    return practices_editable_by(user).filter(pk__in=practice_ids).exists()
