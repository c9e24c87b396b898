"""Writes of the forum: each validates, guards privacy, saves atomically, notifies.

Services raise ``ValidationError`` for input the author can fix (shown on the form,
4xx) and ``PermissionDenied`` for actions the user may not take (403).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from exchange.accounts.permissions import require_coordinator, require_member
from exchange.core.privacy import privacy_check, privacy_check_fields
from exchange.notifications.services import notification_send
from practices.selectors import can_create_practice
from practices.services import practice_create_draft

from . import routing, selectors
from .markup import plain_text
from .models import (
    Answer,
    Comment,
    Flag,
    Question,
    QuestionRoute,
    Revision,
    Subscription,
    Vote,
)
from .signals import moderation_action

TITLE_MIN = 10
TITLE_MAX = 200
BODY_MAX = 20_000
COMMENT_MAX = 2_000
DOUBLE_SUBMIT_WINDOW = timedelta(minutes=10)
FORUM_MEMBERS_ONLY = _("Only members can take part in the forum.")
MODERATORS_ONLY = _("Only coordinators can moderate the forum.")


# --- Validation ---------------------------------------------------------------------


def _validate_text(*, body: str, title: str | None = None, body_max=BODY_MAX) -> None:
    errors = {}
    if title is not None:
        title = title.strip()
        if not title:
            errors["title"] = _("Give your question a title.")
        elif len(title) < TITLE_MIN:
            errors["title"] = format_lazy(
                _("The title is too short: use at least {n} characters."), n=TITLE_MIN
            )
        elif len(title) > TITLE_MAX:
            errors["title"] = format_lazy(
                _("The title is too long: at most {n} characters."), n=TITLE_MAX
            )
    body = (body or "").strip()
    if not body:
        errors["body"] = _("The text cannot be empty.")
    elif len(body) > body_max:
        errors["body"] = format_lazy(
            _("The text is too long: at most {n} characters (you wrote {count})."),
            n=body_max,
            count=len(body),
        )
    if errors:
        raise ValidationError(errors)

    if not plain_text(body) and "<" in body:
        raise ValidationError(
            {
                "body": _(
                    "Only markup was left after cleaning: write your text in words."
                )
            }
        )
    privacy_check(*(t for t in (title, body) if t))


def _can_edit(user, post) -> bool:
    return user.is_coordinator or post.author_id == user.pk


def _record_revision(post, *, editor, reason: str = "") -> None:
    Revision.objects.create(
        content_type=ContentType.objects.get_for_model(post),
        object_id=post.pk,
        title=getattr(post, "title", ""),
        body=post.body,
        editor=editor,
        reason=reason[:200],
    )


# --- Notifications -------------------------------------------------------------------


def _notify(recipients, *, kind: str, title, post, actor, body="", done=None):
    """Notify each recipient once, with a link in their language."""
    done = done if done is not None else set()
    for recipient in recipients:
        if recipient.pk in done or (actor is not None and recipient.pk == actor.pk):
            continue
        done.add(recipient.pk)
        if not recipient.is_member:
            continue
        with translation.override(recipient.language or settings.LANGUAGE_CODE):
            url = post.get_absolute_url()
        notification_send(
            recipient=recipient,
            kind=kind,
            title=title,
            body=body,
            url=url,
            actor=actor,
        )
    return done


def _question_routed(question: Question) -> None:
    """Tell matching specialists, then followers of the question's themes/region."""

    excerpt = plain_text(question.body)[:300]
    specialists = list(routing.specialists_for_question(question))
    QuestionRoute.objects.bulk_create(
        [
            QuestionRoute(
                question=question, user=user, reason=QuestionRoute.Reason.MATCH
            )
            for user in specialists
        ],
        ignore_conflicts=True,
    )
    done = _notify(
        specialists,
        kind="forum.question_routed",
        title=format_lazy(
            "{}: {}", _("A question for you as specialist"), question.title
        ),
        body=excerpt,
        post=question,
        actor=question.author,
    )
    _notify(
        selectors.followers_of_topics(question),
        kind="forum.question_new",
        title=format_lazy(
            "{}: {}", _("New question on a topic you follow"), question.title
        ),
        body=excerpt,
        post=question,
        actor=question.author,
        done=done,
    )


# --- Questions -----------------------------------------------------------------------


