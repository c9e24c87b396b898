"""Snippets with the matched words in <mark>, built from the stored text (escaped)."""

import re
from html import escape  # what django.utils.html.escape does, without its lazy wrapper

from django.utils.safestring import mark_safe

from .analysis import fold, is_stop_word, stem

_SPLIT_RE = re.compile(r"(\w+)", re.UNICODE)
MAX_SCAN_CHARS = 20_000
MARK_OPEN, MARK_CLOSE = "\x01", "\x02"  # where <mark> and </mark> go, before escaping
EARLY = 20  # words looked up one by one before the distinct ones (``highlight``)


# language -> word as written -> (stem, folded), ("", "") for a stop word: folding
# and stemming are the costly part of marking a page of snippets, and a plain dict
# is the cheapest lookup per word. Cleared when it reaches MAX_FORMS words.
_FORMS: dict[str, dict[str, tuple[str, str]]] = {}
MAX_FORMS = 200_000


def _forms_of(word: str, language: str) -> tuple[str, str]:
    """The folded word and its stem, as a query's stems may hold them."""
    folded = fold(word)
    if not folded or is_stop_word(folded, language):
        return ("", "")  # query stems are never empty: matches nothing
    return (stem(folded, language), folded)


def highlight(text: str, language: str, stems: set[str], *, width: int = 30) -> str:
    """About ``width`` words of ``text`` around the first match, matches marked.

    Every piece of the stored text is escaped; only our own <mark> tags are markup
    (a word, ``\\w+``, holds no character that HTML escapes).
    """
    text = (text or "")[:MAX_SCAN_CHARS]
    if MARK_OPEN in text or MARK_CLOSE in text:
        text = text.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
    # [separator, word, separator, word, ..., separator]
    parts = _SPLIT_RE.split(text)
    count = len(parts) // 2
    if not count:
        return ""
    forms = _FORMS.get(language)
    if forms is None or len(forms) > MAX_FORMS:
        forms = _FORMS[language] = {}
    get = forms.get
    words = parts[1::2]
    # Whether each of the first words matches, each looked up once: every word of
    # a text short enough to be shown whole, else the first EARLY.
    scan = words if count <= width else words[:EARLY]
    pairs = [get(word) for word in scan]
    if None in pairs:
        for index, pair in enumerate(pairs):
            if pair is None:
                pairs[index] = forms[scan[index]] = _forms_of(scan[index], language)
    flags = [pair[0] in stems or pair[1] in stems for pair in pairs]
    first = flags.index(True) if True in flags else None
    # Past the first EARLY words each distinct word is looked up once (a long body
    # without a match repeats most of its words), then the first of the matching
    # ones found. Only the words up to the first match, then those of the window,
    # are looked up: a long body's words beyond the window are never shown.
    if first is None and count > len(scan):
        distinct = set(words[EARLY:])
        for word in distinct.difference(forms):
            forms[word] = _forms_of(word, language)
        found = {
            word
            for word in distinct
            if (pair := forms[word])[0] in stems or pair[1] in stems
        }
        if found:
            first = next(i for i, word in enumerate(words) if word in found)
    start = max(0, (first or 0) - width // 3)
    end = min(count, start + width)
    # The window from its first word to its last, matches between MARK_OPEN and
    # MARK_CLOSE, escaped as one text (cheaper than each separator on its own):
    # the markers are control characters, which escape() leaves alone and the
    # stored text never holds (``highlight`` drops them from it).
    window = parts[2 * start + 1 : 2 * end]
    known = len(flags)
    for index in range(start, end):
        if index < known:
            match = flags[index]
        else:
            word = words[index]
            pair = get(word)
            if pair is None:
                pair = forms[word] = _forms_of(word, language)
            match = pair[0] in stems or pair[1] in stems
        if match or index == first:
            window[2 * (index - start)] = MARK_OPEN + words[index] + MARK_CLOSE
    # From the text's very start (or to its end) when the window reaches it.
    if start == 0:
        window.insert(0, parts[0])
    if end == count:
        window.append(parts[-1])
    marked = (
        escape("".join(window).strip())
        .replace(MARK_OPEN, "<mark>")
        .replace(MARK_CLOSE, "</mark>")
    )
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < count else ""
    return mark_safe(prefix + marked + suffix)  # noqa: S308 - escaped above
