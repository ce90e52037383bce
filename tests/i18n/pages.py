"""What the language tests share: the six languages, the public pages with what they
need, and the text a person sees on a page."""

import re
from html.parser import HTMLParser

from django.urls import reverse
from django.utils import translation

from reference.models import State
from registration import services
from tests.helpers import person

LANGUAGES = ["ar", "zh-hans", "en", "fr", "ru", "es"]
OTHER_LANGUAGES = ["ar", "zh-hans", "fr", "ru", "es"]
TAGS = {"ar": "ar", "zh-hans": "zh-Hans", "en": "en", "fr": "fr", "ru": "ru", "es": "es"}
DIRECTIONS = {"ar": "rtl"}

# What a registration types: names stay as written in every language.
NAMES = ["Amina1", "Diallo1", "Amina2", "Diallo2", "Jean Dupont", "Suraya Dalil"]


def url(name, language, *args):
    with translation.override(language):
        return reverse(name, args=args)


def registered(meeting):
    """A delegate and a focal point's delegation, with their private links."""
    france = State.objects.get(alpha3="FRA")
    delegate, delegate_token = services.delegate_register(
        meeting=meeting,
        identity=services.identity_for(meeting=meeting, state=france),
        data={**person(1), "public_list_consent": True},
    )
    delegation, delegation_token = services.delegation_register(
        meeting=meeting,
        identity=services.identity_for(meeting=meeting, state=State.objects.get(alpha3="SEN")),
        focal_point_name="Jean Dupont",
        focal_point_email="focal@mission.example",
        members=[{**person(2, role="head"), "public_list_consent": True}],
    )
    return {
        "delegate": (delegate, delegate_token),
        "delegation": (delegation, delegation_token),
    }


def public_pages(language, tokens) -> dict[str, str]:
    """Every public page a delegate or a focal point can open, in one language."""
    delegate, delegate_token = tokens["delegate"]
    delegation, delegation_token = tokens["delegation"]
    member = delegation.delegates.first()
    return {
        "home": url("programme:home", language),
        "programme": url("programme:programme", language),
        "start": url("registration:start", language),
        "register-delegate": url("registration:register-delegate", language),
        "register-delegation": url("registration:register-delegation", language),
        "lost-link": url("registration:lost-link", language),
        "done": url("registration:done", language),
        "delegate": url("registration:delegate", language, delegate_token),
        "delegate-edit": url("registration:delegate-edit", language, delegate_token),
        "delegate-photo": url("accreditation:delegate-photo", language, delegate_token),
        "delegation": url("registration:delegation", language, delegation_token),
        "delegation-member": url(
            "registration:delegation-member", language, delegation_token, member.pk
        ),
        "live": url("room:live", language),
    }


class _Text(HTMLParser):
    """The pieces of text a person reads, each run of text between two tags, plus the
    words that are read aloud or shown on hover (alt, title, aria-label, placeholder)."""

    SKIP = {"script", "style"}

    def __init__(self):
        super().__init__()
        self.pieces: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skip += 1
        for name, value in attrs:
            if name in ("alt", "title", "aria-label", "placeholder") and value:
                self.pieces.append(value)

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data):
        if not self._skip:
            self.pieces.append(data)


def text_pieces(html: str) -> set[str]:
    parser = _Text()
    parser.feed(html)
    return {" ".join(p.split()) for p in parser.pieces if p.strip()}


WORD = re.compile(r"\b[A-Za-z]{2,}\b")


def proper_names(language) -> set[str]:
    """Names that are the same in English and in another language and are not English
    sentences: the organisations' own names (as each writes it) and the States whose UN
    name is spelt alike in that language (Costa Rica, Sri Lanka, Burkina Faso...)."""
    from reference.models import Organisation

    column = "un_name_" + language.replace("-", "_")
    with translation.override("en"):
        names = {str(organisation) for organisation in Organisation.objects.all()}
    for state in State.objects.all():
        if getattr(state, column) == state.un_name_en:
            names.add(state.un_name_en)
    return names


def english_sentences(page_html: str, english_html: str, *, allowed=frozenset()) -> set[str]:
    """Pieces of text with two words or more of Latin letters that the English page
    shows word for word: an English sentence left untranslated. Names (which stay as
    typed) and the switcher's "English" are not sentences."""
    english = text_pieces(english_html)
    found = set()
    for piece in (text_pieces(page_html) & english) - allowed:
        rest = re.sub(r"\S+@\S+", "", piece)
        for name in NAMES:
            rest = rest.replace(name, "")
        if len(WORD.findall(rest)) >= 2:
            found.add(piece)
    return found
