"""Visa support letters: asked for through the private link, approved by the ISU one
or many at once, rendered by the worker (encrypted at rest), e-mailed with a link,
verified on their public page, revoked."""

import datetime
import io
import subprocess
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image

from accreditation.services import identity_details_of
from documents import letters, services
from documents.models import Letterhead, VisaLetter
from documents.tasks import issue_visa_letter
from outbox.models import Notification
from reference.models import State
from registration import services as registration_services
from tests.documents.letters_helpers import ask, give_identity, issue
from tests.helpers import pdf_text, register, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def delegate(open_registration):
    delegate, token = register(open_registration, state="SEN")
    give_identity(delegate)
    delegate.token = token
    return delegate


def letter_page(delegate, language="en"):
    return f"/{language}/registration/{delegate.token}/visa-letter/"


def words(pdf: bytes) -> str:
    """The PDF's text on one line (pdftotext breaks lines where the page does)."""
    return " ".join(pdf_text(pdf).split())


def letter_pdf(letter) -> bytes:
    letter.refresh_from_db()
    return services.visa_letter_pdf(letter=letter)


IDENTITY = {
    "name_in_document": "DUPONT Marie Claire",
    "nationality": "SEN",
    "date_of_birth": "1980-04-16",
    "document_type": "passport",
    "document_number": "18AB34567",
    "document_expires_on": "2027-01-31",
}
JOURNEY = {
    "consulate": "Embassy of Switzerland in Dakar",
    "arrives_on": "2018-06-05",
    "departs_on": "2018-06-09",
    "language": "fr",
}


def test_a_delegate_asks_for_a_letter_through_the_private_link(client, delegate):
    page = client.get(letter_page(delegate)).content.decode()
    # The identity details given before are filled in.
    assert 'value="DUPONT Marie Claire"' in page
    assert 'value="18AB34567"' in page

    response = client.post(letter_page(delegate), {**IDENTITY, **JOURNEY}, follow=True)

    text = visible_text(response)
    assert "Your request is received" in text
    assert "Embassy of Switzerland in Dakar" in text
    letter = VisaLetter.objects.get(delegate=delegate)
    assert (letter.status, letter.language) == ("requested", "fr")
    assert (letter.arrives_on, letter.departs_on) == (
        datetime.date(2018, 6, 5),
        datetime.date(2018, 6, 9),
    )


def test_the_private_link_page_shows_the_letter_panel(client, delegate):
    text = visible_text(client.get(f"/en/registration/{delegate.token}/"))

    assert "Visa support letter" in text
    assert "Ask for a letter, follow your request or download the letter" in text


def test_the_identity_details_are_given_once_with_the_first_request(client, open_registration):
    other, token = register(open_registration, state="SEN", n=2)
    with pytest.raises(services.DocumentRefused):
        ask(other)

    client.post(
        f"/en/registration/{token}/visa-letter/",
        {**IDENTITY, **JOURNEY, "name_in_document": "NDIAYE Awa"},
    )

    details = identity_details_of(other)
    assert (details.name_in_document, details.nationality) == ("NDIAYE Awa", "SEN")
    assert VisaLetter.objects.get(delegate=other).status == "requested"


def test_an_expired_passport_is_refused_with_the_request(client, open_registration):
    _other, token = register(open_registration, state="SEN", n=2)

    response = client.post(
        f"/en/registration/{token}/visa-letter/",
        {**IDENTITY, **JOURNEY, "document_expires_on": "2018-01-31"},
    )

    assert "This document has expired" in visible_text(response)
    assert not VisaLetter.objects.exists()


def test_travel_dates_far_from_the_meeting_are_refused(client, delegate):
    response = client.post(
        letter_page(delegate),
        {**IDENTITY, **JOURNEY, "arrives_on": "2018-04-01", "departs_on": "2018-06-01"},
    )

    text = visible_text(response)
    assert "arrive at most 14 days before it" in text
    assert "leave at most 14 days after it" in text
    assert not VisaLetter.objects.exists()


def test_another_delegates_link_opens_nothing(client, delegate):
    response = client.get("/en/registration/not-a-token/visa-letter/")

    assert response.status_code == 404


