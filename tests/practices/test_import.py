"""manage.py import_practices: per-line errors, idempotent, drafts, sanitised HTML."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from practices.models import PracticePage

pytestmark = pytest.mark.django_db

DEMO = (
    Path(__file__).resolve().parents[2] / "demo" / "data" / "practices.jsonl"
)


def line(**fields):
    record = {
        "title": "Interpreter framework",
        "summary": "When to book which interpreter.",
        "context": "Choices were ad hoc.",
        "body": "We agreed on three levels.",
        "language": "en",
        "themes": ["language-interpreting"],
        "target_groups": ["recognised-refugees"],
        "municipality": "Gent",
        "region": "flanders",
        "visibility": "public",
    }
    record.update(fields)
    return json.dumps(record)


def run(tmp_path, *lines, args=()):
    path = tmp_path / "practices.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("import_practices", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_good_lines_import_and_bad_lines_are_reported(tmp_path, library, geo):
    out, err = run(
        tmp_path,
        line(external_id="ok-1"),
        line(external_id="bad-theme", title="Other", themes=["astrology"]),
        line(external_id="bad-place", title="Third", municipality="Atlantis"),
        "{not json",
        line(external_id="no-summary", title="Fourth", summary=""),
        line(external_id="ok-2", title="By REFNIS", municipality="62063"),
    )
    assert "created 2, updated 0, rejected 4" in out
    assert "line 2: unknown theme: astrology" in err
    assert "line 3: unknown municipality: Atlantis" in err
    assert "line 4: not valid JSON" in err
    assert "line 5: missing required field(s): summary" in err
    page = PracticePage.objects.get(external_id="ok-1")
    assert page.live
    assert list(page.municipalities.all()) == [geo["gent"]]
    assert page.region == geo["flanders"]
    assert (
        PracticePage.objects.get(external_id="ok-2").municipalities.get()
        == geo["liege"]
    )


def test_reimporting_the_same_file_creates_no_duplicates(tmp_path, library, geo):
    run(tmp_path, line(external_id="x"), line(title="No id, matched on title"))
    out, _err = run(
        tmp_path,
        line(external_id="x", summary="Updated summary."),
        line(title="No id, matched on title"),
    )
    assert "created 0, updated 2" in out
    assert PracticePage.objects.count() == 2
    assert PracticePage.objects.get(external_id="x").summary == "Updated summary."


def test_draft_option_imports_unpublished(tmp_path, library, geo):
    run(tmp_path, line(external_id="d"), args=("--draft",))
    assert not PracticePage.objects.get(external_id="d").live


def test_scripts_in_imported_html_are_removed(client, tmp_path, library, geo):
    run(
        tmp_path,
        line(
            external_id="xss",
            body='<p onclick="steal()">Fine text<script>alert(1)</script></p>'
            '<a href="javascript:alert(2)">link</a><iframe src="https://evil"></iframe>',
        ),
    )
    page = PracticePage.objects.get(external_id="xss")
    html = client.get(page.url).content.decode()
    assert "Fine text" in html
    assert "alert(1)" not in html and "javascript:" not in html
    assert "onclick" not in html and "evil" not in html


def test_translation_lines_join_their_source(tmp_path, library, geo):
    run(
        tmp_path,
        line(
            external_id="src-fr",
            language="fr",
            translation_of="src",
            title="Cadre",
            translated_by="human",
        ),
        line(external_id="src", language="nl", title="Kader"),
    )
    source = PracticePage.objects.get(external_id="src")
    french = PracticePage.objects.get(external_id="src-fr")
    assert french.translation_key == source.translation_key
    assert french.translated_by == "human"


def test_missing_file_is_a_clear_error(library):
    with pytest.raises(CommandError, match="File not found"):
        call_command("import_practices", "/nonexistent.jsonl")


def test_demo_file_imports_completely(tmp_path, library, municipalities):
    out = StringIO()
    err = StringIO()
    call_command("import_practices", str(DEMO), stdout=out, stderr=err)
    assert err.getvalue() == ""
    assert "rejected 0" in out.getvalue()
    assert PracticePage.objects.live().count() == sum(
        1 for text in DEMO.read_text().splitlines() if text.strip()
    )