def question_create(
    *,
    author,
    title: str,
    body: str,
    themes,
    target_groups=(),
    municipality=None,
    region=None,
    language: str = "nl",
    practices=(),
    created_at=None,
    external_id: str = "",
    notify: bool = True,
) -> Question:
    """Post a question; route it to matching specialists. Returns the question.

    A second identical submission within a few minutes returns the first question
    instead of creating a duplicate.
    """
    if notify:
        require_member(author, FORUM_MEMBERS_ONLY)
    _validate_text(title=title, body=body)
    themes = list(themes)
    if not themes:
        raise ValidationError({"themes": _("Choose at least one theme.")})
    if region is None and municipality is not None:
        region = municipality.region
    recent = Question.objects.filter(
        author=author,
        title=title.strip(),
        body=body.strip(),
        created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
    ).first()
    if recent is not None and not external_id:
        recent.was_duplicate_submission = True
        return recent
    now = created_at or timezone.now()
    with transaction.atomic():
        question = Question(
            author=author,
            title=title.strip(),
            body=body.strip(),
            language=language,
            municipality=municipality,
            region=region,
            created_at=now,
            last_activity_at=now,
            external_id=external_id,
        )
        question.save()
        question.themes.set(themes)
        question.target_groups.set(list(target_groups))
        _set_practices(question, practices)
        Subscription.objects.get_or_create(user=author, question=question)
        if notify:
            _question_routed(question)
    return question


def _set_practices(question, practices) -> None:
    practices = list(practices or [])
    if hasattr(question, "practices"):
        question.practices.set(practices)


def question_update(
    *,
    question: Question,
    editor,
    title: str,
    body: str,
    themes=None,
    target_groups=None,
    municipality=None,
    region=None,
    language: str | None = None,
    practices=None,
    reason: str = "",
) -> Question:
    """Edit a question; the previous text is kept in its history."""
    if not _can_edit(editor, question):
        raise PermissionDenied(_("You can only edit your own posts."))
    if question.is_locked and not editor.is_coordinator:
        raise PermissionDenied(_("This question is locked."))
    _validate_text(title=title, body=body)
    if themes is not None and not list(themes):
        raise ValidationError({"themes": _("Choose at least one theme.")})
    with transaction.atomic():
        if title.strip() != question.title or body.strip() != question.body:
            _record_revision(question, editor=editor, reason=reason)
            question.edited_at = timezone.now()
        question.title = title.strip()
        question.body = body.strip()
        if language:
            question.language = language
        question.municipality = municipality
        question.region = region or (municipality.region if municipality else None)
        question.save()
        if themes is not None:
            question.themes.set(list(themes))
        if target_groups is not None:
            question.target_groups.set(list(target_groups))
        if practices is not None:
            _set_practices(question, practices)
    return question


# --- Answers and comments ----------------------------------------------------------


def _question_touch(question: Question) -> None:
    Question.objects.filter(pk=question.pk).update(last_activity_at=timezone.now())


def answer_create(
    *,
    question: Question,
    author,
    body: str,
    created_at=None,
    external_id: str = "",
    notify: bool = True,
) -> Answer:
    """Answer a question and tell its followers."""
    if notify:
        require_member(author, FORUM_MEMBERS_ONLY)
    if not question.is_answerable and not author.is_coordinator:
        raise PermissionDenied(_("This question is closed for new answers."))
    _validate_text(body=body)
    recent = Answer.objects.filter(
        question=question,
        author=author,
        body=body.strip(),
        created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
    ).first()
    if recent is not None and not external_id:
        recent.was_duplicate_submission = True
        return recent
    with transaction.atomic():
        answer = Answer(
            question=question,
            author=author,
            body=body.strip(),
            created_at=created_at or timezone.now(),
            external_id=external_id,
        )
        answer.save()
        question.refresh_counters()
        if notify:
            _question_touch(question)
            Subscription.objects.get_or_create(user=author, question=question)
            _notify(
                selectors.followers_of_question(question),
                kind="forum.answer_new",
                title=format_lazy("{}: {}", _("New answer"), question.title),
                post=answer,
                actor=author,
            )
    return answer


def comment_create(*, answer: Answer, author, body: str) -> Comment:
    require_member(author, FORUM_MEMBERS_ONLY)
    if not answer.question.is_answerable and not author.is_coordinator:
        raise PermissionDenied(_("This question is closed for new answers."))
    _validate_text(body=body, body_max=COMMENT_MAX)
    recent = Comment.objects.filter(
        answer=answer,
        author=author,
        body=body.strip(),
        created_at__gte=timezone.now() - DOUBLE_SUBMIT_WINDOW,
    ).first()
    if recent is not None:
        recent.was_duplicate_submission = True
        return recent
    with transaction.atomic():
        comment = Comment(answer=answer, author=author, body=body.strip())
        comment.save()
        _question_touch(answer.question)
        _notify(
            [answer.author],
            kind="forum.comment_new",
            title=format_lazy(
                "{}: {}", _("New comment on your answer"), answer.question.title
            ),
            post=comment,
            actor=author,
        )
    return comment


