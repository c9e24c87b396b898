"""seed_demo for the specialists: enough coverage to show, idempotent, scalable."""

import io

from demo import accounts as accounts_demo
from demo import specialists as demo
from specialists.coverage import Coverage, municipality_coverage
from specialists.models import Designation
from specialists.selectors import current_specialist_for, is_verified_specialist


def test_demo_covers_three_regions_with_deputies_gaps_and_endings(municipalities):
    users = accounts_demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    rows = municipality_coverage()
    covered = [r for r in rows if r.status != Coverage.NONE]
    assert len(covered) >= 40
    assert {r.municipality.region.slug for r in covered} == {
        "flanders",
        "wallonia",
        "brussels",
    }
    assert any(r.municipality.main_language == "de" for r in covered)
    assert any(r.status == Coverage.ENDING for r in rows)
    assert any(r.status == Coverage.NONE for r in rows)
    assert Designation.objects.current().filter(role="deputy").count() >= 3
    specialist = users["specialist"]
    assert is_verified_specialist(specialist)
    caseworker = users["caseworker"]
    caseworker.refresh_from_db()
    home = caseworker.home_centre.municipalities.first()
    assert current_specialist_for(home) is not None


def test_demo_is_idempotent_and_scales(municipalities):
    accounts_demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    count = Designation.objects.count()
    demo.seed(stdout=io.StringIO())
    assert Designation.objects.count() == count
    demo.seed(stdout=io.StringIO(), scale=30)
    assert Designation.objects.count() == count + 30
    demo.seed(stdout=io.StringIO(), scale=30)
    assert Designation.objects.count() == count + 30
