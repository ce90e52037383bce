"""The documents in the admin: badge print batches, and the delegates' list's actions
that make documents (print badges, export), in a mixin that adminsite/admin.py adds
to registration's DelegateAdmin."""

import io

from django.contrib import admin, messages
from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from programme.models import Meeting
from registration import services as registration_services

from . import exports, queries, services
from .forms import LetterheadForm
from .models import BadgeBatch, Certificate, Letterhead, VisaLetter


class DelegateDocumentsMixin:
    """For registration's DelegateAdmin: print, reprint and export the selection."""

    document_actions = [
        "print_badges",
        "reprint_badges",
        "export_selection",
        "issue_certificates",
    ]

    @admin.action(
        description=_("Issue certificates of attendance to the selected delegates"),
        permissions=["issue_certificates"],
    )
    def issue_certificates(self, request, queryset):
        count = services.certificates_issue(delegates=queryset, by=request.user)
        messages.success(
            request,
            _(
                "%(count)s certificates are being prepared (only for delegates checked in "
                "at the door who had none, after the meeting)."
            )
            % {"count": count},
        )

    def has_issue_certificates_permission(self, request):
        return request.user.has_perm("documents.add_certificate")

    @admin.action(
        description=_("Print badges of the selected delegates (one PDF)"),
        permissions=["change"],
    )
    def print_badges(self, request, queryset):
        batch = services.badge_batch_request(delegates=queryset, by=request.user)
        url = reverse("admin:documents_badgebatch_change", args=[batch.pk])
        messages.success(
            request,
            format_html(
                _('{count} badges are being rendered: <a href="{url}">follow the batch</a>.'),
                count=batch.total,
                url=url,
            ),
        )

    @admin.action(
        description=_("Reprint lost badges (new code: the door refuses the old badge)"),
        permissions=["change"],
    )
    def reprint_badges(self, request, queryset):
        registration_services.delegate_badge_reissue(delegates=queryset)
        self.print_badges(request, queryset)

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


@admin.register(Letterhead)
class LetterheadAdmin(admin.ModelAdmin):
    form = LetterheadForm
    list_display = ["meeting", "signatory_name"]


@admin.register(VisaLetter)
class VisaLetterAdmin(admin.ModelAdmin):
    list_display = [
        "delegate",
        "status",
        "reference",
        "consulate",
        "arrives_on",
        "departs_on",
        "requested_at",
    ]
    list_filter = ["status", "language"]
    list_select_related = ["delegate"]
    search_fields = ["delegate__family_name", "delegate__given_name", "reference"]
    actions = ["approve", "revoke"]
    fields = [
        "delegate",
        "status",
        "reference",
        # Not the holder's name as in the passport nor the nationality: identity
        # details are for the security liaison alone (accreditation); the verification
        # page shows them to whoever holds the letter.
        "consulate",
        "arrives_on",
        "departs_on",
        "language",
        "requested_at",
        "approved_at",
        "approved_by",
        "issued_at",
        "revoked_at",
        "verification",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Approve the selected requests"), permissions=["change"])
    def approve(self, request, queryset):
        count = services.visa_letters_approve(letters=list(queryset), by=request.user)
        messages.success(
            request,
            _("%(count)s letters approved: they are rendered and e-mailed.") % {"count": count},
        )

    @admin.action(description=_("Revoke the selected letters"), permissions=["change"])
    def revoke(self, request, queryset):
        count = sum(
            services.visa_letter_revoke(letter=letter, by=request.user) for letter in queryset
        )
        messages.success(request, _("%(count)s letters revoked.") % {"count": count})

    @admin.display(description=_("verification page"))
    def verification(self, letter):
        if letter.status not in (VisaLetter.Status.ISSUED, VisaLetter.Status.REVOKED):
            return "—"
        url = reverse("documents:verify", args=[letter.code])
        return format_html('<a href="{}">{}</a>', url, url)


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["delegate", "status", "reference", "issued_at"]
    list_filter = ["status"]
    list_select_related = ["delegate"]
    search_fields = ["delegate__family_name", "delegate__given_name", "reference"]
    actions = ["revoke"]
    fields = ["delegate", "status", "reference", "language", "days", "issued_at", "revoked_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Revoke the selected certificates"), permissions=["change"])
    def revoke(self, request, queryset):
        count = sum(
            services.certificate_revoke(certificate=certificate, by=request.user)
            for certificate in queryset
        )
        messages.success(request, _("%(count)s certificates revoked.") % {"count": count})
