"""In Chromium: the focal point of a State with an Article 5 obligation sees its
deadline, goes on the speakers' list in one click, and sends a file of each accepted
type; an executable renamed .pdf is refused. The public statements page of an item is
axe-clean."""

import pytest
from playwright.sync_api import Page, expect

from floor import services as floor_services
from floor.models import Statement
from programme.models import AgendaItem
from reference.load import load_obligations
from registration.models import InterventionRequest
from tests.conftest import geneva
from tests.e2e.test_accessibility import assert_accessible, prepare
from tests.helpers import (
    confirm_obligations,
    document,
    not_a_document,
    person,
    register_delegation,
)

pytestmark = pytest.mark.django_db(transaction=True)

MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "odp": "application/vnd.oasis.opendocument.presentation",
}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe is injected into the page: see test_accessibility.py.
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture
def site(live_server, meeting, clock_at, settings, tmp_path):
    prepare(meeting, clock_at)
    load_obligations()
    confirm_obligations("AFG", kind="article_5")
    settings.MEDIA_ROOT = tmp_path / "media"
    return live_server


def fill_statement(page: Page, *, item_pk: int, name: str, content: bytes, mime: str):
    page.get_by_label("Agenda item").select_option(str(item_pk))
    page.get_by_label("Statement", exact=True).check()
    page.get_by_label("Language of the document").select_option("fr")
    page.locator('input[name="reflects_gender_and_diversity"][value="yes"]').check()
    page.locator('input[name="includes_disaggregated_data"][value="no"]').check()
    page.get_by_label("File").set_input_files({"name": name, "mimeType": mime, "buffer": content})
    page.get_by_role("button", name="Send the file").click()
    page.wait_for_load_state()


def test_focal_point_sees_the_deadline_takes_the_floor_and_sends_each_type(
    page: Page, site, meeting
):
    delegation, token = register_delegation(
        meeting, state="AFG", members=[person(1, role="head")], email="focal@afg.example"
    )
    article_5 = AgendaItem.objects.get(number=3)

    page.goto(f"{site.url}/en/delegation/{token}/")
    panel = page.locator(".updates-panel")
    expect(panel).to_contain_text("Article 5 deadline: 1 March 2023")
    panel.get_by_role("button", name="Put us on the speakers' list for these items").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Afghanistan is on the speakers' list for: 3. Article 5 implementation"
    )
    assert InterventionRequest.objects.get(delegation=delegation).agenda_item == article_5

    page.get_by_role("link", name="Send or review your statements and presentations").click()
    for file_type, mime in MIME.items():
        fill_statement(
            page,
            item_pk=article_5.pk,
            name=f"Afghanistan statement.{file_type}",
            content=document(file_type),
            mime=mime,
        )
        expect(page.get_by_role("alert")).to_have_text(
            "Thank you: your statement on item 3 is received."
        )
        expect(page.get_by_role("link", name=f"Afghanistan statement.{file_type}")).to_be_visible()
    assert sorted(Statement.objects.values_list("file_type", flat=True)) == sorted(MIME)

    fill_statement(
        page,
        item_pk=article_5.pk,
        name="statement.pdf",
        content=not_a_document("exe"),
        mime="application/pdf",
    )
    expect(page.locator(".invalid-feedback, .alert-danger").first).to_be_visible()
    expect(
        page.get_by_text("This file is not a PDF, DOCX, PPTX, ODT or ODP document")
    ).to_be_visible()
    assert Statement.objects.count() == len(MIME)
    assert_accessible(page, "statements page with an error")


def test_public_statements_page_has_no_axe_violation(page: Page, site, meeting):
    from django.core.files.uploadedfile import SimpleUploadedFile

    delegation, _token = register_delegation(
        meeting, state="AFG", members=[person(1, role="head")], email="focal@afg.example"
    )
    item = AgendaItem.objects.get(number=3)
    statement = floor_services.statement_upload(
        delegation=delegation,
        agenda_item=item,
        kind="presentation",
        language="ar",
        reflects_gender_and_diversity=True,
        includes_disaggregated_data=True,
        upload=SimpleUploadedFile("x.odp", document("odp")),
    )
    intervention = InterventionRequest.objects.create(
        delegation=delegation,
        agenda_item=item,
        speaker=delegation.delegates.get(),
        requested_at=geneva(2018, 5, 30, 12),
        spoke=True,
    )
    floor_services.intervention_save(intervention=intervention, spoke_changed=True)
    floor_services.statements_publish(statements=[statement])

    page.goto(f"{site.url}/en/programme/item/{item.pk}/statements/")

    expect(page.get_by_role("row", name="Afghanistan")).to_contain_text("Presentation")
    expect(page.get_by_role("row", name="Afghanistan")).to_contain_text("Arabic")
    assert_accessible(page, "statements of an item")
    # Right to left, in Arabic.
    page.goto(f"{site.url}/ar/programme/item/{item.pk}/statements/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert_accessible(page, "statements of an item, in Arabic")
    page.goto(f"{site.url}/en/programme/")
    assert_accessible(page, "programme with the States invited to update")
