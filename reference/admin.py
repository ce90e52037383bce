from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Organisation, State


@admin.register(State)
class StateAdmin(TranslationAdmin):
    list_display = ["un_name", "alpha3", "entry_into_force"]
    search_fields = ["un_name", "alpha3"]


@admin.register(Organisation)
class OrganisationAdmin(TranslationAdmin):
    list_display = ["name", "acronym", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym"]
