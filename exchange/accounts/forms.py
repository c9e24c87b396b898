from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from exchange.core.pickers import PickerField, names_matching
from exchange.core.privacy import privacy_check_fields

from .models import User


class SignupDetailsForm(forms.Form):
    """Extra fields on allauth's sign-up form."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"]
        user.save()


def _centres():
    # The centre model belongs to the directory; the profile reaches it through
    # the foreign key, so this layer imports nothing above it.
    return User._meta.get_field("home_centre").remote_field.model.objects.order_by(
        "name"
    )


def centres_matching(text: str) -> list:
    """Centres whose name is (or else contains) what was typed, accents, case and
    hyphens aside: "ocmw gent", "cpas liege"."""
    rows = _centres().values_list("pk", "name")
    return list(_centres().filter(pk__in=names_matching(text, rows)))


def centre_options():
    return [(name, "") for name in _centres().values_list("name", flat=True)]


class ProfileForm(forms.ModelForm):
    """What a member may change about themselves."""

    home_centre = PickerField(
        label=_("Home centre"),
        queryset=_centres(),
        resolve=centres_matching,
        options=centre_options,
        required=False,
        help_text=_(
            "The public social welfare centre you work for: start typing its "
            "name or municipality and choose a suggestion."
        ),
    )

    class Meta:
        model = User
        fields = [
            "full_name",
            "form_of_address",
            "job_title",
            "language",
            "home_centre",
        ]
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "form_of_address": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["language"].choices = [
            ("", _("Not set")),
            *[c for c in self.fields["language"].choices if c[0]],
        ]

    def clean(self):
        data = super().clean()
        try:
            privacy_check_fields(
                full_name=data.get("full_name") or "",
                job_title=data.get("job_title") or "",
            )
        except ValidationError as error:
            for field, errors in error.error_dict.items():
                self.add_error(field, errors)
        return data


class AccountDeleteForm(forms.Form):
    """Confirm deleting the account with the current password."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("That is not your password. Your account was not deleted.")
            )
        return password


class ApprovalDecisionForm(forms.Form):
    """A coordinator's decision on one waiting sign-up."""

    DECISIONS = [("approve", _("Approve")), ("reject", _("Reject"))]

    user = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(choices=DECISIONS)
    reason = forms.CharField(
        label=_("Reason (sent to the person)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") == "reject"
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error("reason", _("Give a reason when you reject a sign-up."))
        return cleaned
