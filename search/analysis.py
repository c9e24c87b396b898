"""Text analysis shared by every engine: fold, tokenise, drop stop words, stem.

Documents are analysed once in their own language; a query word is stemmed in all
four languages so a Dutch query still meets a French document's stems. All output
tokens are ``[a-z0-9]+``, so they are safe to put in an FTS5 MATCH string or a
PostgreSQL tsquery without any user text reaching the engine's parser.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

LANGUAGES = ("nl", "fr", "de", "en")
STEMMER_NAMES = {"nl": "dutch", "fr": "french", "de": "german", "en": "english"}


# Short lists: the words that carry no meaning in a search about social work.
def _words(text: str) -> set[str]:
    return set(text.split())


STOP_WORDS = {
    "nl": _words(
        """
        de het een en van in op te dat die voor met is zijn aan er om als bij ook
        niet maar dan of door over naar uit tot hun wat wie waar hoe wordt worden
        deze dit was werd heeft hebben kan kunnen zich je u we wij ze zij hij ik
        """
    ),
    "fr": _words(
        """
        le la les l un une des du de d et en a au aux pour par sur dans ce cet cette
        ces qui que qu quoi ou est sont être avoir il elle ils elles on nous vous je
        j se s sa son ses leur leurs ne n pas plus mais avec comme si y c m t
        """
    ),
    "de": _words(
        """
        der die das den dem des ein eine einen einem einer eines und oder in im an
        am auf aus bei mit nach von vom zu zum zur für ist sind war wird werden wie
        was wer wo es er sie ich wir ihr man sich nicht auch als dass so kann
        """
    ),
    "en": _words(
        """
        the a an and or of in on at to for by with from is are was were be been it
        its this that these those as not but if so can do does how what who which we
        you they he she i my our your their
        """
    ),
}
# Stop words are compared after folding (ASCII, lower case).
STOP_WORDS = {
    lang: {
        unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode() for w in s
    }
    for lang, s in STOP_WORDS.items()
}

_TOKEN_RE = re.compile(r"[a-z0-9]+")
MAX_TOKEN_LENGTH = 40


def fold(text: str) -> str:
    """Lower case and strip accents: 'Interprète' -> 'interprete', 'ÖSHZ' -> 'oshz'."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = text.replace("ß", "ss")
    return text.encode("ascii", "ignore").decode("ascii")


def words(text: str) -> list[str]:
    """Folded word tokens of ``text``, in order (no stop-word removal)."""
    return [t[:MAX_TOKEN_LENGTH] for t in _TOKEN_RE.findall(fold(text or ""))]


@lru_cache(maxsize=8)
def _stemmer(language: str):
    # PyStemmer's C build when installed (requirements.txt), else pure Python:
    # the same Snowball algorithms, the same stems.
    return snowballstemmer.stemmer(STEMMER_NAMES.get(language, "english"))


@lru_cache(maxsize=200_000)
def stem(word: str, language: str) -> str:
    if word.isdigit() or len(word) <= 2:
        return word
    return _stemmer(language).stemWord(word)


def is_stop_word(word: str, language: str) -> bool:
    return word in STOP_WORDS.get(language, STOP_WORDS["en"])


def analyse(text: str, language: str) -> list[str]:
    """Index tokens of a text in its language: folded, no stop words, stemmed."""
    language = language if language in STEMMER_NAMES else "en"
    return [stem(w, language) for w in words(text) if not is_stop_word(w, language)]


def analyse_phrase(text: str, language: str) -> tuple[str, ...]:
    return tuple(analyse(text, language))


def word_variants(word: str, languages=LANGUAGES) -> set[str]:
    """The stems a folded query word may have in a document of any language."""
    return {stem(word, lang) for lang in languages if not is_stop_word(word, lang)}


def phrase_variants(text: str, languages=LANGUAGES) -> set[tuple[str, ...]]:
    """A phrase analysed as each language would analyse it in a document."""
    out = set()
    for lang in languages:
        tokens = analyse_phrase(text, lang)
        if tokens:
            out.add(tokens)
    return out


def guess_language(text: str, default: str = "en") -> str:
    """The language whose stop words are most frequent in ``text``."""
    tokens = words(text)[:400]
    scores = {lang: sum(t in STOP_WORDS[lang] for t in tokens) for lang in LANGUAGES}
    best = max(scores, key=lambda lang: (scores[lang], lang == default))
    return best if scores[best] else default