def test_staff_approve_many_letters_at_once_and_each_is_issued_and_emailed(
    admin_client, delegate, open_registration, django_capture_on_commit_callbacks
):
    second, _ = register(open_registration, state="SEN", n=2)
    give_identity(second, name_in_document="NDIAYE Awa")
    letters_asked = [ask(delegate), ask(second, language="fr")]

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:documents_visaletter_changelist"),
            {"action": "approve", "_selected_action": [letter.pk for letter in letters_asked]},
            follow=True,
        )

    assert "2 letters approved" in visible_text(response)
    first, other = (VisaLetter.objects.get(pk=letter.pk) for letter in letters_asked)
    assert (first.status, other.status) == ("issued", "issued")
    assert first.reference == f"ISU/2018/VL/{first.pk:04d}"
    text = words(letter_pdf(first))
    for printed in [
        "DUPONT Marie Claire",
        "Senegal",
        "16 April 1980",
        "18AB34567",
        "31 January 2027",
        "Embassy of Switzerland in Dakar",
        first.reference,
        "5 June 2018",
        "9 June 2018",
        "/verify/" + first.code,
    ]:
        assert printed in text, printed
    french = words(letter_pdf(other))
    assert "NDIAYE Awa" in french
    assert "Sénégal" in french
    assert "Lettre d’appui à une demande de visa" in french
    emails = Notification.objects.filter(kind="visa_letter_issued").order_by("pk")
    assert [e.to_email for e in emails] == [delegate.email, second.email]
    assert first.reference in emails[0].body_text


def test_the_email_link_downloads_the_letter(client, delegate, django_capture_on_commit_callbacks):
    letter = issue(ask(delegate), django_capture_on_commit_callbacks)
    email = Notification.objects.get(kind="visa_letter_issued")
    link = next(word for word in email.body_text.split() if "/letter/" in word)

    response = client.get(urlsplit(link).path)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert letter.reference in pdf_text(response.content)


def test_the_letter_is_encrypted_at_rest(delegate, django_capture_on_commit_callbacks):
    letter = issue(ask(delegate), django_capture_on_commit_callbacks)

    with letter.pdf.open("rb") as f:
        stored = f.read()

    assert stored.startswith(b"gAAAAA")
    assert b"%PDF" not in stored and b"18AB34567" not in stored
    assert letter_pdf(letter).startswith(b"%PDF")


def test_a_letter_is_rendered_and_emailed_once_whoever_hands_it_over(
    delegate, django_capture_on_commit_callbacks
):
    letter = issue(ask(delegate), django_capture_on_commit_callbacks)

    assert issue_visa_letter(letter.pk) is False

    assert Notification.objects.filter(kind="visa_letter_issued").count() == 1


