"""The Sponsorship Programme's pages. Through private links (six languages): apply, see
the application, answer an offer, download the sponsorship letter. Staff pages
(/staff/sponsorship/, English and French): the committee's, the travel
administrator's, the coordinator's report in HTML, XLSX and PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from documents.exports import FORMATS
from intersessional import clock
from intersessional.staff import attachment, staff_context, staff_member_required, staff_page
from programme.queries import current_meeting
from registration import links
from registration.models import Delegate, Delegation

from . import queries, reports, services
from .forms import ApplicationForm, DecisionForm, TravelForm
from .models import Application

DECIDE = "sponsorship.decide_application"
VIEW = "sponsorship.view_application"
IDENTITY = "sponsorship.view_identity"
TRAVEL = "sponsorship.change_travel"
REPORT = "sponsorship.view_sponsorship_report"


def _programme_or_404(meeting):
    programme = services.programme_for(meeting)
    if programme is None:
        raise Http404(_("There is no Sponsorship Programme for this meeting."))
    return programme


# Through private links ----------------------------------------------------------


@require_http_methods(["GET", "POST"])
def apply(request, token):
    """A registered delegate applies through their own private link."""
    delegate = links.find_or_404(Delegate, token)
    return _apply(request, delegate=delegate, back=links.path(Delegate, token))


@require_http_methods(["GET", "POST"])
def apply_for_member(request, token, pk):
    """The focal point applies for a member of the delegation, in an order of priority."""
    delegation = links.find_or_404(Delegation, token)
    delegate = get_object_or_404(
        Delegate.objects.select_related("meeting", "delegation__state"),
        pk=pk,
        delegation=delegation,
    )
    return _apply(
        request, delegate=delegate, back=links.path(Delegation, token), by_focal_point=True
    )


def _apply(request, *, delegate, back, by_focal_point=False):
    programme = _programme_or_404(delegate.meeting)
    existing = Application.objects.filter(delegate=delegate).first()
    refusal = services.ineligibility(programme, delegate, clock.now())
    form = ApplicationForm(
        request.POST or None,
        request.FILES or None,
        delegate=delegate,
        with_priority=by_focal_point,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _application, application_token = services.application_submit(
                programme=programme,
                delegate=delegate,
                data=data,
                identity=form.identity(),
                priority=data.get("priority"),
            )
        except services.SponsorshipError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            if by_focal_point:
                messages.success(
                    request,
                    _("Thank you: the application is received; we have e-mailed its link to them."),
                )
                return redirect(back)
            messages.success(
                request,
                _("Thank you: your application is received. We have e-mailed you its link."),
            )
            return redirect(links.path(Application, application_token))
    elif request.method == "POST" and existing is not None:
        form.add_error(None, _("This person has already applied for sponsorship."))
    return render(
        request,
        "sponsorship/apply.html",
        {
            "meeting": delegate.meeting,
            "programme": programme,
            "delegate": delegate,
            "form": form,
            "existing": existing,
            "refusal": refusal if request.method == "GET" else None,
            "back": back,
            "by_focal_point": by_focal_point,
            "passport_until": services.passport_must_be_valid_until(delegate.meeting),
        },
    )


@require_http_methods(["GET", "POST"])
def application(request, token):
    """Where the application stands; the offer's answer; the travel and letter."""
    found = links.find_or_404(Application, token)
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer not in ("accept", "decline"):
            return HttpResponseBadRequest(_("Answer with the page's buttons."))
        try:
            answered = services.offer_answer(application=found, accept=answer == "accept")
        except services.SponsorshipError as error:
            messages.error(request, error.message)
        else:
            if not answered:
                messages.info(request, _("This offer was already answered."))
            elif answer == "accept":
                messages.success(
                    request, _("Thank you: you accepted the offer. Your travel will follow.")
                )
            else:
                messages.success(request, _("Thank you: you declined the offer."))
        return redirect(request.path)
    travel = getattr(found, "travel", None)
    return render(
        request,
        "sponsorship/application.html",
        {
            "meeting": found.programme.meeting,
            "application": found,
            "travel": travel if travel and travel.issued_at else None,
            "token": token,
        },
    )


@require_safe
def letter(request, token):
    """The sponsorship letter, once the worker has rendered it."""
    found = links.find_or_404(Application, token)
    travel = getattr(found, "travel", None)
    if travel is None or not travel.letter_rendered_at:
        raise Http404(_("The sponsorship letter is not ready yet."))
    return FileResponse(
        travel.letter.open("rb"),
        as_attachment=True,
        filename="sponsorship-letter.pdf",
        content_type="application/pdf",
    )


# Staff pages ------------------------------------------------------------------------


def staff_action(perm: str):
    def decorate(view):
        return require_POST(
            never_cache(
                staff_member_required(permission_required(perm, raise_exception=True)(view))
            )
        )

    return decorate


