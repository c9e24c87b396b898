"""JSON API of the forum: /api/v1/questions/ (list, filters) and /{id} (detail).

Members only, with the same visibility as the pages: hidden questions, answers and
comments never appear. Anonymous callers get 401, unapproved accounts 403.
"""

from datetime import datetime

from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from exchange.accounts.permissions import api_require_member
from exchange.taxonomy.models import TargetGroup, Theme
from specialists.models import Region

from . import selectors

LOGIN_MESSAGE = gettext_lazy("Log in as a member to read the forum.")
MEMBER_MESSAGE = gettext_lazy("The forum is for approved members only.")

router = Router(tags=["forum"])
PAGE_SIZE = 20


class CommentOut(Schema):
    id: int
    author: str
    body_html: str
    created_at: datetime


class AnswerOut(Schema):
    id: int
    author: str
    body_html: str
    created_at: datetime
    edited_at: datetime | None = None
    score: int
    accepted: bool
    validated: bool
    comments: list[CommentOut]


class QuestionOut(Schema):
    id: int
    url: str
    title: str
    language: str
    author: str
    created_at: datetime
    last_activity_at: datetime
    status: str
    themes: list[str]
    target_groups: list[str]
    municipality: str | None = None
    region: str | None = None
    answer_count: int
    score: int
    solved: bool


class QuestionDetailOut(QuestionOut):
    body_html: str
    edited_at: datetime | None = None
    locked: bool
    duplicate_of: int | None = None
    answers: list[AnswerOut]


class QuestionPage(Schema):
    count: int
    page: int
    pages: int
    results: list[QuestionOut]


class ListFilters(Schema):
    tab: str = "newest"
    theme: str = ""
    target_group: str = ""
    region: str = ""
    language: str = ""
    q: str = ""
    page: int = 1


def _question_out(question) -> dict:
    return {
        "id": question.pk,
        "url": question.get_absolute_url(),
        "title": question.title,
        "language": question.language,
        "author": question.author.display_name,
        "created_at": question.created_at,
        "last_activity_at": question.last_activity_at,
        "status": question.status,
        "themes": [t.slug for t in question.themes.all()],
        "target_groups": [g.slug for g in question.target_groups.all()],
        "municipality": question.municipality.refnis if question.municipality else None,
        "region": question.region.slug if question.region else None,
        "answer_count": question.answer_count,
        "score": question.vote_score,
        "solved": question.accepted_answer_id is not None,
    }


@router.get("/", response=QuestionPage, summary="List questions")
def question_list(request, filters: Query[ListFilters]):
    """Questions the caller may read, newest first (or by ``tab``), 20 a page."""
    api_require_member(
        request, login_message=LOGIN_MESSAGE, member_message=MEMBER_MESSAGE
    )
    tab = filters.tab if filters.tab in selectors.LIST_TABS else "newest"
    questions = selectors.question_list(
        request.user,
        tab=tab,
        theme=Theme.objects.filter(slug=filters.theme).first()
        if filters.theme
        else None,
        target_group=TargetGroup.objects.filter(slug=filters.target_group).first()
        if filters.target_group
        else None,
        region=Region.objects.filter(slug=filters.region).first()
        if filters.region
        else None,
        language=filters.language[:2],
        query=filters.q[:200],
    )
    page = Paginator(questions, PAGE_SIZE).get_page(filters.page)
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "results": [_question_out(q) for q in page.object_list],
    }


@router.get("/{id:question_id}", response=QuestionDetailOut, summary="One question")
def question_detail(request, question_id: int):
    """A question with its visible answers and comments (accepted answer first)."""
    api_require_member(
        request, login_message=LOGIN_MESSAGE, member_message=MEMBER_MESSAGE
    )
    question = selectors.question_detail(request.user, question_id)
    if question is None:
        raise HttpError(404, _("No such question."))
    answers = selectors.answers_for(question, request.user)
    data = _question_out(question)
    data.update(
        body_html=question.body_html,
        edited_at=question.edited_at,
        locked=question.is_locked,
        duplicate_of=question.duplicate_of_id,
        answers=[
            {
                "id": a.pk,
                "author": a.author.display_name,
                "body_html": a.body_html,
                "created_at": a.created_at,
                "edited_at": a.edited_at,
                "score": a.vote_score,
                "accepted": a.pk == question.accepted_answer_id,
                "validated": a.validated_at is not None,
                "comments": [
                    {
                        "id": c.pk,
                        "author": c.author.display_name,
                        "body_html": c.body_html,
                        "created_at": c.created_at,
                    }
                    for c in a.comments.all()
                ],
            }
            for a in answers
        ],
    )
    return data
