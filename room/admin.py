"""The room's records in the admin, read-only: what the consoles did, who downloaded
an advance copy, which reminders went out. The console itself is a staff page."""

from django.contrib import admin

from .models import AdvanceCopyDownload, AdvanceCopyReminder, ConsoleAction


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ConsoleAction)
class ConsoleActionAdmin(ReadOnly):
    list_display = ["at", "action", "agenda_item", "turn", "by", "version"]
    list_filter = ["action"]
    list_select_related = ["agenda_item", "turn__delegation__state", "by"]


@admin.register(AdvanceCopyDownload)
class AdvanceCopyDownloadAdmin(ReadOnly):
    list_display = ["at", "statement", "by"]
    list_select_related = ["statement__delegation__state", "statement__agenda_item", "by"]


@admin.register(AdvanceCopyReminder)
class AdvanceCopyReminderAdmin(ReadOnly):
    list_display = ["day", "delegation", "sent_at"]
    list_select_related = ["delegation__state"]
