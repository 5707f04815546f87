# The portal's image: gunicorn serving Django; the same image runs the Celery worker and beat.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=oec_portal.settings.production

RUN apt-get update && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock pyproject.toml ./
RUN pip install --no-cache-dir -r requirements.lock

COPY . .
# Build-time steps need a key but no database.
RUN SECRET_KEY=build ALLOWED_HOSTS=localhost python manage.py compilemessages --verbosity 0 \
    && SECRET_KEY=build ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput --verbosity 0

RUN useradd --system --uid 1000 portal && mkdir -p /app/var && chown -R portal /app/var
USER portal

EXPOSE 8000
CMD ["gunicorn", "oec_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-"]
