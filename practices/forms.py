"""Front-end forms: write a practice, adopt it, review it, filter the library."""

import os

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from exchange.taxonomy.models import TargetGroup, Theme
from specialists.forms import CentreField
from specialists.models import Centre
from specialists.services import (
    municipalities_from_text as specialists_municipalities_from_text,
)

from .models import Visibility
from .selectors import adoption_centres_for

# Uploaded files that a browser could run as a page are refused outright, whatever
# the extension list says (see also WAGTAILDOCS_EXTENSIONS).
DANGEROUS_EXTENSIONS = {"svg", "svgz", "html", "htm", "xhtml", "xml", "js", "xsl"}


def municipalities_from_text(text: str):
    """Resolve "Gent, 62063, sint jans molenbeek" to municipalities (names in any
    language, postcodes or REFNIS codes); nothing typed is no municipality."""
    if not (text or "").strip():
        return []
    return specialists_municipalities_from_text(text)


def validate_attachment(upload):
    extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
    allowed = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or []
    if extension in DANGEROUS_EXTENSIONS or (allowed and extension not in allowed):
        raise forms.ValidationError(
            _("Files of type “%(ext)s” are not accepted. Allowed: %(allowed)s."),
            params={"ext": extension or "?", "allowed": ", ".join(allowed)},
            code="file_type",
        )
    limit = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)
    if limit and upload.size > limit:
        raise forms.ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s."),
            params={
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(limit),
            },
            code="file_size",
        )
    return upload


class PracticeForm(forms.Form):
    """The practice template, for specialists who do not use the Wagtail admin."""

    title = forms.CharField(
        label=_("Title"),
        max_length=255,
        help_text=_(
            "Say what the centre does, e.g. “A checklist for the first appointment”."
        ),
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One paragraph in plain language (at most 600 characters)."),
    )
    context = forms.CharField(
        label=_("Context and problem addressed"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What went wrong or took too long before; who was affected."),
    )
    approach = forms.CharField(
        label=_("Approach"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("How it works. Separate paragraphs with an empty line."),
    )
    steps = forms.CharField(
        label=_("Steps"),
        max_length=8000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One step per line; “Step: details” adds details."),
    )
    results = forms.CharField(
        label=_("Results and evidence"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    resources = forms.CharField(
        label=_("Resources needed"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Staff time, cost, partners."),
    )
    transferability = forms.CharField(
        label=_("Transferability"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What a smaller or larger municipality would have to adapt."),
    )
    legal_basis = forms.CharField(
        label=_("Legal basis or measures used"),
        max_length=500,
        required=False,
        help_text=_("For example: GPMI/PIIS, article 60, integration income."),
    )
    language = forms.ChoiceField(
        label=_("Language of the text"), choices=settings.LANGUAGES
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.order_by("sort_order", "slug"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one theme.")},
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"),
        queryset=TargetGroup.objects.order_by("sort_order", "slug"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    municipalities = forms.CharField(
        label=_("Municipalities"),
        max_length=1000,
        required=False,
        help_text=_(
            "Names in any language, postcodes or REFNIS codes, separated by commas."
        ),
    )
    centre = CentreField(
        label=_("Centre"),
        required=False,
        help_text=_("Start typing the centre's name and choose a suggestion."),
    )
    start_date = forms.DateField(
        label=_("Start date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    review_by = forms.DateField(
        label=_("Review by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("When you will check the text is still true (default: in a year)."),
    )
    visibility = forms.ChoiceField(
        label=_("Who may read it"),
        choices=Visibility.choices,
        initial=Visibility.MEMBERS,
        widget=forms.RadioSelect,
    )
    attachment = forms.FileField(
        label=_("Attach a document"),
        required=False,
        validators=[validate_attachment],
        help_text=_("PDF, Word, OpenDocument, spreadsheet or text; at most 10 MB."),
    )

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            # The language of an existing text does not change; translate instead.
            self.fields["language"].disabled = True
            self.fields["language"].required = False

    def clean_municipalities(self):
        return municipalities_from_text(self.cleaned_data.get("municipalities", ""))

    def clean(self):
        data = super().clean()
        start, review = data.get("start_date"), data.get("review_by")
        if start and review and review < start:
            self.add_error(
                "review_by", _("The review date cannot be before the start date.")
            )
        return data


class AdoptionForm(forms.Form):
    centre = forms.ModelChoiceField(
        label=_("Our centre"),
        queryset=Centre.objects.order_by("name"),
        empty_label=_("Choose your centre"),
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("How you adapted it, since when. No client data."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the member's own centre: a posted id of another centre is invalid.
        self.fields["centre"].queryset = adoption_centres_for(user)


class ReviewForm(forms.Form):
    ACTIONS = [("approve", _("Approve and publish")), ("reject", _("Request changes"))]
    action = forms.ChoiceField(choices=ACTIONS, widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("Comment for the author"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you request changes."),
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == "reject" and not (data.get("comment") or "").strip():
            self.add_error(
                "comment", _("Tell the author what to change: the comment is required.")
            )
        return data
