"""The ISU's review of the photos: approve (one or many), or reject with a reason that
the delegate receives in their language. Every decision goes through services.py."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Photo
from .views import photo_response


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
