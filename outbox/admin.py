from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "to_email", "kind", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["to_email", "subject", "reference"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request):
        return False

    actions = ["resend"]

    @admin.action(description=_("Send the selected e-mails again"))
    def resend(self, request, queryset):
        for notification in queryset:
            services.notification_resend(notification=notification)
        messages.success(request, _("%(count)s e-mails queued again.") % {"count": len(queryset)})
