"""Analysis, query parsing, snippets and the thesaurus, engine-independent."""

from io import StringIO

import pytest
from django.core.management import call_command

from search.analysis import analyse, fold, guess_language, words
from search.models import Concept
from search.query import parse
from search.snippets import highlight
from search.thesaurus import current_index


def test_folding_strips_accents_and_case():
    assert fold("Interprète ÖSHZ Straße") == "interprete oshz strasse"


def test_analysis_drops_stop_words_and_stems_per_language():
    assert analyse("les interprètes sociaux", "fr") == ["interpret", "social"]
    assert analyse("de tolken", "nl") == ["tolk"]


def test_user_operators_become_plain_words():
    assert words('title:"x" AND *:* NEAR(') == ["title", "x", "and", "near"]


def test_language_is_guessed_from_stop_words():
    assert guess_language("le revenu d'intégration et la formation") == "fr"
    assert guess_language("het leefloon en de opleiding") == "nl"


@pytest.mark.django_db
@pytest.mark.embedded_search(
    "about the database thesaurus; on a live cluster each of the 150 saves would "
    "close and reopen every index (push_synonyms), minutes per run"
)
def test_thesaurus_is_loaded_with_at_least_150_concepts():
    assert Concept.objects.count() >= 150
    out = StringIO()
    call_command("search_thesaurus", "load", stdout=out)
    assert "0 concepts added" in out.getvalue()


@pytest.mark.django_db
def test_multiword_concept_is_recognised_before_single_words():
    parsed = parse("revenu d'intégration à Liège", "fr", current_index())
    assert parsed.groups[0].concept == "integration-income"
    assert ("leefloon",) in parsed.groups[0].phrases
    assert parsed.groups[-1].text == "liege"


@pytest.mark.django_db
def test_abbreviations_expand_across_languages():
    (group,) = parse("GPMI", "nl", current_index()).groups
    assert {("piis",), ("ipsi",)} <= group.phrases


def test_snippet_escapes_stored_text_and_marks_stems():
    html = highlight("<b>Un</b> interprète & des interprètes", "fr", {"interpret"})
    assert html == (
        "&lt;b&gt;Un&lt;/b&gt; <mark>interprète</mark> &amp; des "
        "<mark>interprètes</mark>"
    )


def test_snippet_escapes_quotes_as_django_does():
    """Snippets escape with the standard library (Django's ``escape`` without its
    lazy wrapper, several times faster on a page of results): the same text."""
    from django.utils.html import escape as django_escape

    text = """L'interprète dit "bonjour" <script>x</script> & part"""
    html = highlight(text, "fr", {"interpret"})
    assert str(html) == str(django_escape(text)).replace(
        "interprète", "<mark>interprète</mark>"
    )
