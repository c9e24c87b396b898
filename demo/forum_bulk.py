"""Fast creation of many synthetic questions and answers (``seed_demo --scale``).

``question_create`` and ``answer_create`` cost about a dozen queries a post
(validation, duplicate check, counters, follow, m2m sets): hours for 100 000 posts
on two cores. This path writes the same rows in batches of ``BATCH`` questions:

1. ``bulk_create`` of the questions, with what ``question_create`` sets and what the
   later services keep up to date: ``body_html`` (the Markdown of plain paragraphs,
   made directly: see ``demo.synthetic.paragraphs_html``), language,
   municipality and its region, ``created_at``; ``answer_count``,
   ``last_activity_at`` (the last answer) and, for about 40 % of the answered
   questions, an accepted answer and the status "solved";
2. the theme and target-group links and the asker's follow of the question
   (``question_create`` subscribes the author);
3. ``bulk_create`` of the answers (no follows, notifications or routes: the
   services skip those with ``notify=False`` too), then the accepted answers.

No revisions are written: the services keep one only when a post is edited.
No search outbox rows either (``bulk_create`` sends no signals): run
``search_index rebuild`` afterwards, which ``seed_demo`` does unless ``--no-index``.

Synthetic questions have ``external_id`` ``synthetic-<n>``, their answers
``synthetic-<n>#<k>``. The number of answers of question n is fixed by n
(``answers_for``), so ``count`` posts always mean the same questions: a second run
with the same count adds nothing.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from demo.synthetic import TextMaker, paragraphs_html
from forum.models import Answer, Question, Subscription

BATCH = 1000
PREFIX = "synthetic-"
# Answers per question, in turn: 30 questions hold 45 answers (1.5 on average).
ANSWER_CYCLE = (1, 2, 0, 3, 1, 1, 2, 0, 4, 1, 2, 1, 0, 2, 3, 1, 1, 2, 0, 1,
                2, 1, 3, 0, 1, 2, 1, 5, 1, 1)  # fmt: skip
LANGUAGE_WEIGHTS = {"nl": 45, "fr": 38, "de": 5, "en": 12}


def answers_for(number: int) -> int:
    return ANSWER_CYCLE[number % len(ANSWER_CYCLE)]


def questions_for(posts: int) -> int:
    """How many questions (with their answers) make up about ``posts`` posts."""
    questions, total = 0, 0
    while total < posts:
        total += 1 + answers_for(questions)
        questions += 1
    return questions


def forum_bulk_create(*, posts: int, asker, helpers, seed: int = 2026) -> tuple:
    """Questions and answers numbering about ``posts`` in all (the missing ones).

    Returns (questions created, answers created).
    """
    from exchange.taxonomy.models import TargetGroup, Theme
    from specialists.models import Municipality

    wanted = questions_for(posts)
    existing = set(
        Question.objects.filter(external_id__startswith=PREFIX).values_list(
            "external_id", flat=True
        )
    )
    missing = [n for n in range(wanted) if f"{PREFIX}{n}" not in existing]
    if not missing:
        return 0, 0
    themes = list(Theme.objects.all())
    groups = list(TargetGroup.objects.all())
    places = list(Municipality.objects.select_related("region"))
    if not themes:
        raise RuntimeError("Load the themes before --scale.")
    made_questions = made_answers = 0
    for start in range(0, len(missing), BATCH):
        numbers = missing[start : start + BATCH]
        rng = random.Random(seed + numbers[0])  # noqa: S311 - synthetic text
        q, a = _batch(numbers, rng, asker, helpers, themes, groups, places)
        made_questions += q
        made_answers += a
    return made_questions, made_answers


@transaction.atomic
def _batch(numbers, rng, asker, helpers, themes, groups, places):
    maker = TextMaker(rng, places=places, themes=themes, groups=groups)
    now = timezone.now()
    languages = rng.choices(
        list(LANGUAGE_WEIGHTS), weights=list(LANGUAGE_WEIGHTS.values()), k=len(numbers)
    )
    questions, plans = [], []
    for number, language in zip(numbers, languages, strict=True):
        place = rng.choice(places) if places and rng.random() < 0.7 else None
        question_themes = rng.sample(themes, rng.choice((1, 1, 2)))
        question_groups = rng.sample(groups, rng.choice((0, 1, 1, 2))) if groups else []
        context = {"place": place, "theme": question_themes[0]}
        if question_groups:
            context["group"] = question_groups[0]
        title = maker.title(language, **context)[:200]
        paragraphs = maker.paragraphs(
            language, rng.randint(1, 3), broad=maker.broad(), **context
        )
        created = now - timedelta(
            days=rng.randint(1, 1500), minutes=rng.randint(0, 1439)
        )
        answer_times = sorted(
            created + timedelta(hours=rng.randint(1, 24 * 60))
            for _ in range(answers_for(number))
        )
        answer_times = [min(t, now) for t in answer_times]
        questions.append(
            Question(
                author=asker,
                title=title,
                body="\n\n".join(paragraphs),
                body_html=paragraphs_html(paragraphs),
                language=language,
                municipality=place,
                region=place.region if place else None,
                created_at=created,
                last_activity_at=answer_times[-1] if answer_times else created,
                answer_count=len(answer_times),
                external_id=f"{PREFIX}{number}",
            )
        )
        plans.append((number, language, context, question_themes, question_groups,
                      answer_times))  # fmt: skip
    Question.objects.bulk_create(questions)
    if questions[0].pk is None:
        raise RuntimeError("The database must return ids from bulk inserts.")

    theme_links, group_links, follows, answers = [], [], [], []
    ThemeLink = Question.themes.through
    GroupLink = Question.target_groups.through
    for question, (number, language, context, q_themes, q_groups, times) in zip(
        questions, plans, strict=True
    ):
        theme_links += [
            ThemeLink(question_id=question.pk, theme_id=t.pk) for t in q_themes
        ]
        group_links += [
            GroupLink(question_id=question.pk, targetgroup_id=g.pk) for g in q_groups
        ]
        follows.append(Subscription(user=asker, question_id=question.pk))
        for k, when in enumerate(times, start=1):
            paragraphs = [maker.opening(language, **context)]
            paragraphs += maker.paragraphs(
                language, rng.randint(1, 2), broad=maker.broad(), **context
            )
            paragraphs.append(maker.closing(language, **context))
            answers.append(
                Answer(
                    question_id=question.pk,
                    author=helpers[(number + k) % len(helpers)],
                    body="\n\n".join(paragraphs),
                    body_html=paragraphs_html(paragraphs),
                    created_at=when,
                    external_id=f"{question.external_id}#{k}",
                )
            )
    ThemeLink.objects.bulk_create(theme_links)
    GroupLink.objects.bulk_create(group_links)
    Subscription.objects.bulk_create(follows)
    Answer.objects.bulk_create(answers)

    # The asker accepts one answer of about 40 % of the answered questions.
    by_question: dict[int, list] = {}
    for answer in answers:
        by_question.setdefault(answer.question_id, []).append(answer)
    accepted = []
    for question in questions:
        candidates = by_question.get(question.pk)
        if candidates and rng.random() < 0.4:
            question.accepted_answer_id = rng.choice(candidates).pk
            question.status = Question.Status.SOLVED
            accepted.append(question)
    Question.objects.bulk_update(
        accepted, ["accepted_answer", "status"], batch_size=500
    )
    return len(questions), len(answers)
