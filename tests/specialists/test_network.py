"""Network groups: members, notice board, messages, agenda and its iCal feed."""

import datetime

import icalendar
import pytest
from django.utils import timezone

from specialists.exports import agenda_token
from specialists.models import AgendaEvent, GroupNotice
from tests.factories import (
    AgendaEventFactory,
    CaseworkerFactory,
    DesignationFactory,
    NetworkGroupFactory,
)

pytestmark = pytest.mark.django_db


def test_anonymous_cannot_see_groups(client_for):
    group = NetworkGroupFactory()
    assert client_for(None).get("/en/specialists/groups/").status_code == 302
    assert (
        client_for(None).get(f"/en/specialists/groups/{group.slug}/").status_code == 302
    )


def test_specialist_joins_and_posts_a_message_to_the_group(client_for, places):
    author = DesignationFactory(municipalities=[places.liege]).user
    colleague = DesignationFactory(municipalities=[places.namur]).user
    group = NetworkGroupFactory(name="Réseau Liège", members=[colleague])
    client = client_for(author)
    client.post(f"/en/specialists/groups/{group.slug}/join/")
    assert group.members.filter(pk=author.pk).exists()

    response = client.post(
        f"/en/specialists/groups/{group.slug}/notices/",
        {"title": "Interpreters in Arabic", "body": "Who has a contact?", "send": "on"},
    )
    assert response.status_code == 302
    page = client.get(f"/en/specialists/groups/{group.slug}/").content.decode()
    assert "Interpreters in Arabic" in page
    note = colleague.notifications.get(kind="group_message")
    assert "Interpreters in Arabic" in note.title
    assert not author.notifications.filter(kind="group_message").exists()


def test_non_member_cannot_post(client_for, places):
    group = NetworkGroupFactory()
    response = client_for(CaseworkerFactory()).post(
        f"/en/specialists/groups/{group.slug}/notices/",
        {"title": "Hello", "body": "Spam"},
    )
    assert response.status_code == 403
    assert not GroupNotice.objects.exists()


def test_empty_message_is_refused_and_kept(client_for, places):
    member = CaseworkerFactory()
    group = NetworkGroupFactory(members=[member])
    response = client_for(member).post(
        f"/en/specialists/groups/{group.slug}/notices/",
        {"title": "A title I typed", "body": ""},
    )
    assert response.status_code == 400
    assert "A title I typed" in response.content.decode()
    assert not GroupNotice.objects.exists()


def test_member_adds_event_and_end_before_start_is_refused(client_for):
    member = CaseworkerFactory()
    group = NetworkGroupFactory(members=[member])
    client = client_for(member)
    start = timezone.localtime() + datetime.timedelta(days=3)
    bad = client.post(
        f"/en/specialists/groups/{group.slug}/events/new/",
        {
            "kind": "training",
            "title": "Training on GPMI",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert bad.status_code == 400
    assert "The end cannot be before the start." in bad.content.decode()
    assert not AgendaEvent.objects.exists()
    good = client.post(
        f"/en/specialists/groups/{group.slug}/events/new/",
        {
            "kind": "training",
            "title": "Training on GPMI",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert good.status_code == 302
    assert (
        "Training on GPMI"
        in client.get(f"/en/specialists/groups/{group.slug}/").content.decode()
    )


def test_ical_feed_with_signed_token_without_login(client_for):
    member = CaseworkerFactory()
    group = NetworkGroupFactory(name="Netzwerk Ostbelgien", members=[member])
    AgendaEventFactory(group=group, title="Austauschtreffen", location="Eupen")
    AgendaEventFactory(title="Other group's meeting")
    agenda = client_for(member).get("/en/specialists/agenda/")
    token = agenda_token(member)
    assert token in agenda.content.decode()

    response = client_for(None).get(f"/en/specialists/agenda/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert summaries == ["Austauschtreffen (Netzwerk Ostbelgien)"]


def test_ical_feed_refuses_forged_or_stale_tokens(client_for):
    member = CaseworkerFactory()
    token = agenda_token(member)
    client = client_for(None)
    assert client.get("/en/specialists/agenda/1.forged.ics").status_code == 404
    member.is_active = False
    member.save()
    assert client.get(f"/en/specialists/agenda/{token}.ics").status_code == 404


def test_notice_authors_badges_cost_no_query_per_author(
    client_for, places, django_assert_max_num_queries
):
    """Each notice author's "verified specialist" badge comes with the notices."""
    group = NetworkGroupFactory(name="Réseau Namur")
    reader = DesignationFactory(municipalities=[places.namur]).user
    group.members.add(reader)
    client = client_for(reader)
    url = f"/en/specialists/groups/{group.slug}/"

    def add_notices(count):
        for _ in range(count):
            author = DesignationFactory(municipalities=[places.namur]).user
            GroupNotice.objects.create(
                group=group, author=author, title="Agenda", body="See you."
            )

    add_notices(1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        page = client.get(url).content.decode()
    assert page.count("Verified specialist") >= 1
    add_notices(5)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("Verified specialist") >= 6
