"""The specialists' network: groups, notice boards, a shared agenda and its feed."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exchange.accounts.permissions import member_required

from . import services
from .exports import agenda_ical, agenda_token, agenda_token_user
from .forms import AgendaEventForm, NoticeForm
from .models import AgendaEvent
from .selectors import group_notices, groups_of, groups_visible_to


def _group(request, slug):
    return get_object_or_404(groups_visible_to(request.user), slug=slug)


def _may_post(group, user) -> bool:
    return user.is_coordinator or group.members.filter(pk=user.pk).exists()


@member_required
def group_list(request):
    mine = set(groups_of(request.user).values_list("pk", flat=True))
    groups = list(groups_visible_to(request.user))
    for group in groups:
        group.is_mine = group.pk in mine
    return render(request, "specialists/groups.html", {"groups": groups})


@member_required
def group_detail(request, slug, *, notice_form=None, event_form=None, status=200):
    group = _group(request, slug)
    today_start = timezone.now() - timedelta(hours=12)
    context = {
        "group": group,
        "members": group.members.select_related("home_centre").order_by("full_name"),
        "events": group.events.filter(ends_at__gte=today_start),
        "notices": group_notices(group),
        "is_member": group.members.filter(pk=request.user.pk).exists(),
        "may_post": _may_post(group, request.user),
        "notice_form": notice_form or NoticeForm(),
        "event_form": event_form or AgendaEventForm(),
    }
    return render(request, "specialists/group.html", context, status=status)


@require_POST
@member_required
def group_join(request, slug):
    group = _group(request, slug)
    services.group_join(group=group, user=request.user)
    messages.success(request, _("You joined %(group)s.") % {"group": group.name})
    return redirect("specialists:group", slug=slug)


@require_POST
@member_required
def group_leave(request, slug):
    group = _group(request, slug)
    services.group_leave(group=group, user=request.user)
    messages.success(request, _("You left %(group)s.") % {"group": group.name})
    return redirect("specialists:group", slug=slug)


@require_POST
@member_required
def notice_create(request, slug):
    group = _group(request, slug)
    if not _may_post(group, request.user):
        raise PermissionDenied
    form = NoticeForm(request.POST)
    if not form.is_valid():
        # Show the form again with what was typed: nothing is lost.
        return group_detail(request, slug, notice_form=form, status=400)
    services.group_notice_post(
        group=group,
        author=request.user,
        title=form.cleaned_data["title"],
        body=form.cleaned_data["body"],
        send=form.cleaned_data["send"],
    )
    if form.cleaned_data["send"]:
        messages.success(request, _("Your message was posted and sent to the group."))
    else:
        messages.success(request, _("Your message was posted."))
    return redirect("specialists:group", slug=slug)


@require_POST
@member_required
def event_create(request, slug):
    group = _group(request, slug)
    if not _may_post(group, request.user):
        raise PermissionDenied
    form = AgendaEventForm(request.POST, instance=AgendaEvent(group=group))
    if not form.is_valid():
        return group_detail(request, slug, event_form=form, status=400)
    services.agenda_event_create(
        group=group,
        created_by=request.user,
        **{name: form.cleaned_data[name] for name in form.Meta.fields},
    )
    messages.success(request, _("The event was added to the agenda."))
    return redirect("specialists:group", slug=slug)


def _agenda_events(user):
    since = timezone.now() - timedelta(days=30)
    return (
        AgendaEvent.objects.filter(group__in=groups_of(user), ends_at__gte=since)
        .select_related("group")
        .order_by("starts_at")
    )


@member_required
def agenda(request):
    feed_path = reverse("specialists:agenda_feed", args=[agenda_token(request.user)])
    return render(
        request,
        "specialists/agenda.html",
        {
            "events": _agenda_events(request.user),
            "feed_url": request.build_absolute_uri(feed_path),
        },
    )


def agenda_feed(request, token):
    """The member's agenda as iCalendar; the signed token stands in for a login."""
    user = agenda_token_user(token)
    if user is None:
        raise Http404
    body = agenda_ical(_agenda_events(user), name=_("Specialist network agenda"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    return response
