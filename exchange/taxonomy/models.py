"""Themes and target groups: shared vocabulary of every app, named in four languages."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class MultilingualNameMixin(models.Model):
    """A name in nl, fr, de and en; ``name`` answers in the active language."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_fr = models.CharField(_("name (French)"), max_length=120)
    name_de = models.CharField(_("name (German)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "slug"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.name_in(get_language())

    def name_in(self, language: str | None) -> str:
        code = (language or "en")[:2]
        return getattr(self, f"name_{code}", "") or self.name_en

    def all_names(self) -> list[str]:
        return [self.name_nl, self.name_fr, self.name_de, self.name_en]


class Theme(MultilingualNameMixin):
    """A field of work from the research (language, housing, work...)."""

    description = models.TextField(_("description"), blank=True)

    class Meta(MultilingualNameMixin.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class TargetGroup(MultilingualNameMixin):
    """A group of newcomers with its own rights (refugees, EU citizens...)."""

    class Meta(MultilingualNameMixin.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
