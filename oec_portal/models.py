"""The portal's own rows: what belongs to the pages that compose several apps."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class DashboardVisit(models.Model):
    """When a user last opened their dashboard: "new since your last visit" starts there."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    last_visit_at = models.DateTimeField()

    class Meta:
        # The table keeps the name it had when governance held the model: moving the model
        # to the portal moved no rows.
        db_table = "governance_dashboardvisit"
        verbose_name = _("dashboard visit")
        verbose_name_plural = _("dashboard visits")

    def __str__(self):
        when = date_format(timezone.localtime(self.last_visit_at), "DATETIME_FORMAT")
        return f"{self.user} · {when}"
