"""The nl, fr and de catalogues are complete, and the committed .mo files match."""

import gettext
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
LANGUAGES = ["nl", "fr", "de"]


def entries(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    return [entry for entry in po if not entry.obsolete]


def describe(entry) -> str:
    where = ", ".join(f"{path}:{line}" for path, line in entry.occurrences[:2])
    return f"{entry.msgid[:70]!r} ({where})"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_missing_translation(language):
    missing = [
        describe(entry)
        for entry in entries(language)
        if (
            not all(entry.msgstr_plural.values())
            if entry.msgid_plural
            else not entry.msgstr
        )
    ]
    assert not missing, (
        f"{len(missing)} untranslated {language} strings; fill them with "
        "`python scripts/translate.py missing` / `apply`:\n" + "\n".join(missing[:40])
    )


@pytest.mark.parametrize("language", [*LANGUAGES, "en"])
def test_no_fuzzy_translation(language):
    fuzzy = [describe(entry) for entry in entries(language) if "fuzzy" in entry.flags]
    assert not fuzzy, f"fuzzy {language} strings:\n" + "\n".join(fuzzy[:40])


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_its_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    with open(folder / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in entries(language):
        if "fuzzy" in entry.flags:
            continue
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.msgid_plural:
            for index, expected in entry.msgstr_plural.items():
                number = 1 if int(index) == 0 else 5
                got = (
                    compiled.npgettext(
                        entry.msgctxt, entry.msgid, entry.msgid_plural, number
                    )
                    if entry.msgctxt
                    else compiled.ngettext(entry.msgid, entry.msgid_plural, number)
                )
                if expected and got != expected:
                    stale.append(describe(entry))
        elif entry.msgstr:
            got = compiled._catalog.get(key)
            if got != entry.msgstr:
                stale.append(describe(entry))
    assert not stale, (
        f"{language}/django.mo does not match django.po (run `make messages`):\n"
        + "\n".join(stale[:40])
    )
