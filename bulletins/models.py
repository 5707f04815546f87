"""The monthly partner bulletin: one bulletin per month, a snapshot per language, and a
delivery ledger with one row per bulletin and recipient.

Sending works through the ledger (`Delivery`), never through a list held in memory: the rows
are written before the first message leaves, so a crash, a redelivered task or a broker outage
never loses nor doubles a recipient (see services.py and tasks.py).
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from members.models import Organisation
from members.rich_text import SanitisesRichText, rich_text_field


class BulletinQuerySet(models.QuerySet):
    def archived(self):
        """Bulletins that went out: the public archive shows these and nothing else."""
        return self.filter(status=Bulletin.Status.SENT)

    def with_delivery_counts(self):
        """Each bulletin with `queued`, `pending_count` (not done yet), `sent_count`,
        `failed_count`, `bounced_count`, `uncertain_count`, `possibly_sent_twice_count`."""
        status = Delivery.Status
        return self.annotate(
            queued=Count("deliveries"),
            # Not done yet: waiting for a task, or claimed by one that is sending it.
            pending_count=Count("deliveries", filter=Q(deliveries__status__in=Delivery.UNFINISHED)),
            sent_count=Count("deliveries", filter=Q(deliveries__status=status.SENT)),
            failed_count=Count("deliveries", filter=Q(deliveries__status=status.FAILED)),
            bounced_count=Count("deliveries", filter=Q(deliveries__status=status.BOUNCED)),
            # Its worker died while the mail server may have been accepting its message: held,
            # for an officer to send again or not.
            uncertain_count=Count("deliveries", filter=Q(deliveries__status=status.UNCERTAIN)),
            # Sent again by an officer after that: these recipients may hold two copies (with
            # one Message-ID).
            possibly_sent_twice_count=Count(
                "deliveries",
                filter=Q(deliveries__possibly_sent=True, deliveries__status=status.SENT),
            ),
        )


class Bulletin(SanitisesRichText, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        AWAITING_APPROVAL = "awaiting_approval", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    # The host: the body publishes the bulletin (tenancy rule: every row has an owner).
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="bulletins",
        verbose_name=_("publisher"),
        limit_choices_to={"kind": Organisation.Kind.HOST},
    )
    month = models.DateField(
        _("month"), unique=True, help_text=_("The first day of the month the bulletin is for.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    introduction = rich_text_field(
        _("introduction"),
        help_text=_("Written by the partnerships officers before the bulletin is composed."),
    )
    composed_at = models.DateTimeField(_("composed at"), null=True, blank=True)
    # The officer who composed it last, or wrote its introduction (which composes it again);
    # the schedule composing it keeps the one before. Under the four-eyes setting
    # (OEC_BULLETIN_FOUR_EYES) another officer approves it.
    composed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("composed by"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = BulletinQuerySet.as_manager()

    rich_text_fields = ("introduction",)

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        ordering = ["-month"]
        constraints = [
            models.CheckConstraint(condition=Q(month__day=1), name="bulletins_month_is_first_day"),
        ]

    def __str__(self):
        return _("Bulletin %(month)s") % {"month": date_format(self.month, "YEAR_MONTH_FORMAT")}

    def get_absolute_url(self):
        return reverse("bulletins:edition", kwargs={"period": self.period})

    @property
    def period(self):
        # The month in the edition's address (/bulletins/2026-11/): for machines, not readers.
        return self.month.strftime("%Y-%m")

    def edition_for(self, language):
        """The snapshot in `language`, else the English one (None before composing)."""
        editions = {edition.language: edition for edition in self.editions.all()}
        return editions.get(language) or editions.get(settings.LANGUAGE_CODE)


class BulletinEdition(models.Model):
    """The bulletin as composed in one language: a snapshot, so the archive never changes."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="editions")
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    subject = models.CharField(_("subject"), max_length=200)
    html = models.TextField(_("HTML"))
    text = models.TextField(_("plain text"))

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["bulletin", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["bulletin", "language"], name="bulletins_one_edition_per_language"
            ),
        ]

    def __str__(self):
        return f"{self.bulletin} ({self.language})"


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class Subscriber(models.Model):
    """A member of the public who subscribed, active once the e-mailed link confirmed it.

    How the person asked for the bulletin is kept with the address: on the portal's form, or
    on a list the secretariat imported (with where and when, and who imported it). Either way
    the address receives nothing before its owner follows the confirmation link.
    """

    class ConsentSource(models.TextChoices):
        WEB_FORM = "web_form", _("Subscription form of the portal")
        IMPORT = "import", _("Imported in the back office")

    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    consent_source = models.CharField(
        _("subscribed through"),
        max_length=20,
        choices=ConsentSource.choices,
        default=ConsentSource.WEB_FORM,
    )
    consent_evidence = models.CharField(
        _("record of consent"),
        max_length=300,
        blank=True,
        help_text=_("Where and how the person asked for the bulletin."),
    )
    consented_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["email"]

    def __str__(self):
        return self.email


