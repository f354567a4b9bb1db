"""The declaration import sheet: its columns, the downloadable template of a tax year, and reading the Chinese
labels officers fill in back to the codes of that year's tax rules.

The template's dropdowns and its instructions come from the tax rules document of the year (`rules.py`), so a
new deduction or case in a new document reaches the template without a code change. The import accepts a
kind's or case's Chinese label as the document of the row's year spells it (full-width or half-width brackets
alike) or its code, kept for sheets made before the template."""

from __future__ import annotations

import io
import unicodedata

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from cwm_kit.errors import FieldError

from payroll.tax.rules import DeductionKind, DeductionVariant, TaxRules

# Column, required, the declaration field it fills. A leading * in a header marks it required (the reader drops it).
COLUMNS: tuple[tuple[str, bool, str], ...] = (
    ("工号", True, "worker_id"), ("扣除项目", True, "kind"), ("情形", False, "variant"), ("人数", False, "units"),
    ("每月金额", True, "amount"), ("起始月份", True, "start_month"), ("截止月份", False, "end_month"),
    ("依据", True, "basis"),
)
IMPORT_COLUMNS = tuple(name for name, _required, _field in COLUMNS)
COLUMN_OF = {field: name for name, _required, field in COLUMNS}
DATA_SHEET, NOTES_SHEET, LISTS_SHEET = "扣除申报", "填写说明", "选项"
TEMPLATE_ROWS = 1000  # rows carrying the dropdowns and text formats


def column_of(field: str) -> str:
    """The sheet column a declaration field (or an error's `field`, e.g. `amount`) comes from."""
    return COLUMN_OF.get(field.rsplit(".", 1)[-1], field)


def _plain(text: str) -> str:
    # Full-width brackets and spaces typed by hand compare equal to the document's.
    return "".join(unicodedata.normalize("NFKC", text).split())


def kind_code(rules: TaxRules, text: str) -> str | FieldError:
    """The code of a deduction kind named by its Chinese label or its code; else an error naming 扣除项目."""
    wanted = _plain(text)
    for code, kind in rules.deductions.items():
        if wanted in (code, _plain(kind.label_zh)):
            return code
    labels = [k.label_zh for k in rules.deductions.values()]
    return FieldError("扣除项目", "unknown_kind",
                      f"{rules.effective_from_year} 年起的个税规则没有扣除项目“{text}”，请从下拉列表选择：{'、'.join(labels)}",
                      f"no deduction “{text}” in the tax rules: choose one of the list", allowed=labels)


def variant_code(kind: DeductionKind, text: str | None) -> str | FieldError:
    """The code of the kind's case named by its Chinese label or code; left empty, the kind's only case. Else an
    error naming 情形 with the kind's cases."""
    labels = [v.label_zh for v in kind.variants.values()]
    if text is None:
        if len(kind.variants) == 1:
            return next(iter(kind.variants))
        return FieldError("情形", "variant_required", f"{kind.label_zh}须填写情形：{'、'.join(labels)}",
                          f"{kind.label_en} needs a case: {', '.join(kind.variants)}", allowed=labels)
    wanted = _plain(text)
    for code, variant in kind.variants.items():
        if wanted in (code, _plain(variant.label_zh)):
            return code
    return FieldError("情形", "unknown_variant", f"{kind.label_zh}没有情形“{text}”，可选：{'、'.join(labels)}",
                      f"{kind.label_en} has no case “{text}”", allowed=labels)


def cap_text(kind: DeductionKind, variant: DeductionVariant) -> str:
    """The cap in words, e.g. 每名子女每月 2000.00 元, 每年 3600.00 元（一次性）."""
    if variant.once_a_year:
        text = f"每年 {variant.annual_cap} 元（一次性）"
    else:
        text = (f"每{kind.unit_zh}" if kind.per_unit else "") + f"每月 {variant.monthly_cap} 元"
    if kind.annual_cap is not None:
        text += f"，全年不超过 {kind.annual_cap} 元"
    return text


