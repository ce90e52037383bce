"""The floor's pages: the bilateral invitation's private link (answer it, take the
meeting into a calendar); through a delegate's or a focal point's private link, the
updates its State is invited to present and its statements; the public statements
of each agenda item and their files."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from programme.calendar import CONTENT_TYPE, event_calendar, uid_for
from programme.models import AgendaItem
from programme.queries import current_meeting
from registration import links
from registration.models import Delegate, Delegation
from registration.services import RegistrationError

from . import panels, queries, services, uploads
from .forms import StatementForm
from .models import BilateralInvitation, Statement, UpdatesInvitation

ACTIVE = (Delegate.Status.REGISTERED, Delegate.Status.CONFIRMED)
VIEW_STATEMENTS = "floor.view_statement"


@require_http_methods(["GET", "POST"])
def bilateral(request, token):
    """The invited delegation accepts or declines its bilateral meeting."""
    invitation = links.find_or_404(BilateralInvitation, token)
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer not in ("accept", "decline"):
            return HttpResponseBadRequest(_("Answer with the page's buttons."))
        accept = answer == "accept"
        try:
            recorded = services.bilateral_answer(invitation=invitation, accept=accept)
        except RegistrationError as error:
            messages.error(request, error.message)
            return redirect("floor:bilateral", token=token)
        if recorded:
            messages.success(
                request,
                _("Thank you: the meeting is confirmed.")
                if accept
                else _("Thank you: the invitation is declined."),
            )
        else:
            messages.info(request, _("This invitation was already answered."))
        return redirect("floor:bilateral", token=token)
    return render(
        request,
        "floor/bilateral.html",
        {"meeting": invitation.slot.meeting, "invitation": invitation, "token": token},
    )


def bilateral_calendar(request, token):
    """The accepted meeting as an iCalendar file."""
    invitation = links.find_or_404(BilateralInvitation, token)
    if invitation.status != BilateralInvitation.Status.ACCEPTED:
        raise Http404(_("Only an accepted meeting goes into a calendar."))
    slot, meeting = invitation.slot, invitation.slot.meeting
    ics = event_calendar(
        uid=uid_for("bilateral", invitation.pk, meeting_slug=meeting.slug),
        summary=_("Bilateral meeting: %(host)s") % {"host": slot.host_name},
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        location=", ".join(filter(None, [slot.room, meeting.venue_name, meeting.venue_address])),
        description=invitation.delegation.name,
    )
    response = HttpResponse(ics, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="bilateral-meeting.ics"'
    return response


# Updates and statements through a delegate's or a focal point's private link, and
# the updates through the link of the e-mail that invites the delegation to present them

OWNERS = {"delegate": Delegate, "delegation": Delegation, "invitation": UpdatesInvitation}


def _owner(kind: str, token: str):
    """(delegation, the delegate or None, meeting) behind a private link of `kind`."""
    found = links.find_or_404(OWNERS[kind], token)
    if kind == "delegate":
        return found.delegation, found, found.meeting
    if kind == "invitation":
        return found.delegation, None, found.delegation.meeting
    return found, None, found.meeting


@require_safe
def updates_invitation(request, token):
    """The page the invitation to present updates links to: the updates the programme
    invites from the delegation's State, and the one-step button for those speakers'
    lists (the head of delegation speaks, as when the focal point presses it)."""
    delegation, _delegate, meeting = _owner("invitation", token)
    panel = panels.updates_panel(
        request,
        delegation=delegation,
        meeting=meeting,
        action=reverse("floor:invitation-updates", args=[token]),
    )
    return render(
        request,
        "floor/updates_invitation.html",
        {"meeting": meeting, "delegation": delegation, "panel": panel},
    )


def owner_url(kind: str, name: str, token: str, *args) -> str:
    return reverse(f"floor:{kind}-{name}", args=[token, *args])


@require_POST
def updates_take_floor(request, kind, token):
    """One step: the delegation goes on the speakers' lists of the items that call the
    updates its State is invited to present."""
    delegation, delegate, meeting = _owner(kind, token)
    back = links.path(OWNERS[kind], token)
    # Fresh: what goes on the lists follows the confirmations as they stand now.
    updates = queries.invited_updates(delegation, meeting, fresh=True)
    speaker = delegate or services.speaker_for(delegation)
    if not updates:
        messages.info(request, _("The programme invites no update from your State."))
        return redirect(back)
    if speaker is None:
        messages.error(request, _("Register a member of the delegation first: they will speak."))
        return redirect(back)
    try:
        added = services.updates_take_floor(delegation=delegation, speaker=speaker, updates=updates)
    except RegistrationError as error:
        messages.error(request, error.message)
        return redirect(back)
    if added:
        messages.success(
            request,
            _("%(delegation)s is on the speakers' list for: %(items)s.")
            % {"delegation": delegation.name, "items": "; ".join(str(i) for i in added)},
        )
    else:
        messages.info(request, _("Your delegation was already on these speakers' lists."))
    return redirect(back)


@require_http_methods(["GET", "POST"])
def statements(request, kind, token):
    """The delegation's statements and presentations, and the form to send one."""
    delegation, delegate, meeting = _owner(kind, token)
    if delegate is not None and delegate.status not in ACTIVE:
        raise Http404(_("This registration is no longer active."))
    form = StatementForm(request.POST or None, request.FILES or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.statement_upload(
                delegation=delegation,
                agenda_item=data["agenda_item"],
                kind=data["kind"],
                language=data["language"],
                reflects_gender_and_diversity=data["reflects_gender_and_diversity"],
                includes_disaggregated_data=data["includes_disaggregated_data"],
                upload=data["file"],
            )
        except RegistrationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("Thank you: your %(kind)s on item %(item)s is received.")
                % {
                    "kind": Statement.Kind(data["kind"]).label.lower(),
                    "item": data["agenda_item"].number,
                },
            )
            return redirect(request.path)
    sent = list(
        Statement.objects.filter(delegation=delegation)
        .select_related("agenda_item")
        .order_by("uploaded_at", "pk")
    )
    for statement in sent:
        statement.own_url = owner_url(kind, "statement-file", token, statement.pk)
        statement.withdraw_url = owner_url(kind, "statement-withdraw", token, statement.pk)
    return render(
        request,
        "floor/statements.html",
        {
            "meeting": meeting,
            "delegation": delegation,
            "form": form,
            "statements": sent,
            "back": links.path(OWNERS[kind], token),
        },
    )


