# The portal's image: gunicorn serving Django; the same image runs the Celery worker and beat.

# Assets: the web fonts from the npm registry's @fontsource packages, the countries' flags from
# its flag-icons package and the interface's icons from @tabler/icons (package-lock.json's pins),
# copied into static/fonts/, static/flags/ and static/icons/ as `make fonts flags icons` does;
# the image serves them itself.
FROM node:20-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund
COPY tools/copy_fonts.sh tools/copy_flags.sh tools/copy_icons.sh tools/
RUN tools/copy_fonts.sh && tools/copy_flags.sh && tools/copy_icons.sh

FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=oec_portal.settings.production

# Pango lays out WeasyPrint's printable PDFs (participants, credentials, badges).
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
    libpango-1.0-0 libpangoft2-1.0-0 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock pyproject.toml ./
RUN pip install --no-cache-dir -r requirements.lock

COPY . .
COPY --from=assets /build/static/fonts static/fonts
COPY --from=assets /build/static/flags static/flags
COPY --from=assets /build/static/icons static/icons
# Build-time steps need a key but no database.
RUN SECRET_KEY=build ALLOWED_HOSTS=localhost python manage.py compilemessages --verbosity 0 \
    && SECRET_KEY=build ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput --verbosity 0

# /srv/static: where the `static` job of docker-compose.yml copies the static files for nginx
# (a new volume takes this directory's owner).
RUN useradd --system --uid 1000 portal && mkdir -p /app/var /app/spool /srv/static \
    && chown -R portal /app/var /app/spool /srv/static
USER portal

EXPOSE 8000
CMD ["gunicorn", "oec_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-"]
