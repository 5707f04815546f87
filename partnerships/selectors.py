"""Reads that other floors compose (the monthly bulletin)."""

from .models import CooperationActivity


def public_activities_reviewed_between(start, end):
    """Public cooperation activities approved (reviewed) in [start, end), newest first, with
    their organisation."""
    return (
        CooperationActivity.objects.public()
        .filter(reviewed_at__gte=start, reviewed_at__lt=end)
        .select_related("organisation")
        .order_by("-reviewed_at", "pk")
    )
