"""The forum's part of "Download my data" and of deleting an account.

Posts stay after deletion, signed "former member" (the account row is anonymised);
follows and routed questions go; votes stay so scores do not change, and point to
the anonymised row only.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from .models import Answer, Comment, Flag, Question, QuestionRoute, Subscription, Vote


def _post(post, **extra) -> dict:
    return {
        "id": post.pk,
        "body": post.body,
        "created_at": post.created_at,
        "edited_at": post.edited_at,
        "hidden_by_moderation": post.is_hidden,
        **extra,
    }


def _follow(subscription: Subscription) -> dict:
    if subscription.question_id:
        kind, target = "question", subscription.question.title
    elif subscription.theme_id:
        kind, target = "theme", subscription.theme.slug
    else:
        kind, target = "region", subscription.region.slug
    return {"kind": kind, "target": target, "since": subscription.created_at}


def account_data(user) -> dict:
    """Questions, answers, comments, votes, follows, flags and routed questions."""
    models_by_type = {
        ct.pk: ct.model
        for ct in ContentType.objects.get_for_models(Question, Answer, Comment).values()
    }
    return {
        "questions": [
            _post(q, title=q.title, language=q.language, url=q.get_absolute_url())
            for q in Question.objects.filter(author=user).order_by("created_at")
        ],
        "answers": [
            _post(a, question=a.question.title)
            for a in Answer.objects.filter(author=user)
            .select_related("question")
            .order_by("created_at")
        ],
        "comments": [
            _post(c, answer=c.answer_id)
            for c in Comment.objects.filter(author=user).order_by("created_at")
        ],
        "votes": [
            {
                "on": models_by_type.get(v.content_type_id, "post"),
                "id": v.object_id,
                "value": v.value,
                "created_at": v.created_at,
            }
            for v in Vote.objects.filter(user=user).order_by("created_at")
        ],
        "follows": [
            _follow(s)
            for s in Subscription.objects.filter(user=user)
            .select_related("question", "theme", "region")
            .order_by("created_at")
        ],
        "flags": [
            {
                "on": models_by_type.get(f.content_type_id, "post"),
                "id": f.object_id,
                "reason": f.reason,
                "note": f.note,
                "status": f.status,
                "created_at": f.created_at,
            }
            for f in Flag.objects.filter(reporter=user).order_by("created_at")
        ],
        "routed_questions": [
            {"question": r.question.title, "reason": r.reason, "at": r.created_at}
            for r in QuestionRoute.objects.filter(user=user)
            .select_related("question")
            .order_by("created_at")
        ],
    }


@transaction.atomic
def on_account_deleted(sender, user, **kwargs) -> None:
    """Stop following and being routed to (flags stay, like posts)."""
    Subscription.objects.filter(user=user).delete()
    QuestionRoute.objects.filter(user=user).delete()
