"""The demo meeting's people: about 120 fictional delegates in 43 delegations.

Every name here is made up by combining common given and family names; every address
is at example.org (RFC 2606: reserved, never anyone's). The delegations are real
States and organisations, so that the categories, the obligations and the List of
Participants' order are the real ones; the people are not.

The cast is the same on every run (a seeded random generator), which keeps
`demo_data` idempotent and its figures stable. It shows off what the site handles:
names in Latin with accents, Arabic, Cyrillic, Chinese and Devanagari, family names
written first, names printed on the badge in another script, every gender and age
option, the six languages of e-mail.
"""

import random
from dataclasses import dataclass, replace

from intersessional.documents import alphabetical

EMAIL_DOMAIN = "example.org"
SEED = 2018

# Roles, genders and age groups as stored (registration.models.Delegate's choices;
# this module is plain data, so it names them rather than importing the models).
HEAD, ALTERNATE, DELEGATE, ADVISER = "head", "alternate", "delegate", "adviser"
WOMAN, MAN, OTHER, UNDISCLOSED = "woman", "man", "other", "undisclosed"
GENDERS = [WOMAN, MAN, OTHER, UNDISCLOSED]
AGE_BANDS = ["under_25", "25_34", "35_44", "45_54", "55_64", "65_plus", "undisclosed"]


@dataclass(frozen=True)
class Names:
    """A pool of names of one tradition. `families` holds (masculine, feminine) pairs
    where the family name changes with gender (Cyrillic names)."""

    women: tuple[str, ...]
    men: tuple[str, ...]
    families: tuple[str | tuple[str, str], ...]
    # Chinese and Vietnamese names are written family name first: the badge says so.
    family_first: bool = False
    # Written without a space between the family and the given name (Chinese).
    joined: bool = False