def _instructions(rules: TaxRules, year: int) -> list[tuple[list[str], bool]]:
    """(row, is a heading) of the instructions sheet."""
    kinds = list(rules.deductions.values())
    simple = next((k for k in kinds if len(k.variants) == 1), kinds[0])
    simple_variant = next(iter(simple.variants.values()))
    cased = next((k for k in kinds if len(k.variants) > 1), kinds[0])
    cased_variant = next(iter(cased.variants.values()))

    per_unit = [f"{k.label_zh}填{k.unit_zh.lstrip('名')}人数" for k in kinds if k.per_unit]
    once = [v.label_zh for k in kinds for v in k.variants.values() if v.once_a_year]

    def amount(variant: DeductionVariant) -> str:
        return str(variant.annual_cap if variant.once_a_year else variant.monthly_cap)

    rows: list[tuple[list[str], bool]] = [
        ([f"个人所得税扣除申报导入模板（{year} 纳税年度）"], True),
        ([f"扣除项目、情形及扣除标准取自《{rules.name}》。"], False),
        ([], False),
        (["填写方法"], True),
    ]
    rows += [([line], False) for line in (
        f"1. 在“{DATA_SHEET}”工作表第 2 行起每行填写一名职工的一项扣除；第一行表头不要修改，带 * 的列必填。",
        "2. 工号：职工在人员信息中的工号（ID）；只能导入您管辖范围内的职工。",
        "3. 扣除项目、情形：从下拉列表选择中文名称；只有一种情形的项目，情形可以不填。",
        f"4. 人数：{'，'.join(per_unit)}（整数）；其他项目不填或填 1。",
        "5. 每月金额：每月扣除的金额（元，两位小数），不超过扣除标准；按人数的项目填合计；父母各扣 50% 的填一半"
        + (f"；{'、'.join(once)}填全年金额。" if once else "。"),
        "6. 起始月份、截止月份：格式 YYYY-MM，须在同一纳税年度；截止月份不填表示到 12 月；一次性项目不填截止月份。",
        "7. 依据：扣除所依据的情况，如子女姓名及就读学校、贷款合同、租房城市及合同期限、被赡养人及分摊方式。",
        "8. 全部行都正确才会导入；有错误时逐行列出行号、列名和原因，一行也不导入。",
    )]
    rows += [
        ([], False),
        ([f"示例（填在“{DATA_SHEET}”工作表中，勿直接导入本表）"], True),
        (list(IMPORT_COLUMNS), True),
        (["W0001", simple.label_zh, "", "1", amount(simple_variant), f"{year}-01", "", "示例：按实际情况填写"], False),
        (["W0001", cased.label_zh, cased_variant.label_zh, "", amount(cased_variant), f"{year}-03", f"{year}-12",
          "示例：按实际情况填写"], False),
        ([], False),
        (["扣除项目", "情形", "扣除标准", "依据条款"], True),
    ]
    for kind in kinds:
        for variant in kind.variants.values():
            rows.append(([kind.label_zh, variant.label_zh, cap_text(kind, variant), kind.clause], False))
    return rows


def template(rules: TaxRules, year: int) -> bytes:
    """The import template of a tax year: the data sheet (Chinese headers, dropdowns of the year's kinds and
    cases, text-formatted 工号 and months), the instructions, and the hidden lists the dropdowns read."""
    book = Workbook()
    sheet = book.active
    sheet.title = DATA_SHEET
    for index, (name, required, _field) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=f"*{name}" if required else name)
        cell.font = Font(bold=True)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = {"扣除项目": 22, "情形": 36, "依据": 48}.get(name, 14)
        if name in ("工号", "起始月份", "截止月份"):
            # Text, so Excel keeps 2025-03 as typed instead of turning it into a date or a number.
            for row in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = "@"
    sheet.freeze_panes = "A2"

    lists = book.create_sheet(LISTS_SHEET)
    kinds = [k.label_zh for k in rules.deductions.values()]
    variants = list(dict.fromkeys(v.label_zh for k in rules.deductions.values() for v in k.variants.values()))
    lists.append(["扣除项目", "情形"])
    for row in range(max(len(kinds), len(variants))):
        lists.append([kinds[row] if row < len(kinds) else None, variants[row] if row < len(variants) else None])
    lists.sheet_state = "hidden"

    def dropdown(column: str, source: str, count: int, prompt: str) -> None:
        # A range on the lists sheet: an inline list is limited to 255 characters, the cases' labels are longer.
        validation = DataValidation(type="list", formula1=f"'{LISTS_SHEET}'!${source}$2:${source}${count + 1}",
                                    allow_blank=True, showErrorMessage=True, showInputMessage=True,
                                    errorTitle="请从列表中选择", error="请从下拉列表中选择", promptTitle=column,
                                    prompt=prompt)
        sheet.add_data_validation(validation)
        letter = get_column_letter(IMPORT_COLUMNS.index(column) + 1)
        validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")

    dropdown("扣除项目", "A", len(kinds), "从列表选择扣除项目")
    dropdown("情形", "B", len(variants), "从列表选择该项目的情形；只有一种情形的可不填")
    units = DataValidation(type="whole", operator="between", formula1="1", formula2="20", allow_blank=True,
                           showErrorMessage=True, errorTitle="人数", error="人数为 1 到 20 的整数")
    sheet.add_data_validation(units)
    letter = get_column_letter(IMPORT_COLUMNS.index("人数") + 1)
    units.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")

    notes = book.create_sheet(NOTES_SHEET, 1)
    for number, (row, heading) in enumerate(_instructions(rules, year), start=1):
        notes.append(row)
        for cell in notes[number]:
            cell.font = Font(bold=heading)
            cell.alignment = Alignment(vertical="top", wrap_text=len(row) > 1)
    for letter, width in zip("ABCDEFGH", (24, 36, 30, 60, 14, 14, 14, 30), strict=True):
        notes.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
