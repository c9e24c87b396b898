"""Items similar to one indexed item, with any engine's ordinary ``search()``.

The item's most distinctive words become a query: its title words first (the
rarest ones when the title is long), then body words weighted by rarity in the
index (``Term.doc_count``). The words are parsed like a user's query, so thesaurus
concepts expand to every language ("tolk" also finds "interprète"), and any word may
match (``match_any``): the engine's ranking puts the items sharing most words first.
The item itself is never returned.
"""

import math
from collections import Counter

from .analysis import is_stop_word, words
from .engines.base import EngineResult, SearchRequest
from .models import SearchDocument, Term
from .query import parse
from .thesaurus import ThesaurusIndex

MAX_WORDS = 12  # below query.MAX_QUERY_WORDS, so nothing is cut
MAX_TITLE_WORDS = 8
MAX_BODY_CHARS = 5000
MIN_WORD_LENGTH = 3
# Items fetched per similar item wanted, before those sharing too little are dropped.
CANDIDATES_PER_RESULT = 3


def _candidates(text: str, language: str) -> list[str]:
    return [
        w
        for w in words(text)
        if len(w) >= MIN_WORD_LENGTH
        and not w.isdigit()
        and not is_stop_word(w, language)
    ]


def _rarity(doc_count: int) -> float:
    """Higher for rarer words; a word the vocabulary does not know counts as rare."""
    return 1.0 / math.log(2 + doc_count)


def distinctive_words(
    document: SearchDocument, max_words: int = MAX_WORDS
) -> list[str]:
    """The folded words that best describe ``document``, in the order they appear."""
    language = document.language
    title = list(dict.fromkeys(_candidates(document.title, language)))
    body = _candidates((document.body or "")[:MAX_BODY_CHARS], language)
    counts = Counter(w for w in body if w not in title)
    doc_counts = dict(
        Term.objects.filter(term__in=set(title) | set(counts)).values_list(
            "term", "doc_count"
        )
    )
    if len(title) > MAX_TITLE_WORDS:
        rarest = sorted(title, key=lambda w: (doc_counts.get(w, 0), title.index(w)))
        keep = set(rarest[:MAX_TITLE_WORDS])
        title = [w for w in title if w in keep]
    room = max(0, max_words - len(title))
    weight = {
        w: (1 + math.log(c)) * _rarity(doc_counts.get(w, 0)) for w, c in counts.items()
    }
    chosen = set(sorted(weight, key=lambda w: (-weight[w], w))[:room])
    # Body words keep their order, so multi-word concepts are still recognised.
    return title + [w for w in dict.fromkeys(body) if w in chosen]


def similar_request(
    document: SearchDocument,
    thesaurus: ThesaurusIndex,
    *,
    audiences: list[str],
    types=("question",),
    limit: int = 5,
) -> SearchRequest:
    """A match-any request for items like ``document`` (one extra: it may be itself)."""
    parsed = parse(" ".join(distinctive_words(document)), document.language, thesaurus)
    return SearchRequest(
        query=parsed,
        audiences=list(audiences),
        filters={"type": list(types)},
        offset=0,
        limit=limit + 1,
        match_any=True,
    )


def shares_enough(request: SearchRequest, candidate: SearchDocument) -> bool:
    """Whether ``candidate`` shares a thesaurus concept, or at least two words, with
    the item: one everyday word in common ("first", "family") is not similarity."""
    tokens = set(candidate.index_title.split()) | set(candidate.index_body.split())
    shared = [
        group
        for group in request.query.groups
        if any(all(t in tokens for t in phrase) for phrase in group.phrases)
    ]
    return len(shared) >= 2 or any(group.concept for group in shared)


def run(engine, document: SearchDocument, request: SearchRequest) -> EngineResult:
    """``request`` through ``engine.search()``, without ``document`` itself and
    without the items that share too little with it (see ``shares_enough``)."""
    if request.query.is_empty:
        return EngineResult(hits=[], total=0, facets={}, engine=engine.name)
    wanted = request.limit
    request.limit = wanted * CANDIDATES_PER_RESULT
    try:
        result = engine.search(request)
    finally:
        request.limit = wanted
    own = (document.doc_type, document.object_key)
    candidates = SearchDocument.objects.in_bulk(
        [h.document_id for h in result.hits if h.document_id is not None]
    )
    hits = [
        h
        for h in result.hits
        if (h.doc_type, h.object_key) != own
        and h.document_id != document.pk
        and h.document_id in candidates
        and shares_enough(request, candidates[h.document_id])
    ]
    result.total -= len(result.hits) - len(hits)
    result.hits = hits[: max(0, request.limit - 1)]
    return result
