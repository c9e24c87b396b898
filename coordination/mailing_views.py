"""Announcements and the monthly newsletter (coordinators only)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from exchange.accounts.permissions import coordinator_required

from . import mailings
from .forms import AnnouncementForm, NewsletterForm
from .models import Announcement, Mailing, Newsletter


@coordinator_required
@require_http_methods(["GET", "POST"])
def announcements(request):
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        announcement = mailings.announcement_publish(
            announcement=form.save(commit=False), coordinator=request.user
        )
        messages.success(
            request,
            _("The announcement is saved; it shows on the home page between its dates.")
            + (" " + _("The e-mail is being sent.") if announcement.send_email else ""),
        )
        return redirect("coordination:announcements")
    return render(
        request,
        "coordination/announcements.html",
        {
            "form": form,
            "announcements": Announcement.objects.select_related("mailing")[:50],
            "audience": mailings.mailing_audience().count(),
        },
        status=400 if request.method == "POST" else 200,
    )


def _previews(newsletter):
    previews = []
    for code, name in settings.LANGUAGES:
        mailing = Mailing(kind="preview")
        mailing.newsletter = newsletter
        with translation.override(code):
            subject, template, context = mailings._render(mailing, code)
            text = render_to_string(
                template,
                {**context, "recipient": None, "unsubscribe_url": "…"},
            )
        previews.append({"code": code, "name": name, "subject": subject, "text": text})
    return previews


@coordinator_required
@require_http_methods(["GET", "POST"])
def newsletter(request, year: int | None = None, month: int | None = None):
    today = timezone.localdate()
    try:
        first = today.replace(
            year=year or today.year, month=month or today.month, day=1
        )
    except (ValueError, OverflowError):
        raise Http404 from None
    item = mailings.newsletter_prepare(month=first)
    form = NewsletterForm(request.POST or None, instance=item)
    if request.method == "POST" and item.mailing_id is None and form.is_valid():
        form.save()
        messages.success(request, _("The newsletter text is saved."))
        return redirect(
            "coordination:newsletter_month", year=first.year, month=first.month
        )
    return render(
        request,
        "coordination/newsletter.html",
        {
            "form": form,
            "newsletter": item,
            "previews": _previews(item),
            "audience": mailings.mailing_audience().count(),
        },
        status=400 if request.method == "POST" else 200,
    )


@coordinator_required
@require_POST
def newsletter_test(request, pk: int):
    item = get_object_or_404(Newsletter, pk=pk)
    mailings.newsletter_test_send(newsletter=item, coordinator=request.user)
    messages.success(
        request,
        _("A test e-mail was sent to %(email)s.") % {"email": request.user.email},
    )
    return redirect(
        "coordination:newsletter_month", year=item.month.year, month=item.month.month
    )


@coordinator_required
@require_POST
def newsletter_send(request, pk: int):
    item = get_object_or_404(Newsletter, pk=pk)
    try:
        mailing = mailings.newsletter_send(newsletter=item, coordinator=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The newsletter is being sent to %(count)s people, in batches.")
            % {"count": mailing.recipients.count()},
        )
    return redirect(
        "coordination:newsletter_month", year=item.month.year, month=item.month.month
    )
