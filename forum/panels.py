"""The forum's contributions to lower apps' pages (``exchange.core.panels``).

Registered in ``ForumConfig.ready``; every panel reads through the forum's own
selectors, so moderation and membership rules apply."""

from exchange.core.panels import register_panel

from . import selectors


def _viewer(request):
    return getattr(request, "user", None)


def person_answers(request, *, person):
    """A specialist's person page: their answers the reader may see."""
    return {"answers": selectors.answers_by_author_visible_to(person, _viewer(request))}


def practice_questions(request, *, practice):
    """A practice page: linked questions the reader may see (none: no panel)."""
    questions = selectors.questions_linked_to_practice(practice, _viewer(request))
    return {"questions": questions} if questions else None


def register():
    register_panel(
        "specialists.person",
        "forum.answers",
        template="forum/panels/person_answers.html",
        context=person_answers,
        order=20,
    )
    register_panel(
        "practices.detail",
        "forum.questions",
        template="forum/panels/practice_questions.html",
        context=practice_questions,
        order=10,
    )
