"""The speakers' list of an agenda item, for the chair: as CSV and as PDF."""

import csv
import io

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from intersessional.documents import neutralise, no_fetching
from programme.models import AgendaItem
from registration.models import InterventionRequest

VIEW_LIST = "registration.view_interventionrequest"


def safe_cell(value) -> str:
    return neutralise("" if value is None else str(value))


def speakers(item: AgendaItem):
    return list(InterventionRequest.objects.filter(agenda_item=item).speakers_list())


def speakers_csv(item: AgendaItem) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [_("Order"), _("Delegation"), _("Category"), _("Speaker"), _("Function"), _("Spoke")]
    )
    for n, request in enumerate(speakers(item), start=1):
        speaker = request.speaker
        writer.writerow(
            [
                n,
                safe_cell(request.delegation.name),
                request.delegation.get_category_display(),
                safe_cell(f"{speaker.title} {speaker.full_name}".strip()),
                safe_cell(speaker.function),
                _("yes") if request.spoke else "",
            ]
        )
    return out.getvalue()


def speakers_pdf(item: AgendaItem) -> bytes:
    from weasyprint import HTML

    html = render_to_string("floor/speakers_list.html", {"item": item, "requests": speakers(item)})
    return HTML(string=html, url_fetcher=no_fetching()).write_pdf()


@staff_member_required
@permission_required(VIEW_LIST, raise_exception=True)
def export(request, pk, fmt):
    item = get_object_or_404(AgendaItem.objects.select_related("session__meeting"), pk=pk)
    if fmt == "csv":
        response = HttpResponse(speakers_csv(item), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(speakers_pdf(item), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="speakers-item-{item.number}.{fmt}"'
    return response
