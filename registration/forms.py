from django import forms
from django.conf import settings
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from intersessional.languages import LANGUAGE_NAMES
from programme.models import AgendaItem
from reference.models import Organisation, State, states_by_pk, states_in_reader_order

from .models import Delegate, InterventionRequest
from .services import DELEGATE_FIELDS


class PlainSelect(forms.Select):
    """A <select> written in Python: the same HTML as Django's widget templates, without
    one template render per option (the 197 States: about 7.5 ms that way, 0.3 ms here)."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in self.format_value(value)}
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        options = format_html_join(
            "\n",
            '<option value="{}"{}>{}</option>',
            (
                (key, mark_safe(" selected") if str(key) in selected else "", label)  # noqa: S308
                for key, label in self.choices
            ),
        )
        return format_html("<select{}>\n{}\n</select>", flatatt(final_attrs), options)


class StateField(forms.ModelChoiceField):
    """The States' <select>. The State chosen is looked up among the States each process
    keeps for a minute (reference.models.states_by_pk), not queried on every POST."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            state = (states_by_pk() or {}).get(int(value))
        except (TypeError, ValueError):
            state = None
        if state is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return state


def language_choices():
    """The six languages, each under its own name (as in the switcher)."""
    return [(code, LANGUAGE_NAMES[code]) for code, _name in settings.LANGUAGES]


class IdentityFields(forms.Form):
    """Whom the delegation represents. The choice of kind decides which list counts."""

    KIND_STATE = "state"
    KIND_ORGANISATION = "organisation"

    kind = forms.ChoiceField(
        label=_("You represent"),
        choices=[
            (KIND_STATE, _("A State")),
            (KIND_ORGANISATION, _("An international or non-governmental organisation")),
        ],
        widget=forms.RadioSelect,
    )
    state = StateField(
        label=_("State"),
        queryset=State.objects.all(),
        required=False,
        widget=PlainSelect,
        empty_label=_("Choose the State"),
        help_text=_("States Parties and States not party are told apart for you."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        widget=PlainSelect,
        empty_label=_("Choose the organisation"),
        help_text=_(
            "If your organisation is not in the list, write to the Implementation Support Unit."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The States in the page's language and its alphabetical order.
        self.fields["state"].queryset = states_in_reader_order()

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == self.KIND_STATE:
            if not cleaned.get("state"):
                self.add_error("state", _("Choose the State you represent."))
            if cleaned.get("organisation"):
                self.add_error(
                    "organisation", _("Leave the organisation empty when you represent a State.")
                )
        elif kind == self.KIND_ORGANISATION:
            if not cleaned.get("organisation"):
                self.add_error("organisation", _("Choose the organisation you represent."))
            if cleaned.get("state"):
                self.add_error(
                    "state", _("Leave the State empty when you represent an organisation.")
                )
        return cleaned


def delegate_formfield(model_field, **kwargs):
    """A Delegate's column as the forms show it (DelegateForm's Meta.formfield_callback).
    Django calls it once per form class, when this module is imported; each form then
    copies the class's fields, as it does with declared ones. Edited in every form's
    __init__ instead, the same fields cost about 0.1 ms more per registration."""
    field = model_field.formfield(**kwargs)
    if model_field.name == "gender":
        # No answer is preselected: "prefer not to say" is a choice a person makes.
        field.choices = list(Delegate.Gender.choices)
    elif model_field.name == "age_band":
        field.choices = [("", _("Choose")), *Delegate.AgeBand.choices]
    # Addresses are Latin script: left to right even on an Arabic page. Names may be
    # written in either direction: the browser decides from what is typed.
    if model_field.name == "email":
        field.widget.attrs["dir"] = "ltr"
    elif model_field.name in ("title", "given_name", "family_name", "badge_name", "function"):
        field.widget.attrs["dir"] = "auto"
    return field


class DelegateForm(forms.ModelForm):
    class Meta:
        model = Delegate
        fields = DELEGATE_FIELDS
        formfield_callback = delegate_formfield
        widgets = {
            "gender": forms.RadioSelect,
            "age_band": forms.Select,
        }
        help_texts = {
            "email": _("Your private link is sent to this address."),
            "public_list_consent": _(
                "Your title, name, function and delegation in the published List of "
                "Participants. Without consent you appear only in the ISU's internal list."
            ),
        }


class FloorItemsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, item):
        return str(item)

    def clean(self, value):
        """The items chosen, as a list. Django's field gives an empty queryset for no
        choice, and testing it for truth compiles a query: about 0.9 ms of CPU on every
        registration, most of which ask for no item."""
        if not value and not self.required:
            return []
        return list(super().clean(value))


# The help under the items: the sentence names the President (Meeting.for_president).
FLOOR_ITEMS_HELP = {
    "woman": pgettext_lazy(
        "the President is a woman",
        "As the President asked, say in advance where your delegation will speak; "
        "you can change it until the deadline.",
    ),
    "man": pgettext_lazy(
        "the President is a man",
        "As the President asked, say in advance where your delegation will speak; "
        "you can change it until the deadline.",
    ),
}


class FloorItemsMixin(forms.Form):
    """The agenda items of the meeting on which delegations may ask for the floor."""

    floor_items = FloorItemsField(
        label=_("Items on which you intend to take the floor"),
        queryset=AgendaItem.objects.filter(allows_floor_requests=True)
        .select_related("session")
        .order_by("session__date", "session__start_time", "order", "number"),
        required=False,
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        # The form's copy of the class's field, narrowed to the meeting. Built whole for
        # each form (its queryset, its field), it cost 0.1 ms more per registration.
        field = self.fields["floor_items"]
        field.queryset = field.queryset.filter(session__meeting=meeting)
        field.help_text = meeting.for_president(**FLOOR_ITEMS_HELP)


class SelfRegistrationForm(IdentityFields, FloorItemsMixin, DelegateForm):
    field_order = ["kind", "state", "organisation", *DELEGATE_FIELDS, "floor_items"]


class FocalPointForm(IdentityFields):
    focal_point_name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"dir": "auto"})
    )
    focal_point_email = forms.EmailField(
        label=_("Your e-mail"),
        help_text=_("The private link to manage the delegation is sent to this address."),
        widget=forms.EmailInput(attrs={"dir": "ltr"}),
    )


