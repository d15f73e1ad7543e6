"""Spreadsheets in and out: read a CSV or Excel (.xlsx) table into rows, write rows to .xlsx safely.

Reading names the row and column of every problem, so an import can refuse a file as a whole with a message the user
can act on. Writing stores every text as text: a cell that starts with "=", "+", "-" or "@" is never a formula, so an
exported register cannot run anything when opened (formula injection) and reads back exactly as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

MAX_ROWS = 100_000
MAX_COLUMNS = 200
#: an .xlsx whose parts unpack to more than this is refused before it is read (a "zip bomb")
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
#: dates and months in a table must fall in these years (Excel's day zero, 1899-12-30, and typos like 20226 are out)
FIRST_YEAR, LAST_YEAR = 1900, 2199


#: The problems a table can have, as English message templates; `code` is the key (apps translate by code).
MESSAGES = {
    "format": "{filename}: use a .csv or .xlsx file",
    "empty": "the file is empty: the first row must hold the column names",
    "duplicate_column": "the column {name!r} appears twice",
    "too_many_rows": "more than {limit} rows: split the file",
    "too_many_columns": "more than {limit} columns: remove the columns that are not needed",
    "too_large_unpacked": "the workbook unpacks to more than {limit} MB: remove what is not needed",
    "not_csv": "this is not a readable CSV file ({problem})",
    "control_character": "the text contains a control character ({char}): remove it",
    "date_range": "{value!r} is outside the years {first} to {last}",
    "not_utf8": "the file is not UTF-8 text: save it as 'CSV UTF-8'",
    "not_xlsx": "this is not a readable Excel (.xlsx) file",
    "required": "a value is required",
    "not_number": "{value!r} is not a number",
    "not_month": "{value!r} is not a month (use 2026-03)",
    "not_date": "{value!r} is not a date (use 2026-03-31)",
    "not_choice": "{value!r} is not one of the choices",
    "unknown": "{value!r} is not known here",
}


class TableError(ValueError):
    """The file cannot be read as a table: `code` (a key of MESSAGES) with its `params`, at `row` (1 = the header
    row) and `column` where known."""

    def __init__(self, code: str, *, row: int | None = None, column: str | None = None, **params: Any):
        self.code, self.row, self.column, self.params = code, row, column, params
        super().__init__(self.describe(MESSAGES, "row {row}, column {column!r}: ", "row {row}: "))

    def describe(self, messages: dict[str, str], at_cell: str, at_row: str) -> str:
        """The message from `messages[code]`, prefixed with where it is (templates use str.format fields)."""
        text = messages[self.code].format(**self.params)
        if self.row is not None and self.column is not None:
            return at_cell.format(row=self.row, column=self.column) + text
        if self.row is not None:
            return at_row.format(row=self.row) + text
        return text


@dataclass(frozen=True)
class Table:
    headers: list[str]  # as in the file, stripped
    rows: list[
        dict[str, Any]
    ]  # keyed by lower-case header; `_row` is the row number in the file (1 = header)


def _key(header: Any) -> str:
    return str(header or "").strip().lower()


def read_table(data: bytes, filename: str) -> Table:
    """Rows of a .csv (comma or semicolon, UTF-8 with or without BOM) or .xlsx file; the first row is the header."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        grid = _xlsx_rows(data)
    elif name.endswith(".csv") or name.endswith(".txt"):
        grid = _csv_rows(data)
    else:
        raise TableError("format", filename=filename)
    grid = [row for row in grid]
    if not grid:
        raise TableError("empty")
    for number, values in enumerate(grid, start=1):
        while values and values[-1] in (None, ""):
            values = values[:-1]
        if len(values) > MAX_COLUMNS:
            raise TableError("too_many_columns", row=number, limit=MAX_COLUMNS)
    headers = [str(h or "").strip() for h in grid[0]]
    keys = [_key(h) for h in headers]
    duplicates = sorted({k for k in keys if k and keys.count(k) > 1})
    if duplicates:
        raise TableError("duplicate_column", row=1, name=duplicates[0])
    rows = []
    for number, values in enumerate(grid[1:], start=2):
        if all(v in (None, "") for v in values):
            continue
        if len(rows) >= MAX_ROWS:
            raise TableError("too_many_rows", limit=MAX_ROWS)
        row = {k: (values[i] if i < len(values) else None) for i, k in enumerate(keys) if k}
        for key, value in row.items():
            if isinstance(value, str) and (bad := _control_character(value)):
                raise TableError("control_character", row=number, column=key, char=bad)
        row["_row"] = number
        rows.append(row)
    return Table(headers, rows)


def _control_character(text: str) -> str | None:
    """The first control character in `text` other than tab and line breaks, as U+0000; None when there is none."""
    for char in text:
        if (char < " " and char not in "\t\r\n") or char == "\x7f":
            return f"U+{ord(char):04X}"
    return None


