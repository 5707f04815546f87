"""Demo data of the bulletins app for `manage.py seed_demo`.

One bulletin already sent, last month's (so the public archive always shows a recent issue in four
languages), with its delivery ledger, and a confirmed public subscriber. Idempotent:
update_or_create on natural keys (the month, the address); the month moves only when the calendar
does.
"""

import datetime

from members.demo_seeding import GENEVA, month_from_now, translated_fields

from .models import Bulletin, Delivery, Subscriber
from .services import bulletin_render_editions, first_working_day, recipients

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
    month = month_from_now(-1)
    sent_at = datetime.datetime.combine(
        first_working_day(month), datetime.time(8, 0), tzinfo=GENEVA
    )
    bulletin, _created = Bulletin.objects.update_or_create(
        month=month,
        defaults={
            "organisation": organisations["oec"],
            "status": Bulletin.Status.SENT,
            "composed_at": sent_at,
            "approved_by": users.get("partnerships@oec.example"),
            "approved_at": sent_at,
            "sent_at": sent_at,
            **translated_fields("introduction", INTRODUCTION),
        },
    )
    bulletin_render_editions(bulletin=bulletin)
    Subscriber.objects.update_or_create(
        email="reader@public.example",
        defaults={"language": "fr", "confirmed_at": sent_at - datetime.timedelta(days=20)},
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
                "message_id": f"<demo-{month:%Y%m}-{row.email}>",
                "sent_at": sent_at,
                "queued_at": sent_at,
            },
        )