POOLS = {
    "french": Names(
        ("Camille", "Élodie", "Aurélie", "Hélène", "Léa", "Maëlle", "Chloé", "Inès", "Clémence"),
        ("Étienne", "François", "Jérôme", "Benoît", "Loïc", "Théo", "Gaël", "Mathéo", "Noël"),
        ("Lefèvre", "Dubois", "Mercier", "Girard", "Lemaître", "Bénard", "Faure", "Roussel"),
    ),
    "spanish": Names(
        ("María José", "Lucía", "Ximena", "Ana Sofía", "Paola", "Begoña", "Inés", "Rocío"),
        ("José Ángel", "Andrés", "Joaquín", "Sebastián", "Íñigo", "Martín", "Álvaro", "Raúl"),
        ("González Peña", "Muñoz", "Ibáñez", "Castaño", "Núñez", "Jiménez", "Ortúzar", "Quiñones"),
    ),
    "portuguese": Names(
        ("Conceição", "Graça", "Fátima", "Luísa", "Joana"),
        ("João", "Sebastião", "António", "Zacarias", "Inácio"),
        ("Gonçalves", "Magalhães", "Simões", "Tembe", "Muianga", "Assunção"),
    ),
    "south_slavic": Names(
        ("Jelena", "Amra", "Snježana", "Ivana", "Dženana"),
        ("Dražen", "Emir", "Goran", "Mirza", "Željko"),
        ("Kovačević", "Hadžić", "Begović", "Šarić", "Đurić", "Živković"),
    ),
    "turkish": Names(
        ("Ayşe", "Gülşen", "Şebnem", "Özlem"),
        ("Uğur", "Çağrı", "Oğuz", "İsmail"),
        ("Yılmaz", "Çelik", "Öztürk", "Doğan", "Şahin"),
    ),
    "german": Names(
        ("Ute", "Jördis", "Anke", "Käthe"),
        ("Jürgen", "Jörg", "Lukas", "Björn"),
        ("Müller", "Groß", "Schäfer", "Köhler", "Weiß"),
    ),
    "norwegian": Names(
        ("Ingrid", "Solveig", "Åse", "Sigrún"),
        ("Bjørn", "Håkon", "Øystein", "Jørgen"),
        ("Løvås", "Sætre", "Haugen", "Ødegård"),
    ),
    "english": Names(
        ("Sarah", "Emily", "Olivia", "Margaret", "Siobhán"),
        ("James", "Michael", "Daniel", "Patrick", "Connor"),
        ("Thompson", "MacDonald", "O'Brien", "Smith-Jones", "Whitaker"),
    ),
    "shona": Names(
        ("Tendai", "Rudo", "Chipo", "Nyasha"),
        ("Tatenda", "Farai", "Tawanda", "Kudakwashe"),
        ("Moyo", "Ndlovu", "Chikwanha", "Mutasa"),
    ),
    "ethiopian": Names(
        ("Meron", "Selamawit", "Hiwot", "Tigist"),
        ("Dawit", "Tesfaye", "Yonas", "Getachew"),
        ("Bekele", "Tadesse", "Haile", "Gebremedhin"),
    ),
    "wolof": Names(
        ("Aminata", "Fatou", "Ndèye", "Coumba"),
        ("Mamadou", "Cheikh", "Ousmane", "Babacar"),
        ("Diop", "Ndiaye", "Sow", "Fall", "Mbengue"),
    ),
    "congolese": Names(
        ("Esther", "Mireille", "Néhémie", "Chantal"),
        ("Jean-Pierre", "Patrice", "Dieudonné", "Trésor"),
        ("Kabongo", "Mukendi", "Tshibangu", "Ilunga", "Mbuyi"),
    ),
    "khmer": Names(
        ("Sophea", "Chanthou", "Sreymom", "Bopha"),
        ("Sokha", "Vuthy", "Dara", "Samnang"),
        ("Chhim", "Sok", "Heng", "Prak"),
    ),
    "thai": Names(
        ("Siriporn", "Kanokwan", "Ratchanee"),
        ("Somchai", "Chaiwat", "Anan"),
        ("Srisuk", "Wongsawat", "Chaiyaporn"),
    ),
    "sinhala": Names(
        ("Nimali", "Dilani", "Chathurika"),
        ("Chaminda", "Ruwan", "Pradeep"),
        ("Perera", "Fernando", "Jayasuriya", "Wickramasinghe"),
    ),
    "arabic": Names(
        ("فاطمة", "مريم", "نور", "سلمى", "ليلى", "هدى"),
        ("أحمد", "محمد", "علي", "خالد", "يوسف", "عمر"),
        ("الحسيني", "العبيدي", "الزبيدي", "الحداد", "الخطيب", "النجار"),
    ),
    "maghrebi": Names(
        ("Nadia", "Samira", "Yasmine", "Lamia"),
        ("Karim", "Rachid", "Mourad", "Sofiane"),
        ("Benali", "Bouzid", "Haddad", "Belkacem"),
    ),
    "dari": Names(
        ("فرشته", "زهره", "مینا", "شکیبا"),
        ("احمد شاه", "محمد نبی", "جاوید", "فرید"),
        ("احمدزی", "رحیمی", "کریمی", "نوری"),
    ),
    "russian": Names(
        ("Анна", "Екатерина", "Ольга", "Наталья"),
        ("Алексей", "Дмитрий", "Сергей", "Игорь"),
        (("Смирнов", "Смирнова"), ("Волков", "Волкова"), ("Кузнецов", "Кузнецова")),
    ),
    "tajik": Names(
        ("Гулнора", "Шаҳло", "Мадина", "Зарина"),
        ("Фаррух", "Баҳтиёр", "Рустам", "Ҷамшед"),
        (("Раҳимов", "Раҳимова"), ("Назаров", "Назарова"), ("Сафаров", "Сафарова")),
    ),
    "ukrainian": Names(
        ("Олена", "Ірина", "Оксана", "Юлія"),
        ("Андрій", "Олексій", "Тарас", "Євген"),
        ("Коваленко", "Шевчук", "Бондар", "Ткаченко"),
    ),
    "chinese": Names(
        ("丽华", "晓燕", "静", "雪梅"),
        ("伟", "建国", "志强", "海涛"),
        ("王", "李", "张", "刘", "陈"),
        family_first=True,
        joined=True,
    ),
    "vietnamese": Names(
        ("Thị Hương", "Thu Trang", "Ngọc Ánh"),
        ("Văn Đức", "Quốc Bảo", "Minh Tuấn"),
        ("Nguyễn", "Trần", "Lê", "Phạm"),
        family_first=True,
    ),
    "hindi": Names(
        ("प्रिया", "अनीता", "सुनीता", "कविता"),
        ("राजेश", "अमित", "विक्रम", "सुरेश"),
        ("शर्मा", "वर्मा", "गुप्ता", "सिंह"),
    ),
    "nepali": Names(
        ("सीता", "गीता", "सरिता"),
        ("राम", "हरि", "बिनोद"),
        ("थापा", "श्रेष्ठ", "अधिकारी"),
    ),
}

