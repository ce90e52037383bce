import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intersessional.settings")

app = Celery("intersessional")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Celery's Django fix-up closes every database connection after each task unless
# CELERY_DB_REUSE_MAX is set: each e-mail then opened a new PostgreSQL connection
# (a backend forked, authenticated and its caches warmed, in PostgreSQL and in the
# worker; measured in make bench). The worker does instead what Django does around a
# request: it keeps a connection for CONN_MAX_AGE and drops one that failed.
app.conf["CELERY_DB_REUSE_MAX"] = 2**31


@task_prerun.connect
@task_postrun.connect
def _close_old_connections(task=None, **kwargs):
    # Not around a task run eagerly (the demo): it is inside a request, which does this.
    if task is not None and not getattr(task.request, "is_eager", False):
        from django.db import close_old_connections

        close_old_connections()
