from django.contrib import admin

from .models import Committee, Meeting


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_on", "ends_on", "registration_deadline", "venue_name"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
