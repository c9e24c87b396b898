"""Forms of the directory, the designation flow, profiles and the network."""

import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from exchange.core.pickers import (
    CANDIDATES_SHOWN,
    PickerField,
    PickerInput,
    fold_text,
    names_matching,
)
from exchange.taxonomy.models import Theme

from .exonyms import GERMAN_EXONYMS
from .models import (
    SPOKEN_LANGUAGES,
    AgendaEvent,
    Centre,
    DesignationRole,
    Municipality,
    Province,
    Region,
)
from .selectors import municipalities_matching
from .services import municipalities_from_text

# A datalist value for a name two places share ends with the REFNIS code in brackets.
REFNIS_IN_BRACKETS = re.compile(r"\((\d{5})\)\s*$")


def municipalities_for_picker(text: str) -> list:
    """Municipalities for what was typed in a picker: a name in any language (also
    a German exonym), a postcode, a REFNIS code, a datalist value."""
    bracketed = REFNIS_IN_BRACKETS.search(text)
    if bracketed:
        return list(Municipality.objects.filter(refnis=bracketed.group(1)))
    folded = fold_text(text)
    exonyms = [r for r, name in GERMAN_EXONYMS.items() if fold_text(name) == folded]
    if exonyms:
        return list(Municipality.objects.filter(refnis__in=exonyms))
    return list(municipalities_matching(text)[: CANDIDATES_SHOWN + 1])


def municipality_options():
    """(value, label) for every municipality: its name in the interface language,
    then its other names and postcodes, which the browser also matches."""
    rows = Municipality.objects.only(
        "refnis", "name_nl", "name_fr", "name_de", "postcodes", "main_language"
    )
    options = []
    for municipality in rows:
        name = municipality.name
        others = [n for n in municipality.all_names() if n != name]
        label = " · ".join(filter(None, [" / ".join(others), municipality.postcodes]))
        options.append((name, label))
    return sorted(options, key=lambda option: fold_text(option[0]))