@require_POST
def statement_withdraw(request, kind, token, pk):
    delegation, _delegate, _meeting = _owner(kind, token)
    statement = get_object_or_404(Statement, pk=pk, delegation=delegation)
    if services.statement_withdraw(statement=statement):
        messages.success(request, _("The file is withdrawn."))
    else:
        messages.error(request, _("A delivered statement stays: write to the ISU to change it."))
    return redirect(owner_url(kind, "statements", token))


@require_safe
def own_statement_file(request, kind, token, pk):
    """The delegation's own file, published or not (another delegation's: not found)."""
    delegation, _delegate, _meeting = _owner(kind, token)
    statement = get_object_or_404(Statement.objects.for_list(), pk=pk, delegation=delegation)
    return statement_download(statement)


# Public: the statements of each agenda item, published after delivery ---------------


@require_safe
def item_statements(request, pk):
    meeting = current_meeting()
    item = get_object_or_404(
        AgendaItem.objects.select_related("session", "committee"), pk=pk, session__meeting=meeting
    )
    return render(
        request,
        "floor/item_statements.html",
        {"meeting": meeting, "item": item, "statements": queries.published_statements(item)},
    )


@require_safe
def statement_file(request, pk):
    """A published file, for anyone; before publication only staff who may see
    statements (the delegation uses its private link): a 404 for everyone else."""
    statement = get_object_or_404(Statement.objects.for_list(), pk=pk)
    if not statement.is_published and not (
        request.user.is_staff and request.user.has_perm(VIEW_STATEMENTS)
    ):
        raise Http404(_("No such statement has been published."))
    return statement_download(statement)


def statement_download(statement: Statement) -> FileResponse:
    """The file as a download, never shown from the site's origin: an attachment, no
    type sniffing, and a sandboxing policy should a browser render it all the same."""
    response = FileResponse(
        statement.file.open("rb"),
        as_attachment=True,
        filename=statement.download_name,
        content_type=uploads.CONTENT_TYPES[statement.file_type],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store" if not statement.is_published else "no-cache"
    return response
