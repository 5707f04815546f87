"""A person's private calendar address: a secret only they know, which they can reset."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

TOKEN_SALT = "governance.calendar_feed"


def new_secret():
    return secrets.token_hex(32)


class CalendarFeedQuerySet(models.QuerySet):
    def by_token(self, token):
        """The feed whose address carries `token`, of an active user; None for any other token
        (a wrong one, or one from before a reset)."""
        feed_id, _separator, signature = (token or "").partition("-")
        if not feed_id.isdigit() or not signature:
            return None
        feed = self.select_related("user").filter(pk=int(feed_id), user__is_active=True).first()
        if feed is None or not constant_time_compare(feed.signature, signature):
            return None
        return feed


class CalendarFeed(models.Model):
    """The secret of a person's private calendar feed.

    The address carries the row's id and an HMAC of the secret keyed by SECRET_KEY: the
    address can be shown again on the person's page, yet a copy of the database alone gives
    no address. A reset draws a new secret, and every address given before answers 404.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("user"),
    )
    secret = models.CharField(max_length=64, default=new_secret, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    reset_at = models.DateTimeField(_("reset at"), null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)

    @property
    def signature(self):
        return salted_hmac(TOKEN_SALT, f"{self.pk}:{self.secret}", algorithm="sha256").hexdigest()

    @property
    def token(self):
        return f"{self.pk}-{self.signature}"
