"""`/healthz`: what the containers' health checks ask (docker-compose.yml).

It answers 200 only when this web process can reach the database, so that a web
container whose gunicorn is up but whose database is gone is reported unhealthy
rather than healthy on its open port alone. Nothing personal, nothing cached.
"""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
