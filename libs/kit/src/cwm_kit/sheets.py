"""Reading an import sheet (.xlsx): the first sheet, a header row naming the columns, one record a row.

Every service's import reads its upload here, so an unreadable file and a missing column are the same 422
(naming `file`) everywhere."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .errors import field_problem


def first_sheet(content: bytes) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The header of the first sheet (trimmed; a leading * — the required-column mark — dropped) and every
    row below it as openpyxl values. An unreadable file is a 422 `not_xlsx` naming `file`."""
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
    except Exception as exc:
        raise field_problem("file", "not_xlsx", "不是有效的 .xlsx 文件", "not a readable .xlsx file") from exc
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(c or "").strip().lstrip("*") for c in (rows[0] if rows else [])]
    return header, rows[1:]


def require_columns(missing: Sequence[str]) -> None:
    """A 422 `missing_columns` naming `file` and the columns, when any is missing."""
    if missing:
        raise field_problem("file", "missing_columns", f"缺少列：{'、'.join(missing)}", f"missing columns: {list(missing)}")


def filled_rows(rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number as Excel shows it, values) for every row under the header with a cell filled."""
    for number, values in enumerate(rows, start=2):
        if values and not all(v in (None, "") for v in values):
            yield number, values


def sheet_rows(content: bytes, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number as Excel shows it, {column: value}) for every non-empty row; every one of `columns` must
    be in the header."""
    header, rows = first_sheet(content)
    require_columns([c for c in columns if c not in header])
    index = {name: header.index(name) for name in columns}
    for number, values in filled_rows(rows):
        yield number, {name: values[i] if i < len(values) else None for name, i in index.items()}
