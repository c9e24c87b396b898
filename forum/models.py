"""Questions, answers, comments, votes, follows and flags of the Q&A forum.

Invariants live here (one accepted answer per question, one vote per user and post,
denormalised counters refreshed in one method); writes go through ``services.py``.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = [
    ("nl", _("Dutch")),
    ("fr", _("French")),
    ("de", _("German")),
    ("en", _("English")),
]


class VisibleQuerySet(models.QuerySet):
    def visible(self):
        """Posts not hidden by moderation."""
        return self.filter(is_hidden=False)


class Post(models.Model):
    """Fields every forum post shares: author, Markdown source, sanitised HTML."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("text"), help_text=_("Markdown is allowed."))
    body_html = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    edited_at = models.DateTimeField(_("last edited"), null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden by moderation"), default=False)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        from .markup import render_markdown

        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)


class Question(Post):
    """A caseworker's question to the network."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        SOLVED = "solved", _("Solved")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(
        _("language"), max_length=2, choices=LANGUAGE_CHOICES, default="nl"
    )
    themes = models.ManyToManyField(
        "taxonomy.Theme", related_name="questions", verbose_name=_("themes")
    )
    target_groups = models.ManyToManyField(
        "taxonomy.TargetGroup",
        related_name="questions",
        blank=True,
        verbose_name=_("target groups"),
    )
    municipality = models.ForeignKey(
        "specialists.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("municipality"),
    )
    region = models.ForeignKey(
        "specialists.Region",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("region"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    accepted_answer = models.OneToOneField(
        "forum.Answer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted answer"),
    )
    is_locked = models.BooleanField(_("locked"), default=False)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    practices = models.ManyToManyField(
        "practices.PracticePage",
        related_name="linked_questions",
        blank=True,
        verbose_name=_("linked practices"),
    )
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    answer_count = models.PositiveIntegerField(default=0)
    vote_score = models.IntegerField(default=0)
    external_id = models.CharField(max_length=200, blank=True, db_index=True)
    draft_practice = models.ForeignKey(
        "practices.PracticePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="draft_of_questions",
        verbose_name=_("draft practice"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~Q(external_id=""),
                name="forum_question_unique_external_id",
            )
        ]
        # The question list's newest-first page reads 20 rows from this index
        # instead of sorting every question (issue 13, item 7).
        indexes = [
            models.Index(
                models.F("created_at").desc(),
                models.F("id").desc(),
                name="forum_question_newest",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forum:question", args=[self.pk])

    def refresh_counters(self):
        """Recount visible answers and the vote score (after any change to them)."""
        answers = self.answers.filter(is_hidden=False).count()
        score = Vote.objects.filter(
            content_type=ContentType.objects.get_for_model(Question),
            object_id=self.pk,
        ).aggregate(total=models.Sum("value"))["total"]
        Question.objects.filter(pk=self.pk).update(
            answer_count=answers, vote_score=score or 0
        )
        self.answer_count, self.vote_score = answers, score or 0

    @property
    def is_answerable(self) -> bool:
        return not self.is_locked and self.status != self.Status.CLOSED


class Answer(Post):
    """An answer to a question; the asker may accept one, a coordinator validate it."""

    question = models.ForeignKey(
        Question,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("question"),
    )
    vote_score = models.IntegerField(default=0)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("validated by"),
    )
    validated_at = models.DateTimeField(null=True, blank=True)
    external_id = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return f"{self.question.title} ({self.pk})"

    def get_absolute_url(self):
        return f"{self.question.get_absolute_url()}#answer-{self.pk}"


class Comment(Post):
    """A short remark on an answer."""

    answer = models.ForeignKey(
        Answer,
        on_delete=models.CASCADE,
        related_name="comments",
        verbose_name=_("answer"),
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return self.body[:60]

    def get_absolute_url(self):
        return f"{self.answer.question.get_absolute_url()}#comment-{self.pk}"

    @property
    def question(self):
        return self.answer.question


class Revision(models.Model):
    """The previous text of a post, kept on each edit; visible to every member."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    post = GenericForeignKey("content_type", "object_id")
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self):
        return (
            f"{self.content_type.model} {self.object_id} ({self.created_at:%Y-%m-%d})"
        )


class Vote(models.Model):
    """One member's up- or down-vote on a question or an answer."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    post = GenericForeignKey("content_type", "object_id")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_votes"
    )
    value = models.SmallIntegerField(choices=[(1, "+1"), (-1, "-1")])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user"],
                name="forum_vote_one_per_user",
            )
        ]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self):
        return f"{self.value:+d} on {self.content_type.model} {self.object_id}"


class Subscription(models.Model):
    """A member follows a question, a theme or a region."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="forum_subscriptions",
    )
    question = models.ForeignKey(
        Question,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
    )
    theme = models.ForeignKey(
        "taxonomy.Theme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    region = models.ForeignKey(
        "specialists.Region",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(question__isnull=False, theme__isnull=True, region__isnull=True)
                    | Q(question__isnull=True, theme__isnull=False, region__isnull=True)
                    | Q(question__isnull=True, theme__isnull=True, region__isnull=False)
                ),
                name="forum_subscription_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "question"],
                condition=Q(question__isnull=False),
                name="forum_subscription_unique_question",
            ),
            models.UniqueConstraint(
                fields=["user", "theme"],
                condition=Q(theme__isnull=False),
                name="forum_subscription_unique_theme",
            ),
            models.UniqueConstraint(
                fields=["user", "region"],
                condition=Q(region__isnull=False),
                name="forum_subscription_unique_region",
            ),
        ]
        verbose_name = _("follow")
        verbose_name_plural = _("follows")

    def __str__(self):
        return str(self.question or self.theme or self.region)


class Flag(models.Model):
    """A member's report of a post to the moderators."""

    class Reason(models.TextChoices):
        PERSONAL_DATA = "personal_data", _("Contains personal data of a client")
        OFFENSIVE = "offensive", _("Offensive or discriminatory")
        SPAM = "spam", _("Spam or advertising")
        WRONG = "wrong", _("Wrong or dangerous information")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        HIDDEN = "hidden", _("Post hidden")
        EDITED = "edited", _("Post edited")
        DISMISSED = "dismissed", _("Dismissed")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    post = GenericForeignKey("content_type", "object_id")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("explanation"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "reporter"],
                condition=Q(status="open"),
                name="forum_flag_one_open_per_reporter",
            )
        ]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")

    def __str__(self):
        return (
            f"{self.get_reason_display()} ({self.content_type.model} {self.object_id})"
        )


class ImportedAuthor(models.Model):
    """A placeholder account made by the importer for an author known only by name.

    The account cannot log in; it exists so imported posts keep their author's name.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    display_name = models.CharField(max_length=150, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("imported author")
        verbose_name_plural = _("imported authors")

    def __str__(self):
        return self.display_name


class QuestionRoute(models.Model):
    """A specialist (or, on escalation, a coordinator) to whom a question was sent."""

    class Reason(models.TextChoices):
        MATCH = "match", _("Matches your expertise and area")
        ESCALATION = "escalation", _("Unanswered, escalated")

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="routes"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_routes"
    )
    reason = models.CharField(max_length=12, choices=Reason.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "user", "reason"], name="forum_route_unique"
            )
        ]
        verbose_name = _("routed question")
        verbose_name_plural = _("routed questions")

    def __str__(self):
        return f"{self.question} → {self.user}"
