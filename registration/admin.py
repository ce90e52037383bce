"""The ISU's admin for delegations and delegates. DelegationAdmin and DelegateAdmin
are not registered here: apps above registration add mixins to them (documents:
badges and exports; privacy: history and erasure), and adminsite/admin.py composes
and registers each once."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from intersessional import clock

from . import services
from .models import DeclineReason, Delegate, Delegation
from .services import DELEGATE_FIELDS


class DelegateInline(admin.TabularInline):
    model = Delegate
    fields = ["title", "given_name", "family_name", "function", "role", "email", "status"]
    # Changes go through the delegate's own form, which checks e-mail and head.
    readonly_fields = fields
    extra = 0
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        # New delegates go through the delegate form, which runs the registration service.
        return False


class VersionCheckedForm(forms.ModelForm):
    """An admin form that refuses to save over a change made since it was opened (by
    another officer, a focal point or the delegate): the form comes back with what was
    typed and a message. The row stays locked from this check until the save commits
    (the admin's change view runs in one transaction)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "version" in self.fields:  # not on the read-only view of the President's office
            self.fields["version"].widget = forms.HiddenInput()
            # Not needed to add a row; a change form always sends the one it was opened with.
            self.fields["version"].required = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("version") is None:
            cleaned["version"] = self.instance.version
        elif self.instance.pk:
            try:
                services.lock_version(self._meta.model, self.instance.pk, cleaned["version"])
            except services.EditConflict as error:
                raise forms.ValidationError(error.message, code="edit_conflict") from error
        return cleaned


class DelegationAdminForm(VersionCheckedForm):
    class Meta:
        model = Delegation
        fields = [
            "meeting",
            "category",
            "state",
            "organisation",
            "focal_point_name",
            "focal_point_email",
            "version",
        ]


class DelegationAdmin(admin.ModelAdmin):
    form = DelegationAdminForm
    list_display = ["__str__", "category", "focal_point_name", "focal_point_email", "created_at"]
    list_filter = ["category", "focal_point_language", "meeting"]
    search_fields = [
        "state__un_name",
        "organisation__name",
        "focal_point_name",
        "focal_point_email",
    ]
    list_select_related = ["state", "organisation"]
    autocomplete_fields = ["state", "organisation"]
    readonly_fields = ["created_at"]
    inlines = [DelegateInline]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        else:
            obj.created_at = clock.now()
        super().save_model(request, obj, form, change)


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"), choices=DeclineReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note to the person"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Sent as written, after the reason (which is sent in their language)."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == DeclineReason.OTHER and not cleaned.get("note", "").strip():
            self.add_error("note", _("Explain the reason in the note."))
        return cleaned


class DelegateAdminForm(VersionCheckedForm):
    """Staff see the same refusals as the public, next to the field, not a server error."""

    class Meta:
        model = Delegate
        fields = ["delegation", *DELEGATE_FIELDS, "language", "status", "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Unsaid means the site's default language (English), as for the rows before it.
        if "language" in self.fields:
            self.fields["language"].required = False

    def clean_language(self):
        return self.cleaned_data.get("language") or settings.LANGUAGE_CODE

    def clean(self):
        cleaned = super().clean()
        delegation, email = cleaned.get("delegation"), cleaned.get("email")
        # On a change the status is read-only (see DelegateAdmin): the stored one counts.
        status = cleaned.get("status", self.instance.status)
        if delegation and email and status != Delegate.Status.WITHDRAWN:
            # The same rule as the database's index: only withdrawn registrations free an address.
            others = (
                Delegate.objects.exclude(status=Delegate.Status.WITHDRAWN)
                .filter(meeting=delegation.meeting, email__iexact=email)
                .exclude(pk=self.instance.pk)
            )
            if others.exists():
                self.add_error("email", _("This e-mail address is already registered."))
        if (
            delegation
            and cleaned.get("role") == Delegate.Role.HEAD
            and status in (Delegate.Status.REGISTERED, Delegate.Status.CONFIRMED)
            and delegation.delegates.active()
            .filter(role=Delegate.Role.HEAD)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error("role", _("The delegation already has a head."))
        return cleaned


class DelegateAdmin(admin.ModelAdmin):
    form = DelegateAdminForm
    list_display = [
        "family_name",
        "given_name",
        "delegation",
        "role",
        "email",
        "status",
        "registered_late",
    ]
    list_filter = [
        "status",
        "language",
        "role",
        "delegation__category",
        "registered_late",
        "gender",
        "age_band",
    ]
    search_fields = [
        "given_name",
        "family_name",
        "badge_name",
        "email",
        "delegation__state__un_name",
        "delegation__organisation__name",
    ]
    list_select_related = ["delegation__state", "delegation__organisation"]
    autocomplete_fields = ["delegation"]
    readonly_fields = ["registered_late", "created_at", "updated_at"]

    def get_readonly_fields(self, request, obj=None):
        # A status changes only through the actions, which call the services and send
        # their e-mails; a registration is never edited back to life.
        return [*self.readonly_fields, "status"] if obj else self.readonly_fields

    actions = ["confirm", "decline", "resend_link"]

    # Actions that change registrations need the change permission: the President's
    # office, which may only view, does not see them.
    @admin.action(
        description=_("E-mail the selected delegates a new private link"), permissions=["change"]
    )
    def resend_link(self, request, queryset):
        sent = sum(
            services.private_link_resend(meeting=d.meeting, email=d.email)
            for d in queryset.select_related("meeting")
        )
        messages.success(
            request,
            ngettext("%(count)s e-mail queued.", "%(count)s e-mails queued.", sent)
            % {"count": sent},
        )

    @admin.action(
        description=_("Confirm the selected registrations (and e-mail them)"),
        permissions=["change"],
    )
    def confirm(self, request, queryset):
        count = sum(services.delegate_confirm(delegate=d) for d in queryset)
        messages.success(
            request, _("%(count)s registrations confirmed; e-mails queued.") % {"count": count}
        )

    @admin.action(
        description=_("Decline the selected registrations (with a reason, e-mailed)"),
        permissions=["change"],
    )
    def decline(self, request, queryset):
        """A page that asks for the reason first; the e-mails give it in each person's
        language."""
        form = DeclineForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            count = sum(
                services.delegate_decline(
                    delegate=d, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"]
                )
                for d in queryset
            )
            messages.success(
                request,
                _("%(count)s registrations declined; e-mails queued.") % {"count": count},
            )
            return None
        return TemplateResponse(
            request,
            "admin/registration/delegate/decline.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Decline the selected registrations"),
                "form": form,
                "delegates": queryset.select_related(
                    "delegation__state", "delegation__organisation"
                ),
                "opts": self.model._meta,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )

    def save_model(self, request, obj, form, change):
        if change:
            obj.updated_at = clock.now()
            obj.version += 1
            obj.save()
        else:
            services.delegate_add_by_staff(delegate=obj)
            if obj.registered_late:
                messages.info(
                    request, _("Added after the deadline: marked as a late registration.")
                )
