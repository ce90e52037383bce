# Two images: `app` for web, worker and beat; `proxy`, nginx in front of web.
FROM python:3.11-slim-bookworm AS app

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_PYTHON_DOWNLOADS=never \
    PATH=/opt/venv/bin:$PATH

# WeasyPrint needs Pango; the Noto fonts give badges every script (CJK, Devanagari, Arabic...).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
        fonts-noto-core fonts-noto-cjk curl gettext \
    && rm -rf /var/lib/apt/lists/*

RUN pip install --no-cache-dir uv==0.13.9

WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

COPY . .
# The six languages' catalogues are compiled from the .po files in the image (no .mo in git).
RUN DEBUG=false SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost \
    sh -c "python manage.py collectstatic --noinput -v0 && python manage.py compilemessages -v0 --ignore=.venv --ignore=/opt/venv"

# var/media is the statements' volume: made here so that the volume belongs to app.
RUN useradd --system --uid 10001 app && mkdir -p /app/var/media && chown -R app /app/var
USER app

EXPOSE 8000
CMD ["gunicorn", "intersessional.wsgi", "--bind", "0.0.0.0:8000", "--workers", "4", "--access-logfile", "-"]

# The proxy: Debian's nginx (the package that `make bench` and the tests run, with
# the same deploy/nginx/ directives) and the static files collected above, copied
# from the app image so that the two can never disagree.
FROM debian:bookworm-slim AS proxy
RUN apt-get update \
    && apt-get install -y --no-install-recommends nginx curl \
    && rm -rf /var/lib/apt/lists/*
COPY deploy/nginx/ /etc/nginx/intersessional/
COPY --from=app /app/var/staticfiles/ /srv/static/
EXPOSE 80 443
CMD ["nginx", "-c", "/etc/nginx/intersessional/compose.conf", "-g", "daemon off;"]
