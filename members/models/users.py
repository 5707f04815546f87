"""The portal's users: people who log in with their e-mail address."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    """Users log in with their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    class NotificationMail(models.TextChoices):
        """How the person hears of work waiting for them (members/notifications/)."""

        IMMEDIATELY = "immediately", _("An e-mail for each notification, at once")
        DAILY_DIGEST = "daily_digest", _("One e-mail a day with the day's notifications")
        PORTAL_ONLY = "portal_only", _("No e-mail: I read them in the portal")

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    # Empty until chosen: mail then goes in the site's default language.
    language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the e-mails the portal sends you."),
    )
    notification_mail = models.CharField(
        _("e-mail for notifications"),
        max_length=20,
        choices=NotificationMail.choices,
        default=NotificationMail.IMMEDIATELY,
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def mail_language(self):
        """The language of the mails this person receives."""
        return self.language or settings.LANGUAGE_CODE
