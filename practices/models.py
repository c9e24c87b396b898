"""The good-practice library: index pages, practice pages, adoptions and curation."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from exchange.core.privacy import find_personal_data, stream_texts

from .admin_privacy import admin_display_title
from .blocks import ApproachBlock

# Paths of practices/urls.py under the library; no practice may take these slugs.
RESERVED_SLUGS = {"new", "mine", "review", "feed", "collections"} | {
    code for code, _name in settings.LANGUAGES
}


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone may read it")
    MEMBERS = "members", _("Members only: logged-in colleagues")


class TranslatedBy(models.TextChoices):
    AUTHOR = "author", _("Written by the author (original text)")
    HUMAN = "human", _("Translated by a person")
    MACHINE = "machine", _("Machine translation")


def _reader_language(request) -> str:
    return (
        getattr(request, "LANGUAGE_CODE", None) or translation.get_language() or "en"
    )[:2]


class PracticeIndexPage(Page):
    """The library of one language: lists, filters and sorts the practices."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=600,
        help_text=_("One or two sentences above the list."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["practices.PracticePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("practice library")

    def route(self, request, path_components):
        """Serve a practice of another language inside this library's language.

        ``/fr/practices/<slug>/`` finds a practice of this library first, then one
        with that slug in another language; ``/fr/practices/nl/<slug>/`` names the
        language. Either way the interface stays French and the practice text keeps
        its own language (``PracticePage.reader_url`` builds these links).
        """
        try:
            return super().route(request, path_components)
        except Http404:
            practice = self._practice_elsewhere(path_components)
            if practice is None:
                raise
            return practice.route(request, [])

    def _practice_elsewhere(self, path_components):
        codes = {code for code, _name in settings.LANGUAGES}
        if len(path_components) == 2 and path_components[0] in codes:
            language, slug = path_components
            candidates = PracticePage.objects.filter(
                locale__language_code=language, slug=slug
            )
        elif len(path_components) == 1:
            candidates = PracticePage.objects.filter(slug=path_components[0])
        else:
            return None
        return (
            candidates.live()
            .exclude(locale_id=self.locale_id)
            .order_by("locale__language_code", "pk")
            .first()
        )

    def get_context(self, request, *args, **kwargs):
        from .selectors import practice_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(
            practice_listing(
                request.user, request.GET, language=_reader_language(request)
            )
        )
        return context


class PracticePage(Page):
    """One good practice: a fixed template of structured sections plus a free body."""

    PRIVACY_FIELDS = (
        "title", "summary", "context", "results", "resources", "transferability",
        "legal_basis", "translator_name",
    )  # fmt: skip

    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_(
            "One paragraph in plain language: what the centre does and for whom "
            "(at most 600 characters)."
        ),
    )
    context = models.TextField(
        _("context and problem addressed"),
        max_length=4000,
        blank=True,
        help_text=_("What went wrong or took too long before; who was affected."),
    )
    body = StreamField(
        ApproachBlock(),
        verbose_name=_("approach"),
        blank=True,
        help_text=_("How it works: text, steps, quotes, images, documents, a video."),
    )
    results = models.TextField(
        _("results and evidence"),
        max_length=4000,
        blank=True,
        help_text=_("What changed, with numbers where you have them."),
    )
    resources = models.TextField(
        _("resources needed"),
        max_length=2000,
        blank=True,
        help_text=_("Staff time, cost, partners."),
    )
    transferability = models.TextField(
        _("transferability"),
        max_length=2000,
        blank=True,
        help_text=_("What a smaller or larger municipality would have to adapt."),
    )
    legal_basis = models.CharField(
        _("legal basis or measures used"),
        max_length=500,
        blank=True,
        help_text=_("For example: GPMI/PIIS, article 60, integration income."),
    )
    themes = ParentalManyToManyField(
        "taxonomy.Theme", related_name="practices", verbose_name=_("themes")
    )
    target_groups = ParentalManyToManyField(
        "taxonomy.TargetGroup",
        related_name="practices",
        verbose_name=_("target groups"),
        blank=True,
    )
    municipalities = ParentalManyToManyField(
        "specialists.Municipality",
        related_name="practices",
        verbose_name=_("municipalities"),
        blank=True,
        help_text=_("Where the practice is applied (one or more)."),
    )
    region = models.ForeignKey(
        "specialists.Region",
        verbose_name=_("region"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
        help_text=_("Filled in from the municipalities when left empty."),
    )
    centre = models.ForeignKey(
        "specialists.Centre",
        verbose_name=_("centre"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices",
    )
    contact_specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact specialist"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="practices_as_contact",
        help_text=_("Colleagues with questions write to this person."),
    )
    start_date = models.DateField(
        _("start date"), null=True, blank=True, help_text=_("Since when it runs.")
    )
    review_by = models.DateField(
        _("review by"),
        null=True,
        blank=True,
        help_text=_("When the author should check the text is still true."),
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    translated_by = models.CharField(
        _("text written by"),
        max_length=10,
        choices=TranslatedBy.choices,
        default=TranslatedBy.AUTHOR,
    )
    translator_name = models.CharField(
        _("translator"),
        max_length=150,
        blank=True,
        help_text=_("Name of the translator or the machine translation service."),
    )
    # Kept across revisions (see with_content_json): these describe the live page.
    last_reviewed_at = models.DateField(_("last reviewed"), null=True, blank=True)
    review_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    external_id = models.CharField(
        _("import identifier"),
        max_length=100,
        null=True,
        blank=True,
        unique=True,
        editable=False,
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("context"),
        FieldPanel("body"),
        FieldPanel("results"),
        FieldPanel("resources"),
        FieldPanel("transferability"),
        FieldPanel("legal_basis"),
        InlinePanel("attachments", label=_("attachments")),
        MultiFieldPanel(
            [
                FieldPanel("themes"),
                FieldPanel("target_groups"),
                FieldPanel("municipalities"),
                FieldPanel("region"),
                FieldPanel("centre"),
                FieldPanel("contact_specialist"),
            ],
            heading=_("Where and for whom"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("review_by")]),
                FieldPanel("visibility"),
                FieldRowPanel(
                    [FieldPanel("translated_by"), FieldPanel("translator_name")]
                ),
            ],
            heading=_("Dates, visibility, translation"),
        ),
    ]
    # A translation or copy is a new text: new import id, not yet reviewed.
    exclude_fields_in_copy = ["external_id", "last_reviewed_at", "review_reminded_at"]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("context"),
        index.SearchField("body"),
        index.SearchField("results"),
        index.FilterField("visibility"),
    ]
    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    @property
    def author(self):
        return self.owner

    def get_admin_display_title(self):
        # Another author's unpublished title is theirs (practices/admin_privacy.py).
        return admin_display_title(self)

    def url_for_language(self, language: str, request=None) -> str:
        """This practice's address in the interface language ``language``.

        With the ``request``, Wagtail reads the site root paths once per request
        instead of once per practice (a cache round trip each on a listing)."""
        url = (self.get_url(request=request) if request is not None else self.url) or ""
        own = self.locale.language_code
        if not url or own == language:
            return url
        library, _sep, slug = url[len(own) + 1 :].rstrip("/").rpartition("/")
        return f"/{language}{library}/{own}/{slug}/"

    @property
    def reader_url(self) -> str:
        """Address of this practice in the reader's (active) interface language."""
        return self.url_for_language(translation.get_language() or "en")

    @property
    def is_overdue(self) -> bool:
        return bool(self.review_by and self.review_by < timezone.localdate())

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("This address is reserved; choose another.")}
            )
        if self.start_date and self.review_by and self.review_by < self.start_date:
            raise ValidationError(
                {"review_by": _("The review date cannot be before the start date.")}
            )

    def save(self, *args, **kwargs):
        if self.region_id is None:
            first = next(iter(self.municipalities.all()), None)
            if first is not None:
                self.region_id = first.region_id
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        # Review bookkeeping belongs to the page, not to what an old revision said.
        obj.last_reviewed_at = self.last_reviewed_at
        obj.review_reminded_at = self.review_reminded_at
        obj.external_id = self.external_id
        return obj

    def get_context(self, request, *args, **kwargs):
        from .forms import AdoptionForm
        from .selectors import practice_detail

        context = super().get_context(request, *args, **kwargs)
        cacheable = (
            self.live
            and not self.has_unpublished_changes
            and not getattr(request, "is_preview", False)
        )
        context.update(practice_detail(self, request.user, cacheable=cacheable))
        context["cacheable"] = cacheable
        own_centre = context["own_centre"]  # also what the form's cached fields vary on
        user = request.user
        context["adoption_form"] = AdoptionForm(
            initial={"centre": own_centre} if own_centre else None,
            user=user if user.is_authenticated else None,
        )
        return context

    def serve(self, request, *args, **kwargs):
        from .selectors import practice_is_visible_to

        if not practice_is_visible_to(self, request.user):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise Http404
        return super().serve(request, *args, **kwargs)


