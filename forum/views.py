"""Forum pages. Thin: reads come from selectors, writes go through services."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exchange.accounts.permissions import coordinator_required, member_required
from exchange.notifications.wording import follow_confirmation
from exchange.taxonomy.models import Theme
from specialists.models import Region

from . import moderation, selectors, services
from .forms import (
    AnswerForm,
    CommentForm,
    DuplicateForm,
    EditForm,
    FlagForm,
    ListFilterForm,
    QuestionForm,
    ThemesForm,
    apply_service_error,
)
from .models import Answer, Comment, Question

PAGE_SIZE = 20


def service_errors(view):
    """Show a service's refusal as a page with its message: 403 or 400, never 500."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as error:
            return _error_page(request, str(error) or _("You may not do this."), 403)
        except ValidationError as error:
            return _error_page(request, " ".join(error.messages), 400)

    return wrapper


def _error_page(request, message, status):
    if _wants_json(request):
        return JsonResponse({"detail": message}, status=status)
    return render(request, "forum/error.html", {"message": message}, status=status)


def _question_or_404(request, pk) -> Question:
    question = selectors.question_detail(request.user, pk)
    if question is None:
        raise Http404(_("This question does not exist or is no longer available."))
    return question


def _answer_or_404(request, pk) -> Answer:
    answer = get_object_or_404(
        Answer.objects.visible().select_related("question", "author"), pk=pk
    )
    if (
        not selectors.questions_visible_to(request.user)
        .filter(pk=answer.question_id)
        .exists()
    ):
        raise Http404
    return answer


def _back(request, fallback):
    target = request.POST.get("next") or request.META.get("HTTP_REFERER")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return redirect(target)
    return redirect(fallback)


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


# --- Lists ---------------------------------------------------------------------------


@member_required
def index(request):
    tab = request.GET.get("tab", "newest")
    if tab not in selectors.LIST_TABS:
        tab = "newest"
    filters = ListFilterForm(request.GET or None)
    cleaned = filters.cleaned_data if filters.is_valid() else {}
    questions = selectors.question_list(
        request.user,
        tab=tab,
        theme=cleaned.get("theme"),
        target_group=cleaned.get("target_group"),
        region=cleaned.get("region"),
        language=cleaned.get("language", ""),
        query=cleaned.get("q", ""),
    )
    # Counted and read only when the cached list (forum/index.html) is missing.
    page = SimpleLazyObject(
        lambda: Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    )
    params = request.GET.copy()
    params.pop("page", None)
    tab_params = params.copy()
    tab_params.pop("tab", None)
    followed = _followed(request.user, cleaned)
    return render(
        request,
        "forum/index.html",
        {
            "questions": SimpleLazyObject(lambda: page.object_list),
            "page_obj": page,
            "tab": tab,
            "tabs": _tabs(),
            "list_key": _list_key(request, tab),
            "filters": filters,
            "querystring_without_page": params.urlencode(),
            "tab_querystring": tab_params.urlencode(),
            "followed": followed,
        },
    )


def _list_key(request, tab: str) -> str:
    """What the cached list varies on besides the scope: the query string (filters,
    page, and the links it puts in the pagination) and, on the personal tabs, the
    reader."""
    reader = request.user.pk if tab in ("mine", "for_me") else ""
    return f"{tab}|{reader}|{request.GET.urlencode()}"


def _followed(user, cleaned) -> dict:
    """The theme or region filtered on, and whether ``user`` follows it."""
    followed = {}
    for key in ("theme", "region"):
        target = cleaned.get(key)
        if target is not None:
            followed[key] = (target, selectors.is_following(user, **{key: target}))
    return followed


def _tabs():
    return [
        ("newest", _("Newest")),
        ("active", _("Active")),
        ("unanswered", _("Unanswered")),
        ("mine", _("My questions")),
        ("for_me", _("For my themes and region")),
    ]


@member_required
def specialist_queue(request):
    """Questions routed to me that still wait for a solution."""
    questions = selectors.specialist_queue(request.user)
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "forum/queue.html",
        {
            "questions": page.object_list,
            "page_obj": page,
            "querystring_without_page": "",
        },
    )


