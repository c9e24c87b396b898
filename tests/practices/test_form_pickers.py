"""Issue 15 item 4 on the practice form: the centre is typed and chosen from
suggestions, municipalities are found in any language and spelling."""

import pytest

from practices.models import PracticePage
from tests.practices.test_workflow import practice_post

pytestmark = pytest.mark.django_db


def test_practice_form_finds_centre_and_municipalities_as_typed(
    client_for, specialist, library, themes, geo, centre
):
    client = client_for(specialist)
    html = client.get("/en/practices/new/").content.decode()
    assert 'list="id_centre_options"' in html
    assert '<option value="OCMW Gent"></option>' in html

    data = practice_post(themes, geo, centre="ocmw gent", municipalities="gand")
    response = client.post("/en/practices/new/", data)
    assert response.status_code == 302
    page = PracticePage.objects.get()
    assert page.centre == centre
    assert [m.refnis for m in page.municipalities.all()] == ["44021"]


def test_unknown_centre_is_named_in_the_error(
    client_for, specialist, library, themes, geo, centre
):
    data = practice_post(themes, geo, centre="CPAS Atlantis")
    response = client_for(specialist).post("/en/practices/new/", data)
    assert "Nothing matches “CPAS Atlantis”" in response.content.decode()
    assert not PracticePage.objects.exists()
