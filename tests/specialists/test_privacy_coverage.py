"""Issue 11 item 3 (specialists, profiles): notices, agenda events and profile texts
pass the privacy guard."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from exchange.accounts.forms import ProfileForm
from specialists.models import AgendaEvent, GroupNotice
from specialists.services import (
    agenda_event_create,
    designation_request,
    group_notice_post,
    profile_update,
)
from tests.factories import NetworkGroupFactory, SpecialistFactory

pytestmark = pytest.mark.django_db


def test_group_notice_with_client_data_is_refused():
    author = SpecialistFactory()
    group = NetworkGroupFactory(members=[author])
    with pytest.raises(ValidationError) as error:
        group_notice_post(
            group=group,
            author=author,
            title="Family looking for housing",
            body="They live at kerkstraat 12, call 0470/12.34.56",
        )
    assert "body" in error.value.error_dict
    assert not GroupNotice.objects.exists()


def test_agenda_event_with_client_data_is_refused_but_a_venue_passes():
    author = SpecialistFactory()
    group = NetworkGroupFactory(members=[author])
    start = timezone.now() + datetime.timedelta(days=3)
    times = {"starts_at": start, "ends_at": start + datetime.timedelta(hours=1)}
    with pytest.raises(ValidationError):
        agenda_event_create(
            group=group,
            created_by=author,
            title="Case meeting",
            description="About client 85.07.30-033.28",
            **times,
        )
    assert not AgendaEvent.objects.exists()
    agenda_event_create(
        group=group,
        created_by=author,
        title="Case meeting",
        description="Bring your questions.",
        location="Kerkstraat 12, Gent",
        **times,
    )
    assert AgendaEvent.objects.count() == 1


def test_specialist_availability_note_with_client_data_is_refused():
    user = SpecialistFactory()
    with pytest.raises(ValidationError):
        profile_update(user=user, availability_note="Not on Mondays; jan@client.be")


def test_profile_job_title_with_client_data_is_refused():
    user = SpecialistFactory()
    form = ProfileForm(
        data={
            "full_name": "An Peeters",
            "job_title": "Social worker for 85.07.30-033.28",
            "language": "en",
        },
        instance=user,
    )
    assert not form.is_valid()
    assert "job_title" in form.errors


def test_designation_request_note_with_client_data_is_refused(places):
    from specialists.models import Designation

    with pytest.raises(ValidationError):
        designation_request(
            user=SpecialistFactory(),
            municipalities=[places.gent],
            start_date=timezone.localdate(),
            note="Replacing the colleague who helped 85.07.30-033.28",
        )
    assert not Designation.objects.exists()
