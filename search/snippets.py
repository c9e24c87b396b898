"""Snippets with the matched words in <mark>, built from the stored text (escaped)."""

import re
from functools import lru_cache
from html import escape  # what django.utils.html.escape does, without its lazy wrapper

from django.utils.safestring import mark_safe

from .analysis import fold, is_stop_word, stem

_WORD_RE = re.compile(r"\w+", re.UNICODE)
MAX_SCAN_CHARS = 20_000


@lru_cache(maxsize=100_000)
def _forms(word: str, language: str) -> tuple[str, ...]:
    """The folded word and its stem, as a query's stems may hold them (none for a
    stop word): folding is the costly part of marking a page of snippets."""
    folded = fold(word)
    if not folded or is_stop_word(folded, language):
        return ()
    return (stem(folded, language), folded)


def _matches(word: str, language: str, stems: set[str]) -> bool:
    return any(form in stems for form in _forms(word, language))


def highlight(text: str, language: str, stems: set[str], *, width: int = 30) -> str:
    """About ``width`` words of ``text`` around the first match, matches marked.

    Every piece of the stored text is escaped; only our own <mark> tags are markup.
    """
    text = (text or "")[:MAX_SCAN_CHARS]
    tokens = list(_WORD_RE.finditer(text))
    if not tokens:
        return ""
    marked = [i for i, m in enumerate(tokens) if _matches(m.group(), language, stems)]
    first = marked[0] if marked else 0
    start = max(0, first - width // 3)
    end = min(len(tokens), start + width)
    # From the text's very start (or to its end) when the window reaches it.
    start_char = 0 if start == 0 else tokens[start].start()
    end_char = len(text) if end == len(tokens) else tokens[end - 1].end()
    marked_set = set(marked)
    out, cursor = [], start_char
    for index in range(start, end):
        match = tokens[index]
        out.append(escape(text[cursor : match.start()]))
        word = escape(match.group())
        out.append(f"<mark>{word}</mark>" if index in marked_set else word)
        cursor = match.end()
    out.append(escape(text[cursor:end_char]))
    prefix = "… " if start_char > 0 else ""
    suffix = " …" if end_char < len(text) else ""
    return mark_safe(prefix + "".join(out).strip() + suffix)  # noqa: S308 - escaped above
