"""The application form (what a delegate reads: six languages), the committee's
decision and the travel administrator's booking (English and French)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from floor import uploads
from reference.models import Obligation, states_in_reader_order

from .models import Travel

# A nomination letter is a note verbale or a letter: a document, not a presentation.
LETTER_TYPES = {"pdf", "docx", "odt"}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class StateByCode(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.un_name


class ApplicationForm(forms.Form):
    implementation_role = forms.CharField(
        label=_("Your part in your State's implementation work"),
        help_text=_("For example: head of the national mine action centre's operations."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    obligation = forms.ModelChoiceField(
        label=_("The obligation you work on"),
        queryset=Obligation.objects.none(),
        required=False,
        empty_label=_("None of these"),
    )
    departure_city = forms.CharField(label=_("City of departure"), max_length=100)
    needs_schengen_visa = forms.BooleanField(
        label=_("I need a Schengen visa to travel to Switzerland"), required=False
    )
    # The identity details: given once, shared with accreditation.
    name_in_document = forms.CharField(
        label=_("Name as in the passport"),
        max_length=200,
        widget=forms.TextInput(attrs={"dir": "auto"}),
    )
    nationality = StateByCode(
        label=_("Nationality"), queryset=states_in_reader_order(), to_field_name="alpha3"
    )
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DateInput())
    document_number = forms.CharField(
        label=_("Passport number"), max_length=40, widget=forms.TextInput(attrs={"dir": "ltr"})
    )
    document_expires_on = forms.DateField(label=_("Passport valid until"), widget=DateInput())
    nomination = forms.FileField(
        label=_("Nomination letter"),
        help_text=_(
            "The note verbale or letter of your Permanent Mission or ministry that "
            "nominates you: PDF, DOCX or ODT, at most 20 MB."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.docx,.odt,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
                "application/vnd.oasis.opendocument.text"
            }
        ),
    )

    def __init__(self, *args, delegate, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nationality"].queryset = states_in_reader_order()
        obligations = Obligation.objects.confirmed().filter(state=delegate.delegation.state_id)
        self.fields["obligation"].queryset = obligations
        self.fields["obligation"].label_from_instance = lambda o: o.get_kind_display()
        if not obligations.exists():
            del self.fields["obligation"]
        if delegate.delegation.state_id and not self.is_bound:
            self.initial.setdefault("nationality", delegate.delegation.state.alpha3)

    def clean_nomination(self):
        upload = self.cleaned_data["nomination"]
        try:
            kind = uploads.file_type(upload)
            name = uploads.display_name(upload.name)
        except uploads.UploadRefused as refusal:
            raise forms.ValidationError(refusal.message) from None
        if kind not in LETTER_TYPES:
            raise forms.ValidationError(
                _("The nomination letter must be a PDF, DOCX or ODT document.")
            )
        self.cleaned_data["nomination_type"] = kind
        self.cleaned_data["nomination_name"] = name
        return upload

    def identity(self) -> dict:
        data = self.cleaned_data
        return {
            "name_in_document": data["name_in_document"],
            "nationality": data["nationality"].alpha3,
            "date_of_birth": data["date_of_birth"],
            "document_type": "passport",
            "document_number": data["document_number"],
            "document_expires_on": data["document_expires_on"],
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("offer", _("Offer")),
            ("wait_list", _("Wait-list")),
            ("decline", _("Decline")),
        ],
    )
    reason = forms.CharField(
        label=_("Reason (e-mailed to the person)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class TravelForm(forms.ModelForm):
    issue = forms.BooleanField(
        label=_("Ticket issued: send the travel and the letter"), required=False
    )

    class Meta:
        model = Travel
        fields = ["itinerary", "ticket_cost_chf", "hotel", "nights", "allowance_chf"]
        widgets = {"itinerary": forms.Textarea(attrs={"rows": 3})}