@staff_page(VIEW)
def committee(request):
    meeting = current_meeting()
    programme = _programme_or_404(meeting)
    applications = queries.applications_for_committee(programme)
    committed = services.committed(programme)
    declined = any(
        a.status in (Application.Status.OFFER_DECLINED, Application.Status.OFFER_LAPSED)
        for a in applications
    )
    return render(
        request,
        "sponsorship/committee.html",
        staff_context(
            request,
            meeting=meeting,
            programme=programme,
            applications=applications,
            breakdowns=queries.offered_breakdowns(applications),
            committed=committed,
            available=programme.budget_chf - committed,
            estimate=programme.estimate(),
            proposed=services.wait_list_next(programme) if declined else None,
            can_decide=request.user.has_perm(DECIDE),
            sees_identity=request.user.has_perm(IDENTITY),
        ),
    )


@staff_action(DECIDE)
def decide(request, pk):
    application = get_object_or_404(Application.objects.select_related("delegate"), pk=pk)
    form = DecisionForm(request.POST, prefix=f"a{pk}")
    if not form.is_valid():
        messages.error(request, _("Choose a decision and give its reason."))
        return redirect("staff:sponsorship-committee")
    try:
        services.application_decide(
            application=application,
            decision=form.cleaned_data["decision"],
            reason=form.cleaned_data["reason"],
            version=form.cleaned_data["version"],
            by=request.user,
        )
    except services.SponsorshipError as error:
        messages.error(
            request,
            _("%(name)s: %(refusal)s") % {"name": application.delegate, "refusal": error.message},
        )
    else:
        messages.success(
            request, _("%(name)s: decision recorded and e-mailed.") % {"name": application.delegate}
        )
    return redirect("staff:sponsorship-committee")


@staff_page(IDENTITY)
def nomination(request, pk):
    """A nomination letter, to the committee and the travel administrator; audited."""
    application = get_object_or_404(Application, pk=pk)
    if not application.nomination:
        raise Http404(_("No nomination letter, or it was deleted."))
    services.nomination_downloaded(application=application, by=request.user)
    return FileResponse(
        application.nomination.open("rb"),
        as_attachment=True,
        filename=f"nomination-{application.pk}.{application.nomination_type}",
    )


@require_http_methods(["GET", "POST"])
@never_cache
@staff_member_required
@permission_required(TRAVEL, raise_exception=True)
def travel(request):
    """The accepted offers and their travel; one form each."""
    meeting = current_meeting()
    programme = _programme_or_404(meeting)
    if request.method == "POST":
        application = get_object_or_404(
            Application, pk=request.POST.get("application"), programme=programme
        )
        existing = getattr(application, "travel", None)
        form = TravelForm(request.POST, instance=existing, prefix=f"t{application.pk}")
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "issue"}
            try:
                services.travel_record(
                    application=application,
                    data=data,
                    issue=form.cleaned_data["issue"],
                    by=request.user,
                )
            except services.SponsorshipError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request, _("%(name)s: travel recorded.") % {"name": application.delegate}
                )
            return redirect("staff:sponsorship-travel")
        messages.error(
            request, _("%(name)s: check the travel's fields.") % {"name": application.delegate}
        )
    accepted = list(
        Application.objects.filter(programme=programme, status=Application.Status.ACCEPTED)
        .select_related("delegate__delegation__state", "delegate__identity", "travel")
        .order_by("delegate__delegation__state__un_name")
    )
    for row in accepted:
        existing = getattr(row, "travel", None)
        row.form = TravelForm(
            instance=existing,
            prefix=f"t{row.pk}",
            initial=None
            if existing
            else {
                "nights": programme.nights,
                "allowance_chf": programme.daily_allowance_chf * programme.nights,
            },
        )
    return render(
        request,
        "sponsorship/travel.html",
        staff_context(request, meeting=meeting, programme=programme, accepted=accepted),
    )


def _report_language(request) -> str:
    return "fr" if request.GET.get("lang") == "fr" else "en"


@staff_page(REPORT)
def report(request):
    meeting = current_meeting()
    programme = _programme_or_404(meeting)
    return render(
        request,
        "sponsorship/report.html",
        staff_context(request, meeting=meeting, report=queries.report(programme)),
    )


@staff_page(REPORT)
def report_file(request, fmt):
    meeting = current_meeting()
    programme = _programme_or_404(meeting)
    language = _report_language(request)
    with translation.override(language):
        data = queries.report(programme)
        content = (
            reports.report_xlsx(data, meeting)
            if fmt == "xlsx"
            else reports.report_pdf(data, meeting, language)
        )
    return attachment(
        content,
        content_type=FORMATS[fmt],
        filename=f"sponsorship-{meeting.slug}-{language}.{fmt}",
    )
