"""A meeting with people in every corner the site keeps them: self-registered
delegates, a delegation registered by its focal point, requests for the floor, a
confirmation e-mail with its calendar, photos (one approved and printed, one
rejected with a note and its e-mail), a rendered badge, a print batch, internal and
public Lists of Participants rendered by the worker, a visa support letter issued and a
certificate of attendance, and a change made by staff in the admin. The names and
addresses are unusual words, so that a search for them finds only what was typed here."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accreditation import services as accreditation_services
from documents import services as documents_services
from programme.models import AgendaItem
from registration import services
from registration.models import Delegate
from tests.conftest import BEFORE_DEADLINE, geneva
from tests.documents.letters_helpers import ask, check_in, issue
from tests.helpers import MINIMAL_PDF, person, photo_bytes, register, register_delegation, upload

PEOPLE = [
    # (n, state, role, gender, given, family, function, badge name)
    (1, "FRA", "head", "woman", "Ysolde", "Quennevey", "Ambassadrice Zorvatique", "Y. QUENNEVEY"),
    (2, "FRA", "adviser", "man", "Barnabé", "Xilostrand", "Conseiller Pluvimarque", ""),
    (3, "ICRC", "delegate", "undisclosed", "Oluwaseun", "Tremblique", "Legal adviser Vandrel", ""),
]
FOCAL_POINT = ("Fokalia Punktova", "fokalia.punktova@mission.example")
MEMBERS = [
    (4, "head", "man", "Hjalmar", "Vintersnø", "Ambassador Kvistbrå"),
    (5, "delegate", "woman", "Ingrid", "Pålsdottirq", "Attaché Fjellvik"),
]


def email_of(given, family):
    return f"{given.lower()}.{family.lower()}@mission.example"


def needles() -> list[str]:
    """Every name, function, badge name and address typed for these people."""
    words = [*FOCAL_POINT]
    for _n, _s, _r, _g, given, family, function, badge in PEOPLE:
        words += [given, family, function, email_of(given, family)] + ([badge] if badge else [])
    for _n, _r, _g, given, family, function in MEMBERS:
        words += [given, family, function, email_of(given, family)]
    return words


@pytest.fixture
def populated(
    open_registration,
    client,
    isu_user,
    settings,
    tmp_path,
    django_capture_on_commit_callbacks,
    clock_at,
):
    """The meeting with its people (see the module docstring); media in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    meeting = open_registration
    delegates = []
    for n, state, role, gender, given, family, function, badge in PEOPLE:
        overrides = {
            "role": role,
            "gender": gender,
            "given_name": given,
            "family_name": family,
            "function": function,
            "badge_name": badge,
            "email": email_of(given, family),
        }
        if state == "ICRC":
            delegate, _ = register(meeting, acronym="ICRC", n=n, **overrides)
        else:
            delegate, _ = register(meeting, state=state, n=n, **overrides)
        delegates.append(delegate)
    members = [
        person(
            n,
            role=role,
            gender=gender,
            given_name=given,
            family_name=family,
            function=function,
            email=email_of(given, family),
        )
        for n, role, gender, given, family, function in MEMBERS
    ]
    delegation, _ = register_delegation(
        meeting, state="CHE", members=members, name=FOCAL_POINT[0], email=FOCAL_POINT[1]
    )
    # Accreditation: identity details (encrypted), a note verbale that names people, an
    # accessibility need in the person's words.
    meeting.asks_identity_details = True
    meeting.save(update_fields=["asks_identity_details"])
    accreditation_services.give_identity_details(
        delegate=delegates[0],
        data={
            "name_in_document": "QUENNEVEY Ysolde",
            "nationality": "FRA",
            "date_of_birth": datetime.date(1971, 3, 9),
            "document_type": "passport",
            "document_number": "17QZ44821",
            "document_expires_on": datetime.date(2027, 2, 1),
        },
    )
    accreditation_services.give_access_needs(
        delegate=delegates[1],
        data={"wheelchair": True, "other": "Xilostrand needs a ramp at the side door"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        accreditation_services.nomination_upload(
            delegation=delegation,
            upload=SimpleUploadedFile(
                "NV Vintersnø.pdf", MINIMAL_PDF + "% names Hjalmar Vintersnø\n".encode()
            ),
            members=list(delegation.delegates.all()),
        )
    item = AgendaItem.objects.filter(allows_floor_requests=True).order_by("number").first()
    services.delegate_update(delegate=delegates[0], data={"floor_items": [item]})
    services.delegate_confirm(delegate=delegates[1])

    # The first delegate's photo, approved and printed; the second's, rejected.
    with django_capture_on_commit_callbacks(execute=True):
        photo = accreditation_services.photo_upload(
            delegate=delegates[0], upload=upload(photo_bytes())
        )
        rejected = accreditation_services.photo_upload(
            delegate=delegates[1], upload=upload(photo_bytes())
        )
    accreditation_services.photo_approve(photo=photo)
    accreditation_services.photo_reject(
        photo=rejected, reason="other", note=f"{PEOPLE[1][5]}: no hat"
    )

    with django_capture_on_commit_callbacks(execute=True):
        documents_services.badge_pdf_for(delegate=delegates[0])
        documents_services.badge_batch_request(delegates=Delegate.objects.all(), by=isu_user)
        documents_services.export_job_request(meeting=meeting, fmt="pdf", public=False)
        documents_services.export_job_request(meeting=meeting, fmt="pdf", public=True)

    # A visa letter (her identity details above, an encrypted PDF) and, the door having
    # let her in, a certificate of attendance (a PDF with her name).
    issue(ask(delegates[0]), django_capture_on_commit_callbacks, by=isu_user)
    clock_at(geneva(2018, 6, 7, 9))
    check_in(delegates[0], datetime.date(2018, 6, 7))
    clock_at(geneva(2018, 6, 11, 9))
    assert documents_services.certificate_for(delegate=delegates[0]) is not None
    clock_at(BEFORE_DEADLINE)

    # An officer corrects a function in the admin: the audit log and Django's admin log.
    client.force_login(isu_user)
    target = delegates[2]
    page = client.get(reverse("admin:registration_delegate_change", args=[target.pk]))
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "floor_items"}
    data.update(delegation=target.delegation_id, function=target.function + " principal")
    data["public_list_consent"] = "on"
    response = client.post(reverse("admin:registration_delegate_change", args=[target.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()
    return meeting
