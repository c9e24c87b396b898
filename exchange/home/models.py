"""The site frame's pages: the home page of each language and plain pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HomePage(Page):
    """The root page of one language tree; panels of each app appear on it."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences under the site name."),
    )
    body = RichTextField(_("body"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")


class StandardPage(Page):
    """A plain page: about, accessibility statement, privacy, help."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True, features=RICH_TEXT_FEATURES)
    show_accessibility_feedback = models.BooleanField(
        _("show the accessibility feedback form link"),
        default=False,
        help_text=_(
            "For the accessibility statement: invites readers to report a barrier."
        ),
    )

    show_retention_periods = models.BooleanField(
        _("list the data retention periods"),
        default=False,
        help_text=_(
            "For the privacy statement: shows how long each kind of data is kept."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("show_accessibility_feedback"),
        FieldPanel("show_retention_periods"),
    ]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
