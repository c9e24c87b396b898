"""Issue 11 item 6: an adoption belongs to its centre; notes are not overwritten."""

import pytest
from django.core.exceptions import PermissionDenied

from practices.models import Adoption
from practices.services import adoption_record, adoption_withdraw
from tests.factories import (
    AdoptionFactory,
    CaseworkerFactory,
    CentreFactory,
    CoordinatorFactory,
    PracticePageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def practice(library):
    return PracticePageFactory(title="Welcome checklist")


@pytest.fixture
def other_centre(geo):
    return CentreFactory(name="CPAS Liège")


def test_member_cannot_record_an_adoption_for_another_centre(
    client_for, practice, centre, other_centre
):
    attacker = CaseworkerFactory(home_centre=centre)
    response = client_for(attacker).post(
        f"/en/practices/{practice.pk}/adopt/",
        {"centre": other_centre.pk, "note": "We do this"},
        follow=True,
    )
    assert response.status_code == 200
    assert not Adoption.objects.filter(centre=other_centre).exists()
    with pytest.raises(PermissionDenied):
        adoption_record(practice=practice, user=attacker, centre=other_centre)
    assert not Adoption.objects.filter(centre=other_centre).exists()


def test_the_form_offers_only_the_members_own_centre(
    client_for, practice, centre, other_centre
):
    member = CaseworkerFactory(home_centre=centre)
    html = client_for(member).get(practice.url).content.decode()
    form = html.split('class="no-print adoption-form"', 1)[1].split("</form>", 1)[0]
    assert "OCMW Gent" in form
    assert "CPAS Liège" not in form


def test_member_cannot_withdraw_another_centres_adoption(
    client_for, practice, centre, other_centre
):
    theirs = AdoptionFactory(practice=practice, centre=other_centre)
    for attacker in (
        CaseworkerFactory(home_centre=centre),
        CoordinatorFactory(home_centre=centre),
    ):
        client_for(attacker).post(
            f"/en/practices/{practice.pk}/adopt/withdraw/",
            {"centre": other_centre.pk},
        )
        assert Adoption.objects.filter(pk=theirs.pk).exists()
        assert not adoption_withdraw(
            practice=practice, user=attacker, centre=other_centre
        )
        assert Adoption.objects.filter(pk=theirs.pk).exists()


def test_a_colleague_does_not_overwrite_the_note_of_another_member(
    client_for, practice, centre
):
    author = CaseworkerFactory(home_centre=centre)
    adoption, _created = adoption_record(
        practice=practice, user=author, centre=centre, note="Since March."
    )
    colleague = CaseworkerFactory(home_centre=centre)
    client_for(colleague).post(
        f"/en/practices/{practice.pk}/adopt/",
        {"centre": centre.pk, "note": "Overwritten!"},
    )
    adoption.refresh_from_db()
    assert adoption.note == "Since March."
    assert adoption.recorded_by == author
    # The author may still change their own note.
    adoption_record(practice=practice, user=author, centre=centre, note="Since May.")
    adoption.refresh_from_db()
    assert adoption.note == "Since May."
