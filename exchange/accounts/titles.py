"""Role titles that follow a member's form of address.

German and French name a woman's and a man's role differently ("Spezialistin",
"Spezialist"; "Coordinatrice", "Coordinateur"). The catalogues hold the neutral
title ("Fachperson"), used whenever the form of address is not stated; this table
holds the two gendered forms for the languages that have them. Dutch and English
titles are the same for everyone, so they fall back to the catalogue.
"""

from django.utils.translation import get_language, gettext

# role key -> language -> (feminine, masculine)
GENDERED_TITLES = {
    "caseworker": {
        "de": ("Sozialarbeiterin", "Sozialarbeiter"),
        "fr": ("Assistante sociale", "Assistant social"),
    },
    "specialist": {
        "de": ("Spezialistin für Neuankömmlinge", "Spezialist für Neuankömmlinge"),
        "fr": ("Spécialiste primo-arrivants", "Spécialiste primo-arrivants"),
    },
    "coordinator": {
        "de": ("Föderale Koordinatorin", "Föderaler Koordinator"),
        "fr": ("Coordinatrice fédérale", "Coordinateur fédéral"),
    },
    # Roles of a designation (one municipality's specialist or their deputy).
    "primary": {
        "de": ("Spezialistin", "Spezialist"),
        "fr": ("Spécialiste", "Spécialiste"),
    },
    "deputy": {
        "de": ("Stellvertreterin", "Stellvertreter"),
        "fr": ("Suppléante", "Suppléant"),
    },
}


def gendered_title(role: str, neutral, form_of_address: str, language=None) -> str:
    """The title of ``role`` for a person addressed as ``form_of_address`` ("f",
    "m" or ""), in ``language`` (default: the active one); ``neutral`` is the
    translatable title used when no gendered form applies."""
    language = (language or get_language() or "en")[:2]
    forms = GENDERED_TITLES.get(role, {}).get(language)
    if forms and form_of_address in ("f", "m"):
        return forms[0] if form_of_address == "f" else forms[1]
    return gettext(str(neutral)) if isinstance(neutral, str) else str(neutral)


def role_title(user) -> str:
    """A member's role as a title: "Spezialistin für Neuankömmlinge"."""
    return gendered_title(
        user.role, user.get_role_display(), getattr(user, "form_of_address", "")
    )


def designation_title(designation, holder=None) -> str:
    """A designation's role for its holder: "Stellvertreterin". Pass the holder
    when the page already has them, to spare a query per designation."""
    holder = holder if holder is not None else designation.user
    return gendered_title(
        designation.role,
        designation.get_role_display(),
        getattr(holder, "form_of_address", ""),
    )
