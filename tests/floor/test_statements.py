"""Statements and presentations: sent through a private link, the type read from the
content, stored under a name of our own, public only once delivered and published."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import TestCase
from django.urls import reverse
from django.utils import translation

from floor import services
from floor.models import Statement
from reference.models import State
from registration.models import InterventionRequest
from tests.conftest import geneva
from tests.helpers import (
    document,
    item,
    not_a_document,
    person,
    register,
    register_delegation,
    statement_data,
    visible_text,
)

pytestmark = pytest.mark.django_db

ACCEPTED = ["pdf", "docx", "pptx", "odt", "odp"]


@pytest.fixture
def site(open_registration, media):
    return open_registration


def focal_point(meeting, state="AFG", email="focal@afg.example", n=1):
    return register_delegation(meeting, state=state, members=[person(n, role="head")], email=email)


def upload_url(token, kind="delegation"):
    return reverse(f"floor:{kind}-statements", args=[token])


def send(client, token, *args, kind="delegation", **kwargs):
    return client.post(upload_url(token, kind), statement_data(*args, **kwargs), follow=True)


# The file is written when the upload's transaction commits: the tests that read it
# after a request commit as a request does.
committed = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("file_type", ACCEPTED)
@committed
def test_each_accepted_type_is_stored_under_a_name_of_our_own(client, site, media, file_type):
    delegation, token = focal_point(site)

    response = send(client, token, item(3), file_type, name=f"Déclaration finale.{file_type}")

    statement = Statement.objects.get()
    assert (statement.delegation, statement.agenda_item.number) == (delegation, 3)
    assert statement.file_type == file_type
    assert statement.original_name == f"Déclaration finale.{file_type}"
    assert Path(statement.file.name).parent == Path("statements")
    assert Path(statement.file.name).suffix == f".{file_type}"
    assert "Déclaration" not in statement.file.name
    assert (Path(media) / statement.file.name).read_bytes() == document(file_type)
    assert (statement.reflects_gender_and_diversity, statement.includes_disaggregated_data) == (
        True,
        False,
    )
    text = visible_text(response)
    assert "Thank you: your statement on item 3 is received." in text
    assert f"Déclaration finale.{file_type}" in text
    assert "Received" in text


@pytest.mark.parametrize(
    ("what", "name"),
    [
        ("exe", "statement.pdf"),
        ("elf", "statement.pdf"),
        ("html", "statement.pdf"),
        ("zip", "statement.docx"),
        ("docm", "statement.docx"),
    ],
)
def test_a_file_that_is_not_a_document_is_refused_whatever_its_name(
    client, site, media, what, name
):
    _delegation, token = focal_point(site)

    response = send(client, token, item(3), name=name, content=not_a_document(what))

    assert "This file is not a PDF, DOCX, PPTX, ODT or ODP document" in visible_text(response)
    assert not Statement.objects.exists()
    assert not list(Path(media).rglob("*.*"))


def test_a_pdf_announced_as_html_by_the_browser_is_still_a_pdf(client, site):
    _delegation, token = focal_point(site)
    data = statement_data(item(3))
    data["file"] = SimpleUploadedFile("x.html", document("pdf"), content_type="text/html")

    client.post(upload_url(token), data)

    assert Statement.objects.get().file_type == "pdf"


def test_a_file_over_20_mb_is_refused(client, site, media):
    _delegation, token = focal_point(site)
    big = document("pdf") + b"0" * (21 * 1024 * 1024)

    response = send(client, token, item(3), content=big)

    assert "The file is larger than 20 MB" in visible_text(response)
    assert not Statement.objects.exists()


def test_a_name_with_a_path_is_refused_by_the_service(site, media):
    delegation, _token = focal_point(site)
    # Django's UploadedFile keeps only the last part of a name: a plain file object (as
    # another caller of the service could pass) keeps it whole.
    upload = ContentFile(document("pdf"), name="../../intersessional/settings.pdf")

    with pytest.raises(services.StatementRefused, match="must not contain"):
        services.statement_upload(
            delegation=delegation,
            agenda_item=item(3),
            kind="statement",
            language="fr",
            reflects_gender_and_diversity=False,
            includes_disaggregated_data=False,
            upload=upload,
        )
    assert not Statement.objects.exists()
    assert not list(Path(media).rglob("*.*"))


def test_a_statement_whose_transaction_rolls_back_leaves_no_file(site, media):
    delegation, _token = focal_point(site)

    with (
        TestCase.captureOnCommitCallbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.statement_upload(
            delegation=delegation,
            agenda_item=item(3),
            kind="statement",
            language="en",
            reflects_gender_and_diversity=True,
            includes_disaggregated_data=False,
            upload=SimpleUploadedFile("mine.pdf", document("pdf")),
        )
        raise RuntimeError("a later step of the caller's transaction fails")

    assert not Statement.objects.exists()
    assert not list(Path(media).rglob("*.*"))


@committed
def test_a_name_with_a_path_sent_over_http_never_becomes_a_path(client, site, media):
    _delegation, token = focal_point(site)

    send(client, token, item(3), name="../../../../tmp/evil.pdf")

    # Django's upload parser already keeps only the last part of the name; the file
    # itself lands under a random name in statements/, and nothing else is written.
    statement = Statement.objects.get()
    assert statement.original_name == "evil.pdf"
    assert [p.relative_to(media).as_posix() for p in Path(media).rglob("*.*")] == [
        statement.file.name
    ]
    assert not Path("/tmp/evil.pdf").exists()


def test_the_two_questions_must_be_answered(client, site):
    _delegation, token = focal_point(site)
    data = statement_data(item(3))
    del data["reflects_gender_and_diversity"]

    response = client.post(upload_url(token), data)

    assert "This field is required." in visible_text(response)
    assert not Statement.objects.exists()


@committed
def test_a_delegate_sends_through_their_own_link(client, site):
    delegate, token = register(site, state="FRA")

    send(client, token, item(6), "pptx", kind="delegate")

    statement = Statement.objects.get()
    assert (statement.delegation, statement.file_type) == (delegate.delegation, "pptx")


def uploaded(meeting, state="AFG", n=1, **data):
    delegation, token = focal_point(meeting, state=state, email=f"focal{n}@x.example", n=n)
    with TestCase.captureOnCommitCallbacks(execute=True):
        statement = services.statement_upload(
            delegation=delegation,
            agenda_item=item(3),
            kind=data.get("kind", "statement"),
            language=data.get("language", "en"),
            reflects_gender_and_diversity=data.get("gender", True),
            includes_disaggregated_data=data.get("data", False),
            upload=SimpleUploadedFile("mine.pdf", document("pdf")),
        )
    return statement, token


def public_file(client, statement):
    return client.get(reverse("floor:statement-file", args=[statement.pk]))


def own_file(client, statement, token):
    return client.get(reverse("floor:delegation-statement-file", args=[token, statement.pk]))


def test_an_unpublished_file_is_not_found_for_the_public_and_another_delegation(client, site):
    statement, _token = uploaded(site)
    _other, other_token = focal_point(site, state="COL", email="focal@col.example", n=2)

    assert public_file(client, statement).status_code == 404
    assert own_file(client, statement, other_token).status_code == 404


def test_an_unpublished_file_opens_for_its_delegation_and_for_staff(
    client, site, isu_user, office_user
):
    statement, token = uploaded(site)

    mine = own_file(client, statement, token)
    assert mine.status_code == 200
    assert b"".join(mine.streaming_content) == document("pdf")
    for user in (isu_user, office_user):
        client.force_login(user)
        assert public_file(client, statement).status_code == 200


def test_staff_without_the_permission_get_no_unpublished_file(client, site):
    from tests.helpers import staff_user

    statement, _token = uploaded(site)
    client.force_login(staff_user("nobody"))

    assert public_file(client, statement).status_code == 404


def tick_spoke(client, intervention):
    """Tick "spoke" on the speakers' list in the admin, as the ISU does."""
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(intervention.pk),
        "form-0-position": "",
        "form-0-spoke": "on",
        "_save": "Save",
    }
    return client.post(reverse("admin:registration_interventionrequest_changelist"), data)


