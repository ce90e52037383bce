from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .models import AgendaItem, BilateralSlot, Committee, Meeting, Session


@admin.register(Meeting)
class MeetingAdmin(TranslationAdmin):
    list_display = ["title", "starts_on", "ends_on", "registration_deadline", "venue_name"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Committee)
class CommitteeAdmin(TranslationAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}


class AgendaItemInline(TranslationTabularInline):
    model = AgendaItem
    extra = 0
    fields = [
        "number",
        "title",
        "committee",
        "allows_floor_requests",
        "obligation_kind",
        "speaking_minutes_states",
        "speaking_minutes_observers",
        "order",
    ]


@admin.register(Session)
class SessionAdmin(TranslationAdmin):
    list_display = ["date", "start_time", "end_time", "title", "kind", "room", "meeting"]
    list_display_links = ["date", "start_time", "title"]
    list_filter = ["meeting", "kind", "date"]
    list_select_related = ["meeting"]
    search_fields = ["title", "room", "items__title"]
    fields = ["meeting", "date", ("start_time", "end_time"), "title", "kind", "room", "order"]
    inlines = [AgendaItemInline]


@admin.register(BilateralSlot)
class BilateralSlotAdmin(TranslationAdmin):
    list_display = ["starts_at", "ends_at", "host", "room", "meeting"]
    list_filter = ["meeting", ("committee", admin.EmptyFieldListFilter), "committee"]
    list_select_related = ["meeting", "committee"]
    fields = ["meeting", "committee", "starts_at", "ends_at", "room"]

    @admin.display(description=_("host"), ordering="committee__order")
    def host(self, slot):
        return slot.host_name

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "committee":
            # The empty choice is not "nothing": it is the President.
            kwargs["empty_label"] = _("The President")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
