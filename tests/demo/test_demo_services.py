"""Issue 14 item 5: the demo creates its content through the apps' services.

Each public service the demo should use is wrapped (``wraps=``: it still runs) and must
have been called while seeding; the side effects only the services produce (the
notifications they send) must be there; and a second run calls none of them again.
"""

from contextlib import ExitStack
from io import StringIO
from unittest import mock

import pytest

from demo import accounts, forum, practices, specialists
from exchange.notifications.models import Notification
from forum.models import Subscription, Vote
from practices.models import Adoption
from specialists.models import AgendaEvent, Designation, DesignationStatus, GroupNotice

# (module the demo imports it into, service name)
SERVICES = [
    ("demo.specialists", "designation_create"),
    ("demo.specialists", "designation_request"),
    ("demo.specialists", "designation_end"),
    ("demo.specialists", "profile_update"),
    ("demo.specialists", "group_join"),
    ("demo.specialists", "agenda_event_create"),
    ("demo.specialists", "group_notice_post"),
    ("demo.practices", "adoption_record"),
    ("forum.services", "vote_cast"),
    ("forum.services", "follow_toggle"),
]


def _seed_all():
    accounts.seed(stdout=StringIO())
    specialists.seed(stdout=StringIO())
    practices.seed(stdout=StringIO())
    forum.seed(stdout=StringIO())


def _seed_watching():
    """Seed with every service wrapped; return the mocks by name."""
    import importlib

    with ExitStack() as stack:
        spies = {}
        for module_name, name in SERVICES:
            module = importlib.import_module(module_name)
            spies[name] = stack.enter_context(
                mock.patch.object(module, name, wraps=getattr(module, name))
            )
        _seed_all()
    return spies


@pytest.mark.django_db
def test_the_demo_goes_through_the_services_and_a_second_run_adds_nothing(
    site_tree, municipalities
):
    spies = _seed_watching()
    for name, spy in spies.items():
        assert spy.called, f"the demo did not call {name}"

    # What only the services do: people hear about what happened to them.
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert {
        "designation_verified",
        "designation_requested",
        "designation_ended",
        "group_event",
        "practice_adopted",
    } <= kinds
    # The designations, events, notices, adoptions, votes and follows are all there.
    statuses = set(Designation.objects.values_list("status", flat=True))
    assert {
        DesignationStatus.VERIFIED,
        DesignationStatus.REQUESTED,
        DesignationStatus.ENDED,
    } <= statuses
    verified = Designation.objects.filter(status=DesignationStatus.VERIFIED)
    assert verified.filter(verified_by__email=accounts.DEMO_USERS[2][0]).count() == (
        verified.count()
    )
    assert AgendaEvent.objects.exists() and GroupNotice.objects.exists()
    assert Adoption.objects.count() == len(practices.ADOPTIONS)
    assert Vote.objects.exists() and Subscription.objects.exists()

    before = {
        model: model.objects.count()
        for model in (
            Designation,
            AgendaEvent,
            GroupNotice,
            Adoption,
            Vote,
            Subscription,
            Notification,
        )
    }
    again = _seed_watching()
    for name in ("designation_create", "designation_request", "adoption_record"):
        assert not again[name].called, f"a second run called {name} again"
    assert not again["vote_cast"].called  # a second vote would undo the first
    assert not again["follow_toggle"].called  # a second toggle would unfollow
    assert {model: model.objects.count() for model in before} == before
