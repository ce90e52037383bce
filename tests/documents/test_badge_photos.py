"""The approved photo on the badge: on both layouts and beside every script, embedded
as the small JPEG stored when it was sent (checked in the PDF's images), never a
photo waiting for the ISU or rejected; the badge is rendered again when it changes."""

import pytest

from accreditation import services as photo_services
from accreditation.models import Photo
from documents import services as documents_services
from documents.badges import delegates_for_badges, render_badges
from documents.models import Badge
from registration.models import Delegate
from tests.helpers import pdf_images, pdf_text, photo_bytes, printed, upload

from .test_badges import PEOPLE, make_delegates

pytestmark = pytest.mark.django_db

# 35 x 45 mm at 300 dpi, as accreditation/photos.py stores it.
BADGE_PHOTO = (413, 531, "jpeg")


def with_photo(delegate, capture, *, approve=True) -> Photo:
    with capture(execute=True):
        photo = photo_services.photo_upload(delegate=delegate, upload=upload(photo_bytes()))
    if approve:
        photo_services.photo_approve(photo=photo)
    return photo


@pytest.mark.parametrize("layout", ["sheet", "single"])
def test_approved_photos_are_printed_beside_every_script(
    open_registration, media, layout, django_capture_on_commit_callbacks
):
    delegates = make_delegates(open_registration)
    for delegate in delegates:
        with_photo(delegate, django_capture_on_commit_callbacks)

    pdf = render_badges(delegates_for_badges(Delegate.objects.all()), layout=layout)

    assert pdf_images(pdf).count(BADGE_PHOTO) == len(PEOPLE)
    text = pdf_text(pdf)
    for given, family, _code, _font in PEOPLE:
        assert printed(given, text) and printed(family, text), (given, family)


def test_a_photo_waiting_or_rejected_is_not_printed(
    open_registration, media, django_capture_on_commit_callbacks
):
    waiting, rejected, approved = make_delegates(open_registration)[:3]
    with_photo(waiting, django_capture_on_commit_callbacks, approve=False)
    photo = with_photo(rejected, django_capture_on_commit_callbacks, approve=False)
    photo_services.photo_reject(photo=photo, reason="face")
    with_photo(approved, django_capture_on_commit_callbacks)

    pdf = render_badges([waiting, rejected, approved])

    assert pdf_images(pdf).count(BADGE_PHOTO) == 1


def test_the_photos_of_a_batch_are_read_in_one_query(
    open_registration, media, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    for delegate in make_delegates(open_registration):
        with_photo(delegate, django_capture_on_commit_callbacks)
    for count in (2, 8):
        pks = Delegate.objects.order_by("pk").values_list("pk", flat=True)[:count]
        delegates = list(delegates_for_badges(Delegate.objects.filter(pk__in=list(pks))))
        with django_assert_max_num_queries(1):
            render_badges(delegates)


def test_a_badge_is_rendered_again_when_its_photo_is_approved(
    open_registration, media, django_capture_on_commit_callbacks
):
    [delegate] = make_delegates(open_registration)[:1]
    first = documents_services.badge_pdf_for(delegate=delegate)
    assert BADGE_PHOTO not in pdf_images(first)
    photo = with_photo(delegate, django_capture_on_commit_callbacks, approve=False)
    assert documents_services.badge_pdf_for(delegate=delegate) == first

    photo_services.photo_approve(photo=photo)
    printed_with_photo = documents_services.badge_pdf_for(delegate=delegate)

    assert pdf_images(printed_with_photo).count(BADGE_PHOTO) == 1
    assert Badge.objects.get().pdf.read() == printed_with_photo


def test_the_badge_fetcher_reads_only_this_batchs_photos(
    open_registration, media, django_capture_on_commit_callbacks
):
    from documents.badges import PHOTO_SCHEME, _fetcher

    delegate, other = make_delegates(open_registration)[:2]
    mine = with_photo(delegate, django_capture_on_commit_callbacks)
    theirs = with_photo(other, django_capture_on_commit_callbacks)
    fetcher = _fetcher({mine.badge_image.name})

    assert fetcher.fetch(PHOTO_SCHEME + mine.badge_image.name).read()[:2] == b"\xff\xd8"
    for url in (
        PHOTO_SCHEME + theirs.badge_image.name,  # another batch's
        PHOTO_SCHEME + "../../../etc/passwd",
        "file:///etc/passwd",
        f"file://{media}/{mine.badge_image.name}",
    ):
        with pytest.raises(ValueError, match="not allowed"):
            fetcher.fetch(url)
