"""The notification centre, e-mail preferences and the one-click unsubscribe."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from exchange.core.locale import url_in_language

from .forms import PreferenceForm
from .models import EmailFrequency, Notification
from .services import (
    email_frequency_of,
    email_unsubscribe,
    notifications_mark_read,
    preference_set,
    user_from_unsubscribe_token,
)
from .wording import preference_saved_confirmation


@login_required
def notification_list(request):
    notifications = Notification.objects.filter(recipient=request.user).select_related(
        "actor"
    )
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {
            "notifications": page.object_list,
            "page_obj": page,
            "form": PreferenceForm(
                initial={"email_frequency": email_frequency_of(request.user)}
            ),
        },
    )


@login_required
def notification_open(request, pk):
    """Mark one notification read and follow its link."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    # Stored with the prefix of whoever triggered it: follow it in the reader's.
    target = url_in_language(notification.url, get_language())
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_mark_all_read(request):
    count = notifications_mark_read(user=request.user)
    messages.success(
        request, _("%(count)d notifications marked as read.") % {"count": count}
    )
    return redirect("notifications:list")


@login_required
def preferences(request):
    if request.method == "POST":
        form = PreferenceForm(request.POST)
        if form.is_valid():
            preference_set(
                user=request.user, email_frequency=form.cleaned_data["email_frequency"]
            )
            messages.success(
                request,
                preference_saved_confirmation(form.cleaned_data["email_frequency"]),
            )
            return redirect("notifications:list")
        return render(
            request, "notifications/preferences.html", {"form": form}, status=400
        )
    form = PreferenceForm(initial={"email_frequency": email_frequency_of(request.user)})
    return render(request, "notifications/preferences.html", {"form": form})


@csrf_exempt  # mail clients post here for RFC 8058 one-click unsubscribe
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Stop e-mail from the signed link; no login needed.

    GET only asks for confirmation (mail scanners and link previews follow links);
    POST acts, from our form or from a mail client's RFC 8058 one-click request
    (``List-Unsubscribe=One-Click``). Neither page shows the e-mail address.
    """
    user = user_from_unsubscribe_token(token)
    if user is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    if request.method == "GET":
        return render(request, "notifications/unsubscribe_confirm.html")
    email_unsubscribe(user=user)
    return render(
        request,
        "notifications/unsubscribed.html",
        {"frequency": EmailFrequency.NEVER},
    )
