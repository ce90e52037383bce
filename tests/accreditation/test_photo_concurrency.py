"""Two photos sent by one delegate at the same moment (a double click, two tabs),
against PostgreSQL: one row, and only its two files are left."""

from pathlib import Path

import pytest

from accreditation import services
from accreditation.models import Photo
from tests.helpers import photo_bytes, register, upload
from tests.registration.test_concurrency import run_together

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_photos_sent_at_once_leave_one_row_and_its_files(open_registration, media):
    delegate, _token = register(open_registration, n=1)
    sizes = iter([(700, 900), (800, 1200)])
    contents = [photo_bytes(*next(sizes)), photo_bytes(*next(sizes))]

    results = run_together(
        lambda: services.photo_upload(delegate=delegate, upload=upload(contents.pop())), count=2
    )

    assert all(isinstance(r, Photo) for r in results), results
    photo = Photo.objects.get()
    files = sorted(p.name for p in (Path(media) / "photos").iterdir())
    assert files == sorted([Path(photo.image.name).name, Path(photo.badge_image.name).name])
