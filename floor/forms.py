"""The statement upload form: it validates what a person chose; the file itself is
judged by floor.uploads, through the service."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from programme.models import AgendaItem

from .models import Statement
from .uploads import MAX_BYTES

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def _yes(value) -> bool:
    return value == "yes"


class StatementForm(forms.Form):
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=AgendaItem.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(
        label=_("Type"), choices=Statement.Kind.choices, widget=forms.RadioSelect
    )
    language = forms.ChoiceField(
        label=_("Language of the document"), choices=Statement.Language.choices
    )
    reflects_gender_and_diversity = forms.TypedChoiceField(
        label=_("Does it reflect gender and diversity?"),
        choices=YES_NO,
        coerce=_yes,
        widget=forms.RadioSelect,
    )
    includes_disaggregated_data = forms.TypedChoiceField(
        label=_("Does it include sex- and age-disaggregated data?"),
        help_text=_("The letter asks for such data in presentations, where possible."),
        choices=YES_NO,
        coerce=_yes,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, DOCX, PPTX, ODT or ODP; at most 20 MB."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.docx,.pptx,.odt,.odp,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
                "application/vnd.openxmlformats-officedocument.presentationml.presentation,"
                "application/vnd.oasis.opendocument.text,"
                "application/vnd.oasis.opendocument.presentation"
            }
        ),
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reflects_gender_and_diversity"].help_text = meeting.for_president(
            woman=pgettext(
                "the President is a woman",
                "The President's letter asks delegations to reflect on gender and diversity "
                "in their statements.",
            ),
            man=pgettext(
                "the President is a man",
                "The President's letter asks delegations to reflect on gender and diversity "
                "in their statements.",
            ),
        )
        self.fields["agenda_item"].queryset = (
            AgendaItem.objects.filter(session__meeting=meeting, allows_floor_requests=True)
            .select_related("session")
            .order_by("session__date", "session__start_time", "order", "number")
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Said at once; the content is checked by the service.
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 20 MB. Please send a smaller version of it.")
            )
        return upload
