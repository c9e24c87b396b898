"""Choose one item out of hundreds by typing, with or without JavaScript.

A picker is a text input tied to an HTML ``<datalist>`` of every choice (the browser
suggests while the reader types, no script needed); the server resolves what was
typed, so a name in another language, a code or a spelling without accents or
hyphens still finds the item. Nothing or several matches give a clear error that
names the candidates.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# How many candidates an "several match" error names.
CANDIDATES_SHOWN = 6


def fold_text(text: str) -> str:
    """Lower case, no accents, any run of punctuation or spaces as one space."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


class PickerInput(forms.TextInput):
    """A text input with a ``<datalist>`` of (value, label) options."""

    def __init__(self, attrs=None, options: Callable[[], Iterable] | None = None):
        super().__init__(attrs)
        self.options = options

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy.options = self.options
        return copy

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs.setdefault("autocomplete", "off")
        if self.options is not None and widget_attrs.get("id"):
            widget_attrs["list"] = f"{widget_attrs['id']}_options"
        return context

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        list_id = (attrs or {}).get("id") or self.attrs.get("id")
        if self.options is None or not list_id:
            return html
        options = format_html_join(
            "",
            '<option value="{}">{}</option>',
            ((value, label) for value, label in self.options()),
        )
        return format_html(
            '{}<datalist id="{}_options">{}</datalist>', html, list_id, options
        )


class PickerField(forms.Field):
    """One object chosen by typing its name (or a code) and resolved on the server.

    ``resolve(text)`` returns the matching objects, best first; ``display(obj)``
    is what the input shows for a chosen object; ``options()`` yields the
    datalist's (value, label) pairs, each value resolving to exactly one object.
    """

    widget = PickerInput
    default_error_messages = {
        "none": _("Nothing matches “{text}”. Choose from the suggestions."),
        "several": _("Several match “{text}”: {names}. Type one of them in full."),
    }

    def __init__(
        self,
        *,
        queryset,
        resolve: Callable[[str], Iterable],
        display: Callable[[object], str] = str,
        options: Callable[[], Iterable] | None = None,
        **kwargs,
    ):
        self.queryset = queryset
        self.resolve = resolve
        self.display = display
        kwargs.setdefault("widget", PickerInput(options=options))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if value in (None, ""):
            return ""
        if isinstance(value, self.queryset.model):
            return self.display(value)
        if isinstance(value, int):  # an initial primary key (ModelForm instance)
            found = self.queryset.filter(pk=value).first()
            return self.display(found) if found is not None else ""
        return value  # what the reader typed, shown back as typed

    def to_python(self, value):
        text = (value or "").strip() if isinstance(value, str) else value
        if text in (None, ""):
            return None
        if isinstance(text, self.queryset.model):
            return text
        found = list(self.resolve(text))
        if not found:
            raise ValidationError(
                format_lazy(self.error_messages["none"], text=text), code="none"
            )
        if len(found) > 1:
            names = ", ".join(self.display(o) for o in found[:CANDIDATES_SHOWN])
            if len(found) > CANDIDATES_SHOWN:
                names += ", …"
            raise ValidationError(
                format_lazy(self.error_messages["several"], text=text, names=names),
                code="several",
            )
        return found[0]

    def has_changed(self, initial, data):
        return self.prepare_value(initial) != (data or "").strip()


def names_matching(text: str, rows: Iterable[tuple]) -> list:
    """Keys of ``rows`` (key, name, name, ...) whose folded names equal the folded
    text, or when none does, contain it."""
    wanted = fold_text(text)
    if not wanted:
        return []
    exact, partial = [], []
    for key, *names in rows:
        folded = [fold_text(n) for n in names if n]
        if wanted in folded:
            exact.append(key)
        elif any(wanted in f for f in folded):
            partial.append(key)
    return exact or partial


# How many matches a "Find" step of a search-chosen relation lists.
FOUND_MAX = 10


def chosen_by_search(form, name: str, words_field: str, visible):
    """The checkboxes of a relation chosen by search ("Find" next to a words box).

    Those already ticked (or given as initial), then at most ``FOUND_MAX`` of
    ``visible`` whose title holds every word typed. Returns ``(choices, found)``:
    the widget's choices, and the matches found (``None`` when nothing was typed).
    """
    if form.is_bound:
        values = form.data.getlist(name) if hasattr(form.data, "getlist") else []
        chosen_ids = [int(v) for v in values if str(v).isdigit()][:50]
        words = (form.data.get(words_field) or "").split()
    else:
        initial = form.initial.get(name) or []
        chosen_ids = [getattr(item, "pk", item) for item in initial][:50]
        words = []
    shown = list(visible.filter(pk__in=chosen_ids))
    found = None
    if words:
        matches = visible.exclude(pk__in=chosen_ids)
        for word in words[:6]:
            matches = matches.filter(title__icontains=word)
        found = list(matches.order_by("title")[:FOUND_MAX])
        shown += found
    return [(item.pk, item.title) for item in shown], found
