"""The delegate's request for a visa support letter, and the letterhead's images in
the admin (checked by their bytes)."""

from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from accreditation.forms import DateInput

from . import letters
from .models import Letterhead, VisaLetter

# How far from the meeting's days a journey may start or end and still be "for" it.
TRAVEL_MARGIN = timedelta(days=14)


class VisaLetterForm(forms.Form):
    consulate = forms.CharField(
        label=_("Consulate or embassy where you apply for the visa"),
        help_text=_("For example “Embassy of Switzerland in Dakar”."),
        max_length=200,
    )
    arrives_on = forms.DateField(label=_("Arrival in Geneva"), widget=DateInput)
    departs_on = forms.DateField(label=_("Departure from Geneva"), widget=DateInput)
    language = forms.ChoiceField(
        label=_("Language of the letter"),
        choices=VisaLetter.Language.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting

    def clean(self):
        data = super().clean()
        arrives, departs = data.get("arrives_on"), data.get("departs_on")
        meeting = self.meeting
        if arrives and not (meeting.starts_on - TRAVEL_MARGIN <= arrives <= meeting.ends_on):
            self.add_error(
                "arrives_on",
                _("The letter covers a journey to the meeting: arrive at most 14 days before it."),
            )
        if departs and not (meeting.starts_on <= departs <= meeting.ends_on + TRAVEL_MARGIN):
            self.add_error(
                "departs_on",
                _("The letter covers a journey to the meeting: leave at most 14 days after it."),
            )
        if arrives and departs and departs < arrives:
            self.add_error("departs_on", _("The departure is before the arrival."))
        return data


class LetterheadForm(forms.ModelForm):
    class Meta:
        model = Letterhead
        fields = ["meeting", "letterhead", "signature", "signatory_name", "signatory_function"]

    def _image(self, name):
        upload = self.cleaned_data.get(name)
        if upload and hasattr(upload, "content_type"):
            # A new upload: its bytes decide, never its name or the browser's word.
            letters.image_type(upload)
        return upload

    def clean_letterhead(self):
        return self._image("letterhead")

    def clean_signature(self):
        return self._image("signature")