class MemberForm(DelegateForm):
    class Meta(DelegateForm.Meta):
        help_texts = {**DelegateForm.Meta.help_texts, "email": ""}


class DelegateEditForm(FloorItemsMixin, MemberForm):
    """A delegate corrects their registration through their private link (or the focal
    point a member's). `version` is the registration's version when the form was
    opened: the service refuses the save if someone changed it since."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    field_order = [*DELEGATE_FIELDS, "version", "floor_items"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        if self.instance.pk and not self.is_bound:
            self.initial["floor_items"] = [
                r.agenda_item_id for r in InterventionRequest.objects.filter(speaker=self.instance)
            ]


class BaseMemberFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        members = [f.cleaned_data for f in self.forms if f.has_changed() and not self._deleted(f)]
        heads = [m for m in members if m.get("role") == Delegate.Role.HEAD]
        if len(heads) != 1:
            raise forms.ValidationError(_("Name exactly one head of delegation."))
        emails = [m["email"].lower() for m in members]
        if len(emails) != len(set(emails)):
            raise forms.ValidationError(_("Each member needs an e-mail address of their own."))

    def _deleted(self, form) -> bool:
        return self.can_delete and self._should_delete_form(form)

    def members(self) -> list[dict]:
        return [f.cleaned_data for f in self.forms if f.has_changed() and not self._deleted(f)]


MAX_MEMBERS = 40

MemberFormSet = forms.formset_factory(
    MemberForm,
    formset=BaseMemberFormSet,
    # One row to start; more are added on the page (static/js/registration.js), or
    # two spare rows without JavaScript.
    extra=2,
    min_num=1,
    validate_min=True,
    max_num=MAX_MEMBERS,
    validate_max=True,
    can_delete=True,
)


class LanguageForm(forms.Form):
    """The language of a person's e-mails: set at registration to the page's, changed
    on their private-link page at any time (also after the deadline)."""

    language = forms.ChoiceField(label=_("Language of your e-mails"), choices=language_choices)


class LostLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("The e-mail address you registered with"),
        widget=forms.EmailInput(attrs={"dir": "ltr"}),
    )
