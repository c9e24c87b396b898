"""Hits are paired with the rows of the search index by row id; a cluster's hit
carries the id its row had when it was indexed, which a rebuild of the rows alone
gives to another row (docs/architecture.md, "Reading a search's hits")."""

import pytest

from search.engines.base import EngineHit
from search.indexing import IndexItem, build_document
from search.models import SearchDocument
from search.service import _pair

ITEMS = [
    IndexItem(
        doc_type="practice",
        object_key="31",
        language="nl",
        title="Tolken inplannen",
        body="Een week vooruit.",
        url="/nl/practices/tolken-inplannen/",
        audience="public",
    ),
    IndexItem(
        doc_type="question",
        object_key="32",
        language="nl",
        title="Wie betaalt de tolk?",
        body="Het OCMW.",
        url="/nl/forum/questions/32/",
        audience="members",
    ),
]


@pytest.mark.django_db
def test_a_hit_whose_row_id_names_another_row_is_shown_as_its_own_item():
    practice, question = (build_document(i) for i in ITEMS)
    practice.save()
    question.save()
    hits = [
        # The practice, with the id the question's row has now (a stale id).
        EngineHit(question.id, "practice", "31", 2.0),
        # The question, with its own id.
        EngineHit(question.id, "question", "32", 1.5),
        # An item without an id (indexed before row ids), and one since deleted.
        EngineHit(None, "practice", "31", 1.0),
        EngineHit(10_000_000, "question", "99", 0.5),
    ]
    pairs = _pair(hits)
    assert [(p, d.doc_type, d.object_key, d.title) for p, _h, d in pairs] == [
        (0, "practice", "31", "Tolken inplannen"),
        (1, "question", "32", "Wie betaalt de tolk?"),
        (2, "practice", "31", "Tolken inplannen"),
    ]
    assert SearchDocument.objects.count() == 2