def post_update(*, post: Answer | Comment, editor, body: str, reason: str = ""):
    """Edit an answer or a comment: its author or a coordinator; the old text is kept
    as a revision. Answers of a locked question stay as they are (coordinators
    excepted)."""
    if not _can_edit(editor, post):
        raise PermissionDenied(_("You can only edit your own posts."))
    if (
        isinstance(post, Answer)
        and post.question.is_locked
        and not editor.is_coordinator
    ):
        raise PermissionDenied(_("This question is locked."))
    _validate_text(
        body=body, body_max=COMMENT_MAX if isinstance(post, Comment) else BODY_MAX
    )
    with transaction.atomic():
        if body.strip() != post.body:
            _record_revision(post, editor=editor, reason=reason)
            post.edited_at = timezone.now()
        post.body = body.strip()
        post.save()
    return post


# --- Votes, acceptance, validation ---------------------------------------------------


def vote_cast(*, user, post, value: int) -> int:
    """Vote +1/-1 on a question or answer; the same vote again undoes it.

    Returns the post's new score. The post row is locked while counting so that
    concurrent votes give an exact total.
    """
    require_member(user, FORUM_MEMBERS_ONLY)
    if value not in (1, -1):
        raise ValidationError(_("A vote is +1 or -1."))
    if post.author_id == user.pk:
        raise PermissionDenied(_("You cannot vote on your own post."))
    model = type(post)
    content_type = ContentType.objects.get_for_model(model)
    try:
        with transaction.atomic():
            model.objects.select_for_update().filter(pk=post.pk).first()
            existing = Vote.objects.filter(
                content_type=content_type, object_id=post.pk, user=user
            ).first()
            if existing is None:
                Vote.objects.create(
                    content_type=content_type, object_id=post.pk, user=user, value=value
                )
                delta = value
            elif existing.value == value:
                existing.delete()
                delta = -value
            else:
                existing.value = value
                existing.save(update_fields=["value"])
                delta = 2 * value
            model.objects.filter(pk=post.pk).update(vote_score=F("vote_score") + delta)
    except IntegrityError:
        # The same user's simultaneous second click: the first one counted.
        pass
    return model.objects.values_list("vote_score", flat=True).get(pk=post.pk)


def answer_accept(*, answer: Answer, user) -> Question:
    """The asker accepts ``answer`` (replacing an earlier choice)."""
    question = answer.question
    if question.author_id != user.pk:
        raise PermissionDenied(_("Only the person who asked can accept an answer."))
    if answer.is_hidden:
        raise ValidationError(_("This answer is no longer available."))
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question.pk)
        question.accepted_answer = answer
        if question.status == Question.Status.OPEN:
            question.status = Question.Status.SOLVED
        question.save(update_fields=["accepted_answer", "status", "updated_at"])
        _notify(
            [answer.author],
            kind="forum.answer_accepted",
            title=format_lazy("{}: {}", _("Your answer was accepted"), question.title),
            post=answer,
            actor=user,
        )
    return question


def answer_unaccept(*, question: Question, user) -> Question:
    if question.author_id != user.pk:
        raise PermissionDenied(_("Only the person who asked can accept an answer."))
    with transaction.atomic():
        question = Question.objects.select_for_update().get(pk=question.pk)
        question.accepted_answer = None
        if question.status == Question.Status.SOLVED:
            question.status = Question.Status.OPEN
        question.save(update_fields=["accepted_answer", "status", "updated_at"])
    return question


def answer_validate(*, answer: Answer, user, validated: bool = True) -> Answer:
    """A coordinator marks an answer as validated (or withdraws that)."""
    if not user.is_coordinator:
        raise PermissionDenied(_("Only coordinators can validate answers."))
    answer.validated_by = user if validated else None
    answer.validated_at = timezone.now() if validated else None
    answer.save(update_fields=["validated_by", "validated_at", "updated_at"])
    if validated:
        _notify(
            [answer.author],
            kind="forum.answer_validated",
            title=format_lazy(
                "{}: {}",
                _("A coordinator validated your answer"),
                answer.question.title,
            ),
            post=answer,
            actor=user,
        )
    return answer


