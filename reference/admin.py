from django.contrib import admin

from .models import Organisation, State


@admin.register(State)
class StateAdmin(admin.ModelAdmin):
    list_display = ["un_name", "alpha3", "entry_into_force"]
    search_fields = ["un_name", "alpha3"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym"]
