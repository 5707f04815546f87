"""Bulk import and export of office holders and delegation lists (the conference services'
back office; members/bulk_imports.py has the common rules).

A delegation list has a row per person: the session (its number in the General Assembly), the
member organisation (its slug), the person's e-mail and name, and whether they head the
delegation. A person whose address is a user of the organisation is listed as that user,
anyone else as a guest; a delegation the list names for the first time is created as a draft.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _
from import_export import fields, widgets

from members.bulk_imports import BulkResource, OrganisationSlugWidget
from members.models import Organisation

from .models import AssemblySession, Delegation, DelegationMember, OfficeHolder


class OfficeHolderResource(BulkResource):
    organisation = fields.Field(
        attribute="organisation",
        column_name="organisation",
        widget=OrganisationSlugWidget(Organisation.Kind.HOST),
    )

    export_select_related = ("organisation",)

    class Meta(BulkResource.Meta):
        model = OfficeHolder
        name = _("Office holders")
        fields = (
            "organisation",
            "post",
            "person_name",
            "title_en",
            "title_fr",
            "title_es",
            "title_ar",
            "term_start",
            "term_end",
        )
        import_id_fields = ("organisation", "post", "person_name", "term_start")


class SessionWidget(widgets.ForeignKeyWidget):
    """A session of the General Assembly, named by its number."""

    def __init__(self):
        super().__init__(AssemblySession, field="number")

    def get_queryset(self, value, row, *args, **kwargs):
        return AssemblySession.objects.general_assembly()

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except (AssemblySession.DoesNotExist, ValueError, TypeError):
            raise ValueError(
                _("The General Assembly has no session number “%(number)s”.") % {"number": value}
            ) from None


class DelegationMemberResource(BulkResource):
    session = fields.Field(
        attribute="delegation__session", column_name="session", widget=SessionWidget()
    )
    organisation = fields.Field(
        attribute="delegation__organisation",
        column_name="organisation",
        widget=OrganisationSlugWidget(*Organisation.MEMBER_KINDS),
    )
    email = fields.Field(attribute="email", column_name="email")
    name = fields.Field(attribute="name", column_name="name")
    is_head = fields.Field(
        attribute="is_head", column_name="is_head", widget=widgets.BooleanWidget(), default=False
    )
    delegation_status = fields.Field(
        attribute="delegation__status", column_name="delegation_status", readonly=True
    )

    export_select_related = ("delegation__session", "delegation__organisation", "user")
    export_parent_lookup = "delegation"

    class Meta(BulkResource.Meta):
        model = DelegationMember
        name = _("Delegation lists")
        fields = ("session", "organisation", "email", "name", "is_head", "delegation_status")
        import_id_fields = ("session", "organisation", "email")
        skip_unchanged = False

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset, **kwargs)
            .order_by(
                "delegation__session__number", "delegation__organisation__slug", "-is_head", "pk"
            )
        )

    def before_import_row(self, row, **kwargs):
        if row.get("email"):
            row["email"] = str(row["email"]).strip().lower()
        super().before_import_row(row, **kwargs)

    def get_or_init_instance(self, instance_loader, row):
        session = self.fields["session"].clean(row)
        organisation = self.fields["organisation"].clean(row)
        email = row["email"]
        # Written during the preview too: the preview's transaction is rolled back.
        delegation, _created = Delegation.objects.get_or_create(
            session=session, organisation=organisation
        )
        for member in delegation.members.select_related("user"):
            if member.email.lower() == email:
                return member, False
        return DelegationMember(delegation=delegation, is_head=False), True

    def import_instance(self, instance, row, **kwargs):
        self.import_field(self.fields["is_head"], instance, row, **kwargs)
        email, name = row["email"], str(row.get("name") or "").strip()
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError({"email": _("Give the person's e-mail address.")}) from None
        organisation = instance.delegation.organisation
        user = (
            get_user_model()
            .objects.filter(email__iexact=email, memberships__organisation=organisation)
            .first()
        )
        if user is not None:
            instance.user, instance.guest_name, instance.guest_email = user, "", ""
        elif not name:
            raise ValidationError(
                {"name": _("Give the name of a guest who is not a user of the organisation.")}
            )
        else:
            instance.user, instance.guest_name, instance.guest_email = None, name, email
        head = instance.delegation.members.filter(is_head=True).exclude(pk=instance.pk).first()
        if instance.is_head and head is not None:
            raise ValidationError(
                {"is_head": _("%(name)s heads this delegation already.") % {"name": head.name}}
            )