# International staff: names of every tradition above.
INTERNATIONAL = ("french", "english", "spanish", "arabic", "russian", "wolof", "german", "khmer")


@dataclass(frozen=True)
class Plan:
    """What the demo builds for one delegation: who it is and how it registers."""

    code: str  # a State's alpha-3 code, or an organisation's acronym
    is_state: bool
    size: int
    names: str | tuple[str, ...]  # a pool of POOLS, or several for an organisation
    language: str  # of its people's e-mails
    # Registered by a focal point (one form, the whole delegation) or person by person.
    by_focal_point: bool = False


PLANS = [
    # States Parties: those with obligations (see reference/data) come with more people.
    Plan("AFG", True, 4, "dari", "en", by_focal_point=True),
    Plan("AGO", True, 3, "portuguese", "fr"),
    Plan("DZA", True, 2, "maghrebi", "fr"),
    Plan("BIH", True, 3, "south_slavic", "en", by_focal_point=True),
    Plan("KHM", True, 4, "khmer", "en", by_focal_point=True),
    Plan("CHL", True, 2, "spanish", "es"),
    Plan("COL", True, 5, "spanish", "es", by_focal_point=True),
    Plan("HRV", True, 3, "south_slavic", "en"),
    Plan("COD", True, 3, "congolese", "fr", by_focal_point=True),
    Plan("ECU", True, 2, "spanish", "es"),
    Plan("ETH", True, 3, "ethiopian", "en"),
    Plan("FRA", True, 3, "french", "fr"),
    Plan("DEU", True, 3, "german", "en", by_focal_point=True),
    Plan("IRQ", True, 4, "arabic", "ar", by_focal_point=True),
    Plan("MOZ", True, 2, "portuguese", "en"),
    Plan("NOR", True, 3, "norwegian", "en"),
    Plan("PER", True, 3, "spanish", "es"),
    Plan("SEN", True, 3, "wolof", "fr", by_focal_point=True),
    Plan("LKA", True, 3, "sinhala", "en"),
    Plan("SDN", True, 3, "arabic", "ar"),
    Plan("CHE", True, 2, "french", "fr"),
    Plan("TJK", True, 3, "tajik", "ru", by_focal_point=True),
    Plan("THA", True, 3, "thai", "en"),
    Plan("TUR", True, 2, "turkish", "en"),
    Plan("UKR", True, 3, "ukrainian", "ru", by_focal_point=True),
    Plan("YEM", True, 3, "arabic", "ar"),
    Plan("ZWE", True, 3, "shona", "en"),
    Plan("PSE", True, 2, "arabic", "ar"),
    Plan("CAN", True, 2, "english", "en"),
    # States not party.
    Plan("CHN", True, 3, "chinese", "zh-hans", by_focal_point=True),
    Plan("IND", True, 2, "hindi", "en"),
    Plan("NPL", True, 2, "nepali", "en"),
    Plan("RUS", True, 3, "russian", "ru"),
    Plan("USA", True, 3, "english", "en"),
    Plan("VNM", True, 2, "vietnamese", "en"),
    Plan("EGY", True, 2, "arabic", "ar"),
    # International organisations.
    Plan("ICRC", False, 3, INTERNATIONAL, "fr"),
    Plan("GICHD", False, 4, INTERNATIONAL, "en", by_focal_point=True),
    Plan("UNMAS", False, 2, INTERNATIONAL, "en"),
    Plan("EU", False, 2, INTERNATIONAL, "fr"),
    # Non-governmental organisations.
    Plan("ICBL", False, 4, INTERNATIONAL, "en", by_focal_point=True),
    Plan("HI", False, 3, INTERNATIONAL, "fr"),
    Plan("HALO", False, 2, INTERNATIONAL, "en"),
    # Three more States Parties whose sponsored delegates came in June 2018 (issue 24):
    # last, so that the people above are drawn as before.
    Plan("TCD", True, 1, "arabic", "fr"),
    Plan("NER", True, 1, "wolof", "fr"),
    Plan("SSD", True, 1, "english", "en"),
]

