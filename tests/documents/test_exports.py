import io

import pytest
from django.core.management import call_command

from documents import exports
from documents.queries import list_of_participants
from intersessional.documents import no_fetching
from reference.models import State
from registration import services
from registration.models import Delegate, Delegation
from tests import helpers
from tests.conftest import BEFORE_DEADLINE
from tests.helpers import pdf_text, read_csv, read_xlsx

pytestmark = pytest.mark.django_db

# (delegation, family name) in the official order of the internal list.
OFFICIAL_ORDER = [
    ("Afghanistan", "Karimi"),
    ("Costa Rica", "Vargas"),
    # Accents do not push a name to the end: Côte d'Ivoire files between Costa Rica and Croatia.
    ("Côte d'Ivoire", "Kouassi"),
    ("Croatia", "Horvat"),
    # Head, alternate, delegates (by family name), adviser.
    ("France", "Martin"),
    ("France", "Bernard"),
    ("France", "Dupont"),
    ("France", "Hidden"),
    ("France", "Leroy"),
    ("The former Yugoslav Republic of Macedonia", "Petrovski"),
    ("China", "Wang"),
    ("United States of America", "Smith"),
    ("International Committee of the Red Cross", "Muller"),
    ("Mines Advisory Group", "+cmd"),
]
NOT_CONSENTING = "Hidden"


def register(meeting, **kwargs) -> Delegate:
    """One delegate through the registration service, as the public form does."""
    delegate, _token = helpers.register(meeting, **kwargs)
    return delegate


@pytest.fixture
def registered(open_registration):
    """Delegates registered in an order unlike the list's, with what must be left out."""
    m = open_registration
    register(m, acronym="MAG", n=1, title="-2", given_name="@SUM(1+1)", family_name="+cmd",
             function='=HYPERLINK("http://evil.example","x")')  # fmt: skip
    register(m, state="FRA", n=2, family_name="Leroy", role="adviser", function="Expert")
    register(m, state="FRA", n=3, family_name="Dupont", role="delegate")
    register(m, state="USA", n=4, family_name="Smith", title="Mr", gender="man")
    register(m, state="FRA", n=5, family_name="Martin", role="head", title="H.E. Ms",
             function="Ambassador, Permanent Representative")  # fmt: skip
    register(m, state="FRA", n=6, family_name=NOT_CONSENTING, public_list_consent=False)
    register(m, state="FRA", n=7, family_name="Bernard", role="alternate")
    register(m, state="HRV", n=8, family_name="Horvat")
    register(m, state="CIV", n=9, family_name="Kouassi")
    register(m, state="CRI", n=10, family_name="Vargas")
    register(m, state="MKD", n=11, family_name="Petrovski")
    register(m, state="CHN", n=12, family_name="Wang")
    register(m, acronym="ICRC", n=13, family_name="Muller")
    register(m, state="AFG", n=14, family_name="Karimi")
    withdrawn = register(m, state="FRA", n=15, family_name="Withdrawn")
    services.delegate_withdraw(delegate=withdrawn)
    declined = register(m, state="DEU", n=16, family_name="Declined")
    Delegate.objects.filter(pk=declined.pk).update(status=Delegate.Status.DECLINED)
    return m


def export_bytes(meeting, fmt, *, public) -> bytes:
    out = io.BytesIO()
    exports.export(
        list_of_participants(meeting, public=public), out, fmt=fmt, meeting=meeting, public=public
    )
    return out.getvalue()


def public_order():
    return [line for line in OFFICIAL_ORDER if line[1] != NOT_CONSENTING]


