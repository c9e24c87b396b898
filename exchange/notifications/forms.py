from django import forms
from django.utils.translation import gettext_lazy as _

from .models import EmailFrequency


class PreferenceForm(forms.Form):
    email_frequency = forms.ChoiceField(
        label=_("E-mail me about notifications"),
        choices=EmailFrequency.choices,
        widget=forms.RadioSelect,
    )
