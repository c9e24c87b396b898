"""The demo's social welfare centres: one naming rule and one record per centre for
every seeder, so that specialists, practice authors and adoptions meet in the same
centre.

A centre is named the way its own region names it: "OCMW Gent" in Flanders, "CPAS de
Liège" / "CPAS d'Ottignies-Louvain-la-Neuve" / "CPAS du Rœulx" in French-speaking
Wallonia (French elision and contraction), "ÖSHZ Eupen" in the German-speaking
Community, and both names in bilingual Brussels ("CPAS d'Anderlecht / OCMW Anderlecht").
An intermunicipal association is named in the first municipality's language.
"""

from django.utils.text import slugify

from specialists.models import Centre, CentreKind, Municipality

FLANDERS = "02000"
BRUSSELS_REGION = "04000"
# "d'" before a vowel; an initial h stays "de" (h aspiré in Walloon place names:
# de Huy, de Herstal, de Hannut).
ELIDING = set("aeiouyàâäéèêëîïôöûüœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÛÜŒÆ")
ASSOCIATION_PREFIX = {
    "nl": "Welzijnsvereniging",
    "fr": "Association de CPAS",
    "de": "ÖSHZ-Verbund",
}


def french_of(place: str) -> str:
    """French "de" before a place name: d'Anderlecht, du Rœulx, des Bons Villers,
    de La Louvière, de Liège."""
    if place.startswith("Le "):
        return f"du {place[3:]}"
    if place.startswith("Les "):
        return f"des {place[4:]}"
    if place[:1] in ELIDING:
        return f"d'{place}"
    return f"de {place}"


def language_of(municipality: Municipality) -> str:
    """The language a municipality's own centre is named in (Brussels: French first)."""
    if municipality.region.code == FLANDERS:
        return "nl"
    if municipality.main_language == "de":
        return "de"
    return "fr"


def centre_name(municipality: Municipality) -> str:
    """The name of the municipality's own public social welfare centre."""
    name_nl = municipality.name_in("nl")
    name_fr = municipality.name_in("fr")
    if municipality.region.code == BRUSSELS_REGION:
        return f"CPAS {french_of(name_fr)} / OCMW {name_nl}"
    language = language_of(municipality)
    if language == "nl":
        return f"OCMW {name_nl}"
    if language == "de":
        return f"ÖSHZ {municipality.name_in('de')}"
    return f"CPAS {french_of(name_fr)}"


def association_name(municipalities: list[Municipality]) -> str:
    language = language_of(municipalities[0])
    names = " – ".join(m.name_in(language) for m in municipalities)
    return f"{ASSOCIATION_PREFIX[language]} {names}"


def _domain(name: str, *, domain: str | None) -> str:
    return domain or f"{slugify(name)[:50]}.example"


def centre_of(municipality: Municipality, *, domain: str | None = None) -> Centre:
    """The municipality's own centre (kind OCMW), created when missing."""
    return _centre(centre_name(municipality), CentreKind.OCMW, [municipality], domain)


def association_of(municipalities: list[Municipality]) -> Centre:
    """An intermunicipal association serving ``municipalities`` (created if missing)."""
    name = association_name(municipalities)
    return _centre(name, CentreKind.ASSOCIATION, municipalities, None)


def _centre(name, kind, municipalities, domain) -> Centre:
    """The centre called ``name``; created with its municipalities when missing."""
    centre, created = Centre.objects.get_or_create(
        name=name,
        defaults={"kind": kind, "email_domain": _domain(name, domain=domain)},
    )
    if created:
        centre.municipalities.set(municipalities)
    return centre
