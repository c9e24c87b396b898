"""Demo forum: 46 questions with answers in four languages, votes, follows, notifications.

Idempotent: the importer skips questions already present (by external id), votes
and follows are only added when missing. ``scale=N`` adds about N synthetic posts
(questions and answers) through ``demo.forum_bulk``.
"""

from pathlib import Path

from django.db import transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

DATA = Path(__file__).resolve().parent / "data" / "questions.jsonl"
# Authors in the demo file who are the demo accounts (seed_demo prints their logins).
DEMO_AUTHORS = {
    "Sofie V.": "caseworker@demo.ocmw.example",
    "Karim B.": "specialist@demo.ocmw.example",
}


def _demo_users():
    from exchange.accounts.models import User

    return {
        name: User.objects.filter(email=email).first()
        for name, email in DEMO_AUTHORS.items()
    }


def seed(*, stdout, scale=0):
    from django.contrib.contenttypes.models import ContentType

    from exchange.accounts.models import Role, User
    from exchange.notifications.models import Notification
    from exchange.notifications.services import notification_send
    from exchange.taxonomy.models import Theme
    from forum.importer import import_questions
    from forum.models import Answer, Question, Subscription, Vote
    from forum.services import follow_toggle, vote_cast
    from specialists.models import Region

    author_map = {name: user for name, user in _demo_users().items() if user}
    with DATA.open(encoding="utf-8") as lines:
        report = import_questions(lines, author_map=author_map)
    stdout.write(
        f"Forum: {report.created} questions and {report.answers} answers imported"
        f" ({report.skipped_existing} already there)."
    )
    for line in report.lines()[1:]:
        stdout.write(f"  {line}")

    members = list(
        User.objects.filter(
            email__in=[
                "caseworker@demo.ocmw.example",
                "specialist@demo.ocmw.example",
                "coordinator@demo.mi-is.example",
            ]
        )
    )
    answer_type = ContentType.objects.get_for_model(Answer)
    question_type = ContentType.objects.get_for_model(Question)
    with transaction.atomic():
        # Votes: each demo member finds accepted answers and some questions useful.
        for index, question in enumerate(
            Question.objects.filter(external_id__gt="").order_by("pk")
        ):
            for member in members:
                targets = []
                if question.accepted_answer_id:
                    targets.append((answer_type, question.accepted_answer))
                if (index + member.pk) % 3 == 0:
                    targets.append((question_type, question))
                for content_type, post in targets:
                    if post.author_id == member.pk:
                        continue
                    if Vote.objects.filter(
                        content_type=content_type, object_id=post.pk, user=member
                    ).exists():
                        continue  # a second vote would undo the first
                    vote_cast(user=member, post=post, value=1)
        # Follows: themes and regions that match each demo member's work.
        follows = {
            "caseworker@demo.ocmw.example": (["language-interpreting"], ["flanders"]),
            "specialist@demo.ocmw.example": (
                ["language-interpreting", "work-activation"],
                ["wallonia"],
            ),
            "coordinator@demo.mi-is.example": (["team-organisation"], []),
        }
        for member in members:
            themes, regions = follows.get(member.email, ([], []))
            for theme in Theme.objects.filter(slug__in=themes):
                if not Subscription.objects.filter(user=member, theme=theme).exists():
                    follow_toggle(user=member, theme=theme)
            for region in Region.objects.filter(slug__in=regions):
                if not Subscription.objects.filter(user=member, region=region).exists():
                    follow_toggle(user=member, region=region)
        # A few notifications so the centre and the header badge are not empty.
        caseworker = next((m for m in members if m.role == Role.CASEWORKER), None)
        if (
            caseworker is not None
            and not Notification.objects.filter(
                recipient=caseworker, kind__startswith="forum."
            ).exists()
        ):
            answers = (
                Answer.objects.filter(question__themes__slug="language-interpreting")
                .exclude(author=caseworker)
                .exclude(question__author=caseworker)
                .select_related("question", "author")
                .order_by("-created_at")[:3]
            )
            for answer in answers:
                question = answer.question
                if not Subscription.objects.filter(
                    user=caseworker, question=question
                ).exists():
                    follow_toggle(user=caseworker, question=question)
                notification_send(
                    recipient=caseworker,
                    kind="forum.answer_new",
                    title=format_lazy("{}: {}", _("New answer"), question.title),
                    url=answer.get_absolute_url(),
                    actor=answer.author,
                    email=False,
                )
    if scale:
        _seed_synthetic(scale, stdout=stdout)


def _seed_synthetic(scale: int, *, stdout):
    """About ``scale`` synthetic posts (questions and their answers), in bulk."""
    from demo.forum_bulk import forum_bulk_create
    from forum.importer import imported_author

    asker = imported_author("Synthetic asker")
    helpers = [imported_author(f"Synthetic helper {n}") for n in (1, 2, 3)]
    questions, answers = forum_bulk_create(posts=scale, asker=asker, helpers=helpers)
    stdout.write(
        f"Forum: {questions} synthetic questions and {answers} answers added (--scale)."
    )
