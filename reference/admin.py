from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from . import services
from .models import Organisation, State


@admin.register(State)
class StateAdmin(TranslationAdmin):
    list_display = ["un_name", "alpha3", "entry_into_force", "regional_group", "least_developed"]
    list_filter = ["regional_group", "least_developed"]
    search_fields = ["un_name", "alpha3"]


@admin.register(Organisation)
class OrganisationAdmin(TranslationAdmin):
    list_display = ["name", "acronym", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym"]


class ObligationAdmin(admin.ModelAdmin):
    """The ISU checks each loaded obligation (its note and source), corrects it and
    confirms it; only confirmed obligations are shown to the public and the States.
    Registered by adminsite/admin.py, with floor's mixin on top (the invitations a
    confirmation makes due)."""

    list_display = ["state", "kind", "deadline", "confidence", "confirmed", "note"]
    list_filter = ["confirmed", "kind", "confidence"]
    list_select_related = ["state"]
    search_fields = ["state__un_name", "state__alpha3", "note"]
    autocomplete_fields = ["state"]
    fields = ["state", "kind", "deadline", "note", "source", "confidence", "confirmed"]
    actions = ["confirm", "unconfirm"]

    def save_model(self, request, obj, form, change):
        services.obligation_save(obligation=obj)

    def confirm_obligations(self, request, obligations) -> int:
        """The write behind the "confirm" action: how many were confirmed. floor/admin.py
        extends it (and save_model): a confirmation may invite delegations to present
        their updates, which reference knows nothing of."""
        return services.obligations_confirm(obligations=obligations)

    @admin.action(description=_("Confirm the selected obligations"), permissions=["change"])
    def confirm(self, request, queryset):
        n = self.confirm_obligations(request, list(queryset))
        self.message_user(
            request,
            ngettext(
                "%(n)d obligation confirmed: it is shown on the programme within a minute.",
                "%(n)d obligations confirmed: they are shown on the programme within a minute.",
                n,
            )
            % {"n": n},
            messages.SUCCESS,
        )

    @admin.action(description=_("Withdraw the confirmation"), permissions=["change"])
    def unconfirm(self, request, queryset):
        n = services.obligations_unconfirm(obligations=list(queryset))
        self.message_user(
            request,
            ngettext(
                "%(n)d obligation is no longer shown.",
                "%(n)d obligations are no longer shown.",
                n,
            )
            % {"n": n},
            messages.SUCCESS,
        )
