"""The declaration import template (GET /v1/tax-declarations/import-template): Chinese headers, dropdowns of the
year's deduction kinds and cases by their Chinese labels (from the tax rules document of the year), an
instructions sheet; a template filled with those labels imports with the codes; a wrong label is refused naming
the row and the column."""

from __future__ import annotations

import io
from decimal import Decimal
from urllib.parse import unquote

from openpyxl import load_workbook

from ..runs.support import COMMUNITY_A, COUNTY, TOWNSHIP_A
from ..runs.support import remove_declarations_and_items as _cleanup
from .support import install_registry

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The 2023 document (in force for 2025): its kinds and their cases, in the document's order.
KINDS_2023 = ["子女教育", "3岁以下婴幼儿照护", "继续教育", "住房贷款利息", "住房租金", "赡养老人", "商业健康保险", "个人养老金"]
CASES_2023 = ["学前教育及学历教育", "3岁以下婴幼儿", "学历（学位）继续教育", "职业资格继续教育（取得证书当年）", "首套住房贷款",
              "直辖市、省会（首府）城市、计划单列市等", "市辖区户籍人口超过100万的城市", "市辖区户籍人口不超过100万的城市",
              "独生子女", "非独生子女（兄弟姐妹分摊）", "税优识别码保单", "个人养老金缴费（凭缴费凭证）"]


async def _template(client, headers, year: int):
    response = await client.get(f"/v1/tax-declarations/import-template?year={year}", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == XLSX
    return response, load_workbook(io.BytesIO(response.content))


def _fill(book, rows: list[list]) -> bytes:
    sheet = book["扣除申报"]
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=number, column=column, value=value)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


async def test_the_template_carries_the_years_labels_as_dropdowns_and_imports_back_to_codes(live, tokens, engine):
    client, app = live
    install_registry(app)
    town = tokens.headers("township_officer", TOWNSHIP_A)
    try:
        response, book = await _template(client, town, 2025)
        assert unquote(response.headers["content-disposition"]).endswith("个税扣除申报导入模板-2025.xlsx")
        assert book.sheetnames == ["扣除申报", "填写说明", "选项"]
        sheet = book["扣除申报"]
        assert [c.value for c in sheet[1]] == ["*工号", "*扣除项目", "情形", "人数", "*每月金额", "*起始月份", "截止月份",
                                               "*依据"]
        lists = book["选项"]
        assert lists.sheet_state == "hidden"
        assert [r[0] for r in lists.iter_rows(min_row=2, values_only=True) if r[0]] == KINDS_2023
        assert [r[1] for r in lists.iter_rows(min_row=2, values_only=True) if r[1]] == CASES_2023
        dropdowns = {str(v.sqref): (v.type, v.formula1) for v in sheet.data_validations.dataValidation}
        assert dropdowns == {"B2:B1001": ("list", "'选项'!$A$2:$A$9"), "C2:C1001": ("list", "'选项'!$B$2:$B$13"),
                             "D2:D1001": ("whole", "1")}
        assert sheet["F2"].number_format == "@"  # months stay text
        notes = [[c for c in row if c] for row in book["填写说明"].iter_rows(values_only=True)]
        assert notes[:2] == [["个人所得税扣除申报导入模板（2025 纳税年度）"],
                             ["扣除项目、情形及扣除标准取自《个人所得税（综合所得·工资薪金）预扣预缴规则 2023》。"]]
        assert ["住房租金", "市辖区户籍人口超过100万的城市", "每月 1100.00 元"] == next(
            row[:3] for row in notes if row[:2] == ["住房租金", "市辖区户籍人口超过100万的城市"])
        assert next(row[2] for row in notes if row[:1] == ["子女教育"]) == "每名子女每月 2000.00 元"
        assert next(row[2] for row in notes if row[1:2] == ["职业资格继续教育（取得证书当年）"]) == "每年 3600.00 元（一次性）"

        content = _fill(book, [
            ["w1", "住房租金", "直辖市、省会（首府）城市、计划单列市等", None, 1500, "2025-01", "2025-06", "银川市兴庆区 租赁合同"],
            ["w1", "子女教育", None, 2, 4000, "2025-01", None, "长子 小学；次女 幼儿园"],
            # Half-width brackets typed by hand read the same as the document's.
            ["w2", "赡养老人", "非独生子女(兄弟姐妹分摊)", None, 1500, "2025-03", None, "父亲，兄妹二人均摊"],
            # Codes still import (sheets made before the template).
            ["w2", "continuing_education", "vocational", None, 3600, "2025-09", None, "社会工作者职业资格证书"],
        ])
        imported = await client.post("/v1/tax-declarations/import", headers=town, files={"file": ("d.xlsx", content)})
        assert imported.status_code == 200, imported.text
        assert (imported.json()["created"], [r["row"] for r in imported.json()["rows"]]) == (4, [2, 3, 4, 5])

        def declared(rows):
            return [(d["kind"], d["variant"], d["units"], Decimal(d["amount"]), d["start_month"], d["end_month"],
                     d["source"]) for d in rows]
        w1 = (await client.get("/v1/workers/w1/tax-declarations?year=2025", headers=town)).json()
        assert sorted(declared(w1)) == [
            ("children_education", "standard", 2, Decimal("4000.00"), "2025-01", None, "import"),
            ("housing_rent", "tier1", 1, Decimal("1500.00"), "2025-01", "2025-06", "import")]
        w2 = (await client.get("/v1/workers/w2/tax-declarations?year=2025", headers=town)).json()
        assert sorted(declared(w2)) == [
            ("continuing_education", "vocational", 1, Decimal("3600.00"), "2025-09", None, "import"),
            ("elderly_support", "sibling", 1, Decimal("1500.00"), "2025-03", None, "import")]
    finally:
        await _cleanup(engine)


