"""Each person's language: stored at registration (the page's), changeable on the
private-link page and in the admin, and every e-mail to them wholly in it."""

import re

import pytest
from django.utils import translation

from outbox import services as outbox_services
from outbox.models import Notification
from outbox.writing import write
from reference.models import State
from registration import services
from registration.models import Delegate, Delegation
from tests.conftest import geneva
from tests.helpers import delegation_registration, person, self_registration
from tests.i18n.pages import english_sentences, url

pytestmark = pytest.mark.django_db

NAMES = {"Amina1", "Diallo1", "Jean Dupont"}


class Sent:
    """An e-mail as the outbox holds it for the worker (what the SMTP server gets)."""

    def __init__(self, notification):
        self.to = [notification.to_email]
        self.subject = notification.subject
        self.body = notification.body_text
        html = notification.body_html
        if notification.values:
            # Queued unwritten: written as the worker writes it, in the row's language.
            self.subject, self.body, html = write(
                kind=notification.kind, language=notification.language, values=notification.values
            )
        self.alternatives = [(html, "text/html")]


def outbox():
    return [Sent(n) for n in Notification.objects.order_by("created_at", "pk")]


def english_lines(text: str, english: str) -> set[str]:
    """Lines of an e-mail that its English version has word for word (two words or more
    of Latin letters, once names and links are left aside)."""
    english_set = {line.strip() for line in english.splitlines()}
    left = set()
    for line in text.splitlines():
        line = line.strip()
        if line in english_set and not line.startswith("http"):
            rest = re.sub(r"\S+@\S+", "", line)
            for name in NAMES:
                rest = rest.replace(name, "")
            if len(re.findall(r"\b[A-Za-z]{2,}\b", rest)) >= 2:
                left.add(line)
    return left


