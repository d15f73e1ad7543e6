"""Spreadsheets in the interface: a problem in one (`pmo.interop.tables.TableError`) in the user's language, and an
.xlsx file as a download."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _

from pmo.interop.tables import TableError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_download(data: bytes, filename: str) -> HttpResponse:
    """An .xlsx file as a download named `filename`."""
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def describe(error: TableError) -> str:
    """The problem with where it is ("row 4, column 'actual': 'abc' is not a number"), translated."""
    messages = {
        "format": _("{filename}: use a .csv or .xlsx file"),
        "empty": _("the file is empty: the first row must hold the column names"),
        "duplicate_column": _("the column {name!r} appears twice"),
        "too_many_rows": _("more than {limit} rows: split the file"),
        "too_many_columns": _("more than {limit} columns: remove the columns that are not needed"),
        "too_large_unpacked": _("the workbook unpacks to more than {limit} MB: remove what is not needed"),
        "not_csv": _("this is not a readable CSV file ({problem})"),
        "control_character": _("the text contains a control character ({char}): remove it"),
        "date_range": _("{value!r} is outside the years {first} to {last}"),
        "not_utf8": _("the file is not UTF-8 text: save it as 'CSV UTF-8'"),
        "not_xlsx": _("this is not a readable Excel (.xlsx) file"),
        "required": _("a value is required"),
        "not_number": _("{value!r} is not a number"),
        "not_month": _("{value!r} is not a month (use 2026-03)"),
        "not_date": _("{value!r} is not a date (use 2026-03-31)"),
        "not_choice": _("{value!r} is not one of the choices"),
        "unknown": _("{value!r} is not known here"),
    }
    return error.describe(messages, _("row {row}, column {column!r}: "), _("row {row}: "))