def test_internal_csv_lists_every_active_delegate_in_the_official_order(registered):
    rows = read_csv(export_bytes(registered, "csv", public=False))

    assert [(r["Delegation"], r["Family name"].lstrip("'")) for r in rows] == OFFICIAL_ORDER
    france_head = rows[4]
    assert france_head == {
        "Category": "State Party",
        "Delegation": "France",
        "Role": "Head of delegation",
        "Title": "H.E. Ms",
        "Given name": "Amina5",
        "Family name": "Martin",
        "Function": "Ambassador, Permanent Representative",
        "E-mail": "amina5@mission.example",
        "Status": "Registered",
        "In the public list": "yes",
        "Nomination": "none sent",
    }
    assert [r["Category"] for r in rows[9:12]] == [
        "State Party",
        "State not party",
        "State not party",
    ]
    assert rows[-2]["Category"] == "International organisation"
    assert rows[-1]["Category"] == "Non-governmental organisation"
    hidden = next(r for r in rows if r["Family name"] == NOT_CONSENTING)
    assert hidden["In the public list"] == "no"


def test_withdrawn_and_declined_delegates_are_in_no_list(registered):
    for public in (False, True):
        content = export_bytes(registered, "csv", public=public).decode("utf-8-sig")

        assert "Withdrawn" not in content
        assert "Declined" not in content
        assert "Germany" not in content


def test_public_csv_leaves_out_who_did_not_consent_and_every_email(registered):
    content = export_bytes(registered, "csv", public=True)
    rows = read_csv(content)

    assert [(r["Delegation"], r["Family name"].lstrip("'")) for r in rows] == public_order()
    assert list(rows[0]) == [
        "Category",
        "Delegation",
        "Role",
        "Title",
        "Given name",
        "Family name",
        "Function",
    ]
    assert b"@mission.example" not in content
    assert NOT_CONSENTING.encode() not in content


def test_csv_neutralises_values_a_spreadsheet_would_run(registered):
    row = read_csv(export_bytes(registered, "csv", public=True))[-1]

    assert row["Title"] == "'-2"
    assert row["Given name"] == "'@SUM(1+1)"
    assert row["Family name"] == "'+cmd"
    assert row["Function"] == '\'=HYPERLINK("http://evil.example","x")'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+41 22", "'+41 22"),
        ("-x", "'-x"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Marie-Claire", "Marie-Claire"),
        ("", ""),
    ],
)
def test_neutralise_prefixes_only_formula_starts(value, expected):
    assert exports.neutralise(value) == expected


def test_xlsx_reads_back_in_order_and_holds_no_formula(registered):
    rows = read_xlsx(export_bytes(registered, "xlsx", public=False))

    assert [(r["Delegation"], r["Family name"].lstrip("'")) for r in rows] == OFFICIAL_ORDER
    assert rows[4]["E-mail"] == "amina5@mission.example"
    assert rows[-1]["Function"] == '\'=HYPERLINK("http://evil.example","x")'
    assert rows[-1]["Given name"] == "'@SUM(1+1)"


def test_public_xlsx_has_no_email_and_no_one_who_did_not_consent(registered):
    content = export_bytes(registered, "xlsx", public=True)
    rows = read_xlsx(content)

    assert [(r["Delegation"], r["Family name"].lstrip("'")) for r in rows] == public_order()
    assert "E-mail" not in rows[0]
    assert not any("@mission.example" in value for row in rows for value in row.values())


def test_internal_pdf_text_is_in_the_official_order(registered):
    text = pdf_text(export_bytes(registered, "pdf", public=False))

    assert "List of Participants" in text
    assert "not for publication" in text
    headings = [
        "States Parties",
        "Afghanistan",
        "Costa Rica",
        "Côte d'Ivoire",
        "Croatia",
        "France",
        "H.E. Ms Amina5 MARTIN, Ambassador, Permanent Representative (Head of delegation)",
        "BERNARD",
        "DUPONT",
        "HIDDEN",
        "LEROY, Expert (Adviser)",
        "The former Yugoslav Republic of Macedonia",
        "States not party",
        "China",
        "United States of America",
        "International organisations",
        "International Committee of the Red Cross",
        "Non-governmental organisations",
        "Mines Advisory Group",
    ]
    positions = [text.find(heading) for heading in headings]
    assert -1 not in positions, dict(zip(headings, positions, strict=True))
    assert positions == sorted(positions)
    assert "amina5@mission.example" in text