class PracticeAttachment(Orderable):
    """A document attached to a practice (forms, leaflets, a template letter)."""

    page = ParentalKey(
        PracticePage, on_delete=models.CASCADE, related_name="attachments"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("document"),
    )
    title = models.CharField(
        _("link text"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to use the document's title."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def label(self) -> str:
        return self.title or self.document.title


def practice_privacy_texts(page) -> dict[str, str]:
    """Every text a member writes on a practice, by field, for the privacy guard."""
    fields = PracticePage.PRIVACY_FIELDS
    texts = {name: getattr(page, name, "") or "" for name in fields}
    texts["body"] = "\n\n".join(stream_texts(page.body))
    return texts


def practice_privacy_findings(page) -> list[tuple[str, list]]:
    """(field label, findings) for every field of the practice that carries client
    data: shown to reviewers on the review page."""
    result = []
    for name, text in practice_privacy_texts(page).items():
        findings = find_personal_data(text)
        if findings:
            label = page._meta.get_field(name).verbose_name
            result.append((str(label), findings))
    return result


class Adoption(models.Model):
    """A centre saying "we apply this too", shared by all language versions."""

    practice = models.ForeignKey(
        PracticePage,
        on_delete=models.CASCADE,
        related_name="adoptions",
        verbose_name=_("practice"),
    )
    # The translation group: an adoption of the French text counts for the Dutch one.
    translation_key = models.UUIDField(db_index=True, editable=False)
    centre = models.ForeignKey(
        "specialists.Centre",
        on_delete=models.CASCADE,
        related_name="adoptions",
        verbose_name=_("centre"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="practice_adoptions",
        verbose_name=_("recorded by"),
    )
    note = models.TextField(
        _("note"),
        max_length=500,
        blank=True,
        help_text=_("Optional: how you adapted it, since when."),
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "centre"], name="one_adoption_per_centre"
            )
        ]
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")

    def __str__(self):
        return f"{self.centre} → {self.practice}"

    def save(self, *args, **kwargs):
        self.translation_key = self.practice.translation_key
        super().save(*args, **kwargs)


class PracticeCollection(ClusterableModel):
    """A themed dossier curated by a coordinator: an introduction and practices."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    intro = models.TextField(
        _("introduction"),
        max_length=3000,
        blank=True,
        help_text=_("Why these practices belong together; how to read them."),
    )
    theme = models.ForeignKey(
        "taxonomy.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="collections",
        verbose_name=_("theme"),
    )
    published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("intro"),
        FieldPanel("theme"),
        FieldPanel("published"),
        InlinePanel("items", label=_("practices"), min_num=1),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def __str__(self):
        return self.title


class PracticeCollectionItem(Orderable):
    collection = ParentalKey(
        PracticeCollection, on_delete=models.CASCADE, related_name="items"
    )
    practice = models.ForeignKey(
        PracticePage,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("practice"),
    )
    note = models.CharField(_("curator's note"), max_length=300, blank=True)

    panels = [
        PageChooserPanel("practice", "practices.PracticePage"),
        FieldPanel("note"),
    ]


class FeaturedPractice(Orderable):
    """A practice shown on the home page, in the order coordinators choose."""

    practice = models.ForeignKey(
        PracticePage,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("practice"),
    )
    until = models.DateField(
        _("featured until"),
        null=True,
        blank=True,
        help_text=_("Leave empty to keep it on the home page."),
    )

    panels = [
        PageChooserPanel("practice", "practices.PracticePage"),
        FieldPanel("until"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("featured practice")
        verbose_name_plural = _("featured practices")

    def __str__(self):
        return str(self.practice)
