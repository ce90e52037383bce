"""Personal data in the admin: each delegate's and delegation's history (read-only),
erasing a person on request, the requests for erasure and the retention runs. The
mixins are added to registration's admins by adminsite/admin.py."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from registration.models import Delegate

from . import audit, services
from .models import ErasureRequest, RetentionRun


class HistoryMixin:
    """A read-only "history" field: every recorded change, who, when, before and after."""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is None:
            return fields
        if isinstance(obj, Delegate) and obj.status == Delegate.Status.REGISTERED:
            fields.append("changed_since_confirmed")
        return [*fields, "change_history"]

    @admin.display(description=_("history of changes"))
    def change_history(self, obj):
        return audit.history_html(obj)

    @admin.display(description=_("changed since it was confirmed"))
    def changed_since_confirmed(self, obj):
        return audit.changes_since_confirmation_html(obj) or "-"


def _erase(request, delegates) -> None:
    count = 0
    for delegate in delegates:
        services.delegate_erase(delegate=delegate, by=request.user)
        count += 1
    messages.success(
        request,
        ngettext(
            "%(count)s person's personal data erased; the figures still count them.",
            "%(count)s persons' personal data erased; the figures still count them.",
            count,
        )
        % {"count": count},
    )


class DelegateErasureMixin:
    """For registration's DelegateAdmin: erase the selected persons' data."""

    erasure_actions = ["erase_personal_data"]

    @admin.action(
        description=_("Erase the personal data of the selected delegates (on their request)"),
        permissions=["erase"],
    )
    def erase_personal_data(self, request, queryset):
        _erase(request, queryset.select_related("delegation", "meeting"))

    def has_erase_permission(self, request):
        return request.user.has_perm("privacy.erase_personal_data")


@admin.register(ErasureRequest)
class ErasureRequestAdmin(admin.ModelAdmin):
    list_display = ["delegate", "delegation", "requested_at", "status", "handled_at", "handled_by"]
    list_filter = ["status"]
    list_select_related = ["delegate__delegation__state", "delegate__delegation__organisation"]
    readonly_fields = ["delegate", "status", "requested_at", "handled_at", "handled_by"]
    actions = ["erase"]

    @admin.display(description=_("delegation"))
    def delegation(self, obj):
        return obj.delegate.delegation

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(
        description=_("Erase the personal data of the selected persons"),
        permissions=["erase"],
    )
    def erase(self, request, queryset):
        _erase(
            request,
            [r.delegate for r in queryset.filter(status=ErasureRequest.Status.OPEN)],
        )

    def has_erase_permission(self, request):
        return request.user.has_perm("privacy.erase_personal_data")


@admin.register(RetentionRun)
class RetentionRunAdmin(admin.ModelAdmin):
    list_display = ["meeting", "ran_at"]
    readonly_fields = ["meeting", "ran_at", "report"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