def test_public_pdf_leaves_out_who_did_not_consent_and_every_email(registered):
    text = pdf_text(export_bytes(registered, "pdf", public=True))

    assert "MARTIN" in text and "KARIMI" in text
    assert "HIDDEN" not in text
    assert "@mission.example" not in text
    assert "not for publication" not in text


def test_pdf_prints_markup_as_text_and_fetches_nothing(open_registration):
    register(
        open_registration,
        state="FRA",
        n=1,
        family_name="Evil",
        function='<img src="file:///etc/passwd"><link rel="stylesheet" href="http://x.example/">',
    )

    text = pdf_text(export_bytes(open_registration, "pdf", public=True))

    assert '<img src="file:///etc/passwd">' in text
    fetcher = no_fetching()
    for url in ["file:///etc/passwd", "http://127.0.0.1/", "data:text/css,p{}"]:
        with pytest.raises(ValueError, match="not allowed"):
            fetcher(url)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_export_participants_command_writes_the_public_list(registered, tmp_path, fmt):
    output = tmp_path / f"list.{fmt}"

    call_command("export_participants", "--format", fmt, "--public", "--output", str(output))

    content = output.read_bytes()
    if fmt == "csv":
        names = [r["Family name"].lstrip("'") for r in read_csv(content)]
    elif fmt == "xlsx":
        names = [r["Family name"].lstrip("'") for r in read_xlsx(content)]
    else:
        text = pdf_text(content)
        names = [name for _, name in public_order() if name.upper() in text]
    assert names == [name for _, name in public_order()]


def test_export_participants_command_writes_the_internal_list(registered, tmp_path):
    output = tmp_path / "internal.csv"

    call_command("export_participants", "--format", "csv", "--output", str(output))

    rows = read_csv(output.read_bytes())
    assert len(rows) == len(OFFICIAL_ORDER)
    assert rows[4]["E-mail"] == "amina5@mission.example"


def bulk_delegates(meeting, count: int) -> None:
    """`count` more active delegates in new delegations of 10, straight into the database."""
    used = Delegation.objects.filter(meeting=meeting).values("state")
    states = list(State.objects.exclude(pk__in=used).order_by("alpha3")[: (count + 9) // 10])
    start = Delegate.objects.count()
    delegations = Delegation.objects.bulk_create(
        Delegation(
            meeting=meeting,
            category="state_party" if state.is_party_on(meeting.starts_on) else "state_not_party",
            state=state,
            created_at=BEFORE_DEADLINE,
        )
        for state in states
    )
    genders = Delegate.Gender.values
    bands = Delegate.AgeBand.values
    Delegate.objects.bulk_create(
        Delegate(
            meeting=meeting,
            delegation=delegations[i // 10],
            title="Ms",
            given_name=f"Given{start + i}",
            family_name=f"Family{start + i}",
            function="Counsellor",
            role="head" if i % 10 == 0 else "delegate",
            email=f"bulk{start + i}@mission.example",
            gender=genders[i % len(genders)],
            age_band=bands[i % len(bands)],
            public_list_consent=i % 3 != 0,
            status="confirmed" if i % 2 else "registered",
            created_at=BEFORE_DEADLINE,
            updated_at=BEFORE_DEADLINE,
        )
        for i in range(count)
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
@pytest.mark.parametrize("size", [1, 200])
def test_an_export_runs_one_query_at_any_size(reference, django_assert_max_num_queries, fmt, size):
    bulk_delegates(reference, size)

    with django_assert_max_num_queries(1):
        content = export_bytes(reference, fmt, public=False)

    assert content
    if fmt == "csv":
        assert len(read_csv(content)) == size