def test_the_verification_page_says_genuine_for_whom_and_no_more(
    client, delegate, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    letter = issue(ask(delegate), django_capture_on_commit_callbacks)

    # The letter with its meeting, and the nationality's name in the page's language.
    with django_assert_max_num_queries(2):
        response = client.get(f"/en/verify/{letter.code}/")

    text = visible_text(response)
    assert "This visa support letter is genuine" in text
    assert "DUPONT Marie Claire" in text
    assert "Nationality Senegal" in text
    assert delegate.meeting.title in text
    assert "7–8 June 2018" in text
    assert letter.reference in text
    for secret in ["18AB34567", "1980", "2027", "Dakar", delegate.email]:
        assert secret not in response.content.decode()
    assert response["Referrer-Policy"] == "no-referrer"


def test_the_qr_code_leads_to_the_page_in_the_readers_language(
    client, delegate, django_capture_on_commit_callbacks
):
    letter = issue(ask(delegate), django_capture_on_commit_callbacks)

    response = client.get(f"/verify/{letter.code}/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 302
    assert response["Location"] == f"/fr/verify/{letter.code}/"
    page = visible_text(client.get(response["Location"]))
    assert "Sénégal" in page


def test_a_revoked_letter_is_shown_revoked_and_no_longer_downloaded(
    admin_client, client, delegate, django_capture_on_commit_callbacks
):
    letter = issue(ask(delegate), django_capture_on_commit_callbacks)

    admin_client.post(
        reverse("admin:documents_visaletter_changelist"),
        {"action": "revoke", "_selected_action": [letter.pk]},
    )

    text = visible_text(client.get(f"/en/verify/{letter.code}/"))
    assert "This visa support letter was revoked on 30 May 2018: it is no longer valid." in text
    assert "is genuine" not in text
    response = client.get(f"/en/registration/{delegate.token}/visa-letter.pdf")
    assert response.status_code == 404
    # The delegate may ask again: a new letter, a new code.
    assert ask(delegate).code != letter.code


def test_unknown_codes_and_letters_not_issued_are_not_found(client, delegate):
    requested = ask(delegate)

    for code in [requested.code, "A" * 22, "x" * 300]:
        response = client.get(f"/en/verify/{code}/")
        assert response.status_code == 404
        assert "No letter or certificate issued by this site has this code" in visible_text(
            response
        )


def test_the_verification_page_is_rate_limited(client, settings, delegate):
    settings.VERIFY_PER_MINUTE = 3

    statuses = [client.get(f"/en/verify/guess{n:017d}/").status_code for n in range(4)]

    assert statuses == [404, 404, 404, 429]


def png(width=400, height=100) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (0, 63, 114)).save(buffer, "PNG")
    return buffer.getvalue()


def test_the_letterhead_is_a_png_or_jpeg_checked_by_its_bytes(
    admin_client, delegate, django_capture_on_commit_callbacks, tmp_path
):
    url = reverse("admin:documents_letterhead_add")
    renamed = SimpleUploadedFile("head.png", b"%PDF-1.4 not an image", "image/png")

    response = admin_client.post(
        url,
        {"meeting": delegate.meeting.pk, "letterhead": renamed, "signatory_name": "A. Director"},
    )

    assert "This file is not a PNG or JPEG image" in visible_text(response)
    assert not Letterhead.objects.exists()

    admin_client.post(
        url,
        {
            "meeting": delegate.meeting.pk,
            "letterhead": SimpleUploadedFile("head.png", png(), "image/png"),
            "signature": SimpleUploadedFile("sig.png", png(200, 60), "image/png"),
            "signatory_name": "A. Director",
            "signatory_function": "Director, Implementation Support Unit",
        },
    )
    letterhead = Letterhead.objects.get()
    assert not letterhead.letterhead.name.endswith(".png")  # a random name
    pdf = letter_pdf(issue(ask(delegate), django_capture_on_commit_callbacks))
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    images = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True
    ).stdout
    sizes = {tuple(line.split()[3:5]) for line in images.splitlines()[2:]}
    assert {("400", "100"), ("200", "60")} <= sizes
    assert "A. Director" in pdf_text(pdf)


def test_nothing_a_delegate_typed_makes_the_pdf_fetch_anything(
    delegate, django_capture_on_commit_callbacks
):
    hostile = '<img src="file:///etc/passwd"><link rel="stylesheet" href="http://127.0.0.1:1/x">'
    letter = issue(ask(delegate, consulate=hostile[:200]), django_capture_on_commit_callbacks)

    text = pdf_text(letter_pdf(letter))

    assert "file:///etc/passwd" in text  # printed as text, never read
    assert "root:" not in text


def test_the_fetcher_refuses_files_and_urls():
    from intersessional.documents import no_fetching

    fetcher = no_fetching(data_uris=True)
    for url in ["file:///etc/passwd", "http://127.0.0.1/", "https://example.org/x.png"]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert letters.verify_url("abc").endswith("/verify/abc/")


def test_the_presidents_office_does_not_see_visa_letters(client, office_user, isu_user):
    url = reverse("admin:documents_visaletter_changelist")

    client.force_login(office_user)
    assert client.get(url).status_code == 403
    client.force_login(isu_user)
    assert client.get(url).status_code == 200


