"""The speakers' lists (registration's requests for the floor, ordered here), the
bilateral invitations and the statements in the admin."""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from intersessional import clock
from registration.models import InterventionRequest

from . import services
from .models import BilateralInvitation, Statement, UpdatesInvitation


class ObligationInvitationsMixin:
    """For reference's ObligationAdmin (adminsite/admin.py composes them): reference
    cannot import floor (the arrows go down), yet the ISU's confirmation of an
    obligation may make an invitation to present updates due. The admin's two writes
    go through floor's services, which say when."""

    def save_model(self, request, obj, form, change):
        _obligation, invited = services.obligation_save(obligation=obj)
        self._say_invited(request, invited)

    def confirm_obligations(self, request, obligations) -> int:
        confirmed, invited = services.obligations_confirm(obligations=obligations)
        self._say_invited(request, invited)
        return confirmed

    def _say_invited(self, request, invited) -> None:
        if invited:
            self.message_user(
                request,
                ngettext(
                    "%(n)d registered delegation is invited by e-mail to present its updates.",
                    "%(n)d registered delegations are invited by e-mail to present their updates.",
                    len(invited),
                )
                % {"n": len(invited)},
                messages.SUCCESS,
            )


@admin.register(UpdatesInvitation)
class UpdatesInvitationAdmin(admin.ModelAdmin):
    """Which delegations were invited by e-mail to present their updates, and when (the
    e-mail itself is in the outbox). Written only by floor.services."""

    list_display = ["delegation", "sent_at"]
    list_select_related = ["delegation__state"]
    search_fields = ["delegation__state__un_name"]
    fields = ["delegation", "sent_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
        # Ticking "spoke" marks the delegation's statements on the item delivered.
        services.intervention_save(intervention=obj, spoke_changed="spoke" in form.changed_data)


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


class DeliveredFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("received", _("Received, not delivered")),
            ("delivered", _("Delivered, not published")),
            ("published", _("Published")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "received":
            return queryset.filter(delivered_at__isnull=True)
        if self.value() == "delivered":
            return queryset.filter(delivered_at__isnull=False, published_at__isnull=True)
        if self.value() == "published":
            return queryset.filter(published_at__isnull=False)
        return queryset


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    """Statements sent through the private links. Ticking "spoke" on the speakers' list
    marks them delivered; staff then publish them on the item's public page."""

    list_display = [
        "agenda_item",
        "delegation",
        "kind",
        "language",
        "file_link",
        "reflects_gender_and_diversity",
        "includes_disaggregated_data",
        "uploaded_at",
        "delivered_at",
        "published_at",
    ]
    list_filter = [DeliveredFilter, "agenda_item", "kind", "language", "file_type"]
    list_select_related = ["agenda_item", "delegation__state", "delegation__organisation"]
    search_fields = ["delegation__state__un_name", "delegation__organisation__name"]
    actions = ["publish", "unpublish"]
    readonly_fields = [
        "delegation",
        "agenda_item",
        "file_link",
        "file_type",
        "size",
        "original_name",
        "uploaded_at",
        "delivered_at",
        "published_at",
    ]
    fields = [
        "delegation",
        "agenda_item",
        "kind",
        "language",
        "reflects_gender_and_diversity",
        "includes_disaggregated_data",
        "file_link",
        "file_type",
        "size",
        "original_name",
        "uploaded_at",
        "delivered_at",
        "published_at",
    ]

    def has_add_permission(self, request):
        return False  # sent by the delegations through their private links

    def save_model(self, request, obj, form, change):
        services.statement_correct(statement=obj)

    @admin.display(description=_("file"))
    def file_link(self, statement):
        return format_html(
            '<a href="{}" download>{}</a>',
            reverse("floor:statement-file", args=[statement.pk]),
            statement.original_name,
        )

    @admin.action(
        description=_("Publish the selected statements (delivered ones only)"),
        permissions=["change"],
    )
    def publish(self, request, queryset):
        n = services.statements_publish(statements=list(queryset))
        skipped = queryset.count() - n
        self.message_user(
            request,
            ngettext("%(n)d statement published.", "%(n)d statements published.", n) % {"n": n},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(n)d statement was not published: not delivered yet, or already published.",
                    "%(n)d statements were not published: not delivered yet, or already published.",
                    skipped,
                )
                % {"n": skipped},
                messages.WARNING,
            )

    @admin.action(
        description=_("Take the selected statements off the public pages"), permissions=["change"]
    )
    def unpublish(self, request, queryset):
        n = services.statements_unpublish(statements=list(queryset))
        self.message_user(
            request,
            ngettext("%(n)d statement unpublished.", "%(n)d statements unpublished.", n) % {"n": n},
            messages.SUCCESS,
        )