async def test_the_template_follows_the_document_of_the_year_and_is_for_officers_who_write(live, tokens):
    client, _ = live
    # 2019's document has neither infant care (国发〔2022〕8号) nor the private pension (2022年第34号).
    _, book = await _template(client, tokens.headers("township_officer", TOWNSHIP_A), 2019)
    assert [r[0] for r in book["选项"].iter_rows(min_row=2, values_only=True) if r[0]] == [
        "子女教育", "继续教育", "住房贷款利息", "住房租金", "赡养老人", "商业健康保险"]
    assert (await client.get("/v1/tax-declarations/import-template?year=2025",
                             headers=tokens.headers("auditor", COUNTY))).status_code == 403
    assert (await client.get("/v1/tax-declarations/import-template?year=2025",
                             headers=tokens.headers("worker", COMMUNITY_A, worker_id="w1"))).status_code == 403
    assert (await client.get("/v1/tax-declarations/import-template?year=2018",
                             headers=tokens.headers("township_officer", TOWNSHIP_A))).status_code == 422


async def test_a_wrong_label_is_refused_naming_the_row_and_the_column(live, tokens, engine):
    client, app = live
    install_registry(app)
    town = tokens.headers("township_officer", TOWNSHIP_A)
    try:
        _, book = await _template(client, town, 2025)
        content = _fill(book, [
            ["w1", "住房租金", "直辖市、省会（首府）城市、计划单列市等", None, 1500, "2025-01", None, "租赁合同"],
            ["w1", "住房租金", "一线城市", None, 1500, "2025-01", None, "租赁合同"],
            ["w1", "子女补贴", None, None, 1000, "2025-01", None, "x"],
            ["w1", "住房租金", None, None, 800, "2025-01", None, "租赁合同"],
            ["w1", "子女教育", None, 1, 2500, "2025-01", None, "超过标准"],
            ["w1", "子女教育", None, "两", 2000, "2025/3", None, None],
            ["w9", "子女教育", None, None, 2000, "2025-01", None, "无此人"],
        ])
        refused = await client.post("/v1/tax-declarations/import", headers=town, files={"file": ("d.xlsx", content)})
        assert refused.status_code == 422, refused.text
        problem = refused.json()
        assert [(r["row"], [(e["field"], e["message_zh"] if e["field"] == "人数" else e["code"]) for e in r["errors"]])
                for r in problem["rows"]] == [
            (3, [("情形", "unknown_variant")]),
            (4, [("扣除项目", "unknown_kind")]),
            (5, [("情形", "variant_required")]),
            (6, [("每月金额", "above_cap")]),
            (7, [("人数", "应为整数"), ("起始月份", "string_pattern_mismatch"), ("依据", "missing")]),
            (8, [("工号", "not_found")]),
        ]
        third = problem["rows"][0]["errors"][0]
        assert third["message_zh"] == ("住房租金没有情形“一线城市”，可选：直辖市、省会（首府）城市、计划单列市等、"
                                       "市辖区户籍人口超过100万的城市、市辖区户籍人口不超过100万的城市")
        assert problem["rows"][2]["errors"][0]["allowed"] == CASES_2023[5:8]
        assert problem["rows"][4]["errors"][1]["message_zh"] == "应为年月 YYYY-MM，如 2025-03"
        assert problem["message_zh"] == f"6 行有错误，未导入任何声明（第 3 行“情形”：{third['message_zh']}）"
        # All or nothing: row 2 was right, yet nothing was imported.
        assert (await client.get("/v1/workers/w1/tax-declarations?year=2025", headers=town)).json() == []
    finally:
        await _cleanup(engine)
