"""The account page (profile, data export, deletion) and the approval queue."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from . import services
from .adapter import APPROVAL_STATE_SESSION_KEY
from .forms import AccountDeleteForm, ApprovalDecisionForm, ProfileForm
from .middleware import LANGUAGE_CODES, language_cookie_set
from .models import ApprovalStatus
from .permissions import coordinator_required


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


@coordinator_required
@require_http_methods(["GET", "POST"])
def approvals(request):
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


@csrf_exempt
@require_POST
def language_switch(request):
    """The language switcher's forms: remember the language, then go to ``next``.

    POST only: a link or an image must not change a preference. A member's stored
    preference is CSRF-protected; an anonymous visitor only gets a language cookie,
    so public pages carry no CSRF token and stay in the full-page cache.
    ``next`` is the same page in the chosen language; an outside URL is ignored.
    """
    if request.user.is_authenticated:
        return csrf_protect(_language_switch)(request)
    return _language_switch(request)


def _language_switch(request):
    language = request.POST.get("language", "")
    if language not in LANGUAGE_CODES:
        return HttpResponse(_("Unknown language."), status=400)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = f"/{language}/"
    if request.user.is_authenticated and request.user.language != language:
        request.user.language = language
        request.user.save(update_fields=["language"])
    response = redirect(target)
    language_cookie_set(response, language)
    return response


def login_via_allauth(request):
    """Old login routes (Wagtail's front-end and admin log-in) lead to allauth's.

    allauth does the MFA stage, rate limits and approval checks; no other view
    may take a password. ``next`` and the rest of the query are kept.
    """
    url = reverse("account_login")
    query = request.GET.urlencode()
    return redirect(f"{url}?{query}" if query else url)
