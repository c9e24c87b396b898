"""Writes of the practice library: drafts, review steps, adoptions, review reminders."""

from __future__ import annotations

import datetime
import html

import nh3
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.models import TaskState, WorkflowState

from exchange.core.privacy import privacy_check_fields

from .library import practice_index_for
from .models import (
    RESERVED_SLUGS,
    Adoption,
    PracticePage,
    TranslatedBy,
    Visibility,
    practice_privacy_texts,
)
from .selectors import can_adopt_practice, can_create_practice, practice_can_edit

# Tags kept from imported or pasted HTML; everything else (scripts, styles, event
# attributes, iframes) is dropped before it reaches a page.
ALLOWED_TAGS = {"p", "br", "h2", "h3", "strong", "b", "em", "i", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}


def html_clean(value: str) -> str:
    """Rich text safe to store: a small tag set, links only to http(s)/mailto."""
    cleaned = nh3.clean(
        value or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )
    return cleaned.strip()


def text_to_html(text: str) -> str:
    """Plain text with blank-line paragraphs as escaped HTML paragraphs."""
    paragraphs = [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n")]
    return "".join(
        "<p>{}</p>".format(html.escape(p).replace("\n", "<br>"))
        for p in paragraphs
        if p
    )


def html_to_text(value: str) -> str:
    """Rich text back to plain paragraphs for the front-end form."""
    text = nh3.clean(
        (value or "")
        .replace("</p>", "\n\n")
        .replace("<br>", "\n")
        .replace("<br/>", "\n"),
        tags=set(),
    )
    return html.unescape(text).strip()


def steps_from_lines(lines: list[str] | str) -> list[dict]:
    """One step per line; "Title: details" splits into the step and its details."""
    if isinstance(lines, str):
        lines = lines.splitlines()
    steps = []
    for line in lines:
        line = str(line).strip()
        if not line:
            continue
        head, sep, rest = line.partition(": ")
        if sep and len(head) <= 120:
            steps.append({"title": head.strip(), "text": rest.strip()[:2000]})
        elif len(line) <= 200:
            steps.append({"title": line, "text": ""})
        else:
            cut = line.rfind(" ", 0, 190)
            steps.append({"title": line[:cut] + " …", "text": line[:2000]})
    return steps


def body_stream(*, text: str = "", text_html: str = "", steps=None) -> list:
    """Build the raw StreamField value of a simple approach: text, then steps."""
    stream = []
    content = html_clean(text_html) if text_html else text_to_html(text)
    if content:
        stream.append({"type": "text", "value": content})
    steps = steps_from_lines(steps or [])
    if steps:
        stream.append({"type": "steps", "value": steps})
    return stream


def _unique_slug(parent, title: str, *, exclude_pk=None) -> str:
    base = slugify(title)[:70] or "practice"
    if base in RESERVED_SLUGS:
        base = f"{base}-practice"
    slug, n = base, 2
    siblings = parent.get_children()
    if exclude_pk:
        siblings = siblings.exclude(pk=exclude_pk)
    while siblings.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _set_relations(page, *, themes=None, target_groups=None, municipalities=None):
    if themes is not None:
        page.themes.set(themes)
    if target_groups is not None:
        page.target_groups.set(target_groups)
    if municipalities is not None:
        page.municipalities.set(municipalities)
        if municipalities and not page.region_id:
            page.region_id = list(municipalities)[0].region_id


@transaction.atomic
def practice_create_draft(
    *,
    author,
    title: str,
    summary: str,
    body_text: str = "",
    language: str,
    themes=(),
    target_groups=(),
    municipalities=(),
    context: str = "",
    steps=None,
    results: str = "",
    resources: str = "",
    transferability: str = "",
    legal_basis: str = "",
    centre=None,
    contact_specialist=None,
    start_date: datetime.date | None = None,
    review_by: datetime.date | None = None,
    visibility: str = Visibility.MEMBERS,
    body_html: str = "",
) -> PracticePage:
    """Create a practice draft owned by ``author`` (not live, not yet submitted).

    ``body_text`` is plain text (paragraphs split by blank lines); ``body_html`` is
    sanitised HTML. The forum turns solved questions into drafts through this.
    """
    if not can_create_practice(author):
        raise PermissionDenied(_("Only specialists and coordinators write practices."))
    index = practice_index_for(language)
    if index is None:
        raise ValidationError({"language": _("There is no library in this language.")})
    page = PracticePage(
        title=title.strip()[:255],
        slug=_unique_slug(index, title),
        summary=summary.strip()[:600],
        context=(context or "").strip()[:4000],
        body=body_stream(text=body_text, text_html=body_html, steps=steps),
        results=results[:4000],
        resources=resources[:2000],
        transferability=transferability[:2000],
        legal_basis=legal_basis[:500],
        centre=centre or getattr(author, "home_centre", None),
        contact_specialist=contact_specialist
        or (author if author.is_specialist else None),
        start_date=start_date,
        review_by=review_by or timezone.localdate() + datetime.timedelta(days=365),
        visibility=visibility,
        translated_by=TranslatedBy.AUTHOR,
        locale=index.locale,
        owner=author,
        live=False,
    )
    _set_relations(
        page,
        themes=list(themes),
        target_groups=list(target_groups),
        municipalities=list(municipalities),
    )
    privacy_check_fields(**practice_privacy_texts(page))
    page.full_clean(exclude=["path", "depth", "url_path", "slug"])
    index.add_child(instance=page)
    page.save_revision(user=author, log_action=True)
    return page


@transaction.atomic
def practice_update_draft(
    *, practice: PracticePage, user, fields: dict
) -> PracticePage:
    """Save a new revision of the practice with ``fields`` changed (not published)."""
    if not practice_can_edit(practice, user):
        raise PermissionDenied(_("You may only edit your own practices."))
    if workflow_state_in_review(practice):
        raise ValidationError(
            _("This practice is being reviewed; you can edit it once it comes back.")
        )
    draft = practice.get_latest_revision_as_object()
    relations = {
        key: fields.pop(key)
        for key in ("themes", "target_groups", "municipalities")
        if key in fields
    }
    for name, value in fields.items():
        setattr(draft, name, value)
    _set_relations(draft, **relations)
    privacy_check_fields(**practice_privacy_texts(draft))
    draft.full_clean(exclude=["path", "depth", "url_path", "slug"])
    if not draft.live:
        draft.draft_title = draft.title
    draft.save_revision(user=user, log_action=True)
    return draft


def workflow_state_current(practice) -> WorkflowState | None:
    return (
        WorkflowState.objects.active()
        .for_instance(practice)
        .select_related("current_task_state")
        .first()
    )


def workflow_state_in_review(practice) -> bool:
    state = workflow_state_current(practice)
    return bool(state and state.status == WorkflowState.STATUS_IN_PROGRESS)


def practice_review_comment(practice) -> TaskState | None:
    """The latest "request changes" of a practice that still needs changes."""
    state = workflow_state_current(practice)
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    return state.current_task_state


@transaction.atomic
def practice_submit(*, practice: PracticePage, user) -> WorkflowState:
    """Send the latest draft to the coordinators (or back to them after changes)."""
    if not practice_can_edit(practice, user):
        raise PermissionDenied(_("You may only submit your own practices."))
    state = workflow_state_current(practice)
    if state is not None:
        if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            state.resume(user=user)
            return state
        raise ValidationError(_("This practice is already waiting for review."))
    workflow = practice.get_workflow()
    if workflow is None:
        raise ValidationError(_("No review workflow is configured for practices."))
    return workflow.start(practice, user)


def _current_task_for(practice) -> TaskState:
    state = workflow_state_current(practice)
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        raise ValidationError(_("This practice is not waiting for review."))
    return state.current_task_state.specific


def _check_reviewer(task_state, practice, user, action):
    actions = [a[0] for a in task_state.task.specific.get_actions(practice, user)]
    if action not in actions:
        raise PermissionDenied(_("Only coordinators review practices."))


@transaction.atomic
def practice_request_changes(*, practice: PracticePage, reviewer, comment: str):
    """Return the practice to its author with a comment (Wagtail's "reject")."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(
            {"comment": _("Tell the author what to change: the comment is required.")}
        )
    task_state = _current_task_for(practice)
    _check_reviewer(task_state, practice, reviewer, "reject")
    task_state.task.specific.on_action(
        task_state, reviewer, "reject", comment=comment[:4000]
    )
    return task_state


@transaction.atomic
def practice_approve(*, practice: PracticePage, reviewer, comment: str = ""):
    """Approve the review task; as it is the last one, Wagtail publishes the page."""
    task_state = _current_task_for(practice)
    _check_reviewer(task_state, practice, reviewer, "approve")
    task_state.task.specific.on_action(
        task_state, reviewer, "approve", comment=(comment or "").strip()[:4000]
    )
    return task_state


@transaction.atomic
def practice_mark_reviewed(
    *, practice: PracticePage, user, review_by: datetime.date | None = None
) -> None:
    """A coordinator confirms the text still holds: new review date, no new revision."""
    if not (user.is_coordinator or practice.owner_id == user.pk):
        raise PermissionDenied(_("Only the author or a coordinator may do this."))
    today = timezone.localdate()
    new_review_by = review_by or today + datetime.timedelta(days=365)
    pending_draft = (
        PracticePage.objects.filter(pk=practice.pk)
        .values_list("has_unpublished_changes", flat=True)
        .first()
    )
    PracticePage.objects.filter(translation_key=practice.translation_key).update(
        last_reviewed_at=today, review_reminded_at=None
    )
    # review_by is content (it is in the revision), so it goes through a revision.
    draft = practice.get_latest_revision_as_object()
    draft.review_by = new_review_by
    draft.last_reviewed_at = today
    revision = draft.save_revision(user=user, log_action=True)
    # Publish the new date only if that publishes nothing else (no pending draft).
    if practice.live and user.is_coordinator and not pending_draft:
        revision.publish(user=user)


@transaction.atomic
def adoption_record(*, practice: PracticePage, user, centre=None, note: str = ""):
    """Record that the user's centre applies the practice too; once per centre.

    Only for a centre the user belongs to. When a colleague already recorded it,
    their note stays: only the member who recorded an adoption changes its note.
    """
    from .selectors import adoption_centres_for, practice_is_visible_to

    if not can_adopt_practice(user) or not practice_is_visible_to(practice, user):
        raise PermissionDenied(_("You cannot record an adoption of this practice."))
    centre = centre or user.home_centre
    if centre is None:
        raise ValidationError({"centre": _("Choose the centre that applies it.")})
    if not adoption_centres_for(user).filter(pk=centre.pk).exists():
        raise PermissionDenied(
            _("You can record an adoption only for a centre you belong to.")
        )
    privacy_check_fields(note=note)
    adoption, created = Adoption.objects.select_for_update().get_or_create(
        translation_key=practice.translation_key,
        centre=centre,
        defaults={"practice": practice, "recorded_by": user, "note": note[:500]},
    )
    if not created and note and adoption.recorded_by_id == user.pk:
        adoption.note = note[:500]
        adoption.save(update_fields=["note"])
    if created and practice.owner_id and practice.owner_id != user.pk:
        from exchange.notifications.services import notification_send

        notification_send(
            recipient=practice.owner,
            kind="practice_adopted",
            title=_("A centre applies your practice too"),
            body=f"{centre} — {practice.title}",
            url=practice.url or "",
            actor=user,
            email=False,
        )
    return adoption, created


@transaction.atomic
def adoption_withdraw(*, practice: PracticePage, user, centre=None) -> bool:
    """Withdraw the adoption of a centre the user belongs to.

    A member withdraws what they recorded; a coordinator any adoption of their
    own centre. Another centre's adoption is never touched.
    """
    from .selectors import adoption_centres_for

    centre = centre or user.home_centre
    if centre is None or not adoption_centres_for(user).filter(pk=centre.pk).exists():
        return False
    adoptions = Adoption.objects.filter(
        translation_key=practice.translation_key, centre=centre
    )
    if not user.is_coordinator:
        adoptions = adoptions.filter(recorded_by=user)
    deleted, _details = adoptions.delete()
    return bool(deleted)
