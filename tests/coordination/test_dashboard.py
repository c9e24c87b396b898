"""The coordinators' dashboard: figures, filters, charts, tables and CSV exports."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from coordination import dashboard
from forum.models import Question
from search.models import QueryLog
from tests.factories import (
    AnswerFactory,
    CaseworkerFactory,
    DesignationFactory,
    PracticePageFactory,
    QuestionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(library, geo, themes):
    """Practices, questions and searches in Flanders and Wallonia."""
    housing, language = themes["housing"], themes["language-interpreting"]
    PracticePageFactory(
        title="Rent guarantee fund", region=geo["flanders"], themes=[housing]
    )
    PracticePageFactory(
        title="Interpreter pool", region=geo["wallonia"], themes=[language]
    )
    overdue = PracticePageFactory(
        title="Old practice", region=geo["flanders"], themes=[housing]
    )
    overdue.review_by = timezone.localdate() - timedelta(days=3)
    overdue.save()
    ghent = QuestionFactory(
        title="Housing for large families?", region=geo["flanders"], themes=[housing]
    )
    QuestionFactory(title="Interpreter at the door?", region=geo["wallonia"])
    escalated = QuestionFactory(title="Nobody answers this one", region=geo["flanders"])
    Question.objects.filter(pk=escalated.pk).update(escalated_at=timezone.now())
    answer = AnswerFactory(question=ghent)
    Answer = type(answer)
    Answer.objects.filter(pk=answer.pk).update(
        created_at=ghent.created_at + timedelta(hours=6)
    )
    ghent.accepted_answer = answer
    ghent.status = Question.Status.SOLVED
    ghent.save()
    for query, count in (("leefloon", 3), ("tolk", 2), ("=cmd|calc", 1)):
        for _n in range(count):
            QueryLog.objects.create(
                query=query,
                language="nl",
                result_count=0 if query == "tolk" else 4,
                engine="embedded",
            )
    DesignationFactory(municipalities=[geo["gent"]])
    return {"ghent": ghent}


def _figures(client, query=""):
    response = client.get(f"/en/coordination/{query}")
    assert response.status_code == 200
    return response.context["figures"]


def test_only_coordinators_see_the_dashboard(client_for, coordinator):
    response = client_for(None).get("/en/coordination/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client_for(CaseworkerFactory()).get("/en/coordination/").status_code == 403
    assert (
        client_for(CaseworkerFactory())
        .get("/en/coordination/export/figures.csv")
        .status_code
        == 403
    )
    assert (
        client_for(CaseworkerFactory())
        .get("/en/coordination/charts/questions.svg")
        .status_code
        == 403
    )
    assert client_for(coordinator).get("/nl/coordination/").status_code == 200


def test_figures_show_what_is_waiting_and_what_happened(
    client_for, coordinator, network
):
    figures = _figures(client_for(coordinator))
    assert figures["practices_published"] == 3
    assert figures["practices_overdue"] == 1
    assert figures["questions_asked"] == 3
    assert figures["questions_open"] == 2
    assert figures["questions_unanswered"] == 2
    assert figures["questions_escalated"] == 1
    assert figures["median_hours_first_answer"] == 6.0
    assert figures["median_hours_accepted"] == 6.0


def test_region_province_and_theme_filters_narrow_every_figure(
    client_for, coordinator, network, geo
):
    client = client_for(coordinator)
    flanders = _figures(client, "?region=flanders")
    assert flanders["practices_published"] == 2
    assert flanders["questions_asked"] == 2
    wallonia = _figures(client, "?region=wallonia")
    assert wallonia["practices_published"] == 1
    assert wallonia["questions_escalated"] == 0
    housing = _figures(client, "?theme=housing")
    assert housing["practices_published"] == 2
    assert housing["questions_asked"] == 1
    response = client.get("/en/coordination/?province=40000")
    coverage = response.context["tables"][1]
    assert [row[0] for row in coverage["rows"]] == [geo["east_flanders"].name]
    assert coverage["rows"][0][1] == 1  # Ghent has a verified specialist


def test_period_filter_leaves_out_older_activity(client_for, coordinator, network):
    Question.objects.update(created_at=timezone.now() - timedelta(days=200))
    figures = _figures(client_for(coordinator), "?period=30d")
    assert figures["questions_asked"] == 0
    year = _figures(client_for(coordinator), "?period=year")
    assert year["questions_asked"] == 3


def test_top_and_zero_result_searches_come_from_the_query_log(
    client_for, coordinator, network
):
    response = client_for(coordinator).get("/en/coordination/")
    tables = {t["name"]: t for t in response.context["tables"]}
    assert tables["top_searches"]["rows"][0][:3] == ["leefloon", "nl", 3]
    assert [row[0] for row in tables["empty_searches"]["rows"]] == ["tolk"]


def test_each_trend_has_a_chart_and_a_table(client_for, coordinator, network):
    client = client_for(coordinator)
    body = client.get("/en/coordination/").content.decode()
    for name in dashboard.TRENDS:
        assert f'src="/en/coordination/charts/{name}.svg' in body
        assert f'id="table-{name}"' in body
    main = body.split("<main", 1)[1].split("</main>", 1)[0]
    assert "<script" not in main and "<svg" not in main
    chart = client.get("/en/coordination/charts/questions.svg?region=flanders")
    assert chart.status_code == 200
    assert chart["Content-Type"].startswith("image/svg+xml")
    svg = chart.content.decode()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "<script" not in svg
    assert "Questions asked" in svg
    assert client.get("/en/coordination/charts/nothing.svg").status_code == 404


def test_every_table_exports_as_csv_without_formulas(client_for, coordinator, network):
    client = client_for(coordinator)
    for name in [
        "figures",
        "members",
        "coverage",
        "top_searches",
        "empty_searches",
        "questions",
    ]:
        response = client.get(f"/en/coordination/export/{name}.csv?region=flanders")
        assert response.status_code == 200, name
        assert response["Content-Type"].startswith("text/csv")
    response = client.get("/en/coordination/export/top_searches.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert ["'=cmd|calc", "nl", "1"] in rows
    assert client.get("/en/coordination/export/passwords.csv").status_code == 404


def test_bad_filters_get_a_message_not_an_error(client_for, coordinator, geo):
    client = client_for(coordinator)
    response = client.get("/en/coordination/?region=atlantis")
    assert response.status_code == 400
    response = client.get("/en/coordination/?period=custom&since=2026-05-01")
    assert response.status_code == 400
    assert "Give both a start and an end date." in response.content.decode()
    response = client.get("/en/coordination/?region=wallonia&province=40000")
    assert response.status_code == 400
    assert client.get("/en/coordination/export/figures.csv?theme=x").status_code == 400


def test_dashboard_stays_within_its_query_budget(
    client_for, coordinator, network, django_assert_max_num_queries
):
    client = client_for(coordinator)
    client.get("/en/coordination/")  # warm caches (site, locales)
    with django_assert_max_num_queries(30):
        assert client.get("/en/coordination/?region=flanders").status_code == 200
    for _n in range(20):
        QuestionFactory(region=network["ghent"].region)
    with django_assert_max_num_queries(30):
        assert client.get("/en/coordination/?region=flanders").status_code == 200
