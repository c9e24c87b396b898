"""A search page always lists a full page of results, a question and its answers
counting once, and the pages continue one another (answers are folded into their
question before the page is cut, not after)."""

import pytest

from search.indexing import IndexItem
from search.service import search

from .conftest import index_fixtures

THREADS = 25
ANSWERS = 3
PRACTICES = 5
RESULTS = THREADS + PRACTICES  # what a reader can tell apart


def _thread(n: int, language: str = "nl") -> list[IndexItem]:
    url = f"/{language}/forum/questions/{1000 + n}/"
    items = [
        IndexItem(
            doc_type="question",
            object_key=str(1000 + n),
            language=language,
            title=f"Vraag {n} over tolken",
            body=f"Wie kent de zoemtolk bij gesprek {n}?",
            url=url,
            audience="public",
            facets=[("theme", "language-interpreting")],
        )
    ]
    for a in range(ANSWERS):
        key = (1000 + n) * 10 + a
        items.append(
            IndexItem(
                doc_type="answer",
                object_key=str(key),
                language=language,
                title=f"Vraag {n} over tolken",
                # Answers match better than their question: they rank first,
                # a thread's answers side by side.
                body=f"De zoemtolk, de zoemtolk en nog eens de zoemtolk ({a}).",
                url=f"{url}#answer-{key}",
                audience="public",
                facets=[("theme", "language-interpreting")],
            )
        )
    return items


def _practice(n: int) -> IndexItem:
    return IndexItem(
        doc_type="practice",
        object_key=str(9000 + n),
        language="nl",
        title=f"Praktijk {n}: de zoemtolk",
        body="Een zoemtolk in het eerste gesprek.",
        url=f"/nl/practices/zoemtolk-{n}/",
        audience="public",
        facets=[("theme", "language-interpreting")],
    )


@pytest.fixture
def threads(db):
    items = [i for n in range(THREADS) for i in _thread(n)]
    items += [_practice(n) for n in range(PRACTICES)]
    index_fixtures(items)


def _key(result) -> str:
    return result.url.partition("#")[0]


def _all_pages(per_page=10, **kwargs):
    first = search("zoemtolk", per_page=per_page, log=False, **kwargs)
    pages = [first] + [
        search("zoemtolk", page=p, per_page=per_page, log=False, **kwargs)
        for p in range(2, first.num_pages + 1)
    ]
    return first, pages


def test_first_page_is_full_though_threads_have_several_matching_answers(
    threads, caseworker
):
    found = search("zoemtolk", user=caseworker, language="nl", per_page=10)

    assert len(found.results) == 10
    assert len({_key(r) for r in found.results}) == 10
    assert found.matches == THREADS * (1 + ANSWERS) + PRACTICES


def test_page_two_continues_without_repeating_a_thread(threads, caseworker):
    one = search("zoemtolk", user=caseworker, language="nl", per_page=10)
    two = search("zoemtolk", user=caseworker, language="nl", per_page=10, page=2)

    assert len(two.results) == 10
    assert not {_key(r) for r in one.results} & {_key(r) for r in two.results}


def test_every_page_the_count_promises_exists_and_no_result_is_skipped(
    threads, caseworker
):
    first, pages = _all_pages(user=caseworker, language="nl")

    assert pages[-1].results, "the last page the count names is empty"
    keys = [_key(r) for page in pages for r in page.results]
    assert len(keys) == len(set(keys)) == RESULTS
    assert pages[-1].total == RESULTS and pages[-1].total_exact
    assert pages[-1].num_pages == 3
    assert not pages[-1].messages


def test_a_page_past_the_end_names_the_last_page(threads, caseworker):
    found = search("zoemtolk", user=caseworker, language="nl", per_page=10, page=7)

    assert found.results == []
    assert found.num_pages == 3
    assert any("page 3" in str(m) for m in found.messages)


def test_browsing_mixed_languages_by_filter_pages_without_repeats(db, caseworker):
    # A filter without words: every match scores the same (newest first), and
    # the interface language goes first among equals on every page alike.
    items = [i for n in range(THREADS) for i in _thread(n, ("nl", "fr")[n % 2])]
    index_fixtures(items)

    def page(number):
        return search(
            "",
            {"theme": ["language-interpreting"]},
            user=caseworker,
            language="fr",
            per_page=10,
            page=number,
            log=False,
        )

    first = page(1)
    pages = [first] + [page(p) for p in range(2, first.num_pages + 1)]

    keys = [_key(r) for page in pages for r in page.results]
    assert len(keys) == len(set(keys)) == THREADS
    assert [len(p.results) for p in pages] == [10, 10, 5]


def test_the_answer_matching_best_is_the_snippet_and_link(db, caseworker):
    index_fixtures(
        [
            IndexItem(
                doc_type="question",
                object_key="77",
                language="nl",
                title="Gesprek met nieuwkomers",
                body="Hoe plannen jullie het eerste gesprek?",
                url="/nl/forum/questions/77/",
                audience="public",
                facets=[],
            ),
            IndexItem(
                doc_type="answer",
                object_key="771",
                language="nl",
                title="Gesprek met nieuwkomers",
                body="Wij nemen altijd een brommeltolk mee naar het gesprek.",
                url="/nl/forum/questions/77/#answer-771",
                audience="public",
                facets=[],
            ),
        ]
    )

    found = search("gesprek brommeltolk", user=caseworker, language="nl")

    assert len(found.results) == 1
    only = found.results[0]
    assert only.via_answer and "brommeltolk" in only.snippet
    assert only.url == "/nl/forum/questions/77/#answer-771"


def test_api_pages_are_full_and_continue(threads, client_for, caseworker):
    client = client_for(caseworker)
    one = client.get("/api/v1/search", {"q": "zoemtolk", "lang": "nl"}).json()
    two = client.get("/api/v1/search", {"q": "zoemtolk", "lang": "nl", "page": 2})
    two = two.json()

    assert len(one["results"]) == 20  # the API's page size
    assert one["num_pages"] == 2
    assert len(two["results"]) == RESULTS - 20
    keys = [r["url"].partition("#")[0] for r in one["results"] + two["results"]]
    assert len(keys) == len(set(keys)) == RESULTS
    assert two["total"] == RESULTS and two["matches"] == (
        THREADS * (1 + ANSWERS) + PRACTICES
    )


def test_search_page_lists_full_pages_and_says_when_the_count_is_a_minimum(
    threads, client_for, caseworker
):
    client = client_for(caseworker)
    one = client.get("/en/search/", {"q": "zoemtolk"})
    two = client.get("/en/search/", {"q": "zoemtolk", "page": 2})

    first = one.content.decode()
    # 20 a page; page 1 read only part of the 105 matches: a lower bound.
    assert first.count('<li class="result ') == 20
    assert "At least 30 results" in first
    assert "Page 1 of at least 2" in first
    second = two.content.decode()
    assert second.count('<li class="result ') == RESULTS - 20
    assert "30 results" in second and "At least" not in second
    assert "Page 2 of 2" in second


def test_pages_are_full_and_continue_on_every_engine(fixture_documents, caseworker):
    """The fold is the service's: the cluster engines page the same way."""
    items = [i for n in range(THREADS) for i in _thread(n)]
    index_fixtures(items + [_practice(n) for n in range(PRACTICES)], everywhere=True)

    first, pages = _all_pages(user=caseworker, language="nl")

    assert [len(p.results) for p in pages] == [10, 10, 10]
    keys = [_key(r) for page in pages for r in page.results]
    assert len(keys) == len(set(keys)) == RESULTS
    assert all(p.engine == first.engine for p in pages)
