"""Tasks cross a real Redis broker to a real worker process, which mails a real SMTP server."""

from members.models import Role
from members.services import invitation_create


def test_invitation_mail_travels_through_the_worker_to_smtp(
    celery_worker_process, smtp_sink, member_a, focal_a
):
    invitation_create(
        organisation=member_a, email="far-away@example.org", role=Role.DELEGATE, invited_by=focal_a
    )  # transactional_db: on_commit fires at once, the task goes to Redis
    assert smtp_sink.wait_for(1, timeout=30)
    [message] = smtp_sink.received["far-away@example.org"]
    assert "Member A" in message["Subject"]
    text = next(part for part in message.walk() if part.get_content_type() == "text/plain")
    assert "/accounts/invitation/" in text.get_payload(decode=True).decode()


def test_a_task_waiting_in_redis_survives_a_killed_worker(
    celery_worker_process, smtp_sink, member_a, focal_a
):
    celery_worker_process.kill()
    invitation_create(
        organisation=member_a, email="patient@example.org", role=Role.EDITOR, invited_by=focal_a
    )
    assert smtp_sink.count() == 0
    celery_worker_process.start()
    assert smtp_sink.wait_for(1, timeout=30)
    assert len(smtp_sink.received["patient@example.org"]) == 1
