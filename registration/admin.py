import io

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from intersessional import clock
from programme.models import Meeting

from . import exports, queries, services
from .models import (
    BadgeBatch,
    BilateralInvitation,
    Delegate,
    Delegation,
    InterventionRequest,
    Notification,
    Organisation,
    State,
)
from .services import DELEGATE_FIELDS


@admin.register(State)
class StateAdmin(admin.ModelAdmin):
    list_display = ["un_name", "alpha3", "entry_into_force"]
    search_fields = ["un_name", "alpha3"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym"]


class DelegateInline(admin.TabularInline):
    model = Delegate
    fields = ["title", "given_name", "family_name", "function", "role", "email", "status"]
    # Changes go through the delegate's own form, which checks e-mail and head.
    readonly_fields = fields
    extra = 0
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        # New delegates go through the delegate form, which runs the registration service.
        return False


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "category", "focal_point_name", "focal_point_email", "created_at"]
    list_filter = ["category", "focal_point_language", "meeting"]
    search_fields = [
        "state__un_name",
        "organisation__name",
        "focal_point_name",
        "focal_point_email",
    ]
    list_select_related = ["state", "organisation"]
    autocomplete_fields = ["state", "organisation"]
    readonly_fields = ["created_at"]
    inlines = [DelegateInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_at = clock.now()
        super().save_model(request, obj, form, change)


class DelegateAdminForm(forms.ModelForm):
    """Staff see the same refusals as the public, next to the field, not a server error."""

    class Meta:
        model = Delegate
        fields = ["delegation", *DELEGATE_FIELDS, "language", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Unsaid means the site's default language (English), as for the rows before it.
        if "language" in self.fields:
            self.fields["language"].required = False

    def clean_language(self):
        return self.cleaned_data.get("language") or settings.LANGUAGE_CODE

    def clean(self):
        cleaned = super().clean()
        delegation, email = cleaned.get("delegation"), cleaned.get("email")
        # On a change the status is read-only (see DelegateAdmin): the stored one counts.
        status = cleaned.get("status", self.instance.status)
        if delegation and email and status != Delegate.Status.WITHDRAWN:
            # The same rule as the database's index: only withdrawn registrations free an address.
            others = (
                Delegate.objects.exclude(status=Delegate.Status.WITHDRAWN)
                .filter(meeting=delegation.meeting, email__iexact=email)
                .exclude(pk=self.instance.pk)
            )
            if others.exists():
                self.add_error("email", _("This e-mail address is already registered."))
        if (
            delegation
            and cleaned.get("role") == Delegate.Role.HEAD
            and status in (Delegate.Status.REGISTERED, Delegate.Status.CONFIRMED)
            and delegation.delegates.active()
            .filter(role=Delegate.Role.HEAD)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error("role", _("The delegation already has a head."))
        return cleaned


@admin.register(Delegate)
class DelegateAdmin(admin.ModelAdmin):
    form = DelegateAdminForm
    list_display = [
        "family_name",
        "given_name",
        "delegation",
        "role",
        "email",
        "status",
        "registered_late",
    ]
    list_filter = [
        "status",
        "language",
        "role",
        "delegation__category",
        "registered_late",
        "gender",
        "age_band",
    ]
    search_fields = [
        "given_name",
        "family_name",
        "badge_name",
        "email",
        "delegation__state__un_name",
        "delegation__organisation__name",
    ]
    list_select_related = ["delegation__state", "delegation__organisation"]
    autocomplete_fields = ["delegation"]
    readonly_fields = ["registered_late", "created_at", "updated_at"]

    def get_readonly_fields(self, request, obj=None):
        # A status changes only through the actions, which call the services and send
        # their e-mails; a registration is never edited back to life.
        return [*self.readonly_fields, "status"] if obj else self.readonly_fields

    actions = ["confirm", "decline", "resend_link", "print_badges", "export_selection"]

    # Actions that change registrations need the change permission: the President's
    # office, which may only view, does not see them.
    @admin.action(
        description=_("E-mail the selected delegates a new private link"), permissions=["change"]
    )
    def resend_link(self, request, queryset):
        sent = sum(
            services.private_link_resend(meeting=d.meeting, email=d.email)
            for d in queryset.select_related("meeting")
        )
        messages.success(
            request,
            ngettext("%(count)s e-mail queued.", "%(count)s e-mails queued.", sent)
            % {"count": sent},
        )

    @admin.action(
        description=_("Export the selected delegates (CSV, internal list)"),
        permissions=["export"],
    )
    def export_selection(self, request, queryset):
        meeting = Meeting.objects.current()
        out = io.StringIO()
        participants = queries.list_of_participants(meeting, public=False, delegates=queryset)
        exports.write_csv(participants, out, public=False)
        response = HttpResponse(out.getvalue(), content_type=exports.FORMATS["csv"])
        response["Content-Disposition"] = 'attachment; filename="selected-delegates.csv"'
        return response

    def has_export_permission(self, request):
        return request.user.has_perm("registration.export_participants")

    @admin.action(
        description=_("Confirm the selected registrations (and e-mail them)"),
        permissions=["change"],
    )
    def confirm(self, request, queryset):
        count = sum(services.delegate_confirm(delegate=d) for d in queryset)
        messages.success(
            request, _("%(count)s registrations confirmed; e-mails queued.") % {"count": count}
        )

    @admin.action(description=_("Decline the selected registrations"), permissions=["change"])
    def decline(self, request, queryset):
        count = sum(services.delegate_decline(delegate=d) for d in queryset)
        messages.success(request, _("%(count)s registrations declined.") % {"count": count})

    @admin.action(
        description=_("Print badges of the selected delegates (one PDF)"),
        permissions=["change"],
    )
    def print_badges(self, request, queryset):
        batch = services.badge_batch_request(delegates=queryset, by=request.user)
        url = reverse("admin:registration_badgebatch_change", args=[batch.pk])
        messages.success(
            request,
            format_html(
                _('{count} badges are being rendered: <a href="{url}">follow the batch</a>.'),
                count=batch.total,
                url=url,
            ),
        )

    def save_model(self, request, obj, form, change):
        if change:
            obj.updated_at = clock.now()
            obj.save()
        else:
            services.delegate_add_by_staff(delegate=obj)
            if obj.registered_late:
                messages.info(
                    request, _("Added after the deadline: marked as a late registration.")
                )


@admin.register(BadgeBatch)
class BadgeBatchAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "progress", "download", "requested_by", "finished_at"]
    list_filter = ["status"]
    fields = [
        "status",
        "progress",
        "download",
        "requested_by",
        "created_at",
        "finished_at",
        "error",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("progress"))
    def progress(self, batch):
        return _("%(done)s of %(total)s badges laid out (%(percent)s%%)") % {
            "done": batch.done,
            "total": batch.total,
            "percent": batch.percent,
        }

    @admin.display(description=_("PDF"))
    def download(self, batch):
        if batch.status != BadgeBatch.Status.DONE:
            return "—"
        url = reverse("badges:batch-download", args=[batch.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download"))


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "to_email", "kind", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["to_email", "subject"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request):
        return False

    actions = ["resend"]

    @admin.action(description=_("Send the selected e-mails again"))
    def resend(self, request, queryset):
        for notification in queryset:
            services.notification_resend(notification=notification)
        messages.success(request, _("%(count)s e-mails queued again.") % {"count": len(queryset)})


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
