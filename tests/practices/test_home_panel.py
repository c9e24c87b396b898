"""The practices panel on the home page."""

import pytest

from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db


def test_home_count_counts_a_translated_practice_once(client, library, themes):
    original = PracticePageFactory(title="Tolkenwijzer", language="nl")
    PracticePageFactory(
        title="Guide de l'interprète",
        language="fr",
        translation_key=original.translation_key,
        translated_by="human",
    )
    PracticePageFactory(title="Buddy project", language="en")
    html = client.get("/en/").content.decode()
    assert "Browse all 2 practices" in html