class DeliveryQuerySet(models.QuerySet):
    def pending(self):
        """Rows waiting for a task: not claimed yet, or put back (transient error, stale claim)."""
        return self.filter(status=Delivery.Status.PENDING)

    def unfinished(self):
        """Rows not done yet: pending, or claimed by a task that is sending them."""
        return self.filter(status__in=Delivery.UNFINISHED)

    def stale_claims(self, *, older_than):
        """Rows claimed longer ago than `older_than`: the task that claimed them died."""
        return self.filter(
            status__in=[Delivery.Status.SENDING, Delivery.Status.HANDED],
            claimed_at__lt=timezone.now() - older_than,
        )


class Delivery(models.Model):
    """One recipient of one bulletin: the ledger the sending tasks work through."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        # Claimed by one chunk task, which sends it and marks it at once (sending.py).
        SENDING = "sending", _("Sending")
        # Its message is with the mail server, which has not answered yet (sending.py).
        HANDED = "handed", _("Handed to the mail server")
        SENT = "sent", _("Sent")
        # Its worker died between handing the message over and recording the answer: the
        # server may have accepted it. Not sent again unless an officer says so (sending.py).
        UNCERTAIN = "uncertain", _("Possibly sent, not sent again")
        FAILED = "failed", _("Failed")
        BOUNCED = "bounced", _("Bounced")
        COMPLAINED = "complained", _("Marked as spam")
        SKIPPED = "skipped", _("Skipped (suppressed before sending)")

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="deliveries")
    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    contact = models.ForeignKey(
        "partnerships.Contact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partner contact"),
    )
    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deliveries",
        verbose_name=_("subscriber"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    # Claims by a sending task: a transient SMTP error or a worker that died adds one.
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # Given when the row is first claimed and kept for every attempt after it, so that a copy
    # sent again carries the Message-ID of the first and receiving systems see a repeat.
    message_id = models.CharField(_("message id"), max_length=255, blank=True)
    # The id the mail provider gave the message when it took it (django-anymail's
    # anymail_status), which its bounce and complaint reports name (bulletins/mail_events.py);
    # empty when sent by SMTP, where the reports name `message_id`.
    provider_message_id = models.CharField(
        _("mail provider's message id"), max_length=255, blank=True
    )
    # The sweeper found this row claimed by a task that died while the mail server may have
    # been accepting its message (sending.py). It stays set when an officer sends it again:
    # that recipient may then hold two copies.
    possibly_sent = models.BooleanField(
        _("possibly sent before"),
        default=False,
        help_text=_(
            "The worker sending this message stopped after handing it to the mail server and "
            "before recording its answer: the server may have accepted it. It is not sent "
            "again unless an officer does so, and then the recipient may receive a second "
            "copy, with the same Message-ID."
        ),
    )
    last_error = models.TextField(_("last error"), blank=True)
    queued_at = models.DateTimeField(_("last queued at"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["bulletin", "email"]
        constraints = [
            models.UniqueConstraint(
                fields=["bulletin", "email"], name="bulletins_one_delivery_per_recipient"
            ),
        ]
        indexes = [
            models.Index(fields=["bulletin", "status"]),
            # The mail provider's reports find their delivery by one of these.
            models.Index(fields=["message_id"], name="bulletins_delivery_msgid"),
            models.Index(fields=["provider_message_id"], name="bulletins_delivery_provmsgid"),
        ]

    # Not done yet: the bulletin is sending while one of its rows is in one of these.
    UNFINISHED = [Status.PENDING, Status.SENDING, Status.HANDED]

    def __str__(self):
        return f"{self.bulletin} → {self.email} ({self.status})"
