"""The shared import-sheet reader: header with * marks, empty rows skipped, Excel row numbers, 422s naming `file`."""

import io

import pytest
from openpyxl import Workbook

from cwm_kit.problems import Problem
from cwm_kit.sheets import sheet_rows


def _xlsx(*rows: list) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_rows_by_column_with_excel_numbers_and_empty_rows_skipped():
    content = _xlsx(["*姓名", " 金额 ", "备注"], ["张三", 10, "x"], [None, ""], ["李四", 20])
    assert list(sheet_rows(content, ("姓名", "金额"))) == [(2, {"姓名": "张三", "金额": 10}),
                                                      (4, {"姓名": "李四", "金额": 20})]


def test_missing_column_and_unreadable_file_are_422_naming_file():
    with pytest.raises(Problem) as missing:
        list(sheet_rows(_xlsx(["姓名"], ["张三"]), ("姓名", "金额")))
    assert missing.value.status == 422 and "金额" in missing.value.message_zh
    assert missing.value.errors[0]["field"] == "file" and missing.value.errors[0]["code"] == "missing_columns"
    with pytest.raises(Problem) as unreadable:
        list(sheet_rows(b"not a workbook", ("姓名",)))
    assert unreadable.value.status == 422 and unreadable.value.errors[0]["code"] == "not_xlsx"