class MunicipalityField(PickerField):
    """One of the 565 municipalities, typed and chosen from suggestions."""

    default_error_messages = {
        "none": _("No municipality or postcode matches “{text}”."),
        "several": _(
            "Several municipalities match “{text}”: {names}. Type one of them in "
            "full, or its postcode."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text", _("A name in any language, a postcode or a REFNIS code.")
        )
        super().__init__(
            queryset=Municipality.objects.all(),
            resolve=municipalities_for_picker,
            display=lambda municipality: municipality.name,
            options=municipality_options,
            **kwargs,
        )


def centres_for_picker(text: str) -> list:
    """Centres named (or, when none is, partly named) what was typed."""
    rows = Centre.objects.values_list("pk", "name")
    return list(Centre.objects.filter(pk__in=names_matching(text, rows)))


def centre_options():
    return [(name, "") for name in Centre.objects.values_list("name", flat=True)]


class CentreField(PickerField):
    """A centre out of hundreds, typed and chosen from suggestions."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Centre.objects.all(),
            resolve=centres_for_picker,
            options=centre_options,
            **kwargs,
        )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class DirectorySearchForm(forms.Form):
    name = forms.CharField(label=_("Name"), required=False, max_length=100)
    municipality = forms.CharField(
        label=_("Municipality or postcode"),
        required=False,
        max_length=100,
        help_text=_("In Dutch, French or German, e.g. Liège, Luik or 4000."),
        widget=PickerInput(options=municipality_options),
    )
    province = forms.ModelChoiceField(
        label=_("Province"),
        queryset=Province.objects.all(),
        required=False,
        empty_label=_("All provinces"),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All regions"),
    )
    theme = forms.ModelChoiceField(
        label=_("Expertise"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All themes"),
    )
    language = forms.ChoiceField(
        label=_("Speaks"),
        choices=[("", _("any language"))] + SPOKEN_LANGUAGES,
        required=False,
    )

    def clean_municipality(self):
        text = self.cleaned_data["municipality"].strip()
        if not text:
            return None
        found = list(municipalities_matching(text)[:50])
        if not found:
            raise ValidationError(
                format_lazy(
                    _("No municipality or postcode matches “{text}”."), text=text
                )
            )
        return found


class MunicipalitiesField(forms.CharField):
    """Names (any language) or postcodes, separated by commas or lines."""

    widget = forms.Textarea(attrs={"rows": 2})

    def clean(self, value):
        value = super().clean(value)
        return municipalities_from_text(value) if (value or "").strip() else []


# The secondary button that moves the picked municipality into the list.
ADD_MUNICIPALITY_BUTTON = "add_municipality"


def _list_entry(municipality) -> str:
    """What the list gets for a picked municipality: its name, or its REFNIS code
    when the name alone does not single it out."""
    from .selectors import municipality_exact

    if municipality_exact(municipality.name) == municipality:
        return municipality.name
    return municipality.refnis


class DesignationRequestForm(forms.Form):
    """The municipalities are a list; one more is picked at a time with typing
    suggestions (a datalist, no script), added by the secondary "Add" button or
    on sending."""

    municipalities = MunicipalitiesField(
        label=_("Municipalities"),
        required=False,
        help_text=_(
            "Names in any language or postcodes, separated by commas. "
            "An intermunicipal association names every municipality it serves."
        ),
    )
    municipality_add = MunicipalityField(
        label=_("Add a municipality"),
        required=False,
        help_text=_(
            "Type a few letters and choose from the suggestions: a name in any "
            "language, a postcode or a REFNIS code. Then “Add to the list”, or "
            "send the form."
        ),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=DesignationRole.choices, initial="primary"
    )
    start_date = forms.DateField(label=_("Start date"), widget=DateInput())
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty when open-ended."),
    )
    note = forms.CharField(
        label=_("Note for the coordinator"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_error = None
        if self.is_add_step:
            self._add_picked()

    @property
    def is_add_step(self) -> bool:
        """The reader pressed "Add" next to the municipality picker."""
        return self.is_bound and bool(self.data.get(ADD_MUNICIPALITY_BUTTON))

    def _add_picked(self) -> None:
        """Move the picked municipality to the end of the list (once)."""
        field = self.fields["municipality_add"]
        try:
            municipality = field.clean(self.data.get("municipality_add", ""))
        except ValidationError as error:
            self._add_error = error
            return
        if municipality is None:
            return
        data = self.data.copy()
        text = (data.get("municipalities") or "").strip()
        entries = [e.strip() for e in re.split(r"[,;\n]+", text) if e.strip()]
        try:
            listed = municipalities_from_text(text) if entries else []
        except ValidationError:
            listed = []
        if municipality not in listed:
            entries.append(_list_entry(municipality))
        data["municipalities"] = ", ".join(entries)
        data["municipality_add"] = ""
        self.data = data

    def full_clean(self):
        if not self.is_add_step:
            return super().full_clean()
        # Adding a municipality is a step of filling in: nothing is checked or
        # saved yet; only a picker text that matches no single place is shown.
        self._errors = ErrorDict()
        self.cleaned_data = {}
        if self._add_error is not None:
            self._errors["municipality_add"] = self.error_class(
                self._add_error.messages
            )

    def clean(self):
        cleaned = super().clean()
        if "municipalities" in cleaned and "municipality_add" in cleaned:
            listed = list(cleaned["municipalities"])
            picked = cleaned.pop("municipality_add")
            if picked is not None and picked not in listed:
                listed.append(picked)
            if not listed:
                self.add_error(
                    "municipalities", _("Name at least one municipality or postcode.")
                )
            cleaned["municipalities"] = listed
        else:
            cleaned.pop("municipality_add", None)
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error(
                "end_date", _("The end date cannot be before the start date.")
            )
        return cleaned


class DesignationCreateForm(DesignationRequestForm):
    email = forms.EmailField(
        label=_("E-mail address of the person"),
        help_text=_("They must already have an account on the platform."),
    )
    field_order = [
        "email",
        "municipalities",
        "municipality_add",
        "role",
        "start_date",
        "end_date",
        "note",
    ]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        user = (
            get_user_model()
            .objects.filter(email=email, is_active=True, former_member=False)
            .first()
        )
        if user is None:
            raise ValidationError(_("No member has this e-mail address."))
        return user


class DesignationEndForm(forms.Form):
    successor = forms.EmailField(
        label=_("Successor's e-mail address"),
        required=False,
        help_text=_(
            "Optional. The successor takes over the municipalities, the open "
            "questions routed to this specialist and their practices."
        ),
    )

    def clean_successor(self):
        email = (self.cleaned_data["successor"] or "").strip().lower()
        if not email:
            return None
        user = (
            get_user_model()
            .objects.filter(email=email, is_active=True, former_member=False)
            .first()
        )
        if user is None:
            raise ValidationError(_("No member has this e-mail address."))
        return user


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the person)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ProfileForm(forms.Form):
    themes = forms.ModelMultipleChoiceField(
        label=_("Expertise themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=SPOKEN_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    availability_note = forms.CharField(
        label=_("Availability"),
        required=False,
        max_length=300,
        help_text=_("For example: Tuesday and Thursday mornings, or by e-mail first."),
    )
    phone = forms.RegexField(
        label=_("Phone"),
        required=False,
        max_length=40,
        regex=r"^\+?[0-9 ./()-]{6,}$",
        error_messages={"invalid": _("Enter a phone number, e.g. +32 9 266 99 11.")},
    )
    hide_phone = forms.BooleanField(
        label=_("Hide my phone number from the directory"), required=False
    )


class NoticeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Message"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )
    send = forms.BooleanField(
        label=_("Also send it to every member"),
        help_text=_(
            "They get a notification, and an e-mail if they chose to receive them."
        ),
        required=False,
    )


class AgendaEventForm(forms.ModelForm):
    class Meta:
        model = AgendaEvent
        fields = ["kind", "title", "starts_at", "ends_at", "location", "description"]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