STATE_FUNCTIONS = {
    HEAD: "Ambassador, Permanent Representative",
    ALTERNATE: "Deputy Permanent Representative",
    DELEGATE: "First Secretary",
    ADVISER: "Director, National Mine Action Authority",
}
ORGANISATION_FUNCTIONS = {
    HEAD: "Head of delegation",
    ALTERNATE: "Senior Policy Adviser",
    DELEGATE: "Programme Officer",
    ADVISER: "Victim Assistance Specialist",
}


@dataclass(frozen=True)
class Person:
    """One fictional delegate, in the fields of the registration form."""

    title: str
    given_name: str
    family_name: str
    badge_name: str
    function: str
    role: str
    email: str
    language: str
    gender: str
    age_band: str
    public_list_consent: bool

    def form_data(self) -> dict:
        return {
            "title": self.title,
            "given_name": self.given_name,
            "family_name": self.family_name,
            "badge_name": self.badge_name,
            "function": self.function,
            "role": self.role,
            "email": self.email,
            "gender": self.gender,
            "age_band": self.age_band,
            "public_list_consent": self.public_list_consent,
        }


@dataclass(frozen=True)
class Delegation:
    plan: Plan
    people: tuple[Person, ...]
    focal_point_name: str = ""
    focal_point_email: str = ""


def ascii_letters(text: str) -> str:
    """ "Élodie" -> "elodie"; "" for a name in another script."""
    return "".join(c for c in alphabetical(text) if "a" <= c <= "z")


def _address(given: str, family: str, code: str, taken: set[str]) -> str:
    """given.family.code@example.org, or code.N@example.org for a name in a script
    that has no Latin letters."""
    given_part, family_part = ascii_letters(given), ascii_letters(family)
    latin = len(given_part) >= 2 and len(family_part) >= 2
    local = f"{given_part}.{family_part}.{code.lower()}" if latin else code.lower()
    n = 1
    candidate = local if latin else f"{local}.{n}"
    while candidate in taken:
        n += 1
        candidate = f"{local}{n}" if latin else f"{local}.{n}"
    taken.add(candidate)
    return f"{candidate}@{EMAIL_DOMAIN}"


def _roles(size: int) -> list[str]:
    roles = [HEAD]
    if size >= 3:
        roles.append(ALTERNATE)
    while len(roles) < size:
        roles.append(ADVISER if len(roles) % 2 else DELEGATE)
    return roles


def _name(rng, plan: Plan, womanly: bool, named: set[tuple[str, str]]) -> tuple[Names, str, str]:
    """A given and a family name no one else in the delegation has."""
    while True:
        pool = POOLS[plan.names if isinstance(plan.names, str) else rng.choice(plan.names)]
        given = rng.choice(pool.women if womanly else pool.men)
        family = rng.choice(pool.families)
        if isinstance(family, tuple):
            family = family[1] if womanly else family[0]
        if (given, family) not in named:
            named.add((given, family))
            return pool, given, family


