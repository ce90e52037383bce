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
from .models import BadgeBatch


class DelegateDocumentsMixin:
    """For registration's DelegateAdmin: print, reprint and export the selection."""

    document_actions = ["print_badges", "reprint_badges", "export_selection"]

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