def register_in(client, language, state, n=1):
    response = client.post(
        url("registration:register-delegate", language), self_registration(state=state, n=n)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Delegate.objects.get(email=f"amina{n}@mission.example")


@pytest.mark.parametrize("language", ["fr", "ar", "zh-hans", "ru", "es"])
def test_registering_in_a_language_stores_it_and_writes_the_email_in_it(
    client, open_registration, settings, language
):
    settings.SITE_URL = "https://registration.example.org"
    france = State.objects.get(alpha3="FRA")
    english = register_in(client, "en", france, n=2)
    english_mail = outbox()[-1]

    delegate = register_in(client, language, france, n=1)
    message = outbox()[-1]

    assert delegate.language == language and english.language == "en"
    notification = Notification.objects.get(reference=f"delegate:{delegate.pk}")
    assert notification.language == language
    assert message.to == ["amina1@mission.example"]
    # The subject, the text and the HTML: nothing that the English e-mail says.
    assert message.subject != english_mail.subject
    assert english_lines(message.body, english_mail.body) == set()
    html = message.alternatives[0][0]
    english_html = english_mail.alternatives[0][0]
    assert english_sentences(html, english_html) == set()
    assert f'lang="{language}"' in html
    assert ('dir="rtl"' in html) == (language == "ar")
    # The private link opens the page in the same language.
    assert f"https://registration.example.org/{language}/registration/" in message.body


def test_a_french_registration_email_reads_in_french(client, open_registration):
    delegate = register_in(client, "fr", State.objects.get(alpha3="FRA"))

    message = outbox()[-1]

    assert message.subject.startswith("Inscription reçue : ")
    assert message.body.startswith("Bonjour Amina1 Diallo1,")
    assert "Unité d'appui à l'application" in message.body
    assert delegate.language == "fr"


def test_a_focal_point_registering_in_arabic_gets_an_arabic_email(client, open_registration):
    senegal = State.objects.get(alpha3="SEN")

    response = client.post(
        url("registration:register-delegation", "ar"),
        delegation_registration(senegal, [person(1, role="head"), person(2)]),
    )

    assert response.status_code == 302
    delegation = Delegation.objects.get(state=senegal)
    assert delegation.focal_point_language == "ar"
    # The members the focal point named take the page's language until they change it.
    assert set(delegation.delegates.values_list("language", flat=True)) == {"ar"}
    message = outbox()[-1]
    assert message.subject.startswith("تم تسجيل الوفد: ")
    assert "وحدة دعم تنفيذ الاتفاقية" in message.body
    assert Notification.objects.get(to_email="focal@mission.example").language == "ar"


def test_the_delegate_changes_their_language_on_the_private_link_page(
    client, open_registration, clock_at
):
    delegate, token = services.delegate_register(
        meeting=open_registration,
        identity=services.identity_for(
            meeting=open_registration, state=State.objects.get(alpha3="FRA")
        ),
        data={**person(1), "public_list_consent": True},
        language="fr",
    )
    page = client.get(url("registration:delegate", "fr", token)).content.decode()
    assert "Langue de vos courriels" in page
    assert re.search(r'<option value="fr" selected>Français</option>', page)

    # After the deadline too: the language changes nothing of the registration.
    clock_at(geneva(2018, 6, 2, 9, 0))
    response = client.post(
        url("registration:delegate-language", "fr", token), {"language": "ru"}, follow=True
    )

    delegate.refresh_from_db()
    assert delegate.language == "ru"
    assert "Vos courriels seront rédigés dans la langue suivante\u00a0: russe" in (
        response.content.decode()
    )
    # The field is kept rendered per page language and choice: the new choice shows.
    assert re.search(r'<option value="ru" selected>Русский</option>', response.content.decode())
    assert not re.search(r'<option value="fr" selected>', response.content.decode())


def test_the_focal_point_changes_their_language(client, open_registration):
    delegation, token = services.delegation_register(
        meeting=open_registration,
        identity=services.identity_for(
            meeting=open_registration, state=State.objects.get(alpha3="SEN")
        ),
        focal_point_name="Jean Dupont",
        focal_point_email="focal@mission.example",
        members=[{**person(1, role="head"), "public_list_consent": True}],
        language="es",
    )

    client.post(url("registration:delegation-language", "es", token), {"language": "zh-hans"})

    delegation.refresh_from_db()
    assert delegation.focal_point_language == "zh-hans"


def test_an_unknown_language_is_refused(client, open_registration):
    delegate, token = services.delegate_register(
        meeting=open_registration,
        identity=services.identity_for(
            meeting=open_registration, state=State.objects.get(alpha3="FRA")
        ),
        data={**person(1), "public_list_consent": True},
        language="fr",
    )

    client.post(url("registration:delegate-language", "fr", token), {"language": "de"})

    delegate.refresh_from_db()
    assert delegate.language == "fr"


def test_every_email_follows_the_persons_language_not_the_pages(client, open_registration):
    delegate, token = services.delegate_register(
        meeting=open_registration,
        identity=services.identity_for(
            meeting=open_registration, state=State.objects.get(alpha3="FRA")
        ),
        data={**person(1), "public_list_consent": True},
        language="es",
    )

    # A new link asked for from a page in French, a withdrawal (through that new link)
    # from a page in English: both e-mails are in the delegate's Spanish.
    client.post(url("registration:lost-link", "fr"), {"email": "amina1@mission.example"})
    new_token = re.search(r"/es/registration/([^/]+)/", outbox()[1].body).group(1)
    client.post(url("registration:delegate-withdraw", "en", new_token))

    subjects = [m.subject for m in outbox()]
    assert len(subjects) == 3
    assert subjects[1].startswith("Su enlace personal: ")
    assert subjects[2].startswith("Inscripción retirada: ")
    assert list(Notification.objects.values_list("language", flat=True).distinct()) == ["es"]


def test_the_confirmation_and_its_calendar_file_are_in_the_delegates_language(
    open_registration,
):
    delegate, _token = services.delegate_register(
        meeting=open_registration,
        identity=services.identity_for(
            meeting=open_registration, state=State.objects.get(alpha3="FRA")
        ),
        data={**person(1), "public_list_consent": True},
        language="fr",
    )

    services.delegate_confirm(delegate=delegate)

    message = outbox()[-1]
    assert message.subject.startswith("Inscription confirmée : ")
    notification = Notification.objects.get(kind="registration_confirmed")
    assert notification.language == "fr"
    ics = notification.ics
    assert "Sous la conduite du" in ics
    assert "Led by the" not in ics
    # The page's language stayed what it was.
    assert translation.get_language() == "en"


def test_resending_an_email_keeps_its_language(open_registration):
    delegate, _token = services.delegate_register(
        meeting=open_registration,
        identity=services.identity_for(
            meeting=open_registration, state=State.objects.get(alpha3="FRA")
        ),
        data={**person(1), "public_list_consent": True},
        language="ar",
    )
    first = Notification.objects.get(reference=f"delegate:{delegate.pk}")

    copy = outbox_services.notification_resend(notification=first)

    assert copy.language == "ar" and copy.subject == first.subject


def test_staff_see_and_change_a_delegates_language_in_the_admin(
    client, open_registration, isu_user
):
    delegate, _token = services.delegate_register(
        meeting=open_registration,
        identity=services.identity_for(
            meeting=open_registration, state=State.objects.get(alpha3="FRA")
        ),
        data={**person(1), "public_list_consent": True},
        language="fr",
    )
    client.force_login(isu_user)

    page = client.get(f"/admin/registration/delegate/{delegate.pk}/change/").content.decode()
    listed = client.get("/admin/registration/delegate/?language__exact=fr").content.decode()

    assert re.search(r'<select name="language"[^>]*>', page)
    assert re.search(r'<option value="fr" selected>', page)
    assert "Diallo1" in listed
