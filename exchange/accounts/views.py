"""The account page (profile, data export, deletion) and the approval queue."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import services
from .adapter import APPROVAL_STATE_SESSION_KEY
from .forms import AccountDeleteForm, ApprovalDecisionForm, ProfileForm
from .models import ApprovalStatus


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, _("Your profile has been saved."))
        if user.language:
            translation.activate(user.language)
        return redirect(reverse("accounts:profile"))
    return render(
        request,
        "accounts/profile.html",
        {"form": form, "delete_form": AccountDeleteForm(user=request.user)},
    )


@login_required
def data_export(request):
    data = services.account_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="newcomer-exchange-my-data-{stamp}.json"'
    )
    return response


@login_required
@require_http_methods(["POST"])
def feed_tokens_reset(request):
    services.user_feed_tokens_reset(user=request.user)
    messages.success(
        request,
        _(
            "Your feed links have been renewed: the old ones no longer work. "
            "Subscribe your calendar again with the new link."
        ),
    )
    return redirect(reverse("accounts:profile"))


@login_required
@require_http_methods(["GET", "POST"])
def account_delete_view(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.account_delete(user=request.user)
        logout(request)
        messages.success(
            request,
            _("Your account has been deleted. Your posts stay, signed “former member”."),  # noqa: E501
        )
        return redirect("/" + (translation.get_language() or "en") + "/")
    return render(request, "accounts/delete.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def approvals(request):
    if not request.user.is_coordinator:
        raise PermissionDenied
    form = ApprovalDecisionForm(request.POST or None)
    waiting = services.users_waiting_for_approval()
    if request.method == "POST":
        if form.is_valid():
            person = get_object_or_404(waiting, pk=form.cleaned_data["user"])
            if form.cleaned_data["decision"] == "approve":
                services.user_approve(user=person, decided_by=request.user)
                messages.success(
                    request,
                    _("%(name)s can now log in; they have been told by e-mail.")
                    % {"name": person.display_name},
                )
            else:
                services.user_reject(
                    user=person,
                    decided_by=request.user,
                    reason=form.cleaned_data["reason"],
                )
                messages.success(
                    request,
                    _("The sign-up of %(name)s was rejected; they have been told why.")
                    % {"name": person.display_name},
                )
            return redirect("accounts:approvals")
        messages.error(request, _("The decision was not saved: see the form below."))
    return render(
        request,
        "accounts/approvals.html",
        {
            "waiting": waiting.select_related("home_centre"),
            "form": form,
            "failed_user": form.data.get("user") if form.is_bound else None,
        },
    )


def waiting_for_approval(request):
    state = request.session.get(APPROVAL_STATE_SESSION_KEY, ApprovalStatus.PENDING)
    return render(
        request,
        "accounts/waiting.html",
        {"rejected": state == ApprovalStatus.REJECTED},
    )
