"""Decisions as open, standard data: each language expression as Akoma Ntoso XML, and the
recorded votes as CSV (the same rows as the open data API's /api/votes/). What a viewer may
download is what the decision pages show them: a decision they may not see is "not found"."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from members.content_cache import reads_query_parameters
from members.csv_downloads import csv_response

from . import selectors
from .akoma_ntoso import (
    CONTENT_TYPE,
    decision_akoma_ntoso,
    expression_file_name,
    expression_languages,
)
from .models import slug_to_symbol


def _visible_decision_or_404(request, symbol):
    return get_object_or_404(
        selectors.decisions_with_votes_visible_to(request.user), symbol=slug_to_symbol(symbol)
    )


@require_GET
@reads_query_parameters()
def decision_akoma_ntoso_xml(request, symbol, language):
    """The decision's expression in `language` (one the decision is written in), as AKN."""
    decision = _visible_decision_or_404(request, symbol)
    if language not in expression_languages(decision):
        raise Http404
    response = HttpResponse(
        decision_akoma_ntoso(decision, language), content_type=f"{CONTENT_TYPE}; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(
        False, expression_file_name(decision, language)
    )
    return response


def _votes_csv(votes, name):
    # The API's serializer (Django REST framework, ~7 MB) is imported at the first download,
    # not in every web worker (tests/perf/test_worker_imports.py).
    from .serializers import RecordedVoteSerializer

    rows = RecordedVoteSerializer(votes, many=True).data
    return csv_response(rows, fieldnames=RecordedVoteSerializer.Meta.fields, filename=f"{name}.csv")


@require_GET
@reads_query_parameters()
def recorded_votes_csv(request):
    """Every recorded vote of the decisions the viewer may see, one line per state and decision."""
    votes = selectors.recorded_votes_visible_to(request.user)
    return _votes_csv(votes, f"oec-recorded-votes-{timezone.localdate().isoformat()}")


@require_GET
@reads_query_parameters()
def decision_votes_csv(request, symbol):
    """The recorded votes of one decision (a header line only for a decision without a vote)."""
    decision = _visible_decision_or_404(request, symbol)
    # The votes come prefetched with their states, and each with its decision (this one).
    return _votes_csv(decision.votes.all(), f"{decision.slug}-votes")
