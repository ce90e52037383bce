"""Every public page in the six languages: the right lang and dir, the switcher, the
right stylesheet, and no English sentence left on the pages a delegate goes through."""

import re

import pytest
from django.urls import reverse

from tests.i18n.pages import (
    DIRECTIONS,
    LANGUAGES,
    OTHER_LANGUAGES,
    TAGS,
    english_sentences,
    proper_names,
    public_pages,
    registered,
    url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tokens(open_registration):
    return registered(open_registration)


def html_tag(content: str) -> str:
    return re.search(r"<html[^>]*>", content).group(0)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_has_its_language_and_direction(client, tokens, language):
    for name, path in public_pages(language, tokens).items():
        response = client.get(path)
        content = response.content.decode()

        assert response.status_code == 200, name
        assert path.startswith(f"/{language}/"), name
        tag = html_tag(content)
        assert f'lang="{TAGS[language]}"' in tag, (name, tag)
        assert f'dir="{DIRECTIONS.get(language, "ltr")}"' in tag, (name, tag)
        rtl_sheet = "bootstrap.rtl.min" in content
        assert rtl_sheet == (language == "ar"), name


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_switcher_links_the_same_page_in_the_five_other_languages(client, tokens, language):
    path = public_pages(language, tokens)["programme"]

    content = client.get(path).content.decode()

    for other in LANGUAGES:
        link = re.search(rf'<a href="/{other}/programme/" hreflang="{TAGS[other]}"[^>]*>', content)
        assert link, other
        assert ('aria-current="true"' in link.group(0)) == (other == language)


def test_the_switcher_keeps_a_private_link_in_the_other_language(client, tokens):
    _delegate, token = tokens["delegate"]

    content = client.get(url("registration:delegate", "fr", token)).content.decode()

    assert f'href="/ar/registration/{token}/" hreflang="ar"' in content
    assert "Votre inscription" in content


def test_a_page_with_a_name_in_arabic_script_keeps_the_name_in_its_own_direction(
    client, open_registration
):
    from reference.models import State
    from registration import services
    from tests.helpers import person

    _delegate, token = services.delegate_register(
        meeting=open_registration,
        identity=services.identity_for(
            meeting=open_registration, state=State.objects.get(alpha3="EGY")
        ),
        data={**person(1, given_name="أمينة", family_name="ديالو"), "public_list_consent": True},
    )

    content = client.get(url("registration:delegate", "fr", token)).content.decode()

    assert re.search(r'<dd class="col-sm-8" dir="auto">\s*Ms أمينة ديالو</dd>', content)
    assert re.search(r'<dd class="col-sm-8" dir="ltr">amina1@mission.example</dd>', content)


@pytest.mark.parametrize("language", LANGUAGES)
def test_email_inputs_are_left_to_right_and_names_follow_their_script(client, tokens, language):
    content = client.get(url("registration:register-delegation", language)).content.decode()

    assert re.search(r'<input type="email" name="focal_point_email"[^>]*dir="ltr"', content)
    assert re.search(r'<input type="email" name="members-0-email"[^>]*dir="ltr"', content)
    assert re.search(r'<input type="text" name="members-0-family_name"[^>]*dir="auto"', content)
    assert re.search(r'<input type="text" name="focal_point_name"[^>]*dir="auto"', content)


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("fr-CH,fr;q=0.9,en;q=0.8", "/fr/"),
        ("ar", "/ar/"),
        ("zh-CN,zh;q=0.9", "/zh-hans/"),
        ("ru-RU", "/ru/"),
        ("es-419,es;q=0.9", "/es/"),
        ("de-DE", "/en/"),
        ("", "/en/"),
    ],
)
def test_the_root_follows_the_browsers_language(client, meeting, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)

    assert response.status_code == 302
    assert response["Location"] == expected


def test_a_page_without_its_prefix_is_sent_to_the_browsers_language(client, meeting):
    response = client.get("/programme/", HTTP_ACCEPT_LANGUAGE="es")

    assert response.status_code == 302
    assert response["Location"] == "/es/programme/"


def test_the_admin_stays_outside_the_language_prefixes(client, meeting):
    assert client.get("/admin/login/").status_code == 200
    assert reverse("admin:index") == "/admin/"


CHECKED_PAGES = [
    "home",
    "programme",
    "start",
    "register-delegate",
    "register-delegation",
    "lost-link",
    "delegate",
    "delegate-edit",
    "delegation",
    "delegation-member",
    "live",
]


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_no_english_sentence_is_left_on_the_pages_a_delegate_goes_through(client, tokens, language):
    english_pages = public_pages("en", tokens)
    pages = public_pages(language, tokens)
    allowed = proper_names(language)
    left = {}

    for name in CHECKED_PAGES:
        english = client.get(english_pages[name]).content.decode()
        translated = client.get(pages[name]).content.decode()
        found = english_sentences(translated, english, allowed=allowed)
        if found:
            left[name] = sorted(found)

    assert left == {}


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_a_form_with_errors_is_wholly_in_the_pages_language(client, open_registration, language):
    path = url("registration:register-delegate", language)
    english = client.post(
        url("registration:register-delegate", "en"), {"kind": "state"}
    ).content.decode()

    translated = client.post(path, {"kind": "state"}).content.decode()

    assert english_sentences(translated, english, allowed=proper_names(language)) == set()
    assert "This field is required." in english
    assert "This field is required." not in translated


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("fr", ["El Salvador", "Équateur", "Érythrée", "Espagne", "Estonie", "Éthiopie"]),
        ("es", ["Ecuador", "Egipto", "El Salvador", "Emiratos Árabes Unidos", "Eritrea"]),
        ("ar", ["مصر", "المغرب"]),
        ("zh-hans", ["法国", "德国"]),
        ("ru", ["Германия", "Франция"]),
    ],
)
def test_the_state_list_is_in_the_pages_language_and_alphabet(
    client, open_registration, language, names
):
    content = client.get(url("registration:register-delegate", language)).content.decode()

    select = re.search(r'<select[^>]*name="state".*?</select>', content, re.S).group(0)
    options = re.findall(r"<option value=\"\d+\">([^<]+)</option>", select)
    assert len(options) == 197
    found = [options.index(name) for name in names]
    if language in ("fr", "es"):
        assert found == sorted(found), [options[i] for i in sorted(found)]
    assert "France" not in options or language == "fr"


@pytest.mark.parametrize("name", ["programme:home", "programme:programme"])
def test_a_cached_page_is_kept_once_per_language(client, open_registration, name):
    english = client.get(url(name, "en")).content.decode()

    french = client.get(url(name, "fr")).content.decode()
    arabic = client.get(url(name, "ar")).content.decode()

    assert "2018 Intersessional Meetings" in english
    assert "Réunions intersessions de 2018" in french
    assert "الاجتماعات المعقودة بين الدورات لعام 2018" in arabic
    assert "2018 Intersessional Meetings" not in french + arabic
