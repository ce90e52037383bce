from django import forms

from programme.models import AgendaItem
from registration.models import Delegation

from .models import Turn


class ConsoleForm(forms.Form):
    """What a console button posts: the action, the version of the list it showed,
    and whom or what the action is for."""

    action = forms.ChoiceField(
        choices=[(a, a) for a in ("next", "give", "absent", "strike", "insert", "open", "close")]
    )
    version = forms.IntegerField(min_value=0)
    turn = forms.IntegerField(required=False)
    delegation = forms.ModelChoiceField(queryset=Delegation.objects.none(), required=False)
    kind = forms.ChoiceField(
        choices=[(Turn.Kind.REPLY, ""), (Turn.Kind.POINT_OF_ORDER, "")], required=False
    )
    item = forms.ModelChoiceField(queryset=AgendaItem.objects.none(), required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegation"].queryset = Delegation.objects.filter(meeting=meeting)
        self.fields["item"].queryset = AgendaItem.objects.filter(
            session__meeting=meeting
        ).select_related("session")
