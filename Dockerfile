# Two images: `app` for web, worker, beat and the one-shot migrate; `proxy`, nginx in
# front of web. The base images are build arguments: a deployment pulls the official
# ones (the defaults); `make compose-check` builds stand-ins from Debian's packages
# where no registry is reachable (scripts/compose/standins/).
ARG BASE_IMAGE=python:3.11-slim-bookworm
ARG DEBIAN_IMAGE=debian:bookworm-slim

FROM ${BASE_IMAGE} AS app

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_PYTHON_DOWNLOADS=never \
    PATH=/opt/venv/bin:$PATH \
    XDG_CACHE_HOME=/tmp/cache

# WeasyPrint needs Pango; the Noto fonts give badges every script (CJK, Devanagari,
# Arabic...); pg_dump and pg_restore for scripts/backup.sh and restore.sh (PostgreSQL 15).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
        fonts-noto-core fonts-noto-cjk curl gettext postgresql-client-15 ca-certificates \
    && rm -rf /var/lib/apt/lists/*

RUN pip install --no-cache-dir uv==0.13.9

WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project --python python3.11 \
    && rm -rf /root/.cache

COPY . .
# The six languages' catalogues are compiled from the .po files in the image (no .mo in git).
RUN DEBUG=false SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost \
    sh -c "python manage.py collectstatic --noinput -v0 && python manage.py compilemessages -v0 --ignore=.venv --ignore=/opt/venv"

# var/media is the uploads' volume: made here so that the volume belongs to app. The
# containers run as app, with a read-only root file system (docker-compose.yml).
RUN useradd --system --uid 10001 app && mkdir -p /app/var/media && chown -R app /app/var
USER app

EXPOSE 8000
CMD ["gunicorn", "intersessional.wsgi", "--bind", "0.0.0.0:8000", "--workers", "4", "--access-logfile", "-"]

# The proxy: Debian's nginx (the package that `make bench` and the tests run, with
# the same deploy/nginx/ directives) and the static files collected above, copied
# from the app image so that the two can never disagree.
FROM ${DEBIAN_IMAGE} AS proxy
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx curl \
    && rm -rf /var/lib/apt/lists/*
COPY deploy/nginx/ /etc/nginx/intersessional/
COPY --from=app /app/var/staticfiles/ /srv/static/
EXPOSE 80 443
CMD ["nginx", "-c", "/etc/nginx/intersessional/compose.conf", "-g", "daemon off;"]
