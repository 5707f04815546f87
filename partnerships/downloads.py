"""Downloads of partnership files: the public file of an approved activity or publication, and
for the secretariat's partnerships officers the files of applications and activities.

The files are in the private store: they go out through its audited download path
(members.private_file_downloads: `private_file_response`, an audit row through
`private_file_download_record`) after the policy said yes; "not yours", "not public" and "no
file" all answer 404.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from members.private_file_downloads import (
    private_file_download_record,
    private_file_response,
    stored_content_type,
)
from members.request_facts import client_ip

from .models import CooperationActivity, Partnership

APPLICATION_FILES = ("statutes", "activity_report")


def _download(request, field_file, *, owner, restricted):
    if not field_file:
        raise Http404
    instance = field_file.instance
    response = private_file_response(
        field_file,
        filename=instance.private_file_download_name(field_file.field.name),
        content_type=stored_content_type(field_file),
    )
    private_file_download_record(
        field_file=field_file,
        owner=owner,
        user=request.user,
        organisation=request.organisation,
        ip=client_ip(request),
        restricted=restricted,
    )
    return response


@require_GET
def activity_file(request, slug, pk):
    """The file of a partner's activity or publication once it is public (approved)."""
    activity = get_object_or_404(
        CooperationActivity.objects.public().select_related("organisation"),
        organisation__slug=slug,
        pk=pk,
    )
    return _download(request, activity.file, owner=activity.organisation, restricted=False)


def _for_partnerships_officers(request):
    if not request.user.has_perm("partnerships.review"):
        raise Http404


@login_required
@require_GET
def application_file(request, pk, field):
    """An application's statutes or activity report, for the partnerships officers."""
    _for_partnerships_officers(request)
    if field not in APPLICATION_FILES:
        raise Http404
    partnership = get_object_or_404(Partnership.objects.select_related("organisation"), pk=pk)
    return _download(
        request, getattr(partnership, field), owner=partnership.organisation, restricted=True
    )


@login_required
@require_GET
def activity_file_for_staff(request, pk):
    """An activity's file in any status (the officers review it before approving)."""
    _for_partnerships_officers(request)
    activity = get_object_or_404(CooperationActivity.objects.select_related("organisation"), pk=pk)
    return _download(request, activity.file, owner=activity.organisation, restricted=True)