@member_required
def similar(request):
    """JSON: questions and practices similar to a title being typed."""
    title = (request.GET.get("title") or "").strip()[:200]
    results = {"questions": [], "practices": []}
    if len(title) >= 4:
        results = selectors.similar_to_title(
            request.user, title, (request.LANGUAGE_CODE or "en")[:2]
        )
    return JsonResponse(results)


@member_required
def question_detail(request, pk):
    question = selectors.question_for_reader(request.user, pk)
    if question is None:
        raise Http404(_("This question does not exist or is no longer available."))
    return _render_detail(request, question)


def _reader_state(user, question) -> dict:
    """The reader's vote on the question and whether they follow it: loaded with
    the question on the question page (``question_for_reader``), read otherwise."""
    if hasattr(question, "reader_follows"):
        return {
            "my_question_vote": question.reader_vote or 0,
            "following": question.reader_follows,
        }
    return {
        "my_question_vote": selectors.my_vote(user, question),
        "following": selectors.is_following(user, question=question),
    }


def _render_detail(
    request, question, *, answer_form=None, comment_forms=None, status=200
):
    answers = selectors.answers_for(question, request.user)
    comment_forms = comment_forms or {}
    for answer in answers:
        answer.comment_form = comment_forms.get(answer.pk) or CommentForm(
            auto_id=f"id_comment_{answer.pk}_%s"
        )
    return render(
        request,
        "forum/question_detail.html",
        {
            "question": question,
            "answers": answers,
            "answer_form": answer_form or AnswerForm(),
            **_reader_state(request.user, question),
            "is_asker": question.author_id == request.user.pk,
            "can_edit_question": question.author_id == request.user.pk
            or request.user.is_coordinator,
            # Read only when their cached parts (question_detail.html) are missing.
            "linked_practices": SimpleLazyObject(
                lambda: selectors.practices_linked_to(question, request.user)
            ),
            "duplicates": question.duplicates.visible().only("pk", "title"),
            "similar_questions": SimpleLazyObject(
                lambda: selectors.similar_questions_for(
                    question, request.user, (request.LANGUAGE_CODE or "en")[:2]
                )
            ),
        },
        status=status,
    )


