"""Public registration and the private-link pages. Thin: forms validate, services write."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intersessional import clock, pagecache
from programme.queries import current_meeting

from . import extensions, links, services
from .forms import (
    DelegateEditForm,
    FocalPointForm,
    LanguageForm,
    LostLinkForm,
    MemberForm,
    MemberFormSet,
    SelfRegistrationForm,
)
from .models import Delegate, Delegation, InterventionRequest

# The private link shown once on the "done" page travels in a short-lived signed
# cookie, not the session: a registration then writes no session row.
LAST_LINK_COOKIE = "last_link"
LAST_LINK_SALT = "registration.done-page"
RECONFIRM = gettext_noop(
    "As a name, function or delegation changed, the registration waits for the ISU to "
    "confirm it again."
)


def _closed(request, meeting, status=200):
    return render(request, "registration/closed.html", {"meeting": meeting}, status=status)


def _identity(meeting, form):
    return services.identity_for(
        meeting=meeting,
        state=form.cleaned_data.get("state"),
        organisation=form.cleaned_data.get("organisation"),
    )


def _refuse(form, error: services.RegistrationError):
    """Show a service's refusal next to its field, keeping what was typed."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


@pagecache.per_minute
def start(request):
    meeting = current_meeting()
    if not meeting.registration_is_open(clock.now()):
        return _closed(request, meeting)
    return render(request, "registration/start.html", {"meeting": meeting})


@require_http_methods(["GET", "POST"])
@pagecache.per_minute(csrf=True)
def register_delegate(request):
    meeting = current_meeting()
    if request.method == "GET" and not meeting.registration_is_open(clock.now()):
        return _closed(request, meeting)
    form = SelfRegistrationForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            _delegate, token = services.delegate_register(
                meeting=meeting,
                identity=_identity(meeting, form),
                data=form.cleaned_data,
                # The page's language becomes the person's: their e-mails are in it.
                language=get_language(),
            )
        except services.RegistrationError as error:
            _refuse(form, error)
        else:
            return _done(links.path(Delegate, token))
    return render(
        request, "registration/register_delegate.html", {"meeting": meeting, "form": form}
    )


@require_http_methods(["GET", "POST"])
@pagecache.per_minute(csrf=True)
def register_delegation(request):
    meeting = current_meeting()
    if request.method == "GET" and not meeting.registration_is_open(clock.now()):
        return _closed(request, meeting)
    form = FocalPointForm(request.POST or None)
    formset = MemberFormSet(request.POST or None, prefix="members")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            _delegation, token = services.delegation_register(
                meeting=meeting,
                identity=_identity(meeting, form),
                focal_point_name=form.cleaned_data["focal_point_name"],
                focal_point_email=form.cleaned_data["focal_point_email"],
                members=formset.members(),
                language=get_language(),
            )
        except services.RegistrationError as error:
            _refuse(form, error)
        else:
            return _done(links.path(Delegation, token))
    return render(
        request,
        "registration/register_delegation.html",
        {"meeting": meeting, "form": form, "formset": formset},
    )


