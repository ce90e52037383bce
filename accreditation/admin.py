"""Accreditation in the admin: the nominations the ISU marks received and checked, the
identity details (seen only by the "Security liaison" role: intersessional/roles.py),
the accessibility needs, a mixin for registration's DelegationAdmin (composed in
adminsite/admin.py): the nomination's status as a column and a filter, and the ISU's
review of the photos: approve (one or many), or reject with a reason that the delegate
receives in their language. Every decision goes through services.py."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from intersessional import clock
from registration.models import Delegate

from . import services
from .models import AccessNeeds, IdentityDetails, Nomination, Photo
from .views import photo_response

STATUS_LABELS = {
    "checked": _("checked"),
    "received": _("received, not checked"),
    "waiting": _("sent, not yet received"),
    None: _("none sent"),
}


class NominationListFilter(admin.SimpleListFilter):
    title = _("nomination")
    parameter_name = "nomination"

    def lookups(self, request, model_admin):
        return [
            ("unchecked", _("without a checked nomination")),
            ("none", _("none sent")),
            ("checked", _("checked")),
        ]

    def queryset(self, request, queryset):
        checked = Exists(Nomination.objects.checked().filter(delegation=OuterRef("pk")))
        sent = Exists(Nomination.objects.filter(delegation=OuterRef("pk")))
        if self.value() == "unchecked":
            return queryset.filter(~checked)
        if self.value() == "none":
            return queryset.filter(~sent)
        if self.value() == "checked":
            return queryset.filter(checked)
        return queryset


class DelegationNominationMixin:
    """For registration's DelegationAdmin: where each delegation's nomination stands."""

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), NominationListFilter]

    def get_list_display(self, request):
        return [*super().get_list_display(request), "nomination_status"]

    def changelist_view(self, request, extra_context=None):
        self._statuses = None
        return super().changelist_view(request, extra_context)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # One query for the page's delegations, not one per row.
        ids = [delegation.pk for delegation in changelist.result_list]
        self._statuses = services.nomination_status(ids)
        return changelist

    @admin.display(description=_("nomination"))
    def nomination_status(self, delegation):
        statuses = getattr(self, "_statuses", None)
        if statuses is None:
            statuses = services.nomination_status([delegation.pk])
        return STATUS_LABELS[statuses.get(delegation.pk)]


class NominationAdminForm(forms.ModelForm):
    class Meta:
        model = Nomination
        fields = ["members", "received_on", "checked_on"]
        widgets = {"members": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "members" in self.fields:
            self.fields["members"].queryset = Delegate.objects.filter(
                delegation_id=self.instance.delegation_id
            ).order_by("family_name", "given_name")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("checked_on") and not (
            cleaned.get("received_on") or self.instance.received_on
        ):
            cleaned["received_on"] = cleaned["checked_on"]
        return cleaned


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    form = NominationAdminForm
    list_display = ["delegation", "uploaded_at", "file_type", "received_on", "checked_on"]
    list_filter = [
        ("checked_on", admin.EmptyFieldListFilter),
        ("received_on", admin.EmptyFieldListFilter),
        "delegation__category",
    ]
    list_select_related = ["delegation__state", "delegation__organisation"]
    search_fields = ["delegation__state__un_name", "delegation__organisation__name"]
    readonly_fields = [
        "delegation",
        "download",
        "original_name",
        "file_type",
        "size",
        "uploaded_at",
        "checked_by",
    ]
    fields = [*readonly_fields[:-1], "members", "received_on", "checked_on", "checked_by"]
    actions = ["mark_received", "mark_checked"]

    def has_add_permission(self, request):
        # Nominations come through the private links.
        return False

    @admin.display(description=_("file"))
    def download(self, nomination):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("staff:nomination-file", args=[nomination.pk]),
            _("Download the file (recorded in the audit log)"),
        )

    def save_model(self, request, obj, form, change):
        # The dates go through the service, which audits them and records who checked.
        received, checked = obj.received_on, obj.checked_on
        obj.received_on, obj.checked_on = (
            form.initial.get("received_on"),
            form.initial.get("checked_on"),
        )
        services.nomination_mark(
            nomination=obj, received_on=received, checked_on=checked, by=request.user
        )

    @admin.action(description=_("Mark the selected nominations received today"))
    def mark_received(self, request, queryset):
        today = clock.now().astimezone(clock.GENEVA).date()
        count = 0
        for nomination in queryset.filter(received_on__isnull=True):
            services.nomination_mark(nomination=nomination, received_on=today, by=request.user)
            count += 1
        messages.success(
            request,
            ngettext(
                "%(count)s nomination marked received.",
                "%(count)s nominations marked received.",
                count,
            )
            % {"count": count},
        )

    @admin.action(description=_("Mark the selected nominations checked today"))
    def mark_checked(self, request, queryset):
        today = clock.now().astimezone(clock.GENEVA).date()
        count = 0
        for nomination in queryset.filter(checked_on__isnull=True):
            services.nomination_mark(nomination=nomination, checked_on=today, by=request.user)
            count += 1
        messages.success(
            request,
            ngettext(
                "%(count)s nomination marked checked.",
                "%(count)s nominations marked checked.",
                count,
            )
            % {"count": count},
        )


@admin.register(IdentityDetails)
class IdentityDetailsAdmin(admin.ModelAdmin):
    """Read-only: a person gives their details through their private link. Seen only by
    the "Security liaison" role (and superusers): no other role holds its permissions."""

    list_display = ["delegate", "delegation", "document_type", "given_at", "updated_at"]
    list_select_related = ["delegate__delegation__state", "delegate__delegation__organisation"]
    search_fields = ["delegate__family_name", "delegate__given_name"]
    fields = [
        "delegate",
        "name_in_document",
        "nationality",
        "date_of_birth",
        "document_type",
        "document_number",
        "document_expires_on",
        "given_at",
        "updated_at",
    ]
    readonly_fields = fields

    @admin.display(description=_("delegation"))
    def delegation(self, details):
        return details.delegate.delegation

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AccessNeeds)
class AccessNeedsAdmin(admin.ModelAdmin):
    list_display = ["delegate", "wheelchair", "support_person", "sign_language", "other"]
    list_filter = ["wheelchair", "support_person", "sign_language", "delegate__meeting"]
    list_select_related = ["delegate"]
    search_fields = ["delegate__family_name", "delegate__given_name"]
    fields = ["delegate", "wheelchair", "support_person", "sign_language", "other", "updated_at"]
    readonly_fields = ["delegate", "updated_at"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        services.give_access_needs(delegate=obj.delegate, data=form.cleaned_data, by=request.user)


class PhotoDecisionForm(forms.ModelForm):
    class Meta:
        model = Photo
        fields = ["status", "rejection_reason", "rejection_note"]
        help_texts = {
            "rejection_reason": _(
                "Sent to the delegate in their language, with a link to send another photo."
            ),
            "rejection_note": _("Optional, but needed for “another reason”: sent as written."),
        }

    def clean(self):
        data = super().clean()
        if data.get("status") == Photo.Status.REJECTED:
            if not data.get("rejection_reason"):
                self.add_error("rejection_reason", _("Say why: the delegate is told."))
            elif (
                data["rejection_reason"] == Photo.Reason.OTHER
                and not data.get("rejection_note", "").strip()
            ):
                self.add_error("rejection_note", _("Explain the other reason here."))
        return data


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    form = PhotoDecisionForm
    list_display = ["thumbnail", "delegate", "delegation", "status", "uploaded_at", "decided_at"]
    list_display_links = ["thumbnail", "delegate"]
    list_filter = ["status"]
    list_select_related = [
        "delegate__delegation__state",
        "delegate__delegation__organisation",
    ]
    search_fields = ["delegate__given_name", "delegate__family_name", "delegate__email"]
    actions = ["approve"]
    readonly_fields = ["preview", "delegate", "size", "uploaded_at", "decided_at", "decided_by"]
    fields = [
        "preview",
        "delegate",
        "size",
        "uploaded_at",
        "status",
        "rejection_reason",
        "rejection_note",
        "decided_at",
        "decided_by",
    ]

    def has_add_permission(self, request):
        return False  # sent by the delegates through their private links

    def get_urls(self):
        return [
            path(
                "<int:pk>/image/",
                self.admin_site.admin_view(self.image_view),
                name="accreditation_photo_image",
            ),
            *super().get_urls(),
        ]

    def image_view(self, request, pk):
        """The photo as kept; `?badge` its print rendition (the list's thumbnails: a
        few dozen kilobytes each rather than a few hundred)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        photo = get_object_or_404(Photo, pk=pk)
        file = photo.badge_image if "badge" in request.GET else photo.image
        return photo_response(file.open("rb"))

    def _img(self, photo, width, *, small=False):
        url = reverse("admin:accreditation_photo_image", args=[photo.pk])
        return format_html(
            '<img src="{}" width="{}" alt="{}">',
            url + ("?badge" if small else ""),
            width,
            _("Photo of %(name)s") % {"name": photo.delegate},
        )

    @admin.display(description=_("photo"))
    def thumbnail(self, photo):
        return self._img(photo, 70, small=True)

    @admin.display(description=_("photo"))
    def preview(self, photo):
        return self._img(photo, 280)

    @admin.display(description=_("delegation"))
    def delegation(self, photo):
        return photo.delegate.delegation.name

    @admin.display(description=_("size in pixels"))
    def size(self, photo):
        return f"{photo.width} × {photo.height}"

    def save_model(self, request, obj, form, change):
        """The decision goes through the services (a rejection is e-mailed); a photo
        is never put back to waiting by hand."""
        before = Photo.objects.get(pk=obj.pk).status
        if obj.status == Photo.Status.APPROVED and before != Photo.Status.APPROVED:
            services.photo_approve(photo=obj, by=request.user)
        elif obj.status == Photo.Status.REJECTED and before != Photo.Status.REJECTED:
            services.photo_reject(
                photo=obj, reason=obj.rejection_reason, note=obj.rejection_note, by=request.user
            )

    @admin.action(description=_("Approve the selected photos"), permissions=["change"])
    def approve(self, request, queryset):
        n = sum(services.photo_approve(photo=p, by=request.user) for p in queryset)
        self.message_user(
            request,
            ngettext("%(n)d photo approved.", "%(n)d photos approved.", n) % {"n": n},
            messages.SUCCESS,
        )
