from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from exchange.core.pickers import chosen_by_search
from exchange.taxonomy.selectors import target_groups_all, themes_all
from practices.selectors import practices_visible_to
from specialists.forms import MunicipalityField
from specialists.models import Region

from .models import LANGUAGE_CHOICES, Flag, Question
from .services import BODY_MAX, COMMENT_MAX, TITLE_MAX

# The secondary button that searches practices to link, and how many it lists.
PRACTICE_SEARCH_BUTTON = "find_practices"


def apply_service_error(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form (fields it names, else on top)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _practice_choices(user):
    return practices_visible_to(user).order_by("title")


class QuestionForm(forms.Form):
    title = forms.CharField(
        label=_("Your question in one sentence"),
        max_length=TITLE_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_("Similar questions and practices appear while you type."),
    )
    body = forms.CharField(
        label=_("Explain the situation"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Markdown is allowed. Never write a client's name, national register "
            "number, address, phone, e-mail or bank account."
        ),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=themes_all(),
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"),
        queryset=target_groups_all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    language = forms.ChoiceField(
        label=_("Language of your question"), choices=LANGUAGE_CHOICES
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("No particular region"),
    )
    municipality = MunicipalityField(
        label=_("Municipality"),
        required=False,
        help_text=_(
            "Optional: questions are routed to the specialists of that place. "
            "A name in any language, a postcode or a REFNIS code."
        ),
    )
    practice_search = forms.CharField(
        label=_("Find related good practices"),
        max_length=200,
        required=False,
        help_text=_(
            "Words from a practice's title, then “Find”; tick the ones that help."
        ),
    )
    practices = forms.ModelMultipleChoiceField(
        label=_("Related good practices"),
        queryset=Question.practices.field.related_model.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = _practice_choices(user) if user is not None else None
        if choices is None:
            del self.fields["practices"]
            del self.fields["practice_search"]
        else:
            self.fields["practices"].queryset = choices
            self.fields["practices"].widget.choices = self._practices_shown(choices)
        self.fields["title"].widget.attrs["data-similar-url"] = reverse("forum:similar")
        self.fields["title"].widget.attrs["aria-describedby"] = (
            "id_title_helptext similar-results"
        )
        if self.is_search_step:
            # Finding practices is a step of filling in, not a submission: nothing
            # is checked or saved yet, so no field shows an error.
            self._errors = ErrorDict()
            self.cleaned_data = {}

    @property
    def is_search_step(self) -> bool:
        """The reader pressed "Find" next to the related practices."""
        return (
            self.is_bound
            and "practices" in self.fields
            and bool(self.data.get(PRACTICE_SEARCH_BUTTON))
        )

    def _practices_shown(self, visible) -> list[tuple[int, str]]:
        """The practices already chosen, then those matching the search words: a
        short list of checkboxes instead of a select of every practice."""
        choices, self.practices_found = chosen_by_search(
            self, "practices", "practice_search", visible
        )
        return choices

    def clean(self):
        data = super().clean()
        municipality, region = data.get("municipality"), data.get("region")
        if municipality and region and municipality.region_id != region.pk:
            self.add_error(
                "municipality", _("This municipality is not in the chosen region.")
            )
        return data


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown is allowed. No personal data of clients."),
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX, required=False)
    body = forms.CharField(
        label=_("Text"), max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 10})
    )
    reason = forms.CharField(
        label=_("What did you change?"), max_length=200, required=False
    )


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why should a moderator look at this?"),
        choices=Flag.Reason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Explanation (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DuplicateForm(forms.Form):
    duplicate_of = forms.IntegerField(
        label=_("Number of the question that already answers this"), min_value=1
    )


class ThemesForm(forms.Form):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=themes_all(), widget=forms.CheckboxSelectMultiple
    )


class ListFilterForm(forms.Form):
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=themes_all(),
        required=False,
        to_field_name="slug",
        empty_label=_("All themes"),
    )
    target_group = forms.ModelChoiceField(
        label=_("Target group"),
        queryset=target_groups_all(),
        required=False,
        to_field_name="slug",
        empty_label=_("All target groups"),
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("All regions"),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("All languages")), *LANGUAGE_CHOICES],
        required=False,
    )
    q = forms.CharField(
        label=_("Words in the question"), max_length=200, required=False
    )
