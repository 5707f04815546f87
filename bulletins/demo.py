"""Demo data of the bulletins app for `manage.py seed_demo`.

One bulletin already sent (October 2026, so the public archive shows an issue in four languages)
with its delivery ledger, and a confirmed public subscriber. Idempotent: update_or_create on
natural keys (the month, the address).
"""

import datetime

from django.conf import settings

from . import content
from .models import Bulletin, BulletinEdition, Delivery, Subscriber
from .services import recipients

DEMO_MONTH = datetime.date(2026, 10, 1)
SENT_AT = datetime.datetime(2026, 10, 1, 8, 0, tzinfo=datetime.UTC)

INTRODUCTION = {
    "en": "<p>This issue looks back on a month of preparation: the secretariat is getting the "
    "next General Assembly ready, and several partners have reported new reading and teacher "
    "training projects.</p>",
    "fr": "<p>Ce numéro revient sur un mois de préparation : le secrétariat organise la "
    "prochaine Assemblée générale et plusieurs partenaires ont fait part de nouveaux projets de "
    "lecture et de formation des enseignants.</p>",
    "es": "<p>Este número repasa un mes de preparativos: la secretaría organiza la próxima "
    "Asamblea General y varios socios han presentado nuevos proyectos de lectura y de formación "
    "docente.</p>",
    "ar": "<p>يستعرض هذا العدد شهرًا من التحضير: تعدّ الأمانة للدورة القادمة للجمعية العامة، "
    "وقد أبلغ عدد من الشركاء عن مشاريع جديدة للقراءة وتدريب المعلمين.</p>",
}


def seed(*, organisations, users):
    """Create or update this app's demo rows idempotently; `organisations` are by slug."""
    bulletin, _created = Bulletin.objects.update_or_create(
        month=DEMO_MONTH,
        defaults={
            "organisation": organisations["oec"],
            "status": Bulletin.Status.SENT,
            "composed_at": SENT_AT,
            "approved_by": users.get("partnerships@oec.example"),
            "approved_at": SENT_AT,
            "sent_at": SENT_AT,
            **{f"introduction_{code}": text for code, text in INTRODUCTION.items()},
        },
    )
    month_content = content.gather(DEMO_MONTH)
    for code, _name in settings.LANGUAGES:
        subject, html, text = content.render_edition(
            bulletin=bulletin, content=month_content, language=code
        )
        BulletinEdition.objects.update_or_create(
            bulletin=bulletin,
            language=code,
            defaults={"subject": subject, "html": html, "text": text},
        )
    Subscriber.objects.update_or_create(
        email="reader@public.example",
        defaults={"language": "fr", "confirmed_at": SENT_AT - datetime.timedelta(days=20)},
    )
    for row in recipients():
        Delivery.objects.update_or_create(
            bulletin=bulletin,
            email=row.email,
            defaults={
                "language": row.language,
                "contact_id": row.contact_id,
                "subscriber_id": row.subscriber_id,
                "status": Delivery.Status.SENT,
                "attempts": 1,
                "message_id": f"<demo-{DEMO_MONTH:%Y%m}-{row.email}>",
                "sent_at": SENT_AT,
                "queued_at": SENT_AT,
            },
        )
