"""The forms a delegate fills in through their private link. They validate what was
typed and give it back with clear errors in the page's language; the services write.

The photo form takes a file (chosen, or taken with the camera and cut to 35 x 45 by
static/js/photo.js); what the file is, is judged by photos.py through the service."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from intersessional import clock
from reference.models import State, states_in_reader_order
from registration.forms import PlainSelect
from registration.models import Delegate

from . import photos
from .models import IdentityDetails
from .uploads import MAX_BYTES, too_large_message

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


class AccessNeedsForm(forms.Form):
    """What a participant needs to reach and follow the meeting (all optional)."""

    wheelchair = forms.BooleanField(label=_("Wheelchair access"), required=False)
    support_person = forms.BooleanField(
        label=_("I come with a support person"),
        required=False,
        help_text=_("Register them too, as a member of your delegation, so they get a badge."),
    )
    sign_language = forms.BooleanField(label=_("Sign language interpretation"), required=False)
    other = forms.CharField(
        label=_("Other needs"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example a seat near the door, documents in large print."),
    )

    def __init__(self, *args, needs=None, **kwargs):
        if needs is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "wheelchair": needs.wheelchair,
                "support_person": needs.support_person,
                "sign_language": needs.sign_language,
                "other": needs.other,
            }
        super().__init__(*args, **kwargs)


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, delegate):
        return delegate.full_name


class NominationForm(forms.Form):
    """A note verbale or a letter of nomination, and the members it names."""

    file = forms.FileField(
        label=_("Note verbale or letter of nomination"),
        help_text=_("A PDF, or a JPEG or PNG scan; at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    members = MemberChoiceField(
        label=_("Members named in it"),
        queryset=Delegate.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, delegation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = delegation.delegates.active().order_by(
            "family_name", "given_name", "pk"
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Said at once; the content is checked by the service.
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(too_large_message())
        return upload


class PhotoForm(forms.Form):
    image = forms.FileField(
        label=_("Photo"),
        help_text=_(
            "A recent passport-style photo of your face, JPEG or PNG, at least 600 x 800 "
            "pixels; it is cut to the badge's 35 x 45 proportions around its centre."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )

    def clean_image(self):
        upload = self.cleaned_data["image"]
        if upload.size > photos.MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 20 MB. Please send a smaller photo.")
            )
        return upload
