"""Views of the practice library; page context helpers used by the Wagtail pages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exchange.accounts.permissions import coordinator_required

from . import services
from .forms import AdoptionForm, PracticeForm, ReviewForm
from .models import (
    PracticeCollection,
    PracticePage,
    practice_privacy_findings,
)
from .selectors import (
    adoption_centres_for,
    can_adopt_practice,
    can_create_practice,
    practices_editable_by,
    practices_overdue,
    practices_visible_to,
)

REVIEWERS_ONLY = gettext_lazy("Only coordinators review practices.")


def _current_language(request) -> str:
    return (getattr(request, "LANGUAGE_CODE", None) or get_language() or "en")[:2]


def _require_writer(request):
    if not can_create_practice(request.user):
        raise PermissionDenied(_("Only specialists and coordinators write practices."))


def _initial_from_page(page) -> dict:
    text_parts, steps = [], []
    for block in page.body:
        if block.block_type == "text":
            text_parts.append(services.html_to_text(block.value.source))
        elif block.block_type == "steps":
            steps.extend(
                f"{step['title']}: {step['text']}" if step["text"] else step["title"]
                for step in block.value
            )
    return {
        "title": page.title,
        "summary": page.summary,
        "context": page.context,
        "approach": "\n\n".join(text_parts),
        "steps": "\n".join(steps),
        "results": page.results,
        "resources": page.resources,
        "transferability": page.transferability,
        "legal_basis": page.legal_basis,
        "language": page.locale.language_code,
        "themes": list(page.themes.all()),
        "target_groups": list(page.target_groups.all()),
        "municipalities": ", ".join(m.name for m in page.municipalities.all()),
        "centre": page.centre_id,
        "start_date": page.start_date,
        "review_by": page.review_by,
        "visibility": page.visibility,
    }


def _body_with_form_text(page, data) -> list:
    """Replace the text and steps blocks; keep images, quotes, videos from the admin."""
    new = services.body_stream(text=data["approach"], steps=data["steps"])
    kept = [
        {"type": block.block_type, "value": block.block.get_prep_value(block.value)}
        for block in (page.body if page is not None else [])
        if block.block_type not in ("text", "steps")
    ]
    return new + kept


def _attach(page, upload, user):
    """Store the upload as a Wagtail document and add it to a new draft revision."""
    if not upload:
        return
    from wagtail.documents import get_document_model

    from .models import PracticeAttachment

    document = get_document_model()(
        title=upload.name[:255], file=upload, uploaded_by_user=user
    )
    document.save()
    draft = page.get_latest_revision_as_object()
    draft.attachments.add(PracticeAttachment(document=document))
    draft.save_revision(user=user, log_action=True)


def _form_fields(data, page=None) -> dict:
    return {
        "title": data["title"],
        "summary": data["summary"],
        "context": data["context"],
        "body": _body_with_form_text(page, data),
        "results": data["results"],
        "resources": data["resources"],
        "transferability": data["transferability"],
        "legal_basis": data["legal_basis"],
        "themes": list(data["themes"]),
        "target_groups": list(data["target_groups"]),
        "municipalities": data["municipalities"],
        "centre": data["centre"],
        "start_date": data["start_date"],
        "review_by": data["review_by"],
        "visibility": data["visibility"],
    }


def _after_save(request, page):
    if "submit" in request.POST:
        try:
            services.practice_submit(practice=page, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Sent to the coordinators for review. You will be told by e-mail."),
            )
            return HttpResponseRedirect(_url("practices:mine"))
    else:
        messages.success(request, _("Draft saved. Nothing is published yet."))
    return HttpResponseRedirect(_url("practices:edit", pk=page.pk))


def _url(name, **kwargs):
    from django.urls import reverse

    return reverse(name, kwargs=kwargs or None)


@login_required
def practice_create(request):
    _require_writer(request)
    if request.method == "POST":
        form = PracticeForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            fields = _form_fields(data)
            del fields["body"]
            try:
                page = services.practice_create_draft(
                    author=request.user,
                    language=data["language"],
                    body_text=data["approach"],
                    steps=data["steps"],
                    **fields,
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                _attach(page, data.get("attachment"), request.user)
                return _after_save(request, page)
        _upload_lost_warning(request, form)
    else:
        form = PracticeForm(
            initial={
                "language": _current_language(request),
                "centre": getattr(request.user, "home_centre_id", None),
            }
        )
    return render(
        request, "practices/practice_form.html", {"form": form, "practice": None}
    )


def _form_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            field = {"body": "approach"}.get(field, field)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _upload_lost_warning(request, form):
    if request.FILES and form.errors:
        messages.warning(
            request,
            _(
                "Your text is kept below. Browsers cannot keep a chosen file: "
                "please choose the document again."
            ),
        )


@login_required
def practice_edit(request, pk):
    _require_writer(request)
    page = get_object_or_404(practices_editable_by(request.user), pk=pk)
    draft = page.get_latest_revision_as_object()
    in_review = services.workflow_state_in_review(page)
    review_comment = services.practice_review_comment(page)
    if request.method == "POST" and not in_review:
        form = PracticeForm(request.POST, request.FILES, editing=True)
        if form.is_valid():
            fields = _form_fields(form.cleaned_data, draft)
            try:
                draft = services.practice_update_draft(
                    practice=page, user=request.user, fields=fields
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                _attach(page, form.cleaned_data.get("attachment"), request.user)
                return _after_save(request, page)
        _upload_lost_warning(request, form)
    else:
        form = PracticeForm(initial=_initial_from_page(draft), editing=True)
    return render(
        request,
        "practices/practice_form.html",
        {
            "form": form,
            "practice": page,
            "draft": draft,
            "in_review": in_review,
            "review_comment": review_comment,
        },
    )


@login_required
@require_POST
def practice_submit(request, pk):
    page = get_object_or_404(practices_editable_by(request.user), pk=pk)
    try:
        services.practice_submit(practice=page, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Sent to the coordinators for review."))
    return HttpResponseRedirect(_url("practices:mine"))


@login_required
def practice_preview(request, pk):
    """The latest draft as readers will see it (authors and coordinators only)."""
    page = get_object_or_404(practices_editable_by(request.user), pk=pk)
    draft = page.get_latest_revision_as_object()
    request.is_preview = True  # a draft's themes may differ: nothing from the cache
    context = draft.get_context(request)
    context.update({"page": draft, "self": draft, "is_preview": True})
    return render(request, "practices/practice_page.html", context)


@login_required
def practices_mine(request):
    _require_writer(request)
    pages = list(
        PracticePage.objects.filter(owner=request.user)
        .select_related("locale")
        .order_by("-latest_revision_created_at", "-pk")
    )
    rows = []
    for page in pages:
        state = services.workflow_state_current(page)
        rows.append(
            {
                "page": page,
                "state": state,
                "comment": services.practice_review_comment(page),
            }
        )
    return render(request, "practices/mine.html", {"rows": rows})


@coordinator_required(message=REVIEWERS_ONLY)
def review_queue(request):
    """Coordinators: practices waiting for review, and practices past review-by."""
    from wagtail.models import WorkflowState

    states = (
        WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
        .filter(base_content_type__model="page")
        .order_by("created_at")
    )
    waiting = []
    ids = [int(s.object_id) for s in states]
    pages = PracticePage.objects.filter(pk__in=ids).select_related("owner", "locale")
    by_id = {p.pk: p for p in pages}
    for state in states:
        page = by_id.get(int(state.object_id))
        if page is not None:
            waiting.append({"page": page, "state": state})
    return render(
        request,
        "practices/review_queue.html",
        {"waiting": waiting, "overdue": practices_overdue()[:200]},
    )


@coordinator_required(message=REVIEWERS_ONLY)
def review_detail(request, pk):
    page = get_object_or_404(PracticePage, pk=pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action, comment = form.cleaned_data["action"], form.cleaned_data["comment"]
        try:
            if action == "approve":
                services.practice_approve(
                    practice=page, reviewer=request.user, comment=comment
                )
                messages.success(request, _("Approved and published."))
            else:
                services.practice_request_changes(
                    practice=page, reviewer=request.user, comment=comment
                )
                messages.success(
                    request, _("Returned to the author with your comment.")
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return HttpResponseRedirect(_url("practices:review"))
    draft = page.get_latest_revision_as_object()
    request.is_preview = True  # a draft's themes may differ: nothing from the cache
    context = draft.get_context(request)
    context.update(
        {
            "page": draft,
            "self": draft,
            "review_form": form,
            "in_review": services.workflow_state_in_review(page),
            "is_preview": True,
            "privacy_findings": practice_privacy_findings(draft),
        }
    )
    return render(request, "practices/review_detail.html", context)


@login_required
@require_POST
def practice_mark_reviewed(request, pk):
    page = get_object_or_404(PracticePage, pk=pk)
    try:
        services.practice_mark_reviewed(practice=page, user=request.user)
    except (PermissionDenied, ValidationError):
        raise PermissionDenied
    messages.success(
        request, _("Marked as reviewed; the next review is due in a year.")
    )
    return HttpResponseRedirect(request.POST.get("next") or _url("practices:review"))


@login_required
@require_POST
def practice_adopt(request, pk):
    page = get_object_or_404(practices_visible_to(request.user), pk=pk)
    if not can_adopt_practice(request.user):
        raise PermissionDenied(_("You cannot record an adoption."))
    form = AdoptionForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(
            request,
            " ".join(str(e) for errors in form.errors.values() for e in errors),
        )
        return HttpResponseRedirect(page.url + "#adoption")
    try:
        adoption, created = services.adoption_record(
            practice=page,
            user=request.user,
            centre=form.cleaned_data["centre"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(page.url + "#adoption")
    if created:
        message = _("Recorded: %(centre)s applies this practice too.") % {
            "centre": form.cleaned_data["centre"]
        }
    elif adoption.recorded_by_id == request.user.pk:
        message = _("Your centre was already listed; the note is updated.")
    else:
        message = _("Your centre was already listed by a colleague; their note stays.")
    messages.success(request, message)
    return HttpResponseRedirect(page.url + "#adoption")


@login_required
@require_POST
def practice_adopt_withdraw(request, pk):
    page = get_object_or_404(practices_visible_to(request.user), pk=pk)
    centre_id = request.POST.get("centre", "")
    centres = adoption_centres_for(request.user)
    centre = centres.filter(pk=centre_id).first() if centre_id.isdigit() else None
    if centre_id and centre is None:
        raise PermissionDenied(
            _("You can withdraw an adoption only for a centre you belong to.")
        )
    if services.adoption_withdraw(practice=page, user=request.user, centre=centre):
        messages.success(request, _("Your centre is no longer listed."))
    return HttpResponseRedirect(page.url + "#adoption")


def collections_list(request):
    collections = PracticeCollection.objects.filter(published=True).select_related(
        "theme"
    )
    return render(request, "practices/collections.html", {"collections": collections})


def collection_detail(request, slug):
    collection = get_object_or_404(PracticeCollection, slug=slug, published=True)
    visible = practices_visible_to(request.user)
    items = list(
        collection.items.filter(practice__in=visible)
        .select_related("practice", "practice__locale")
        .order_by("sort_order")
    )
    return render(
        request,
        "practices/collection_detail.html",
        {"collection": collection, "items": items},
    )