# --- Following -----------------------------------------------------------------------


def follow_toggle(*, user, question=None, theme=None, region=None) -> bool:
    """Follow or unfollow one target; returns whether the user now follows it."""
    require_member(user, FORUM_MEMBERS_ONLY)
    if sum(x is not None for x in (question, theme, region)) != 1:
        raise ValidationError(_("Follow one question, theme or region at a time."))
    existing = Subscription.objects.filter(
        user=user, question=question, theme=theme, region=region
    )
    if existing.exists():
        existing.delete()
        return False
    try:
        with transaction.atomic():
            Subscription.objects.create(
                user=user, question=question, theme=theme, region=region
            )
    except IntegrityError:
        pass  # a double click: already following
    return True


# --- Moderation ----------------------------------------------------------------------


def flag_create(*, reporter, post, reason: str, note: str = "") -> Flag:
    """Any member reports a post to the coordinators."""
    require_member(reporter, FORUM_MEMBERS_ONLY)
    if reason not in Flag.Reason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    content_type = ContentType.objects.get_for_model(post)
    existing = Flag.objects.filter(
        content_type=content_type,
        object_id=post.pk,
        reporter=reporter,
        status=Flag.Status.OPEN,
    ).first()
    if existing is not None:
        return existing
    privacy_check_fields(note=note or "")
    flag = Flag.objects.create(
        content_type=content_type,
        object_id=post.pk,
        reporter=reporter,
        reason=reason,
        note=(note or "")[:2000],
    )
    return flag


def _moderated(post, *, moderator, verb, reason="", before=None, after=None):
    moderation_action.send(
        sender=type(post),
        moderator=moderator,
        post=post,
        verb=verb,
        reason=reason,
        before=before,
        after=after,
    )


def _resolve_flags(post, *, moderator, status) -> None:
    Flag.objects.filter(
        content_type=ContentType.objects.get_for_model(post),
        object_id=post.pk,
        status=Flag.Status.OPEN,
    ).update(status=status, resolved_by=moderator, resolved_at=timezone.now())


def post_hide(*, post, moderator, hidden: bool = True):
    """Hide a post (or show it again); hidden posts leave every list and the index."""
    require_coordinator(moderator, MODERATORS_ONLY)
    with transaction.atomic():
        post.is_hidden = hidden
        post.save()
        question = post if isinstance(post, Question) else post.question
        question.refresh_counters()
        if hidden:
            _resolve_flags(post, moderator=moderator, status=Flag.Status.HIDDEN)
        _moderated(
            post,
            moderator=moderator,
            verb="hide" if hidden else "unhide",
            before={"hidden": not hidden},
            after={"hidden": hidden},
        )
    return post


def flag_dismiss(*, flag: Flag, moderator) -> Flag:
    require_coordinator(moderator, MODERATORS_ONLY)
    flag.status = Flag.Status.DISMISSED
    flag.resolved_by = moderator
    flag.resolved_at = timezone.now()
    flag.save(update_fields=["status", "resolved_by", "resolved_at"])
    if flag.post is not None:
        _moderated(
            flag.post,
            moderator=moderator,
            verb="dismiss_flag",
            reason=flag.note,
            after={"flag": flag.reason},
        )
    return flag


def post_moderate_edit(*, post, moderator, body: str, title: str | None = None):
    """A coordinator rewrites a flagged post (e.g. to remove personal data)."""
    require_coordinator(moderator, MODERATORS_ONLY)
    reason = str(_("Edited by a moderator"))
    before = {"title": getattr(post, "title", None), "body": post.body}
    if isinstance(post, Question):
        question_update(
            question=post,
            editor=moderator,
            title=title or post.title,
            body=body,
            municipality=post.municipality,
            region=post.region,
            reason=reason,
        )
    else:
        post_update(post=post, editor=moderator, body=body, reason=reason)
    _resolve_flags(post, moderator=moderator, status=Flag.Status.EDITED)
    _moderated(
        post,
        moderator=moderator,
        verb="edit",
        before=before,
        after={"title": getattr(post, "title", None), "body": post.body},
    )
    return post


def question_lock(*, question: Question, moderator, locked: bool = True) -> Question:
    require_coordinator(moderator, MODERATORS_ONLY)
    before = {"locked": question.is_locked}
    question.is_locked = locked
    question.save(update_fields=["is_locked", "updated_at"])
    _moderated(
        question,
        moderator=moderator,
        verb="lock" if locked else "unlock",
        before=before,
        after={"locked": locked},
    )
    return question


