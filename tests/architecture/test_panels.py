"""Contribution panels (exchange/core/panels.py): order, skipping, registration."""

from django.test import RequestFactory

from exchange.core import panels


def test_panels_render_in_order_and_a_none_context_leaves_one_out():
    request = RequestFactory().get("/")
    calls = []

    def first(request, *, practice):
        calls.append(("first", practice))
        return {"questions": []}

    def skipped(request, *, practice):
        calls.append(("skipped", practice))
        return None

    panels.register_panel(
        "test.slot",
        "b.first",
        template="forum/panels/practice_questions.html",
        context=first,
        order=1,
    )
    panels.register_panel(
        "test.slot",
        "a.skipped",
        template="forum/panels/practice_questions.html",
        context=skipped,
        order=2,
    )
    try:
        assert [p.name for p in panels.panels_for("test.slot")] == [
            "b.first",
            "a.skipped",
        ]
        html = panels.render_panels("test.slot", request, practice="P")
    finally:
        panels.unregister_panel("test.slot", "b.first")
        panels.unregister_panel("test.slot", "a.skipped")
    assert calls == [("first", "P"), ("skipped", "P")]
    assert html.count('aria-labelledby="s-questions"') == 1
    assert panels.panels_for("test.slot") == []


def test_the_higher_apps_register_their_panels_when_django_starts():
    person = [p.name for p in panels.panels_for("specialists.person")]
    detail = [p.name for p in panels.panels_for("practices.detail")]
    assert person == ["practices.practices", "forum.answers"]
    assert detail == ["forum.questions"]
