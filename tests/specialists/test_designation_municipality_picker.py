"""Issue 15 item 4: the designation forms' municipality list gets typing
suggestions without script (a datalist picker, one municipality at a time, added
by a secondary "Add" button or on sending); tolerant matching stays."""

import re

from django.utils import timezone

from specialists.models import Designation, Municipality

REQUEST = "/en/specialists/designations/request/"


def _form(html: str) -> str:
    form = next(f for f in html.split("<form")[1:] if "add_municipality" in f)
    return form.split("</form>", 1)[0]


def test_the_picker_suggests_every_municipality_without_script(
    client_for, caseworker, places
):
    html = client_for(caseworker).get(REQUEST).content.decode()
    form = _form(html)
    picker = re.search(r'<input[^>]*name="municipality_add"[^>]*>', form).group(0)
    list_id = re.search(r'list="([^"]+)"', picker).group(1)
    datalist = form.split(f'<datalist id="{list_id}">', 1)[1].split("</datalist>")[0]
    assert "Molenbeek" in datalist and "4000" in datalist  # other names, postcodes
    assert "Namur" in datalist and "Eupen" in datalist
    assert datalist.count("<option") > 500
    # One primary button; "Add" is secondary.
    assert form.count("<button") == 2
    assert form.count('class="button--secondary"') == 1


def test_add_moves_a_tolerantly_typed_place_into_the_list_without_saving(
    client_for, caseworker, places
):
    client = client_for(caseworker)
    response = client.post(
        REQUEST,
        {
            "municipalities": "Gent",
            "municipality_add": "sint jans molenbeek",
            "add_municipality": "1",
        },
    )
    assert response.status_code == 200
    form = response.context["form"]
    molenbeek = Municipality.objects.get(refnis="21012").name  # interface language
    assert form.data["municipalities"] == f"Gent, {molenbeek}"
    assert form.data["municipality_add"] == ""
    html = response.content.decode()
    assert 'class="errorlist"' not in html  # no "start date required" yet
    assert not Designation.objects.exists()

    # Adding the same place again does not repeat it.
    again = client.post(
        REQUEST,
        {
            "municipalities": "Gent, Sint-Jans-Molenbeek",
            "municipality_add": "molenbeek saint jean",
            "add_municipality": "1",
        },
    )
    listed = again.context["form"].data["municipalities"]
    assert listed == "Gent, Sint-Jans-Molenbeek"


def test_an_ambiguous_or_unknown_pick_is_explained_on_the_picker(
    client_for, caseworker, places
):
    response = client_for(caseworker).post(
        REQUEST, {"municipality_add": "Atlantis", "add_municipality": "1"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "No municipality or postcode matches “Atlantis”." in html
    assert not Designation.objects.exists()


def test_sending_with_only_the_picker_filled_designates_that_place(
    client_for, caseworker, places
):
    response = client_for(caseworker).post(
        REQUEST,
        {
            "municipality_add": "LUIK",
            "role": "primary",
            "start_date": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    assert list(Designation.objects.get().municipalities.all()) == [places.liege]


def test_nothing_named_is_refused(client_for, caseworker, places):
    response = client_for(caseworker).post(
        REQUEST,
        {"role": "primary", "start_date": timezone.localdate().isoformat()},
    )
    assert response.status_code == 400
    assert "Name at least one municipality or postcode." in response.content.decode()
