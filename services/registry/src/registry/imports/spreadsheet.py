"""The worker spreadsheet: template columns, reading an upload, writing an export (openpyxl)."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from cwm_kit.problems import Problem

from registry.workers import national_id

# key, Chinese header, English header, required — the header cell reads "姓名 (name)".
COLUMNS: list[tuple[str, str, str, bool]] = [
    ("name", "姓名", "name", True),
    ("national_id", "身份证号", "national ID", True),
    ("ethnicity", "民族", "ethnicity", False),
    ("political_status", "政治面貌", "political status", False),
    ("phone", "手机号", "phone", False),
    ("community_code", "社区代码", "community code", True),
    ("post", "岗位代码", "post code", True),
    ("hired_on", "入职日期", "hire date", True),
    ("contract_term_years", "合同期限（年）", "contract term (years)", False),
    ("probation_end", "试用期结束日期", "probation end", False),
    ("education_level", "学历代码", "education code", False),
    ("graduated_on", "毕业日期", "graduation date", False),
    ("institution", "毕业院校", "institution", False),
    ("certificate_level", "职业资格代码", "certificate code", False),
    ("certificate_approved_on", "职业资格批准日期", "certificate approval date", False),
    ("yijiantiao", "一肩挑（是/否）", "secretary and director (yes/no)", False),
    ("head_role", "正职分工（书记/主任/一肩挑）", "head office (secretary/director/both)", False),
    ("committee_member", "两委脱产委员（是/否）", "两委 member on a staff post (yes/no)", False),
    ("other_status", "其他身份", "other status", False),
    ("other_status_since", "其他身份起始日期", "other status since", False),
    ("party_affairs", "专职党务工作者（是/否）", "party-affairs worker (yes/no)", False),
    ("lives_locally", "属地化（居住在本社区，是/否）", "lives in the community (yes/no)", False),
    ("bank_name", "开户银行", "bank", False),
    ("bank_branch", "开户网点", "bank branch", False),
    ("bank_account", "银行账号", "bank account", False),
]
KEYS = [c[0] for c in COLUMNS]
# Cells filled from a list: the words accepted (a dropdown in the template) and the code each stands for.
HEAD_ROLES = {"书记": "secretary", "主任": "director", "一肩挑": "both"}
OTHER_STATUSES = {"退休人员": "retired", "机关在职人员": "civil_servant", "事业单位在职人员": "public_institution",
                  "企业在职人员": "enterprise", "原收费站撤站分流人员": "toll_station_transferee"}
YES_NO = ["是", "否"]
CHOICES: dict[str, list[str]] = {"yijiantiao": YES_NO, "head_role": list(HEAD_ROLES), "committee_member": YES_NO,
                                 "other_status": list(OTHER_STATUSES), "party_affairs": YES_NO,
                                 "lives_locally": YES_NO}
LABELS = {key: (zh, en) for key, zh, en, _ in COLUMNS}
MAX_ROWS = 20_000
HEADER = re.compile(r"\(([a-z_]+)\)\s*$")

NOTES = [
    ("岗位代码 post codes", ("宁夏 NX: nx_head 两委正职, nx_deputy 两委副职, nx_member 两委其他专职成员, nx_staff 专职工作人员; "
                           "松山 SS: ss_head 正职, ss_deputy 副职, ss_staff 工作人员")),
    ("其他身份 other status", ("、".join(OTHER_STATUSES) + "；松山：退休人员、原收费站撤站分流人员不纳入，机关企事业单位在职人员"
                             "不得在两委任职 / SS excludes retirees and toll-station transferees, and serving staff on a "
                             "两委 post")),
    ("学历代码 education", "below_dazhuan 大专以下, dazhuan 大专, benke 本科, master 硕士, doctor 博士"),
    ("职业资格代码 certificates", ("assistant_social_worker 助理社会工作师, social_worker 社会工作师, "
                               "senior_social_worker 高级社会工作师")),
    ("日期 dates", "YYYY-MM-DD，或 Excel 日期 / or Excel dates"),
    ("身份证号 national ID", "文本格式，18位；出生日期与性别由身份证号得出 / text, 18 characters; birth date and sex come from it"),
    ("重复导入 re-import", ("以身份证号为键：已存在的人员更新或跳过，不会重复 / keyed by national ID: existing workers are "
                         "updated or skipped, never duplicated")),
]


def template() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "workers"
    for index, (key, zh, _en, required) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=f"{zh}{' *' if required else ''} ({key})")
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(14, len(zh) * 2 + len(key) + 4)
        # Text columns stay text in Excel (18-digit IDs and 12-digit codes must not become numbers).
        if key in ("national_id", "community_code", "phone", "bank_account"):
            for row in range(2, 1002):
                sheet.cell(row=row, column=index).number_format = "@"
        if key in CHOICES:
            # A dropdown of the accepted words (the import still checks every cell).
            validation = DataValidation(type="list", formula1='"' + ",".join(CHOICES[key]) + '"', allow_blank=True,
                                        showErrorMessage=True, errorTitle="请从列表中选择", error="请从下拉列表中选择")
            sheet.add_data_validation(validation)
            validation.add(f"{cell.column_letter}2:{cell.column_letter}1001")
    example = {"name": "张丽", "national_id": national_id.make("640104", date(1990, 5, 17), 124), "ethnicity": "汉族", "political_status": "中共党员",
               "phone": "13812345678", "community_code": "640104001001", "post": "nx_staff", "hired_on": "2020-03-01",
               "contract_term_years": 3, "education_level": "benke", "graduated_on": "2012-07-01",
               "institution": "宁夏大学", "yijiantiao": "否",
               "bank_name": "中国农业银行", "bank_branch": "银川兴庆支行", "bank_account": "6228480402564890018"}
    notes = workbook.create_sheet("说明 notes")
    notes.append(["示例行（勿导入）/ example row (do not import)"])
    notes.append([f"{LABELS[k][0]} ({k})" for k in KEYS])
    notes.append([example.get(k) for k in KEYS])
    notes.append([])
    for title, text in NOTES:
        notes.append([title, text])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def read_rows(content: bytes) -> list[tuple[int, dict[str, Any]]]:
    """(spreadsheet row number, {key: cell}) for every non-empty row under the header."""
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # not an xlsx file at all
        raise Problem(422, "validation_failed", "文件不是有效的 .xlsx 工作簿", "the file is not a valid .xlsx workbook",
                      errors=[{"field": "file", "code": "not_xlsx", "message_zh": "文件不是有效的 .xlsx 工作簿",
                               "message_en": "the file is not a valid .xlsx workbook"}]) from exc
    sheet = workbook["workers"] if "workers" in workbook.sheetnames else workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None) or ()
    positions: dict[str, int] = {}
    for index, title in enumerate(header):
        match = HEADER.search(str(title or ""))
        if match and match.group(1) in KEYS:
            positions[match.group(1)] = index
    missing = [key for key, *_rest in COLUMNS if _rest[2] and key not in positions]
    if missing:
        names = ", ".join(missing)
        raise Problem(422, "validation_failed", f"表头缺少必需列: {names}（请使用下载的模板）",
                      f"the header lacks required columns: {names} (use the downloadable template)",
                      errors=[{"field": "file", "code": "template_mismatch",
                               "message_zh": f"表头缺少必需列: {names}", "message_en": f"missing columns: {names}"}])
    result: list[tuple[int, dict[str, Any]]] = []
    for number, values in enumerate(rows, start=2):
        cells = {key: _cell(values[i]) if i < len(values) else None for key, i in positions.items()}
        if all(v is None for v in cells.values()):
            continue
        result.append((number, cells))
        if len(result) > MAX_ROWS:
            raise Problem(422, "validation_failed", f"一次最多导入 {MAX_ROWS} 行", f"at most {MAX_ROWS} rows per import",
                          errors=[{"field": "file", "code": "too_many_rows", "message_zh": f"最多 {MAX_ROWS} 行",
                                   "message_en": f"at most {MAX_ROWS} rows"}])
    workbook.close()
    return result


EXPORT_COLUMNS: list[tuple[str, str]] = [
    ("name", "姓名 name"), ("national_id", "身份证号 national ID"), ("sex", "性别 sex"),
    ("birth_date", "出生日期 birth date"), ("ethnicity", "民族 ethnicity"), ("political_status", "政治面貌 political status"),
    ("phone", "手机号 phone"), ("community_code", "社区代码 community"), ("post", "岗位 post"),
    ("yijiantiao", "一肩挑 both roles"), ("status", "状态 status"), ("status_since", "状态起始 status since"),
    ("education_level", "学历 education"), ("certificate_level", "职业资格 certificate"), ("hired_on", "入职日期 hired on"),
    ("contract_end", "合同到期 contract end"), ("probation_end", "试用期结束 probation end"),
    ("cumulative_service_years", "累计工作年限 service years"),
]


class ExportWorkbook:
    """Write-only workbook: appended rows go to a temporary file, so memory stays flat."""

    def __init__(self) -> None:
        self.workbook = Workbook(write_only=True)
        self.sheet = self.workbook.create_sheet("workers")
        header = []
        for _key, title in EXPORT_COLUMNS:
            cell = WriteOnlyCell(self.sheet, value=title)
            cell.font = Font(bold=True)
            header.append(cell)
        self.sheet.append(header)

    def append(self, row: dict[str, Any]) -> None:
        self.sheet.append([row.get(key) for key, _title in EXPORT_COLUMNS])

    def save(self, target) -> None:
        self.workbook.save(target)
