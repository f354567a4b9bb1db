"""Reading an import sheet (.xlsx): the first sheet, a header row naming the columns, one record a row."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from cwm_kit.problems import field_problem


def sheet_rows(content: bytes, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number as Excel shows it, {column: value}) for every non-empty row; a missing column or an
    unreadable file is a 422 naming `file`. A leading * (required-column mark) in a header is ignored."""
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
    except Exception as exc:
        raise field_problem("file", "not_xlsx", "不是有效的 .xlsx 文件", "not a readable .xlsx file") from exc
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(c or "").strip().lstrip("*") for c in (rows[0] if rows else [])]
    missing = [c for c in columns if c not in header]
    if missing:
        raise field_problem("file", "missing_columns", f"缺少列：{'、'.join(missing)}", f"missing columns: {missing}")
    index = {name: header.index(name) for name in columns}
    for number, values in enumerate(rows[1:], start=2):
        if not values or all(v in (None, "") for v in values):
            continue
        yield number, {name: values[i] if i < len(values) else None for name, i in index.items()}
