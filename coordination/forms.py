"""Filter and edit forms of the coordinators' workspace."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.forms.utils import ErrorDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exchange.core.pickers import chosen_by_search
from exchange.taxonomy.models import Theme
from specialists.models import Province, Region

from .dashboard import DashboardFilter, default_period
from .models import (
    Announcement,
    AuditAction,
    Newsletter,
    SignalKind,
    SignalStatus,
    StructuralSignal,
)


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("All actions")), *AuditAction.choices],
    )
    actor = forms.CharField(label=_("Who"), required=False, max_length=100)
    text = forms.CharField(label=_("Object or reason"), required=False, max_length=100)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("The start date is after the end date."))
        return data


class PeriodChoice:
    QUARTER = "quarter"
    MONTH = "30d"
    YEAR = "year"
    CUSTOM = "custom"


class DashboardFilterForm(forms.Form):
    """Region, province, theme and period of every figure on the dashboard."""

    region = forms.ModelChoiceField(
        label=_("Region"),
        required=False,
        queryset=None,
        to_field_name="slug",
        empty_label=_("All of Belgium"),
    )
    province = forms.ModelChoiceField(
        label=_("Province"),
        required=False,
        queryset=None,
        to_field_name="code",
        empty_label=_("All provinces"),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        required=False,
        queryset=None,
        to_field_name="slug",
        empty_label=_("All themes"),
    )
    period = forms.ChoiceField(
        label=_("Period"),
        required=False,
        choices=[
            (PeriodChoice.QUARTER, _("This quarter")),
            (PeriodChoice.MONTH, _("Last 30 days")),
            (PeriodChoice.YEAR, _("Last 12 months")),
            (PeriodChoice.CUSTOM, _("From and until below")),
        ],
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    MAX_DAYS = 3 * 366

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.order_by("code")
        self.fields["province"].queryset = Province.objects.order_by("code")
        self.fields["theme"].queryset = Theme.objects.all()

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        period = data.get("period") or PeriodChoice.QUARTER
        if period == PeriodChoice.CUSTOM:
            since, until = data.get("since"), data.get("until")
            if not since or not until:
                raise forms.ValidationError(_("Give both a start and an end date."))
            if since > until:
                raise forms.ValidationError(_("The start date is after the end date."))
            if (until - since).days > self.MAX_DAYS:
                raise forms.ValidationError(
                    _("Choose a period of at most three years.")
                )
        elif period == PeriodChoice.MONTH:
            since, until = today - datetime.timedelta(days=29), today
        elif period == PeriodChoice.YEAR:
            since = (today.replace(day=1) - datetime.timedelta(days=335)).replace(day=1)
            until = today
        else:
            since, until = default_period(today)
        province, region = data.get("province"), data.get("region")
        if (
            province is not None
            and region is not None
            and province.region_id != region.pk
        ):
            raise forms.ValidationError(_("This province is not in that region."))
        data["since"], data["until"] = since, until
        return data

    def dashboard_filter(self):
        data = self.cleaned_data
        return DashboardFilter(
            since=data["since"],
            until=data["until"],
            region=data.get("region"),
            province=data.get("province"),
            theme=data.get("theme"),
        )


# The secondary buttons that search items to link, and how many each lists.
QUESTION_SEARCH_BUTTON = "find_questions"
PRACTICE_SEARCH_BUTTON = "find_practices"


class SignalForm(forms.Form):
    """A signal; related questions and practices are chosen by search: words, the
    secondary "Find" button, then ticks among at most ten matches."""

    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("What happens"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Describe the rule, the difference between centres or the missing "
            "service. Never write a client's name, number or address."
        ),
    )
    kind = forms.ChoiceField(label=_("Kind of problem"), choices=SignalKind.choices)
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        empty_label=_("Choose a theme"),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        required=False,
        queryset=Region.objects.order_by("code"),
        empty_label=_("All of Belgium"),
    )
    question_search = forms.CharField(
        label=_("Find related questions"),
        max_length=200,
        required=False,
        help_text=_(
            "Words from a question's title, then “Find”; tick the ones that apply."
        ),
    )
    questions = forms.ModelMultipleChoiceField(
        label=_("Related questions (optional)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    practice_search = forms.CharField(
        label=_("Find related practices"),
        max_length=200,
        required=False,
        help_text=_(
            "Words from a practice's title, then “Find”; tick the ones that apply."
        ),
    )
    practices = forms.ModelMultipleChoiceField(
        label=_("Related practices (optional)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    # (checkbox field, words field, "Find" button) of each search-chosen relation.
    PICKERS = (
        ("questions", "question_search", QUESTION_SEARCH_BUTTON),
        ("practices", "practice_search", PRACTICE_SEARCH_BUTTON),
    )

    def __init__(self, *args, questions_visible, practices_visible, **kwargs):
        super().__init__(*args, **kwargs)
        self.found = {}
        for name, visible in (
            ("questions", questions_visible),
            ("practices", practices_visible),
        ):
            self.fields[name].queryset = visible
            self.fields[name].widget.choices = self._shown(name, visible)
        if self.is_search_step:
            # Finding items is a step of filling in, not a submission: nothing is
            # checked or saved yet, so no field shows an error.
            self._errors = ErrorDict()
            self.cleaned_data = {}

    @property
    def is_search_step(self) -> bool:
        """The reader pressed one of the "Find" buttons."""
        return self.is_bound and any(
            self.data.get(button) for _name, _words, button in self.PICKERS
        )

    @property
    def questions_found(self):
        return self.found.get("questions")

    @property
    def practices_found(self):
        return self.found.get("practices")

    def _shown(self, name: str, visible) -> list[tuple[int, str]]:
        """Those already ticked, then up to ten whose title has every word."""
        choices, found = chosen_by_search(self, name, f"{name[:-1]}_search", visible)
        if found is not None:
            self.found[name] = found
        return choices

    def signal_data(self) -> dict:
        """The cleaned data a signal is made of (without the search words)."""
        return {
            key: value
            for key, value in self.cleaned_data.items()
            if key not in ("question_search", "practice_search")
        }


class SignalFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("open", _("Open")),
            ("mine", _("Assigned to me")),
            ("closed", _("Closed or merged")),
            ("all", _("All")),
        ],
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        required=False,
        queryset=Theme.objects.all(),
        to_field_name="slug",
        empty_label=_("All themes"),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        required=False,
        queryset=Region.objects.order_by("code"),
        to_field_name="slug",
        empty_label=_("All of Belgium"),
    )


class SignalTextForm(forms.Form):
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10_000
    )


class SignalCloseForm(forms.Form):
    reason = forms.CharField(label=_("Why is it closed?"), max_length=2000)


class SignalAssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Coordinator"), queryset=None, empty_label=_("Choose a coordinator")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = get_user_model().objects.filter(
            role="coordinator", is_active=True, former_member=False
        )


class SignalMergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=_("Duplicate of signal"),
        queryset=StructuralSignal.objects.exclude(status=SignalStatus.MERGED),
        widget=forms.NumberInput,
        help_text=_("The number of the signal that already describes this problem."),
    )


LANGUAGE_FIELDS = [
    f"{part}_{code}" for code in ("nl", "fr", "de", "en") for part in ("title", "body")
]


class AnnouncementForm(forms.ModelForm):
    class Meta:
        model = Announcement
        fields = [*LANGUAGE_FIELDS, "starts_on", "ends_on", "send_email"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            **{
                f"body_{code}": forms.Textarea(attrs={"rows": 4})
                for code in ("nl", "fr", "de", "en")
            },
        }

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            raise forms.ValidationError(_("The end date is before the start date."))
        return data


class NewsletterForm(forms.ModelForm):
    class Meta:
        model = Newsletter
        fields = LANGUAGE_FIELDS
        widgets = {
            f"body_{code}": forms.Textarea(attrs={"rows": 4})
            for code in ("nl", "fr", "de", "en")
        }
