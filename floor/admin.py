"""The speakers' lists (registration's requests for the floor, ordered here) and the
bilateral invitations in the admin."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intersessional import clock
from registration.models import InterventionRequest

from . import services
from .models import BilateralInvitation


@admin.register(InterventionRequest)
class InterventionRequestAdmin(admin.ModelAdmin):
    """Each agenda item's speakers' list: filter by item, set places, mark who spoke."""

    list_display = ["agenda_item", "delegation", "category", "speaker", "position", "spoke"]
    list_editable = ["position", "spoke"]
    list_filter = ["agenda_item", "spoke"]
    search_fields = ["delegation__state__un_name", "delegation__organisation__name"]
    autocomplete_fields = ["delegation", "speaker"]
    readonly_fields = ["requested_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).speakers_list()

    def get_ordering(self, request):
        return []  # the speakers' list order of the queryset

    @admin.display(description=_("category"))
    def category(self, request_):
        return request_.delegation.get_category_display()

    def changelist_view(self, request, extra_context=None):
        item = request.GET.get("agenda_item__id__exact")
        extra_context = extra_context or {}
        if item:
            extra_context["exports"] = [
                (_("CSV for the chair"), reverse("speakers:csv", args=[item])),
                (_("PDF for the chair"), reverse("speakers:pdf", args=[item])),
            ]
        return super().changelist_view(request, extra_context=extra_context)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.requested_at = clock.now()
        super().save_model(request, obj, form, change)


class BilateralInvitationForm(forms.ModelForm):
    class Meta:
        model = BilateralInvitation
        fields = ["slot", "delegation"]

    def clean(self):
        cleaned = super().clean()
        slot, delegation = cleaned.get("slot"), cleaned.get("delegation")
        if slot and delegation and not self.instance.pk:
            conflict = services.bilateral_conflict(slot=slot, delegation=delegation)
            if conflict:
                raise forms.ValidationError(conflict)
        return cleaned


@admin.register(BilateralInvitation)
class BilateralInvitationAdmin(admin.ModelAdmin):
    form = BilateralInvitationForm
    list_display = ["slot", "delegation", "status", "invited_at", "answered_at"]
    list_filter = ["status", "slot__committee"]
    autocomplete_fields = ["delegation"]

    def get_readonly_fields(self, request, obj=None):
        # An invitation is answered by the delegation, not edited by staff.
        return ["slot", "delegation", "status", "invited_at", "answered_at"] if obj else []

    def save_model(self, request, obj, form, change):
        if change:
            return
        invitation, _token = services.bilateral_invite(slot=obj.slot, delegation=obj.delegation)
        obj.pk = invitation.pk
