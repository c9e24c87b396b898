"""What the forum does when another app tells it something changed."""

from django.db import transaction

from .models import Question, QuestionRoute


@transaction.atomic
def on_designation_handover(sender, designation, successor, **kwargs) -> None:
    """A specialist's designation ended: their open routed questions go to the
    successor (same reason, once), and stop being routed to them. Without a
    successor the routes stay, so the escalation still reaches a coordinator."""
    if successor is None:
        return
    routes = list(
        QuestionRoute.objects.select_for_update().filter(
            user=designation.user, question__status=Question.Status.OPEN
        )
    )
    for route in routes:
        QuestionRoute.objects.get_or_create(
            question_id=route.question_id, user=successor, reason=route.reason
        )
    QuestionRoute.objects.filter(pk__in=[route.pk for route in routes]).delete()