def test_an_approved_letter_cannot_be_changed_by_the_delegate(
    client, delegate, django_capture_on_commit_callbacks
):
    issue(ask(delegate), django_capture_on_commit_callbacks)

    response = client.get(letter_page(delegate))

    text = visible_text(response)
    assert "Issued" in text
    assert "Download the letter (PDF)" in text
    assert 'name="consulate"' not in response.content.decode()
    with pytest.raises(services.DocumentRefused):
        ask(delegate, consulate="Elsewhere")


@pytest.mark.parametrize("language", ["ar", "zh-hans", "en", "fr", "ru", "es"])
def test_the_verification_page_speaks_the_readers_language(
    client, delegate, language, django_capture_on_commit_callbacks
):
    letter = issue(ask(delegate), django_capture_on_commit_callbacks)
    with translation.override(language):
        genuine = translation.gettext("This visa support letter is genuine: the ISU issued it.")
        senegal = State.objects.get(alpha3="SEN").un_name

    response = client.get(f"/{language}/verify/{letter.code}/")

    text = " ".join(visible_text(response).split())
    assert " ".join(genuine.split()) in text and senegal in text
    if language != "en":
        assert "genuine" not in text


def test_a_new_identity_key_re_encrypts_the_letters_files(
    delegate, settings, django_capture_on_commit_callbacks
):
    from cryptography.fernet import Fernet
    from django.core.management import call_command

    old = list(settings.IDENTITY_ENCRYPTION_KEYS)
    letter = issue(ask(delegate), django_capture_on_commit_callbacks)
    new = Fernet.generate_key().decode()
    settings.IDENTITY_ENCRYPTION_KEYS = [new, *old]

    out = io.StringIO()
    call_command("rotate_identity_key", stdout=io.StringIO())  # the rows
    call_command("rotate_visa_letters", stdout=out)  # the files

    assert "Re-encrypted 1 visa letters" in out.getvalue()
    settings.IDENTITY_ENCRYPTION_KEYS = [new]
    assert letter.reference in pdf_text(letter_pdf(letter))


def test_the_sweep_hands_over_a_letter_whose_worker_never_came(
    delegate, django_capture_on_commit_callbacks
):
    from documents.tasks import sweep_jobs

    letter = ask(delegate)
    services.visa_letters_approve(letters=[letter])  # the hand-over after commit is lost
    assert VisaLetter.objects.get(pk=letter.pk).status == "approved"

    sweep_jobs()

    assert VisaLetter.objects.get(pk=letter.pk).status == "issued"
    assert Notification.objects.filter(kind="visa_letter_issued").count() == 1


def test_isu_staff_approve_without_seeing_the_identity_details(
    client, isu_user, delegate, django_capture_on_commit_callbacks
):
    letter = issue(ask(delegate), django_capture_on_commit_callbacks)
    client.force_login(isu_user)

    page = client.get(reverse("admin:documents_visaletter_change", args=[letter.pk]))

    text = visible_text(page)
    assert letter.reference in text and "Embassy of Switzerland in Dakar" in text
    assert "DUPONT Marie Claire" not in text and "Senegal" not in text


@pytest.mark.parametrize("departure", ["withdrawn through the private link", "declined by the ISU"])
def test_a_delegate_who_leaves_has_their_letter_revoked(
    client, delegate, departure, django_capture_on_commit_callbacks
):
    letter = issue(ask(delegate), django_capture_on_commit_callbacks)

    if departure == "withdrawn through the private link":
        response = client.post(f"/en/registration/{delegate.token}/withdraw/")
        assert response.status_code == 302
    else:
        assert registration_services.delegate_decline(delegate=delegate, reason="not_eligible")

    text = visible_text(client.get(f"/en/verify/{letter.code}/"))
    assert "This visa support letter was revoked on 30 May 2018: it is no longer valid." in text
    assert "is genuine" not in text


def test_a_letter_asked_for_by_a_delegate_who_withdrew_is_never_issued(
    client, delegate, django_capture_on_commit_callbacks
):
    letter = ask(delegate)

    client.post(f"/en/registration/{delegate.token}/withdraw/")
    issue(letter, django_capture_on_commit_callbacks)

    assert letter.status == VisaLetter.Status.REVOKED
    assert not letter.pdf