def _person(rng, plan: Plan, role: str, taken: set[str], named: set) -> Person:
    gender = rng.choices(GENDERS, weights=[46, 46, 3, 5])[0]
    womanly = gender == WOMAN or (gender != MAN and rng.random() < 0.5)
    pool, given, family = _name(rng, plan, womanly, named)
    if pool.family_first:
        # Printed as it is said: family name first (王伟, Nguyễn Thị Hương).
        badge_name = f"{family}{given}" if pool.joined else f"{family} {given}"
    else:
        badge_name = ""
    title = {WOMAN: "Ms", MAN: "Mr"}.get(gender, "")
    if role == HEAD and plan.is_state and rng.random() < 0.6:
        title = "H.E."
    elif rng.random() < 0.15:
        title = "Dr"
    functions = STATE_FUNCTIONS if plan.is_state else ORGANISATION_FUNCTIONS
    return Person(
        title=title,
        given_name=given,
        family_name=family,
        badge_name=badge_name,
        function=functions[role],
        role=role,
        email=_address(given, family, plan.code, taken),
        language=plan.language,
        gender=gender,
        age_band=rng.choices(AGE_BANDS, weights=[4, 22, 28, 24, 14, 4, 4])[0],
        public_list_consent=rng.random() < 0.75,
    )


def _make_sure_every_option_appears(delegations: list[Delegation]) -> list[Delegation]:
    """The figures page shows every gender and age option: give each at least two
    people, whatever the random draw was."""
    people = [
        (d, i) for d, delegation in enumerate(delegations) for i in range(len(delegation.people))
    ]
    changes: dict[tuple[int, int], dict] = {}
    slots = iter(people[5::7])  # people spread over the delegations
    for field, options in (("gender", GENDERS), ("age_band", AGE_BANDS)):
        for option in options:
            count = sum(getattr(p, field) == option for d in delegations for p in d.people)
            for _missing in range(max(0, 2 - count)):
                changes.setdefault(next(slots), {})[field] = option
    result = []
    for d, delegation in enumerate(delegations):
        people_of = tuple(
            replace(person, **changes.get((d, i), {})) for i, person in enumerate(delegation.people)
        )
        result.append(replace(delegation, people=people_of))
    return result


def cast(seed: int = SEED) -> list[Delegation]:
    """The demo's delegations and their people; the same for the same seed."""
    rng = random.Random(seed)  # noqa: S311 (the same cast every run, not a secret)
    taken: set[str] = set()
    delegations = []
    for plan in PLANS:
        named: set[tuple[str, str]] = set()
        people = tuple(_person(rng, plan, role, taken, named) for role in _roles(plan.size))
        if plan.by_focal_point:
            # Often someone at the mission who does not attend, with its address.
            focal = _person(rng, plan, DELEGATE, taken, named)
            focal_name = f"{focal.given_name} {focal.family_name}"
            focal_email = f"focal.point.{plan.code.lower()}@{EMAIL_DOMAIN}"
        else:
            focal_name = focal_email = ""
        delegations.append(Delegation(plan, people, focal_name, focal_email))
    # One long name, for the badge that shrinks it rather than cut it.
    colombia = next(i for i, d in enumerate(delegations) if d.plan.code == "COL")
    long_named = replace(
        delegations[colombia].people[-1],
        given_name="Maximiliano Alejandro",
        family_name="de la Santísima Trinidad Fernández-Castañeda",
        email=f"maximiliano.fernandez.col@{EMAIL_DOMAIN}",
    )
    delegations[colombia] = replace(
        delegations[colombia], people=(*delegations[colombia].people[:-1], long_named)
    )
    return _make_sure_every_option_appears(delegations)