@member_required
@service_errors
def question_ask(request):
    form = QuestionForm(request.POST or None, user=request.user)
    if request.method == "POST" and not form.is_search_step and form.is_valid():
        data = form.cleaned_data
        try:
            question = services.question_create(
                author=request.user,
                title=data["title"],
                body=data["body"],
                themes=data["themes"],
                target_groups=data["target_groups"],
                municipality=data["municipality"],
                region=data["region"],
                language=data["language"],
                practices=data.get("practices") or [],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            if getattr(question, "was_duplicate_submission", False):
                messages.info(request, _("You had already posted this question."))
            else:
                messages.success(request, _("Your question has been posted."))
            return redirect(question)
    elif request.method == "GET":
        form.initial.setdefault("language", (request.LANGUAGE_CODE or "nl")[:2])
        if request.user.home_centre_id:
            first = request.user.home_centre.municipalities.first()
            if first is not None:
                form.initial.setdefault("municipality", first.pk)
    status = 400 if request.method == "POST" and not form.is_search_step else 200
    return render(
        request,
        "forum/question_form.html",
        {"form": form, "editing": None},
        status=status,
    )


def _question_initial(question) -> dict:
    return {
        "title": question.title,
        "body": question.body,
        "themes": list(question.themes.all()),
        "target_groups": list(question.target_groups.all()),
        "language": question.language,
        "region": question.region_id,
        "municipality": question.municipality_id,
        "practices": list(question.practices.all()),
    }


@member_required
@service_errors
def question_edit(request, pk):
    question = _question_or_404(request, pk)
    if question.author_id != request.user.pk and not request.user.is_coordinator:
        raise PermissionDenied(_("You can only edit your own posts."))
    initial = _question_initial(question)
    form = QuestionForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and not form.is_search_step and form.is_valid():
        data = form.cleaned_data
        try:
            services.question_update(
                question=question,
                editor=request.user,
                title=data["title"],
                body=data["body"],
                themes=data["themes"],
                target_groups=data["target_groups"],
                municipality=data["municipality"],
                region=data["region"],
                language=data["language"],
                practices=data.get("practices") if "practices" in form.fields else None,
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect(question)
    status = 400 if request.method == "POST" and not form.is_search_step else 200
    return render(
        request,
        "forum/question_form.html",
        {"form": form, "editing": question},
        status=status,
    )


@member_required
def history(request, kind, pk):
    """Every earlier version of a question, answer or comment."""
    if kind == "question":
        post = _question_or_404(request, pk)
        question = post
    elif kind == "answer":
        post = _answer_or_404(request, pk)
        question = post.question
    else:
        post = get_object_or_404(
            Comment.objects.visible().select_related("answer__question"), pk=pk
        )
        question = _question_or_404(request, post.answer.question_id)
        if post.answer.is_hidden:
            raise Http404
    return render(
        request,
        "forum/history.html",
        {
            "post": post,
            "kind": kind,
            "question": question,
            "revisions": selectors.revisions_of(post),
        },
    )


@member_required
@require_POST
@service_errors
def answer_create(request, pk):
    question = _question_or_404(request, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            answer = services.answer_create(
                question=question, author=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            if getattr(answer, "was_duplicate_submission", False):
                messages.info(request, _("You had already posted this answer."))
            else:
                messages.success(request, _("Your answer has been posted."))
            return redirect(answer.get_absolute_url())
    return _render_detail(request, question, answer_form=form, status=400)


@member_required
@service_errors
def answer_edit(request, pk):
    answer = _answer_or_404(request, pk)
    return _edit_post(request, answer, answer.question, services.post_update, "answer")


@member_required
@service_errors
def comment_edit(request, pk):
    comment = get_object_or_404(
        Comment.objects.visible().select_related("answer__question"), pk=pk
    )
    question = _question_or_404(request, comment.answer.question_id)
    return _edit_post(request, comment, question, services.post_update, "comment")


def _edit_post(request, post, question, update, kind):
    if post.author_id != request.user.pk and not request.user.is_coordinator:
        raise PermissionDenied(_("You can only edit your own posts."))
    form = EditForm(request.POST or None, initial={"body": post.body})
    del form.fields["title"]
    if request.method == "POST" and form.is_valid():
        try:
            update(
                post=post,
                editor=request.user,
                body=form.cleaned_data["body"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect(post.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "forum/post_edit.html",
        {"form": form, "post": post, "question": question, "kind": kind},
        status=status,
    )


@member_required
@require_POST
@service_errors
def comment_create(request, pk):
    answer = _answer_or_404(request, pk)
    question = _question_or_404(request, answer.question_id)
    form = CommentForm(request.POST, auto_id=f"id_comment_{answer.pk}_%s")
    if form.is_valid():
        try:
            comment = services.comment_create(
                answer=answer, author=request.user, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Your comment has been posted."))
            return redirect(comment.get_absolute_url())
    return _render_detail(
        request, question, comment_forms={answer.pk: form}, status=400
    )


# --- Votes, acceptance, follows ------------------------------------------------------


@member_required
@require_POST
@service_errors
def vote(request, kind, pk):
    if kind == "question":
        post = _question_or_404(request, pk)
    else:
        post = _answer_or_404(request, pk)
    try:
        value = int(request.POST.get("value", "0"))
    except ValueError:
        value = 0
    try:
        score = services.vote_cast(user=request.user, post=post, value=value)
    except ValidationError as error:
        return _error_response(request, error.messages[0], 400, post)
    except PermissionDenied as error:
        return _error_response(request, str(error), 403, post)
    if _wants_json(request):
        return JsonResponse(
            {"score": score, "my_vote": selectors.my_vote(request.user, post)}
        )
    return redirect(post.get_absolute_url())


def _error_response(request, message, status, post):
    return _error_page(request, message, status)


@member_required
@require_POST
@service_errors
def accept(request, pk):
    answer = _answer_or_404(request, pk)
    if request.POST.get("undo"):
        services.answer_unaccept(question=answer.question, user=request.user)
        messages.success(request, _("You withdrew your choice of answer."))
    else:
        try:
            services.answer_accept(answer=answer, user=request.user)
        except ValidationError as error:
            return _error_response(request, " ".join(error.messages), 400, answer)
        messages.success(request, _("You accepted this answer. Thank you!"))
    return redirect(answer.get_absolute_url())


@member_required
@require_POST
@service_errors
def validate(request, pk):
    answer = _answer_or_404(request, pk)
    services.answer_validate(
        answer=answer, user=request.user, validated=not request.POST.get("undo")
    )
    messages.success(request, _("The answer's validation was updated."))
    return redirect(answer.get_absolute_url())


@member_required
@require_POST
@service_errors
def follow(request, kind, key):
    target = {}
    if kind == "question":
        target["question"] = _question_or_404(request, int(key))
    elif kind == "theme":
        target["theme"] = get_object_or_404(Theme, slug=key)
    elif kind == "region":
        target["region"] = get_object_or_404(Region, slug=key)
    else:
        raise Http404
    now_following = services.follow_toggle(user=request.user, **target)
    if now_following:
        messages.success(request, follow_confirmation(request.user))
    else:
        messages.success(request, _("You no longer follow this."))
    return _back(request, "forum:index")


# --- Flags and moderation ------------------------------------------------------------


def _post_for(request, kind, pk):
    if kind == "question":
        return _question_or_404(request, pk)
    if kind == "answer":
        return _answer_or_404(request, pk)
    if kind == "comment":
        comment = get_object_or_404(
            Comment.objects.visible().select_related("answer__question"), pk=pk
        )
        _question_or_404(request, comment.answer.question_id)
        return comment
    raise Http404


@member_required
@service_errors
def flag(request, kind, pk):
    post = _post_for(request, kind, pk)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.flag_create(
            reporter=request.user,
            post=post,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Thank you. A coordinator will look at this post."))
        return redirect(post.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request, "forum/flag_form.html", {"form": form, "post": post}, status=status
    )


@coordinator_required
def moderation_queue(request):
    flags = list(selectors.flags_open())
    posts = {}
    for model in (Question, Answer, Comment):
        ids = [f.object_id for f in flags if f.content_type.model_class() is model]
        for post in model.objects.filter(pk__in=ids).select_related("author"):
            posts[(model, post.pk)] = post
    for item in flags:
        item.target = posts.get((item.content_type.model_class(), item.object_id))
    return render(request, "forum/moderation.html", {"flags": flags})


def _moderation_post(kind, pk):
    model = {"question": Question, "answer": Answer, "comment": Comment}.get(kind)
    if model is None:
        raise Http404
    return get_object_or_404(model, pk=pk)


def _question_of(post):
    return post if isinstance(post, Question) else post.question


@coordinator_required
@require_POST
@service_errors
def moderate(request, kind, pk, action):
    post = _moderation_post(kind, pk)
    handler = moderation.action_for(action, post)
    if handler is None:
        raise Http404
    try:
        message = handler(post=post, moderator=request.user, data=request.POST)
        messages.success(request, message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        response = _back(request, "forum:moderation")
        response.status_code = 303
        return response
    if action == "hide":
        return redirect("forum:moderation")
    return _back(request, "forum:moderation")


@coordinator_required
@service_errors
def moderate_edit(request, kind, pk):
    post = _moderation_post(kind, pk)
    form = EditForm(
        request.POST or None,
        initial={"title": getattr(post, "title", ""), "body": post.body},
    )
    if not isinstance(post, Question):
        del form.fields["title"]
    if request.method == "POST" and form.is_valid():
        try:
            services.post_moderate_edit(
                post=post,
                moderator=request.user,
                body=form.cleaned_data["body"],
                title=form.cleaned_data.get("title") or None,
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The post was edited."))
            return redirect("forum:moderation")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "forum/post_edit.html",
        {
            "form": form,
            "post": post,
            "question": _question_of(post),
            "kind": kind,
            "moderating": True,
        },
        status=status,
    )


@coordinator_required
def question_moderate(request, pk):
    """The moderation tools of one question (lock, duplicate, themes, practice)."""
    question = get_object_or_404(Question, pk=pk)
    return render(
        request,
        "forum/question_moderate.html",
        {
            "question": question,
            "duplicate_form": DuplicateForm(),
            "themes_form": ThemesForm(initial={"themes": list(question.themes.all())}),
        },
    )