def _done(private_path: str):
    response = redirect("registration:done")
    response.set_signed_cookie(
        LAST_LINK_COOKIE,
        private_path,
        salt=LAST_LINK_SALT,
        max_age=600,
        path=reverse("registration:done"),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def done(request):
    meeting = current_meeting()
    private_link = request.get_signed_cookie(
        LAST_LINK_COOKIE, default=None, salt=LAST_LINK_SALT, max_age=600
    )
    response = render(
        request,
        "registration/done.html",
        {
            "meeting": meeting,
            "private_link": private_link,
            "panels": _panels_for_link(request, private_link),
        },
    )
    # Shown once: the next person on a shared computer must not find it here.
    response.delete_cookie(LAST_LINK_COOKIE, path=reverse("registration:done"))
    return response


# The pages behind a private link, by the name of their address.
LINK_PAGES = {
    "registration:delegate": ("delegate", Delegate),
    "registration:delegation": (
        "delegation",
        Delegation,
    ),
}


def _panels_for_link(request, private_link: str | None) -> list:
    """What the apps above add to the page behind the link just made (e.g. the updates
    the programme invites from the State), shown on the "done" page at once."""
    if not private_link:
        return []
    try:
        match = resolve(private_link)
    except Resolver404:
        return []
    if match.view_name not in LINK_PAGES:
        return []
    page, model = LINK_PAGES[match.view_name]
    token = match.kwargs["token"]
    obj = links.find(model, token)
    return extensions.panels(request, page=page, obj=obj, token=token) if obj else []


@require_http_methods(["GET", "POST"])
def lost_link(request):
    meeting = current_meeting()
    form = LostLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.private_link_resend(meeting=meeting, email=form.cleaned_data["email"])
        # The same answer whether or not the address is known: the page reveals nobody.
        messages.success(
            request,
            _("If %(email)s is registered, a new private link is on its way to it.")
            % {"email": form.cleaned_data["email"]},
        )
        return redirect("registration:lost-link")
    return render(request, "registration/lost_link.html", {"meeting": meeting, "form": form})


def _delegate_editable(delegate) -> bool:
    return delegate.meeting.registration_is_open(clock.now()) and delegate.status in (
        Delegate.Status.REGISTERED,
        Delegate.Status.CONFIRMED,
    )


@require_GET
def delegate_page(request, token):
    """The private link's landing page: the summary, a link to the edit form, the withdraw
    form. Light on purpose (two queries, no form rendered): most visits only read."""
    delegate = links.find_or_404(Delegate, token)
    floor_requests = InterventionRequest.objects.filter(speaker=delegate).select_related(
        "agenda_item"
    )
    return render(
        request,
        "registration/delegate_page.html",
        {
            "meeting": delegate.meeting,
            "delegate": delegate,
            "editable": _delegate_editable(delegate),
            "floor_requests": floor_requests,
            "panels": extensions.panels(request, page="delegate", obj=delegate, token=token),
            "language_form": LanguageForm(initial={"language": delegate.language}),
        },
    )


@require_http_methods(["GET", "POST"])
def delegate_edit(request, token):
    delegate = links.find_or_404(Delegate, token)
    meeting = delegate.meeting
    if not _delegate_editable(delegate):
        if request.method == "POST":
            return _closed(request, meeting, status=403)
        # The landing page says why: registration closed, or no longer active.
        return redirect("registration:delegate", token=token)
    form = DelegateEditForm(request.POST or None, instance=delegate, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        confirmed = delegate.status == Delegate.Status.CONFIRMED
        try:
            services.delegate_update(delegate=delegate, data=form.cleaned_data)
        except services.RegistrationError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("Your registration is updated."))
            if confirmed and delegate.status == Delegate.Status.REGISTERED:
                messages.info(request, _(RECONFIRM))
            return redirect("registration:delegate", token=token)
    return render(
        request,
        "registration/delegate_edit.html",
        {"meeting": meeting, "delegate": delegate, "form": form},
    )


@require_POST
def delegate_withdraw(request, token):
    delegate = links.find_or_404(Delegate, token)
    try:
        services.delegate_withdraw(delegate=delegate)
    except services.RegistrationClosed:
        return _closed(request, delegate.meeting, status=403)
    except services.RegistrationError as error:
        messages.error(request, error.message)
        return redirect("registration:delegate", token=token)
    messages.success(request, _("Your registration is withdrawn. You will not receive a badge."))
    return redirect("registration:delegate", token=token)


@require_POST
def delegate_language(request, token):
    """The language of the delegate's e-mails; changeable also after the deadline."""
    delegate = links.find_or_404(Delegate, token)
    form = LanguageForm(request.POST)
    if form.is_valid():
        services.delegate_set_language(delegate=delegate, language=form.cleaned_data["language"])
        messages.success(
            request,
            _("Your e-mails will be written in %(language)s.")
            % {"language": delegate.get_language_display()},
        )
    return redirect("registration:delegate", token=token)


@require_POST
def delegation_language(request, token):
    """The language of the focal point's e-mails."""
    delegation = links.find_or_404(Delegation, token)
    form = LanguageForm(request.POST)
    if form.is_valid():
        services.delegation_set_language(
            delegation=delegation, language=form.cleaned_data["language"]
        )
        messages.success(
            request,
            _("Your e-mails will be written in %(language)s.")
            % {"language": delegation.get_focal_point_language_display()},
        )
    return redirect("registration:delegation", token=token)


@require_http_methods(["GET", "POST"])
def delegation_page(request, token):
    delegation = links.find_or_404(Delegation, token)
    meeting = delegation.meeting
    editable = meeting.registration_is_open(clock.now())
    form = MemberForm(request.POST or None, prefix="new") if editable else None
    if request.method == "POST":
        if form is None:
            return _closed(request, meeting, status=403)
        if form.is_valid():
            try:
                services.delegation_add_member(
                    delegation=delegation, data=form.cleaned_data, language=get_language()
                )
            except services.RegistrationError as error:
                _refuse(form, error)
            else:
                messages.success(request, _("The member is added."))
                return redirect(request.path)
    members = delegation.delegates.order_by("created_at", "pk")
    return render(
        request,
        "registration/delegation_page.html",
        {
            "meeting": meeting,
            "delegation": delegation,
            "members": members,
            "panels": extensions.panels(request, page="delegation", obj=delegation, token=token),
            "form": form,
            "editable": editable,
            "token": token,
            "language_form": LanguageForm(initial={"language": delegation.focal_point_language}),
        },
    )


@require_http_methods(["GET", "POST"])
def delegation_member(request, token, pk):
    delegation = links.find_or_404(Delegation, token)
    # A member of another delegation is not found here, whatever id is in the address.
    delegate = get_object_or_404(delegation.delegates.active(), pk=pk)
    meeting = delegation.meeting
    if not meeting.registration_is_open(clock.now()):
        return _closed(request, meeting, status=403 if request.method == "POST" else 200)
    back = reverse("registration:delegation", args=[token])
    if request.method == "POST" and "withdraw" in request.POST:
        try:
            services.delegate_withdraw(delegate=delegate)
        except services.RegistrationClosed:
            return _closed(request, meeting, status=403)
        messages.success(request, _("%(name)s is withdrawn.") % {"name": delegate.full_name})
        return redirect(back)
    # The focal point also says where this member will take the floor: members it
    # registered have no private link of their own.
    form = DelegateEditForm(request.POST or None, instance=delegate, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        confirmed = delegate.status == Delegate.Status.CONFIRMED
        try:
            services.delegate_update(delegate=delegate, data=form.cleaned_data)
        except services.RegistrationError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("%(name)s is updated.") % {"name": delegate.full_name})
            if confirmed and delegate.status == Delegate.Status.REGISTERED:
                messages.info(request, _(RECONFIRM))
            return redirect(back)
    return render(
        request,
        "registration/delegation_member.html",
        {
            "meeting": meeting,
            "delegation": delegation,
            "delegate": delegate,
            "form": form,
            "back": back,
        },
    )
