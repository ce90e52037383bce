"""Two identical submissions at the same moment, against PostgreSQL: the database
refuses the second, the person gets a clear refusal, one delegate is stored."""

import threading

import pytest
from django.db import connection, connections

from outbox.models import Notification
from reference.models import State
from registration import services
from registration.models import Delegate, Delegation
from tests.helpers import person, register

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(target, count):
    barrier = threading.Barrier(count)
    results = []

    def worker():
        try:
            barrier.wait()
            results.append(target())
        except Exception as error:  # collected and asserted on below
            results.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.fail("Concurrency is tested against PostgreSQL: run it through `make test`.")


def test_two_identical_submissions_at_once_make_one_delegate(postgres_only, open_registration):
    france = State.objects.get(alpha3="FRA")
    identity = services.identity_for(meeting=open_registration, state=france)
    data = {**person(1), "public_list_consent": True}

    results = run_together(
        lambda: services.delegate_register(meeting=open_registration, identity=identity, data=data),
        count=2,
    )

    refusals = [r for r in results if isinstance(r, services.DuplicateEmail)]
    successes = [r for r in results if isinstance(r, tuple)]
    assert len(successes) == 1 and len(refusals) == 1, results
    assert "amina1@mission.example is already registered" in refusals[0].message
    assert Delegate.objects.count() == 1
    assert Delegation.objects.count() == 1


def test_first_delegates_of_a_new_delegation_at_once_share_it(postgres_only, open_registration):
    france = State.objects.get(alpha3="FRA")
    identity = services.identity_for(meeting=open_registration, state=france)
    counter = iter(range(1, 100))
    lock = threading.Lock()

    def register_next():
        with lock:
            n = next(counter)
        data = {**person(n), "public_list_consent": True}
        return services.delegate_register(meeting=open_registration, identity=identity, data=data)

    results = run_together(register_next, count=4)

    assert all(isinstance(r, tuple) for r in results), results
    assert Delegation.objects.count() == 1
    assert Delegate.objects.filter(delegation__state=france).count() == 4


def test_two_withdrawals_at_once_withdraw_once_and_send_one_email(postgres_only, open_registration):
    delegate, _token = register(open_registration)

    results = run_together(
        lambda: services.delegate_withdraw(delegate=Delegate.objects.get(pk=delegate.pk)),
        count=2,
    )

    refusals = [r for r in results if isinstance(r, services.NotActive)]
    successes = [r for r in results if isinstance(r, Delegate)]
    assert len(successes) == 1 and len(refusals) == 1, results
    delegate.refresh_from_db()
    assert delegate.status == Delegate.Status.WITHDRAWN
    assert Notification.objects.filter(kind="registration_withdrawn").count() == 1
