"""Driving the back office's import and export as an officer does: upload, preview, confirm."""

import csv
import io

import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

CSV, XLSX = "0", "1"  # the admin's formats, in the order members/bulk_imports.py lists them


def csv_file(rows, name="rows.csv"):
    """A CSV upload of `rows` (lists of cells, the first one the header)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode(), content_type="text/csv")


def xlsx_file(rows, name="rows.xlsx"):
    dataset = tablib.Dataset(*rows[1:], headers=rows[0])
    return SimpleUploadedFile(name, dataset.export("xlsx"), content_type="application/vnd.ms-excel")


def preview(client, model, upload, *, file_format=CSV, resource=None):
    """The first step: upload, and the dry run's preview (or its errors)."""
    data = {"format": file_format, "import_file": upload}
    if resource is not None:
        data["resource"] = resource
    return client.post(reverse(f"admin:{model}_import"), data)


def confirm(client, model, previewed):
    """The second step: confirm the import the preview showed."""
    form = previewed.context["confirm_form"]
    return client.post(reverse(f"admin:{model}_process_import"), form.initial)


def import_rows(client, model, upload, **kwargs):
    previewed = preview(client, model, upload, **kwargs)
    assert previewed.context["confirm_form"] is not None, row_errors(previewed)
    return confirm(client, model, previewed)


def row_errors(response):
    """{row number: [messages]} of the preview's refused rows."""
    result = response.context["result"]
    errors = {}
    for row in result.invalid_rows:
        errors[row.number] = [
            f"{field}: {message}"
            for field, messages in row.field_specific_errors.items()
            for message in messages
        ] + list(row.non_field_specific_errors)
    for number, row_errors_ in result.row_errors():
        errors.setdefault(number, []).extend(str(error.error) for error in row_errors_)
    return errors


def export(client, model, *, file_format=CSV, resource=None):
    """The rows of the export of the whole list, as a tablib.Dataset."""
    content = export_file(client, model, file_format=file_format, resource=resource).read()
    kind = "csv" if file_format == CSV else "xlsx"
    return tablib.Dataset().load(content.decode() if kind == "csv" else content, format=kind)


def export_file(client, model, *, file_format=CSV, resource=None):
    """The export of the whole list, as a file to upload again."""
    url = reverse(f"admin:{model}_export")
    form = client.get(url).context["form"]
    # Every column ticked, as the form offers them.
    data = {name: "on" for name, field in form.fields.items() if hasattr(field, "resource_name")}
    data["format"] = file_format
    if resource is not None:
        data["resource"] = resource
    response = client.post(url, data)
    assert response.status_code == 200, response.content[:2000]
    name = "export.csv" if file_format == CSV else "export.xlsx"
    return SimpleUploadedFile(name, response.content)