def question_close_duplicate(
    *, question: Question, duplicate_of: Question, moderator
) -> Question:
    """Close ``question`` pointing to the one that already answers it."""
    require_coordinator(moderator, MODERATORS_ONLY)
    if duplicate_of.pk == question.pk:
        raise ValidationError(_("A question cannot duplicate itself."))
    if duplicate_of.is_hidden:
        raise ValidationError(_("Choose a visible question."))
    before = {"status": question.status, "duplicate_of": question.duplicate_of_id}
    question.duplicate_of = duplicate_of
    question.status = Question.Status.CLOSED
    question.save(update_fields=["duplicate_of", "status", "updated_at"])
    _moderated(
        question,
        moderator=moderator,
        verb="close_duplicate",
        before=before,
        after={"status": question.status, "duplicate_of": duplicate_of.pk},
    )
    _notify(
        [question.author],
        kind="forum.question_duplicate",
        title=format_lazy(
            "{}: {}", _("Your question was closed as a duplicate"), question.title
        ),
        post=duplicate_of,
        actor=moderator,
    )
    return question


def question_move_themes(*, question: Question, themes, moderator) -> Question:
    require_coordinator(moderator, MODERATORS_ONLY)
    themes = list(themes)
    if not themes:
        raise ValidationError({"themes": _("Choose at least one theme.")})
    before = {"themes": sorted(t.slug for t in question.themes.all())}
    question.themes.set(themes)
    question.save(update_fields=["updated_at"])
    _moderated(
        question,
        moderator=moderator,
        verb="move_themes",
        before=before,
        after={"themes": sorted(t.slug for t in themes)},
    )
    return question


def question_convert_to_practice(*, question: Question, moderator):
    """Turn a solved question into a draft practice for its author to complete."""
    require_coordinator(moderator, MODERATORS_ONLY)
    if question.accepted_answer_id is None:
        raise ValidationError(_("Only a solved question can become a practice."))
    if question.draft_practice_id:
        raise ValidationError(_("This question already became a draft practice."))
    answer = question.accepted_answer
    # The asker completes it when allowed to write practices; otherwise whoever
    # answered (usually a specialist), else the coordinator.
    owner = next(
        user
        for user in (question.author, answer.author, moderator)
        if user.is_member and can_create_practice(user)
    )
    practice = practice_create_draft(
        author=owner,
        title=question.title,
        summary=plain_text(question.body)[:500],
        context=plain_text(question.body),
        body_text=plain_text(answer.body),
        language=question.language,
        themes=list(question.themes.all()),
        target_groups=list(question.target_groups.all()),
        municipalities=[question.municipality] if question.municipality else [],
    )
    question.practices.add(practice)
    question.draft_practice = practice
    question.save(update_fields=["draft_practice", "updated_at"])
    _moderated(
        question,
        moderator=moderator,
        verb="convert_to_practice",
        after={"practice": practice.pk},
    )
    notification_send(
        recipient=owner,
        kind="forum.practice_draft",
        title=format_lazy(
            "{}: {}", _("A draft practice for you to complete"), question.title
        ),
        url=f"/admin/pages/{practice.pk}/edit/",
        actor=moderator,
    )
    return practice


# --- Escalation ----------------------------------------------------------------------


def questions_escalate(*, now=None) -> int:
    """Send questions unanswered for FORUM_ESCALATION_DAYS to the coordinators."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.FORUM_ESCALATION_DAYS)
    count = 0
    people = list(routing.coordinators())
    for question in selectors.unanswered_for_escalation(cutoff).select_related(
        "author"
    ):
        with transaction.atomic():
            updated = Question.objects.filter(
                pk=question.pk, escalated_at__isnull=True
            ).update(escalated_at=now)
            if not updated:
                continue  # another worker took it
            QuestionRoute.objects.bulk_create(
                [
                    QuestionRoute(
                        question=question,
                        user=user,
                        reason=QuestionRoute.Reason.ESCALATION,
                    )
                    for user in people
                ],
                ignore_conflicts=True,
            )
            _notify(
                people,
                kind="forum.question_escalated",
                title=format_lazy(
                    "{}: {}",
                    format_lazy(
                        _("Unanswered for {days} days"),
                        days=settings.FORUM_ESCALATION_DAYS,
                    ),
                    question.title,
                ),
                post=question,
                actor=None,
            )
            count += 1
    return count
