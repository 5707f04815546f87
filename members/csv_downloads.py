"""CSV downloads of open data (the partner database, the recorded votes): one writer, so that
every download neutralises spreadsheet formulas the same way."""

import csv

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def csv_cell(value):
    """A cell's text. A cell starting with = + - @ is a formula to spreadsheets: neutralise it
    (CSV injection, OWASP); a list is written as one cell, its items joined by "; "."""
    if value is None:
        return ""
    text = "; ".join(value) if isinstance(value, list) else str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_response(rows, *, fieldnames, filename):
    """An attachment `filename` with a header line and one line per dict of `rows`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    writer = csv.DictWriter(response, fieldnames=fieldnames)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: csv_cell(value) for key, value in row.items()})
    return response
