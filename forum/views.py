"""Forum pages. Thin: reads come from selectors, writes go through services."""

import html
import logging
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exchange.notifications.wording import follow_confirmation
from exchange.taxonomy.models import Theme
from specialists.models import Region

from . import selectors, services
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
from .models import Answer, Comment, Flag, Question

PAGE_SIZE = 20
SIMILAR_QUESTIONS = 5
SIMILAR_CACHE_SECONDS = 300

logger = logging.getLogger(__name__)


def member_required(view):
    """Anonymous: to the login page. Logged in but not an approved member: 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not selectors.is_forum_member(request.user):
            raise PermissionDenied(_("The forum is for approved members only."))
        return view(request, *args, **kwargs)

    return wrapper


def coordinator_required(view):
    @wraps(view)
    @member_required
    def wrapper(request, *args, **kwargs):
        if not request.user.is_coordinator:
            raise PermissionDenied(_("Only coordinators can moderate the forum."))
        return view(request, *args, **kwargs)

    return wrapper


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
    page = Paginator(questions, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    tab_params = request.GET.copy()
    tab_params.pop("page", None)
    tab_params.pop("tab", None)
    followed = {}
    for key in ("theme", "region"):
        target = cleaned.get(key)
        if target is not None:
            followed[key] = (
                target,
                selectors.is_following(request.user, **{key: target}),
            )
    return render(
        request,
        "forum/index.html",
        {
            "questions": page.object_list,
            "page_obj": page,
            "tab": tab,
            "tabs": _tabs(),
            "filters": filters,
            "querystring_without_page": params.urlencode(),
            "tab_querystring": tab_params.urlencode(),
            "followed": followed,
        },
    )


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
        results = _similar(request.user, title, (request.LANGUAGE_CODE or "en")[:2])
    return JsonResponse(results)


def _similar(user, title: str, language: str = "en") -> dict:
    """Through the search service (synonyms, all languages); title match if absent."""
    found = _similar_from_search(user, title, language)
    if found is not None and (found["questions"] or found["practices"]):
        return found
    return _similar_by_title(user, title)


def _similar_from_search(user, title: str, language: str) -> dict | None:
    try:
        from search.service import search
    except ImportError:
        return None
    try:
        response = search(
            title,
            {"type": ["question", "practice"]},
            user=user,
            language=language,
            per_page=10,
            log=False,
        )
    except Exception:  # noqa: BLE001 - the page must work without search
        return None
    if getattr(response, "engine", "none") == "none":
        return None
    from django.utils.html import strip_tags

    found = {"questions": [], "practices": []}
    question_keys = [r.object_key for r in response.results if r.type == "question"]
    # Titles come back highlighted and shortened: show the real ones, and only
    # questions this user may still see.
    titles = dict(
        selectors.questions_visible_to(user)
        .filter(pk__in=[k for k in question_keys if k.isdigit()])
        .values_list("pk", "title")
    )
    for result in response.results:
        if result.type == "question" and len(found["questions"]) < 5:
            title = (
                titles.get(int(result.object_key))
                if result.object_key.isdigit()
                else None
            )
            if title:
                found["questions"].append({"title": title, "url": result.url})
        elif result.type == "practice" and len(found["practices"]) < 5:
            found["practices"].append(
                # Titles come back as escaped HTML: plain text for the JSON.
                {"title": html.unescape(strip_tags(result.title)), "url": result.url}
            )
    return found


def _similar_by_title(user, title: str) -> dict:
    questions = [
        {"title": q.title, "url": q.get_absolute_url()}
        for q in selectors.similar_questions(user, title)
    ]
    practices = []
    try:
        from practices.selectors import practices_visible_to
    except ImportError:
        practices_visible_to = None
    if practices_visible_to is not None:
        from django.db.models import Q

        words = [w for w in title.split() if len(w) > 3][:8]
        if words:
            condition = Q()
            for word in words:
                condition |= Q(title__icontains=word)
            practices = [
                {"title": p.title, "url": p.url}
                for p in practices_visible_to(user).filter(condition)[:5]
            ]
    return {"questions": questions, "practices": practices}


# --- One question --------------------------------------------------------------------


def _similar_questions(user, question, language: str = "en") -> list[Question]:
    """Up to five questions like ``question`` (any language, through the search
    service), that ``user`` may read now. One search per question and audience set
    every few minutes (the keys are cached: they do not depend on the interface
    language); visibility is checked on every view."""
    try:
        from search.service import audiences_for, similar
    except ImportError:
        return []
    audiences = "+".join(sorted(str(a) for a in audiences_for(user)))
    key = f"forum:similar:{question.pk}:{audiences}"
    keys = cache.get(key)
    if keys is None:
        try:
            results = similar(
                "question",
                question.pk,
                user=user,
                language=language,
                limit=SIMILAR_QUESTIONS,
            )
        except Exception:  # noqa: BLE001 - the page must work without search
            logger.exception("Similar questions failed for question %s", question.pk)
            return []
        keys = [int(r.object_key) for r in results if r.object_key.isdigit()]
        cache.set(key, keys, SIMILAR_CACHE_SECONDS)
    if not keys:
        return []
    # The index may lag behind moderation: only questions still visible now.
    found = (
        selectors.questions_visible_to(user)
        .filter(pk__in=keys)
        .only("pk", "title", "language")
    )
    by_pk = {q.pk: q for q in found}
    return [by_pk[k] for k in keys if k in by_pk][:SIMILAR_QUESTIONS]


@member_required
def question_detail(request, pk):
    question = _question_or_404(request, pk)
    return _render_detail(request, question)


def _render_detail(
    request, question, *, answer_form=None, comment_forms=None, status=200
):
    answers = selectors.answers_for(question, request.user)
    comment_forms = comment_forms or {}
    for answer in answers:
        answer.comment_form = comment_forms.get(answer.pk) or CommentForm(
            auto_id=f"id_comment_{answer.pk}_%s"
        )
    practices = []
    try:
        from practices.selectors import practices_visible_to

        practices = list(
            practices_visible_to(request.user).filter(linked_questions=question)
        )
    except ImportError:
        pass
    return render(
        request,
        "forum/question_detail.html",
        {
            "question": question,
            "answers": answers,
            "answer_form": answer_form or AnswerForm(),
            "my_question_vote": selectors.my_vote(request.user, question),
            "following": selectors.is_following(request.user, question=question),
            "is_asker": question.author_id == request.user.pk,
            "can_edit_question": question.author_id == request.user.pk
            or request.user.is_coordinator,
            "linked_practices": practices,
            "duplicates": question.duplicates.visible().only("pk", "title"),
            "similar_questions": _similar_questions(
                request.user, question, (request.LANGUAGE_CODE or "en")[:2]
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


@member_required
@service_errors
def question_edit(request, pk):
    question = _question_or_404(request, pk)
    if question.author_id != request.user.pk and not request.user.is_coordinator:
        raise PermissionDenied(_("You can only edit your own posts."))
    initial = {
        "title": question.title,
        "body": question.body,
        "themes": list(question.themes.all()),
        "target_groups": list(question.target_groups.all()),
        "language": question.language,
        "region": question.region_id,
        "municipality": question.municipality_id,
        "practices": list(question.practices.all()),
    }
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
    return _edit_post(
        request, answer, answer.question, services.answer_update, "answer"
    )


@member_required
@service_errors
def comment_edit(request, pk):
    comment = get_object_or_404(
        Comment.objects.visible().select_related("answer__question"), pk=pk
    )
    question = _question_or_404(request, comment.answer.question_id)
    return _edit_post(request, comment, question, services.comment_update, "comment")


def _edit_post(request, post, question, update, kind):
    if post.author_id != request.user.pk and not request.user.is_coordinator:
        raise PermissionDenied(_("You can only edit your own posts."))
    form = EditForm(request.POST or None, initial={"body": post.body})
    del form.fields["title"]
    if request.method == "POST" and form.is_valid():
        try:
            update(
                **{kind: post},
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
    try:
        if action == "hide":
            services.post_hide(post=post, moderator=request.user)
            messages.success(request, _("The post is hidden."))
        elif action == "unhide":
            services.post_hide(post=post, moderator=request.user, hidden=False)
            messages.success(request, _("The post is visible again."))
        elif action == "dismiss":
            flag_obj = get_object_or_404(Flag, pk=request.POST.get("flag"))
            services.flag_dismiss(flag=flag_obj, moderator=request.user)
            messages.success(request, _("The flag was dismissed."))
        elif action == "lock" and isinstance(post, Question):
            services.question_lock(
                question=post, moderator=request.user, locked=not post.is_locked
            )
            messages.success(request, _("The question's lock was changed."))
        elif action == "duplicate" and isinstance(post, Question):
            form = DuplicateForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Give the number of an existing question."))
            original = Question.objects.filter(
                pk=form.cleaned_data["duplicate_of"]
            ).first()
            if original is None:
                raise ValidationError(_("Give the number of an existing question."))
            services.question_close_duplicate(
                question=post, duplicate_of=original, moderator=request.user
            )
            messages.success(request, _("The question was closed as a duplicate."))
        elif action == "themes" and isinstance(post, Question):
            form = ThemesForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Choose at least one theme."))
            services.question_move_themes(
                question=post,
                themes=form.cleaned_data["themes"],
                moderator=request.user,
            )
            messages.success(request, _("The themes were changed."))
        elif action == "practice" and isinstance(post, Question):
            practice = services.question_convert_to_practice(
                question=post, moderator=request.user
            )
            messages.success(
                request,
                _("A draft practice “%(title)s” was created to be completed.")
                % {"title": practice.title},
            )
        else:
            raise Http404
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
