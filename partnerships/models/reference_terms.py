"""The reference terms partners and activities are classified by (terms.py fills them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferenceTerm(models.Model):
    """A term of one of the body's reference lists: a stable code, a translated name, a rank."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self):
        return self.name


class FieldOfCompetence(ReferenceTerm):
    """One of the body's fields of competence (education, natural sciences, culture, ...)."""

    class Meta(ReferenceTerm.Meta):
        verbose_name = _("field of competence")
        verbose_name_plural = _("fields of competence")


class FunctionalArea(ReferenceTerm):
    """A functional area of cooperation (capacity building, advocacy, technical support, ...)."""

    class Meta(ReferenceTerm.Meta):
        verbose_name = _("functional area")
        verbose_name_plural = _("functional areas")