def _csv_rows(data: bytes) -> list[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableError("not_utf8") from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = []
    try:
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            if len(rows) > MAX_ROWS + 1:
                raise TableError("too_many_rows", limit=MAX_ROWS)
            rows.append([cell.strip() for cell in row])
    except csv.Error as error:  # a field above the csv module's limit, a NUL in an old Python, …
        raise TableError("not_csv", problem=str(error)) from None
    return rows


def _xlsx_rows(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise TableError("not_xlsx", kind="BadZipFile") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise TableError("too_large_unpacked", limit=MAX_UNPACKED_BYTES // (1024 * 1024))
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise TableError("not_xlsx", kind=type(error).__name__) from None
    try:
        sheet = book.worksheets[0]
        # The sheet's own <dimension> may claim A1:XFD1048576; rows would then be padded to 16,384 cells each.
        sheet.reset_dimensions()
        rows = []
        for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2):
            if len(row) > MAX_COLUMNS and any(v not in (None, "") for v in row[MAX_COLUMNS:]):
                raise TableError("too_many_columns", row=len(rows) + 1, limit=MAX_COLUMNS)
            rows.append(list(row[:MAX_COLUMNS]))
        return rows
    except TableError:
        raise
    # a damaged sheet, or a DTD/entity (refused by defusedxml), shows only while reading
    except Exception as error:
        raise TableError("not_xlsx", kind=type(error).__name__) from None
    finally:
        book.close()


def column(row: dict[str, Any], *names: str) -> Any:
    """The value of the first of `names` present in the row (None when none is)."""
    for name in names:
        if name in row:
            return row[name]
    return None


def as_decimal(row: dict[str, Any], name: str, value: Any, *, required: bool = True) -> Decimal | None:
    """A number from a cell: 1234.5, "1234,50", "1.234,50", "€ 1 234"; else a TableError naming row and column."""
    if value in (None, ""):
        if required:
            raise TableError("required", row=row["_row"], column=name)
        return None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return Decimal(str(value))
    text = str(value).replace("€", "").replace(" ", "").replace("\u00a0", "")
    if "," in text and "." in text:
        text = (
            text.replace(".", "").replace(",", ".")
            if text.rfind(",") > text.rfind(".")
            else text.replace(",", "")
        )
    elif "," in text:
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise TableError("not_number", row=row["_row"], column=name, value=value) from None
    if not number.is_finite():
        raise TableError("not_number", row=row["_row"], column=name, value=value)
    return number


def _in_range(row: dict[str, Any], name: str, value: Any, day: dt.date) -> dt.date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        shown = value.isoformat() if isinstance(value, dt.date) else value
        raise TableError(
            "date_range", row=row["_row"], column=name, value=shown, first=FIRST_YEAR, last=LAST_YEAR
        )
    return day


def as_month(row: dict[str, Any], name: str, value: Any) -> dt.date:
    """The first day of a month from a date cell, "2026-03", "2026-03-15", "03-2026" or "3/2026"."""
    if isinstance(value, dt.datetime):
        return _in_range(row, name, value, value.date().replace(day=1))
    if isinstance(value, dt.date):
        return _in_range(row, name, value, value.replace(day=1))
    text = str(value or "").strip()
    for pattern in ("%Y-%m", "%Y-%m-%d", "%m-%Y", "%m/%Y", "%d-%m-%Y", "%Y/%m"):
        try:
            month = dt.datetime.strptime(text, pattern).date().replace(day=1)
        except ValueError:
            continue
        return _in_range(row, name, value, month)
    raise TableError("not_month", row=row["_row"], column=name, value=value)


def as_date(row: dict[str, Any], name: str, value: Any) -> dt.date:
    """A date from a date cell or ISO text (2026-03-31), within the years FIRST_YEAR to LAST_YEAR."""
    if isinstance(value, dt.datetime):
        return _in_range(row, name, value, value.date())
    if isinstance(value, dt.date):
        return _in_range(row, name, value, value)
    try:
        day = dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise TableError("not_date", row=row["_row"], column=name, value=value) from None
    return _in_range(row, name, value, day)


def write_xlsx(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """An .xlsx file with one sheet per (title, headers, rows); text stays text, whatever it starts with."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for title, headers, rows in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.append(list(headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for r, values in enumerate(rows, start=2):
            for c, value in enumerate(values, start=1):
                cell = sheet.cell(row=r, column=c)
                if isinstance(value, str):
                    cell.value = value
                    cell.data_type = "s"  # never a formula
                else:
                    cell.value = value
        sheet.freeze_panes = "A2"
        for c, header in enumerate(headers, start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=c).column_letter].width = max(
                10, min(50, len(header) + 4)
            )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
