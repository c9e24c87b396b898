"""Signals of structural problems: members report, coordinators handle them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from exchange.accounts.permissions import member_required
from exchange.notifications.wording import follow_confirmation
from forum.selectors import questions_visible_to
from practices.selectors import practices_visible_to

from . import selectors, services
from .forms import (
    SignalAssignForm,
    SignalCloseForm,
    SignalFilterForm,
    SignalForm,
    SignalMergeForm,
    SignalTextForm,
)

PAGE_SIZE = 25


@member_required
def signal_list(request):
    form = SignalFilterForm(request.GET or None)
    cleaned = form.cleaned_data if form.is_valid() else {}
    signals = selectors.signal_list(
        request.user,
        status=cleaned.get("status") or "open",
        theme=cleaned.get("theme"),
        region=cleaned.get("region"),
    )
    page = Paginator(signals, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "coordination/signal_list.html",
        {"form": form, "page_obj": page, "querystring_without_page": query.urlencode()},
        status=200 if not form.is_bound or form.is_valid() else 400,
    )


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@member_required
@require_http_methods(["GET", "POST"])
def signal_create(request):
    form = SignalForm(
        request.POST or None,
        questions_visible=questions_visible_to(request.user),
        practices_visible=practices_visible_to(request.user),
    )
    searching = form.is_search_step
    if request.method == "POST" and not searching and form.is_valid():
        try:
            signal = services.signal_create(author=request.user, **form.signal_data())
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request, _("Thank you: the coordinators have received your signal.")
            )
            return redirect("signals:detail", pk=signal.pk)
    status = 400 if request.method == "POST" and not searching else 200
    return render(
        request, "coordination/signal_form.html", {"form": form}, status=status
    )


def _detail_context(request, signal, **forms):
    context = {
        "signal": signal,
        "following": signal.followers.filter(pk=request.user.pk).exists(),
        "can_see_answer": selectors.signal_can_see_answer(signal, request.user),
        "questions": questions_visible_to(request.user).filter(
            pk__in=signal.questions.values("pk")
        ),
        "practices": practices_visible_to(request.user).filter(
            pk__in=signal.practices.values("pk")
        ),
    }
    if request.user.is_coordinator:
        context.update(
            {
                "similar": selectors.signals_similar(signal),
                "assign_form": forms.get("assign") or SignalAssignForm(),
                "merge_form": forms.get("merge") or SignalMergeForm(),
                "answer_form": forms.get("answer") or SignalTextForm(prefix="answer"),
                "response_form": forms.get("publish")
                or SignalTextForm(prefix="publish", initial={"text": signal.response}),
                "close_form": forms.get("close") or SignalCloseForm(),
            }
        )
    return context


def _get_signal(request, pk):
    signal = selectors.signal_detail(request.user, pk)
    if signal is None:
        raise Http404
    return signal


@member_required
def signal_detail(request, pk: int):
    signal = _get_signal(request, pk)
    return render(
        request, "coordination/signal_detail.html", _detail_context(request, signal)
    )


@member_required
@require_POST
def signal_follow(request, pk: int):
    signal = _get_signal(request, pk)
    if services.signal_follow_toggle(signal=signal, user=request.user):
        messages.success(request, follow_confirmation(request.user))
    else:
        messages.success(request, _("You no longer follow this signal."))
    return redirect("signals:detail", pk=pk)


ACTIONS = {
    "assign": (
        lambda data: SignalAssignForm(data),
        lambda s, u, d: services.signal_assign(
            signal=s, assignee=d["assignee"], coordinator=u
        ),
        gettext_lazy("The signal was assigned."),
    ),
    "merge": (
        lambda data: SignalMergeForm(data),
        lambda s, u, d: services.signal_merge(signal=s, into=d["into"], coordinator=u),
        gettext_lazy("The signal was merged."),
    ),
    "answer": (
        lambda data: SignalTextForm(data, prefix="answer"),
        lambda s, u, d: services.signal_answer(signal=s, coordinator=u, text=d["text"]),
        gettext_lazy("Your answer was sent to the person who signalled."),
    ),
    "publish": (
        lambda data: SignalTextForm(data, prefix="publish"),
        lambda s, u, d: services.signal_response_publish(
            signal=s, coordinator=u, text=d["text"]
        ),
        gettext_lazy("The response is published; followers have been told."),
    ),
    "close": (
        lambda data: SignalCloseForm(data),
        lambda s, u, d: services.signal_close(
            signal=s, coordinator=u, reason=d["reason"]
        ),
        gettext_lazy("The signal is closed."),
    ),
}


@member_required
@require_POST
def signal_action(request, pk: int, action: str):
    if not request.user.is_coordinator:
        raise PermissionDenied
    if action not in ACTIONS:
        raise Http404
    signal = _get_signal(request, pk)
    make_form, run, done = ACTIONS[action]
    form = make_form(request.POST)
    if form.is_valid():
        try:
            run(signal, request.user, form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, str(done))
            return redirect("signals:detail", pk=pk)
    messages.error(request, _("Nothing was changed: see the form below."))
    return render(
        request,
        "coordination/signal_detail.html",
        _detail_context(request, signal, **{action: form}),
        status=400,
    )
