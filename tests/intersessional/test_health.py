"""/healthz: what the containers' health checks ask (docker-compose.yml)."""

from unittest import mock

import pytest
from django.db import OperationalError


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch("intersessional.health.connection.cursor", side_effect=OperationalError):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.content == b"database unavailable"


@pytest.mark.django_db
def test_healthz_refuses_a_host_the_site_does_not_serve(client):
    # The health checks send the site's own host name: a wrong one is no health.
    response = client.get("/healthz", HTTP_HOST="elsewhere.example")

    assert response.status_code == 400
