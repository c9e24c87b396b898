import pytest

from specialists.models import Municipality


@pytest.fixture
def places(municipalities):
    """A few loaded municipalities by a readable name."""
    codes = {
        "gent": "44021",
        "antwerpen": "11002",
        "liege": "62063",
        "brussels": "21004",
        "eupen": "63023",
        "namur": "92094",
        "hasselt": "71072",
    }
    by_refnis = Municipality.objects.in_bulk(list(codes.values()), field_name="refnis")
    return type("Places", (), {k: by_refnis[v] for k, v in codes.items()})
