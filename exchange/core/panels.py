"""Contribution panels: how a higher app shows its content on a lower app's page.

A lower app declares a *slot* on one of its pages and renders whatever is
registered there (``{% panels "specialists.person" person=person %}``, from
``panel_tags``). A higher app registers its panel in its ``AppConfig.ready``::

    register_panel(
        "specialists.person",
        "forum.answers",
        template="forum/panels/person_answers.html",
        context=person_answers_panel,  # (request, **slot arguments) -> dict | None
        order=20,
    )

The context callable reads through the registering app's own selectors, so its
visibility rules apply; returning ``None`` leaves the panel out. The lower app
never imports the higher one (docs/architecture.md, "Rooms and arrows").

Slots in use:

- ``specialists.person`` (``person``): the person page of the directory.
- ``practices.detail`` (``practice``): a practice page, after the adoptions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Panel:
    slot: str
    name: str
    template: str
    context: Callable[..., dict | None]
    order: int = 100


_registry: dict[str, dict[str, Panel]] = {}


def register_panel(
    slot: str,
    name: str,
    *,
    template: str,
    context: Callable[..., dict | None],
    order: int = 100,
) -> None:
    """Add (or replace, by ``name``) a panel in ``slot``. Call from ``ready()``."""
    _registry.setdefault(slot, {})[name] = Panel(slot, name, template, context, order)


def unregister_panel(slot: str, name: str) -> None:
    _registry.get(slot, {}).pop(name, None)


def panels_for(slot: str) -> list[Panel]:
    return sorted(_registry.get(slot, {}).values(), key=lambda p: (p.order, p.name))


def render_panels(slot: str, request, **arguments) -> SafeString:
    """The HTML of every panel registered in ``slot``, in order."""
    parts = []
    for panel in panels_for(slot):
        context = panel.context(request, **arguments)
        if context is None:
            continue
        parts.append(render_to_string(panel.template, context, request=request))
    return mark_safe("".join(parts))  # noqa: S308 - rendered, autoescaped templates
