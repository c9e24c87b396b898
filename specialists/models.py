"""Belgium's regions, provinces and municipalities, and the centres that serve them."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


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

    def all_names(self) -> list[str]:
        return [n for n in (self.name_nl, self.name_fr, self.name_de) if n]


class CentreKind(models.TextChoices):
    OCMW = "ocmw", _("Public social welfare centre (OCMW / CPAS / ÖSHZ)")
    ASSOCIATION = "association", _("Intermunicipal association")


class Centre(models.Model):
    """A public social welfare centre, or an association serving several municipalities."""

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
