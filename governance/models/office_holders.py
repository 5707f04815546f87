"""The body's office holders (Secretary-General, President of the General Assembly)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Organisation


class OfficeHolder(models.Model):
    class Post(models.TextChoices):
        SECRETARY_GENERAL = "secretary_general", _("Secretary-General")
        DEPUTY_SECRETARY_GENERAL = "deputy_secretary_general", _("Deputy Secretary-General")
        ASSEMBLY_PRESIDENT = "assembly_president", _("President of the General Assembly")

    post = models.CharField(_("post"), max_length=30, choices=Post.choices)
    person_name = models.CharField(_("name"), max_length=200)
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("e.g. His Excellency")
    )
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="office_holders"
    )

    class Meta:
        verbose_name = _("office holder")
        verbose_name_plural = _("office holders")
        ordering = ["post", "-term_start"]

    def __str__(self):
        return f"{self.get_post_display()}: {self.person_name}"

    @property
    def is_current(self):
        today = timezone.localdate()
        return self.term_start <= today and (self.term_end is None or self.term_end >= today)
