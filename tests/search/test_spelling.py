""" "Did you mean": the distance that picks a correction, and its cost."""

import random

from search.service import edit_distance


def reference(a: str, b: str, limit: int) -> int:
    """Levenshtein by the full table: the definition the search relies on."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            )
        previous = current
    return min(previous[-1], limit + 1)


def test_the_distance_is_levenshtein_capped_at_one_past_the_limit():
    rng = random.Random(7)
    letters = "aeilnorstuéç"
    for _ in range(3000):
        a = "".join(rng.choice(letters) for _ in range(rng.randint(0, 9)))
        b = list(a)
        for _edit in range(rng.randint(0, 3)):
            position = rng.randint(0, len(b))
            kind = rng.choice("ids")
            if kind == "i" or not b:
                b.insert(position, rng.choice(letters))
            elif kind == "d":
                del b[min(position, len(b) - 1)]
            else:
                b[min(position, len(b) - 1)] = rng.choice(letters)
        b = "".join(b)
        for limit in (1, 2):
            assert edit_distance(a, b, limit) == reference(a, b, limit), (a, b)


def test_a_swapped_pair_of_letters_is_two_edits():
    assert edit_distance("bsatogne", "bastogne", 2) == 2
    assert edit_distance("bsatogne", "bastogne", 1) == 2  # beyond the limit


def test_words_are_stemmed_by_the_c_build_of_snowball():
    """PyStemmer (requirements.txt) stems a snippet's words and a query's: the
    pure-Python build gives the same stems at a tenth of the speed."""
    import Stemmer

    from search.analysis import _stemmer, stem

    assert isinstance(_stemmer("nl"), Stemmer.Stemmer)
    assert stem("nieuwkomers", "nl") == "nieuwkomer"
    assert stem("interpretes", "fr") == "interpret"
