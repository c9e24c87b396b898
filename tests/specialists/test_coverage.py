"""Coverage dashboard, CSV export and the weekly gap report."""

import csv
import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from specialists.coverage import Coverage, municipality_coverage
from specialists.models import CoverageReport, DesignationRole
from specialists.services import designation_end
from tests.factories import CoordinatorFactory, DesignationFactory, SpecialistFactory

DASHBOARD = "/en/specialists/coverage/"


def _status(refnis):
    return next(
        r.status for r in municipality_coverage() if r.municipality.refnis == refnis
    )


def test_statuses_verified_deputy_ending_none(places):
    DesignationFactory(municipalities=[places.gent])
    DesignationFactory(municipalities=[places.liege], role=DesignationRole.DEPUTY)
    DesignationFactory(
        municipalities=[places.namur],
        end_date=timezone.localdate() + datetime.timedelta(days=30),
    )
    assert _status("44021") == Coverage.VERIFIED
    assert _status("62063") == Coverage.DEPUTY
    assert _status("92094") == Coverage.ENDING
    assert _status("63023") == Coverage.NONE


def test_only_coordinators_see_the_dashboard(client_for, caseworker, specialist):
    assert client_for(caseworker).get(DASHBOARD).status_code == 403
    assert client_for(specialist).get(DASHBOARD).status_code == 403
    assert client_for(None).get(DASHBOARD).status_code == 302


def test_dashboard_counts_per_province_with_map(
    client_for, coordinator, places, django_assert_max_num_queries
):
    DesignationFactory(municipalities=[places.liege])
    # The count does not grow with the number of specialists.
    for municipality in (places.gent, places.namur, places.eupen, places.hasselt):
        DesignationFactory(
            municipalities=[municipality, places.antwerpen], role=DesignationRole.DEPUTY
        )
    client = client_for(coordinator)
    with django_assert_max_num_queries(15):
        response = client.get(DASHBOARD)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<svg" in body and 'class="shade-' in body
    liege = next(a for a in response.context["areas"] if a.key == "province-60000")
    assert liege.verified == 1
    assert liege.deputy == 1  # Eupen lies in the province of Liège
    assert liege.none == liege.total - 2
    total = response.context["total"]
    assert total.total == 565
    assert total.none == 565 - 6


def test_dashboard_sorts_by_gaps(client_for, coordinator, places):
    response = client_for(coordinator).get(f"{DASHBOARD}?sort=-none")
    gaps = [a.none for a in response.context["areas"]]
    assert gaps == sorted(gaps, reverse=True)
    assert 'aria-sort="descending"' in response.content.decode()
    by_region = client_for(coordinator).get(f"{DASHBOARD}?by=region&sort=name")
    assert len(by_region.context["areas"]) == 3


def test_gap_list_links_to_designate(client_for, coordinator, places):
    response = client_for(coordinator).get(
        "/en/specialists/coverage/municipalities/?area=province-60000&status=none"
    )
    body = response.content.decode()
    assert "Liège" in body
    assert "/en/specialists/designations/new/?municipality=62063" in body


def test_csv_export_lists_every_municipality(client_for, coordinator, places):
    DesignationFactory(municipalities=[places.eupen])
    response = client_for(coordinator).get("/en/specialists/coverage.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 566
    eupen = next(r for r in rows if r[0] == "63023")
    assert eupen[4] == "Verified specialist"


def test_csv_export_is_not_for_caseworkers(client_for, caseworker):
    assert client_for(caseworker).get("/en/specialists/coverage.csv").status_code == 403


def test_weekly_report_lists_only_new_gaps(places, django_capture_on_commit_callbacks):
    coordinator = CoordinatorFactory(language="en")
    gent = DesignationFactory(municipalities=[places.gent])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("coverage_gaps_report", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert coordinator.email in mail.outbox[0].to
    assert "564 new municipalities" in mail.outbox[0].subject
    mail.outbox.clear()

    designation_end(designation=gent, ended_by=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("coverage_gaps_report", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert "1 new municipalities" in mail.outbox[0].subject
    assert "Gent" in mail.outbox[0].body
    assert "Liège" not in mail.outbox[0].body
    assert CoverageReport.objects.count() == 2
    assert coordinator.notifications.filter(kind="coverage_gaps").count() == 2


def test_report_without_new_gaps_sends_nothing(
    places, django_capture_on_commit_callbacks
):
    CoordinatorFactory()
    call_command("coverage_gaps_report", stdout=io.StringIO())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("coverage_gaps_report", stdout=io.StringIO())
    assert mail.outbox == []


def test_report_task_runs(places):
    from specialists.tasks import coverage_gaps_report

    CoordinatorFactory()
    result = coverage_gaps_report.enqueue()
    assert result.return_value == 565


def test_coverage_export_neutralises_hostile_specialist_names(
    client_for, coordinator, places
):
    specialist = SpecialistFactory(full_name="-cmd|' /C calc'!A0")
    DesignationFactory(user=specialist, municipalities=[places.eupen])
    response = client_for(coordinator).get("/en/specialists/coverage.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    eupen = next(r for r in rows if r[0] == "63023")
    assert eupen[5] == "'-cmd|' /C calc'!A0"
