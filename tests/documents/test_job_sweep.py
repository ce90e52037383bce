"""Badge batches and exports that no worker is doing are handed over again by beat's
sweep (documents.tasks.sweep_jobs): a worker killed while rendering, or a hand-over
lost with the broker down. The tests' tasks run in process, as a worker would."""

from datetime import timedelta
from unittest import mock

import pytest

from documents import services, tasks
from documents.models import BadgeBatch
from intersessional import clock
from registration.models import Delegate
from tests.helpers import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def batch(open_registration, media, django_capture_on_commit_callbacks):
    register(open_registration, n=1)
    # The broker is down when staff ask: the batch stays queued.
    with (
        mock.patch.object(tasks.render_badge_batch, "apply_async", side_effect=OSError),
        django_capture_on_commit_callbacks(execute=True),
    ):
        batch = services.badge_batch_request(delegates=Delegate.objects.all())
    batch.refresh_from_db()
    assert batch.status == BadgeBatch.Status.QUEUED
    return batch


def test_a_batch_whose_hand_over_was_lost_is_rendered_by_the_sweep(batch):
    handed = tasks.sweep_jobs()

    batch.refresh_from_db()
    assert handed == 1
    assert batch.status == BadgeBatch.Status.DONE
    assert batch.pdf.read().startswith(b"%PDF")


def test_a_batch_its_dead_worker_left_rendering_is_rendered_again(batch):
    BadgeBatch.objects.filter(pk=batch.pk).update(
        status=BadgeBatch.Status.RENDERING,
        started_at=clock.wall_now() - tasks.JOB_LEASE - timedelta(seconds=1),
    )

    tasks.sweep_jobs()

    batch.refresh_from_db()
    assert batch.status == BadgeBatch.Status.DONE
    assert batch.done == batch.total == 1


def test_a_batch_a_live_worker_is_rendering_is_left_alone(batch):
    started = clock.wall_now() - timedelta(minutes=1)
    BadgeBatch.objects.filter(pk=batch.pk).update(
        status=BadgeBatch.Status.RENDERING, started_at=started
    )

    handed = tasks.sweep_jobs()

    batch.refresh_from_db()
    assert handed == 0
    assert (batch.status, batch.started_at, batch.pdf.name) == (
        BadgeBatch.Status.RENDERING,
        started,
        "",
    )
