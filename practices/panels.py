"""The practice library's contributions to lower apps' pages (``exchange.core.panels``).

Registered in ``PracticesConfig.ready``; reads through ``practices.selectors``, so
the library's visibility rules apply."""

from exchange.core.panels import register_panel

from .selectors import practices_by_owner_visible_to


def person_practices(request, *, person):
    """A specialist's person page: practices they own that the reader may see."""
    viewer = getattr(request, "user", None)
    return {"practices": practices_by_owner_visible_to(person, viewer)}


def register():
    register_panel(
        "specialists.person",
        "practices.practices",
        template="practices/panels/person_practices.html",
        context=person_practices,
        order=10,
    )
