"""The check-in lists are edited here; the entries and refused scans are an audit:
nobody adds or changes them by hand (the door writes them)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Checkin, CheckinList, FailedScan


@admin.register(CheckinList)
class CheckinListAdmin(admin.ModelAdmin):
    list_display = ["name", "day", "place", "kind", "allow_repeat", "door"]
    list_filter = ["meeting", "kind"]
    fields = ["meeting", "name", "day", "place", "kind", "allow_repeat"]

    @admin.display(description=_("door"))
    def door(self, checkin_list):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("staff:checkin-door", args=[checkin_list.pk]),
            _("Open the door page"),
        )


class AuditAdmin(admin.ModelAdmin):
    list_select_related = [
        "checkin_list",
        "delegate__delegation__state",
        "delegate__delegation__organisation",
        "by",
    ]
    list_filter = ["checkin_list", "method"]
    date_hierarchy = "at"
    search_fields = ["delegate__given_name", "delegate__family_name", "by__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Checkin)
class CheckinAdmin(AuditAdmin):
    list_display = ["delegate", "checkin_list", "at", "by", "method"]
    fields = ["delegate", "checkin_list", "at", "by", "method", "nonce"]


@admin.register(FailedScan)
class FailedScanAdmin(AuditAdmin):
    list_display = ["reason", "delegate", "checkin_list", "at", "by", "method"]
    list_filter = ["checkin_list", "reason", "method"]
    fields = ["reason", "delegate", "checkin_list", "at", "by", "method", "nonce"]