def publish(client, statement):
    return client.post(
        reverse("admin:floor_statement_changelist"),
        {"action": "publish", "_selected_action": [statement.pk]},
        follow=True,
    )


def test_ticking_spoke_marks_the_statement_delivered_and_staff_publish_it(client, site, isu_user):
    statement, _token = uploaded(site)
    delegation = statement.delegation
    intervention = InterventionRequest.objects.create(
        delegation=delegation,
        agenda_item=item(3),
        speaker=delegation.delegates.get(),
        requested_at=geneva(2018, 5, 30, 12),
    )
    client.force_login(isu_user)

    assert "0 statements published" in visible_text(publish(client, statement))
    statement.refresh_from_db()
    assert statement.published_at is None

    tick_spoke(client, intervention)
    statement.refresh_from_db()
    assert statement.is_delivered and not statement.is_published
    intervention.refresh_from_db()
    assert intervention.spoke

    assert "1 statement published" in visible_text(publish(client, statement))
    statement.refresh_from_db()
    assert statement.is_published
    client.logout()
    response = public_file(client, statement)
    assert response.status_code == 200


def delivered_and_published(statement):
    services.intervention_save(
        intervention=InterventionRequest.objects.create(
            delegation=statement.delegation,
            agenda_item=statement.agenda_item,
            speaker=statement.delegation.delegates.first(),
            requested_at=geneva(2018, 5, 30, 12),
            spoke=True,
        ),
        spoke_changed=True,
    )
    assert services.statements_publish(statements=[statement]) == 1
    statement.refresh_from_db()
    return statement


