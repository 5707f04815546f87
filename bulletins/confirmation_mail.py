"""The double opt-in's confirmation mail, and the task that sends it after the commit."""

from celery import shared_task
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from members.mail import branded_message

from .models import Subscriber
from .tokens import confirm_token


@shared_task(name="bulletins.tasks.send_subscription_confirmation")  # tasks.py imports it
def send_subscription_confirmation(subscriber_id):
    """The task the services enqueue (idempotent: a confirmed address is not mailed again)."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id, confirmed_at__isnull=True).first()
    if subscriber is None:  # confirmed or gone meanwhile
        return
    confirmation_mail_send(subscriber=subscriber)


def confirmation_mail_send(*, subscriber):
    """Mail the link that confirms the subscription, in the subscriber's language."""
    with translation.override(subscriber.language):
        confirm_path = reverse(
            "bulletins:subscribe_confirm", args=[confirm_token(subscriber.email)]
        )
    branded_message(
        to=[subscriber.email],
        subject_template="bulletins/email/confirm_subject.txt",
        text_template="bulletins/email/confirm_body.txt",
        context={"confirm_url": settings.OEC_SITE_URL.rstrip("/") + confirm_path},
        language=subscriber.language,
        action_label=_("Confirm the subscription"),
        reason=_(
            "You receive this message because this address was entered in the subscription "
            "form of the partner bulletin."
        ),
    ).send()
