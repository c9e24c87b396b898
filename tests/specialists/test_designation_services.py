"""Designation flow: request, verify, designate, decline, end with handover."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from exchange.accounts.models import Role
from exchange.notifications.models import EmailFrequency
from exchange.notifications.services import preference_set
from specialists import services
from specialists.models import Designation, DesignationRole, DesignationStatus
from specialists.selectors import current_specialist_for, specialists_visible_to
from specialists.signals import designation_handover
from tests.factories import CaseworkerFactory, DesignationFactory, SpecialistFactory

TODAY = timezone.localdate


def test_request_then_verify_lists_the_specialist(places, coordinator, caseworker):
    applicant = CaseworkerFactory()
    designation = services.designation_request(
        user=applicant, municipalities=[places.gent], start_date=TODAY()
    )
    assert designation.status == DesignationStatus.REQUESTED
    assert coordinator.notifications.filter(kind="designation_requested").exists()
    assert list(specialists_visible_to(caseworker)) == []

    services.designation_verify(designation=designation, verified_by=coordinator)

    designation.refresh_from_db()
    applicant.refresh_from_db()
    assert designation.verified_by == coordinator
    assert designation.verified_at is not None
    assert applicant.role == Role.SPECIALIST
    assert list(specialists_visible_to(caseworker)) == [applicant]
    assert applicant.notifications.filter(kind="designation_verified").exists()


def test_a_specialist_cannot_verify(places, specialist):
    designation = services.designation_request(
        user=CaseworkerFactory(), municipalities=[places.gent], start_date=TODAY()
    )
    with pytest.raises(PermissionDenied):
        services.designation_verify(designation=designation, verified_by=specialist)


def test_coordinator_designates_directly(places, coordinator):
    person = CaseworkerFactory()
    designation = services.designation_create(
        user=person,
        municipalities=[places.liege, places.namur],
        start_date=TODAY(),
        designated_by=coordinator,
    )
    assert designation.status == DesignationStatus.VERIFIED
    assert current_specialist_for(places.namur) == person


def test_overlapping_primary_is_refused_with_a_message(places, coordinator):
    DesignationFactory(municipalities=[places.gent])
    with pytest.raises(ValidationError) as error:
        services.designation_create(
            user=CaseworkerFactory(),
            municipalities=[places.gent],
            start_date=TODAY(),
            designated_by=coordinator,
        )
    assert "already has a primary specialist" in " ".join(error.value.messages)
    assert Designation.objects.count() == 1


def test_a_deputy_next_to_a_primary_is_accepted(places, coordinator):
    DesignationFactory(municipalities=[places.gent])
    services.designation_create(
        user=CaseworkerFactory(),
        municipalities=[places.gent],
        role=DesignationRole.DEPUTY,
        start_date=TODAY(),
        designated_by=coordinator,
    )
    assert Designation.objects.count() == 2


def test_a_primary_after_the_previous_one_ends_is_accepted(places, coordinator):
    DesignationFactory(
        municipalities=[places.gent], end_date=TODAY() + datetime.timedelta(days=10)
    )
    services.designation_create(
        user=CaseworkerFactory(),
        municipalities=[places.gent],
        start_date=TODAY() + datetime.timedelta(days=11),
        designated_by=coordinator,
    )
    assert Designation.objects.count() == 2


def test_end_before_start_is_refused(places, coordinator):
    with pytest.raises(ValidationError) as error:
        services.designation_create(
            user=CaseworkerFactory(),
            municipalities=[places.gent],
            start_date=TODAY(),
            end_date=TODAY() - datetime.timedelta(days=1),
            designated_by=coordinator,
        )
    assert "end date cannot be before the start date" in str(error.value)


def test_unknown_municipality_or_postcode_is_named(municipalities):
    with pytest.raises(ValidationError) as error:
        services.municipalities_from_text("Gent, Atlantis, 9999")
    message = " ".join(error.value.messages)
    assert "Atlantis" in message and "9999" in message
    assert "Gent" not in message
    found = services.municipalities_from_text("Gand; 4000\nEupen")
    assert [m.refnis for m in found] == ["44021", "62063", "63023"]


def test_end_with_successor_hands_over_and_keeps_history(places, coordinator):
    old = DesignationFactory(municipalities=[places.gent])
    successor = CaseworkerFactory()
    received = []

    def receiver(sender, designation, successor, **kwargs):
        received.append((designation.pk, successor))

    designation_handover.connect(receiver)
    try:
        services.designation_end(
            designation=old, ended_by=coordinator, successor=successor
        )
    finally:
        designation_handover.disconnect(receiver)

    old.refresh_from_db()
    assert old.status == DesignationStatus.ENDED
    assert old.successor == successor
    assert received == [(old.pk, successor)]
    assert current_specialist_for(places.gent) == successor
    assert Designation.objects.filter(user=old.user).exists()  # history kept
    assert successor.notifications.filter(kind="designation_handover").exists()


def test_profile_leaves_directory_when_last_designation_ends(
    places, coordinator, caseworker
):
    person = SpecialistFactory()
    first = DesignationFactory(user=person, municipalities=[places.gent])
    second = DesignationFactory(user=person, municipalities=[places.liege])
    services.designation_end(designation=first, ended_by=coordinator)
    assert list(specialists_visible_to(caseworker)) == [person]
    services.designation_end(designation=second, ended_by=coordinator)
    assert list(specialists_visible_to(caseworker)) == []
    person.refresh_from_db()
    assert person.role == Role.CASEWORKER


def test_specialist_may_end_own_designation_but_not_someone_elses(places):
    own = DesignationFactory(municipalities=[places.gent])
    other = DesignationFactory(municipalities=[places.liege])
    with pytest.raises(PermissionDenied):
        services.designation_end(designation=other, ended_by=own.user)
    services.designation_end(designation=own, ended_by=own.user)
    own.refresh_from_db()
    assert own.status == DesignationStatus.ENDED


def test_decline_tells_the_person_why(places, coordinator):
    applicant = CaseworkerFactory()
    designation = services.designation_request(
        user=applicant, municipalities=[places.gent], start_date=TODAY()
    )
    services.designation_decline(
        designation=designation, declined_by=coordinator, reason="Not in this centre."
    )
    designation.refresh_from_db()
    assert designation.status == DesignationStatus.DECLINED
    note = applicant.notifications.get(kind="designation_declined")
    assert "Not in this centre." in note.body


def test_verification_e_mail_reaches_the_specialist(
    places, coordinator, django_capture_on_commit_callbacks
):
    person = CaseworkerFactory()
    preference_set(user=person, email_frequency=EmailFrequency.IMMEDIATE)
    with django_capture_on_commit_callbacks(execute=True):
        services.designation_create(
            user=person,
            municipalities=[places.eupen],
            start_date=TODAY(),
            designated_by=coordinator,
        )
    assert any(person.email in m.to for m in mail.outbox)
