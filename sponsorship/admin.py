"""The programme's settings, edited in the admin by the ISU; the applications and
travel are read there by the committee and the travel administrator (their writes go
through the staff pages and services)."""

from django.contrib import admin
from django.core.cache import cache

from .models import Application, NominationDownload, Programme, Travel
from .queries import programme_key


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = [
        "meeting",
        "applications_open",
        "deadline",
        "budget_chf",
        "daily_allowance_chf",
        "ticket_estimate_chf",
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The private-link pages see the change at once (queries.programme_cached).
        cache.delete(programme_key(obj.meeting_id))

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        cache.delete(programme_key(obj.meeting_id))


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Read-only: every change of state is a service (the committee's page)."""

    list_display = ["delegate", "status", "priority", "applied_at", "decided_at"]
    list_filter = ["status", "programme"]
    list_select_related = ["delegate"]
    # The nomination letter and identity details are shown on the committee's pages
    # to those allowed, never here.
    exclude = ["nomination"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Travel)
class TravelAdmin(admin.ModelAdmin):
    list_display = ["application", "ticket_cost_chf", "nights", "allowance_chf", "issued_at"]
    list_select_related = ["application__delegate"]
    readonly_fields = ["application", "issued_at", "recorded_by", "letter"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(NominationDownload)
class NominationDownloadAdmin(admin.ModelAdmin):
    list_display = ["application", "by", "at"]
    list_select_related = ["application__delegate", "by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
