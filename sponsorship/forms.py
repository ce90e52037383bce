"""The application form (what a delegate reads: six languages), the committee's
decision and the travel administrator's booking (English and French)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accreditation.forms import IdentityDetailsForm
from accreditation.models import Nomination
from accreditation.services import IDENTITY_FIELDS, identity_details_of
from floor import uploads
from reference.models import Obligation

from . import services
from .models import Travel

# A nomination letter is a note verbale or a letter: a document, not a presentation.
LETTER_TYPES = {"pdf", "docx", "odt"}


class ApplicationForm(IdentityDetailsForm):
    """The application: what the decision and the travel need, and the identity details
    of accreditation's form (given once, shared: a delegate who gave them already finds
    them filled in). A passport only, valid three months after the meeting."""

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

    field_order = [
        "implementation_role",
        "obligation",
        "departure_city",
        "needs_schengen_visa",
        *IDENTITY_FIELDS,
        "nomination",
    ]

    def __init__(self, *args, delegate, with_priority=False, **kwargs):
        super().__init__(*args, details=identity_details_of(delegate), **kwargs)
        if with_priority:
            # The focal point ranks the delegation's applicants: 1 first.
            self.fields["priority"] = forms.IntegerField(
                label=_("Priority in your delegation"),
                help_text=_("1 for the person your delegation would send first."),
                min_value=1,
                max_value=40,
            )
        # The Sponsorship Programme books flights: a passport, named as such.
        del self.fields["document_type"]
        self.fields["name_in_document"].label = _("Name as in the passport")
        self.fields["document_number"].label = _("Passport number")
        self.fields["document_expires_on"].label = _("Passport valid until")
        obligations = Obligation.objects.confirmed().filter(state=delegate.delegation.state_id)
        self.fields["obligation"].queryset = obligations
        self.fields["obligation"].label_from_instance = lambda o: o.get_kind_display()
        if not obligations.exists():
            del self.fields["obligation"]
        if delegate.delegation.state_id and not self.is_bound:
            self.initial.setdefault("nationality", delegate.delegation.state.alpha3)
        self.meeting = delegate.meeting
        # The delegation's note verbale already names them: their own letter is optional.
        self.named_in_nomination = Nomination.objects.filter(members=delegate).exists()
        if self.named_in_nomination:
            self.fields["nomination"].required = False
            self.fields["nomination"].help_text = _(
                "Your delegation's nomination already names you: a letter of your own is optional."
            )

    def clean(self):
        data = super().clean()
        born, expires = data.get("date_of_birth"), data.get("document_expires_on")
        if born and expires:
            try:
                services.check_identity(
                    self.meeting, date_of_birth=born, document_expires_on=expires
                )
            except services.SponsorshipError as refusal:
                self.add_error(refusal.field, refusal.message)
        return data

    def clean_nomination(self):
        upload = self.cleaned_data["nomination"]
        if upload is None:
            return None
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
        """The identity details, for accreditation's give_identity_details."""
        data = {f: self.cleaned_data[f] for f in IDENTITY_FIELDS if f in self.fields}
        return {**data, "document_type": "passport"}


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
