"""Belgium's regions, provinces and municipalities, and the centres that serve them."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .exonyms import GERMAN_EXONYMS, municipality_name_in_german


class LocalisedNameMixin(models.Model):
    """Names per language (the official ones; missing ones fall back)."""

    name_nl = models.CharField(_("name (Dutch)"), max_length=150, blank=True)
    name_fr = models.CharField(_("name (French)"), max_length=150, blank=True)
    name_de = models.CharField(_("name (German)"), max_length=150, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_in(get_language())

    def name_in(self, language: str | None) -> str:
        code = (language or "en")[:2]
        # English has no official names: the Dutch or French one of the place.
        order = {
            "nl": ("nl", "fr", "de"),
            "fr": ("fr", "nl", "de"),
            "de": ("de", "fr", "nl"),
        }.get(code, self.default_language_order())
        for lang in order:
            value = getattr(self, f"name_{lang}")
            if value:
                return value
        return ""

    def default_language_order(self):
        return ("nl", "fr", "de")


class Region(LocalisedNameMixin):
    """Flanders, Wallonia or Brussels-Capital (REFNIS code)."""

    code = models.CharField(_("REFNIS code"), max_length=5, unique=True)
    slug = models.SlugField(_("slug"), max_length=20, unique=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class Province(LocalisedNameMixin):
    """A province (Brussels has none; its municipalities have no province)."""

    code = models.CharField(_("REFNIS code"), max_length=5, unique=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="provinces",
        verbose_name=_("region"),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")


class Municipality(LocalisedNameMixin):
    """One of Belgium's 565 municipalities (since the 2025 mergers)."""

    refnis = models.CharField(_("REFNIS code"), max_length=5, unique=True)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="municipalities",
        verbose_name=_("province"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name=_("region"),
    )
    postcodes = models.CharField(
        _("postcodes"),
        max_length=200,
        blank=True,
        help_text=_("Space-separated postcodes served by the municipality."),
    )
    main_language = models.CharField(_("main language"), max_length=2, blank=True)

    class Meta:
        ordering = ["name_nl", "name_fr"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def default_language_order(self):
        if self.main_language == "fr":
            return ("fr", "nl", "de")
        if self.main_language == "de":
            return ("de", "fr", "nl")
        return ("nl", "fr", "de")

    def name_in(self, language: str | None) -> str:
        if (language or "")[:2] == "de":
            # German: the official German name, an established exonym, else the
            # place's own name ("Brüssel", "Lüttich", "Antwerpen", never "Anvers").
            official = {"nl": self.name_nl, "fr": self.name_fr, "de": self.name_de}
            return municipality_name_in_german(
                self.refnis, official, self.main_language
            )
        return super().name_in(language)

    def all_names(self) -> list[str]:
        names = [n for n in (self.name_nl, self.name_fr, self.name_de) if n]
        exonym = GERMAN_EXONYMS.get(self.refnis)
        return names + [exonym] if exonym and exonym not in names else names


class CentreKind(models.TextChoices):
    OCMW = "ocmw", _("Public social welfare centre (OCMW / CPAS / ÖSHZ)")
    ASSOCIATION = "association", _("Intermunicipal association")


class Centre(models.Model):
    """A public social welfare centre, or an association of several municipalities."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=CentreKind.choices, default=CentreKind.OCMW
    )
    municipalities = models.ManyToManyField(
        Municipality,
        related_name="centres",
        verbose_name=_("municipalities served"),
    )
    email_domain = models.CharField(_("e-mail domain"), max_length=253, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("centre")
        verbose_name_plural = _("centres")

    def __str__(self):
        return self.name


# --- The designated specialists -------------------------------------------------------

# Languages a specialist may speak with colleagues or clients (ISO 639-1).
SPOKEN_LANGUAGES = [
    ("nl", _("Dutch")),
    ("fr", _("French")),
    ("de", _("German")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("es", _("Spanish")),
    ("fa", _("Persian (Farsi / Dari)")),
    ("ps", _("Pashto")),
    ("ru", _("Russian")),
    ("uk", _("Ukrainian")),
    ("tr", _("Turkish")),
    ("ti", _("Tigrinya")),
    ("so", _("Somali")),
    ("pt", _("Portuguese")),
    ("ro", _("Romanian")),
    ("pl", _("Polish")),
    ("it", _("Italian")),
    ("ku", _("Kurdish")),
]
SPOKEN_LANGUAGE_NAMES = dict(SPOKEN_LANGUAGES)


class SpecialistProfile(models.Model):
    """What colleagues need to know about a specialist: expertise, languages."""

    user = models.OneToOneField(
        "accounts.User",
        on_delete=models.CASCADE,
        related_name="specialist_profile",
        verbose_name=_("user"),
    )
    themes = models.ManyToManyField(
        "taxonomy.Theme",
        blank=True,
        related_name="specialist_profiles",
        verbose_name=_("expertise themes"),
    )
    # Space-separated ISO codes (" nl fr ar "), padded so one code can be matched
    # exactly with a plain ``contains`` on every database.
    languages = models.CharField(_("spoken languages"), max_length=200, blank=True)
    availability_note = models.CharField(
        _("availability"),
        max_length=300,
        blank=True,
        help_text=_("For example: Tuesday and Thursday mornings, or by e-mail first."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    hide_phone = models.BooleanField(
        _("hide my phone number"),
        default=False,
        help_text=_("Colleagues then see only your e-mail address."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("specialist profile")
        verbose_name_plural = _("specialist profiles")

    def __str__(self):
        return str(self.user)

    @property
    def language_codes(self) -> list[str]:
        return self.languages.split()

    @language_codes.setter
    def language_codes(self, codes):
        known = [c for c in dict.fromkeys(codes) if c in SPOKEN_LANGUAGE_NAMES]
        self.languages = f" {' '.join(known)} " if known else ""

    @property
    def language_names(self) -> list[str]:
        return [str(SPOKEN_LANGUAGE_NAMES[c]) for c in self.language_codes]

    @property
    def visible_phone(self) -> str:
        return "" if self.hide_phone else self.phone


class DesignationRole(models.TextChoices):
    PRIMARY = "primary", _("Specialist")
    DEPUTY = "deputy", _("Deputy")


class DesignationStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    VERIFIED = "verified", _("Verified")
    DECLINED = "declined", _("Declined")
    ENDED = "ended", _("Ended")


class DesignationQuerySet(models.QuerySet):
    def current(self, on=None):
        """Verified designations in force on ``on`` (today by default)."""
        from django.utils import timezone

        on = on or timezone.localdate()
        return self.filter(
            status=DesignationStatus.VERIFIED, start_date__lte=on
        ).filter(models.Q(end_date__isnull=True) | models.Q(end_date__gte=on))

    def open(self):
        """Requested or verified: the ones that still count for overlaps."""
        return self.filter(
            status__in=[DesignationStatus.REQUESTED, DesignationStatus.VERIFIED]
        )


class Designation(models.Model):
    """A person designated as newcomer specialist for one or more municipalities.

    Rows are never deleted: an ended designation stays as history.
    """

    user = models.ForeignKey(
        "accounts.User",
        on_delete=models.CASCADE,
        related_name="designations",
        verbose_name=_("specialist"),
    )
    municipalities = models.ManyToManyField(
        Municipality, related_name="designations", verbose_name=_("municipalities")
    )
    role = models.CharField(
        _("role"),
        max_length=10,
        choices=DesignationRole.choices,
        default=DesignationRole.PRIMARY,
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DesignationStatus.choices,
        default=DesignationStatus.REQUESTED,
        db_index=True,
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("Last day of the designation; leave empty when open-ended."),
    )
    note = models.TextField(_("note"), blank=True)
    requested_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    verified_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ended by"),
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    successor = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("successor"),
    )

    objects = DesignationQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("designation")
        verbose_name_plural = _("designations")

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.get_status_display()})"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The end date cannot be before the start date.")}
            )

    def overlaps(self, start, end) -> bool:
        """Whether this designation's dates overlap [start, end] (None = open)."""
        if self.end_date is not None and start is not None and self.end_date < start:
            return False
        return end is None or self.start_date <= end

    @property
    def is_current(self) -> bool:
        from django.utils import timezone

        today = timezone.localdate()
        return self.status == DesignationStatus.VERIFIED and self.overlaps(today, today)


class CoverageReport(models.Model):
    """One sent coverage-gap report; the next one lists only gaps new since then."""

    created_at = models.DateTimeField(auto_now_add=True)
    gap_refnis = models.JSONField(default=list)
    new_gap_refnis = models.JSONField(default=list)

    class Meta:
        ordering = ["-created_at"]
        get_latest_by = "created_at"
        verbose_name = _("coverage report")
        verbose_name_plural = _("coverage reports")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d}: {len(self.new_gap_refnis)} new gaps"


# --- The network ----------------------------------------------------------------------


class NetworkGroup(models.Model):
    """Specialists who meet, train and exchange together (e.g. a province network)."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    province = models.ForeignKey(
        Province,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_groups",
        verbose_name=_("province"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_groups",
        verbose_name=_("region"),
    )
    members = models.ManyToManyField(
        "accounts.User",
        blank=True,
        related_name="network_groups",
        verbose_name=_("members"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("network group")
        verbose_name_plural = _("network groups")

    def __str__(self):
        return self.name


class EventKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    TRAINING = "training", _("Training")


class AgendaEvent(models.Model):
    """A meeting or training on a group's shared agenda."""

    group = models.ForeignKey(
        NetworkGroup,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("group"),
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=EventKind.choices, default=EventKind.MEETING
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    location = models.CharField(_("location"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    created_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("agenda event")
        verbose_name_plural = _("agenda events")

    def __str__(self):
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("The end cannot be before the start.")})


class GroupNotice(models.Model):
    """A message on a group's notice board (optionally also sent to every member)."""

    group = models.ForeignKey(
        NetworkGroup,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("group"),
    )
    author = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"))
    sent_to_members = models.BooleanField(_("sent to every member"), default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self):
        return self.title
