"""The forms a delegate fills in through their private link. They validate what was
typed and give it back with clear errors in the page's language; the services write."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from intersessional import clock
from reference.models import State, states_in_reader_order
from registration.forms import PlainSelect

from .models import IdentityDetails

# A delegate younger than this cannot be accredited alone (the venue's rule).
MINIMUM_AGE = 18


class DateInput(forms.DateInput):
    """The browser's date picker; the value travels as YYYY-MM-DD whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def today() -> datetime.date:
    """The day in Geneva, by the site's clock."""
    return clock.now().astimezone(clock.GENEVA).date()


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


class IdentityDetailsForm(forms.Form):
    """A delegate's passport or identity card, as the venue's security, a visa letter
    and the Sponsorship Programme need it. `details` (an IdentityDetails) fills it in
    for a change. Other apps may add their own rules in a subclass's clean()."""

    name_in_document = forms.CharField(
        label=_("Name as in the passport or identity card"),
        max_length=200,
        help_text=_("Family name and given names exactly as printed in the document."),
    )
    nationality = forms.ModelChoiceField(
        label=_("Nationality"),
        queryset=State.objects.all(),
        to_field_name="alpha3",
        widget=PlainSelect,
        empty_label=_("Choose the State"),
    )
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DateInput)
    document_type = forms.ChoiceField(
        label=_("Type of document"),
        choices=IdentityDetails.DocumentType.choices,
        widget=forms.RadioSelect,
    )
    document_number = forms.CharField(label=_("Document number"), max_length=40)
    document_expires_on = forms.DateField(
        label=_("Document valid until"),
        widget=DateInput,
        help_text=_("The expiry date printed in the document."),
    )

    def __init__(self, *args, details: IdentityDetails | None = None, **kwargs):
        if details is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name_in_document": details.name_in_document,
                "nationality": details.nationality,
                "date_of_birth": details.date_of_birth,
                "document_type": details.document_type,
                "document_number": details.document_number,
                "document_expires_on": details.document_expires_on,
            }
        super().__init__(*args, **kwargs)
        # The States in the page's language and its alphabetical order.
        self.fields["nationality"].queryset = states_in_reader_order()

    def clean_name_in_document(self):
        return " ".join(self.cleaned_data["name_in_document"].split())

    def clean_document_number(self):
        number = "".join(self.cleaned_data["document_number"].split()).upper()
        if not number.isalnum():
            raise forms.ValidationError(
                _("A document number has only letters and digits."), code="number"
            )
        return number

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        now = today()
        if born >= now:
            raise forms.ValidationError(_("The date of birth must be in the past."), code="future")
        if born > years_before(now, MINIMUM_AGE):
            raise forms.ValidationError(
                _("A participant must be at least %(age)s years old.") % {"age": MINIMUM_AGE},
                code="minor",
            )
        return born

    def clean_document_expires_on(self):
        expires = self.cleaned_data["document_expires_on"]
        if expires <= today():
            raise forms.ValidationError(
                _("This document has expired: give a document that is still valid."),
                code="expired",
            )
        return expires