def test_a_file_is_served_as_an_attachment_never_inline(client, site):
    statement, _token = uploaded(site)
    delivered_and_published(statement)

    response = public_file(client, statement)

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="statement-item-3-afg-{statement.pk}.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].split(";")[0] == "sandbox"
    assert "mine.pdf" not in response["Content-Disposition"]


def test_the_public_page_of_an_item_lists_published_statements_by_state(client, site):
    colombia, _ = uploaded(site, state="COL", n=2, language="es", kind="presentation")
    afghanistan, _ = uploaded(site, state="AFG", n=1, language="en")
    sudan, _ = uploaded(site, state="SDN", n=3, language="ar")
    for statement in (colombia, afghanistan):
        delivered_and_published(statement)

    response = client.get(reverse("floor:item-statements", args=[item(3).pk]))

    text = visible_text(response)
    assert "3. Article 5 implementation" in text
    assert "Afghanistan Statement English Download the statement of Afghanistan (PDF" in text
    assert "Colombia Presentation Spanish Download the presentation of Colombia (PDF" in text
    assert text.index("Afghanistan Statement") < text.index("Colombia Presentation")
    assert "Sudan" not in text  # sent, not delivered nor published
    assert sudan.pk


def test_the_public_page_says_when_nothing_is_published(client, site):
    uploaded(site)

    text = visible_text(client.get(reverse("floor:item-statements", args=[item(3).pk])))

    assert "No statement has been published on this item yet." in text


@pytest.mark.parametrize("published", [1, 6])
def test_the_public_page_runs_a_fixed_number_of_queries(
    client, site, django_assert_max_num_queries, published
):
    for n, state in enumerate(["AFG", "COL", "SDN", "KHM", "TCD", "PER"][:published], start=1):
        delivered_and_published(uploaded(site, state=state, n=n)[0])

    url = reverse("floor:item-statements", args=[item(3).pk])
    # The meeting, the item, the statements with their delegations and States.
    with django_assert_max_num_queries(3):
        response = client.get(url)
    assert len(response.context["statements"]) == published


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_the_public_page_renders_in_every_language_of_the_site(client, site, code):
    delivered_and_published(uploaded(site)[0])

    with translation.override(code):
        url = reverse("floor:item-statements", args=[item(3).pk])
    response = client.get(url)

    assert response.status_code == 200
    direction = "rtl" if code == "ar" else "ltr"
    assert f'<html lang="{code}" dir="{direction}">' in response.content.decode().lower()
    with translation.override(code):
        assert str(Statement.Kind.STATEMENT.label) in visible_text(response)
        assert State.objects.get(alpha3="AFG").un_name in visible_text(response)


def test_a_delegation_withdraws_a_file_until_it_is_delivered(
    client, site, media, django_capture_on_commit_callbacks
):
    statement, token = uploaded(site)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("floor:delegation-statement-withdraw", args=[token, statement.pk]))

    assert not Statement.objects.exists()
    assert not list(Path(media).rglob("*.*"))


def test_another_delegation_cannot_withdraw_a_file(client, site):
    statement, _token = uploaded(site)
    _other, other_token = focal_point(site, state="COL", email="focal@col.example", n=2)

    response = client.post(
        reverse("floor:delegation-statement-withdraw", args=[other_token, statement.pk])
    )

    assert response.status_code == 404
    assert Statement.objects.filter(pk=statement.pk).exists()
