"""Turning what a user typed into engine-neutral groups of safe phrases.

The user's text never reaches an engine's query parser: it is cut into folded
``[a-z0-9]+`` words, thesaurus concepts are recognised (longest phrase first) and
every group becomes a set of alternative phrases. A document must match each group.
"""

from dataclasses import dataclass, field

from .analysis import LANGUAGES, is_stop_word, word_variants, words
from .thesaurus import ThesaurusIndex

MAX_QUERY_CHARS = 500
MAX_QUERY_WORDS = 16


@dataclass
class Group:
    """One word or one recognised concept; any of its phrases may match."""

    text: str
    phrases: set[tuple[str, ...]]
    concept: str = ""


@dataclass
class ParsedQuery:
    text: str
    language: str
    words: list[str]
    groups: list[Group] = field(default_factory=list)
    truncated: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.groups

    def stems(self) -> set[str]:
        """Every token the query may match, for highlighting."""
        return {token for g in self.groups for phrase in g.phrases for token in phrase}


def clean_text(text: str) -> tuple[str, bool]:
    text = text or ""
    truncated = len(text) > MAX_QUERY_CHARS
    text = text[:MAX_QUERY_CHARS]
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split()), truncated


def parse(text: str, language: str, thesaurus: ThesaurusIndex) -> ParsedQuery:
    text, truncated = clean_text(text)
    language = language if language in LANGUAGES else "en"
    query_words = words(text)
    truncated = truncated or len(query_words) > MAX_QUERY_WORDS
    query_words = query_words[:MAX_QUERY_WORDS]
    parsed = ParsedQuery(text=text, language=language, words=query_words)
    parsed.truncated = truncated
    languages = [language] + [lang for lang in LANGUAGES if lang != language]

    position = 0
    while position < len(query_words):
        for size in range(min(thesaurus.longest, len(query_words) - position), 0, -1):
            chunk = " ".join(query_words[position : position + size])
            if size == 1 and is_stop_word(chunk, language):
                # "for" in an English query is not Forem (German stem "for").
                continue
            concepts = thesaurus.concepts_for(chunk, languages)
            if concepts:
                phrases = set()
                for key in sorted(concepts):
                    phrases |= thesaurus.expansions.get(key, set())
                parsed.groups.append(
                    Group(text=chunk, phrases=phrases, concept=sorted(concepts)[0])
                )
                position += size
                break
        else:
            word = query_words[position]
            position += 1
            if is_stop_word(word, language):
                continue
            variants = word_variants(word) or {word}
            parsed.groups.append(Group(text=word, phrases={(v,) for v in variants}))

    if not parsed.groups and query_words:
        # Only stop words ("the", "de"): search them rather than nothing.
        parsed.groups = [Group(text=w, phrases={(w,)}) for w in query_words[:4]]
    return parsed


def with_replacements(parsed: ParsedQuery, replacements: dict[str, str], thesaurus):
    """The query again with some words replaced (a "did you mean" retry)."""
    text = " ".join(replacements.get(w, w) for w in parsed.words)
    return parse(text, parsed.language, thesaurus)
