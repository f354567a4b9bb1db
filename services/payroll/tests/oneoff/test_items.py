"""One-off items through the API: entered, imported from a sheet (all rows or none), audited, scoped."""

from __future__ import annotations

import io

from openpyxl import Workbook
from sqlalchemy import text

from ..runs.support import COUNTY, TOWNSHIP_A, TOWNSHIP_B
from ..tax.support import install_registry


def _sheet(*rows) -> bytes:
    book = Workbook()
    book.active.append(["工号", "月份", "项目", "金额", "是否计税", "依据"])
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def test_items_are_imported_all_or_nothing_and_audited(live, tokens, engine):
    client, app = live
    install_registry(app)
    town = tokens.headers("township_officer", TOWNSHIP_A)
    try:
        good = _sheet(("w1", "2025-01", "取暖费", 2400, "是", "采暖季通知"),
                      ("w2", "2025-01", "扣回借支（预支工资）", 500, "", "借支单 2024-12-10"))
        imported = await client.post("/v1/one-off-items/import", headers=town, files={"file": ("i.xlsx", good)})
        assert imported.status_code == 200, imported.text
        items = imported.json()["items"]
        assert [(i["kind"], i["amount"], i["taxable"], i["source"]) for i in items] == [
            ("heating", "2400.00", True, "import"), ("advance_repayment", "500.00", False, "import")]
        # w3 lies outside this township (the registry answers 404): nothing of the sheet is kept.
        bad = _sheet(("w1", "2025-02", "heating", 100, "是", "x"), ("w3", "2025-02", "heating", 100, "是", "x"))
        refused = await client.post("/v1/one-off-items/import", headers=town, files={"file": ("i.xlsx", bad)})
        assert refused.status_code == 422 and refused.json()["rows"][0]["row"] == 3
        listed = (await client.get("/v1/one-off-items?month=2025-02", headers=town)).json()
        assert listed == []
        # 是否计税 is 是/否 (or yes/no): "也许" is refused naming the field, not read as 是; Excel's TRUE is 是.
        unclear = _sheet(("w1", "2025-02", "heating", 100, "也许", "x"), ("w1", "2025-02", "heating", 100, False, "y"))
        refused = await client.post("/v1/one-off-items/import", headers=town, files={"file": ("i.xlsx", unclear)})
        assert refused.status_code == 422, refused.text
        assert [(r["row"], [e["field"] for e in r["errors"]]) for r in refused.json()["rows"]] == [(2, ["taxable"])]
        assert (await client.get("/v1/one-off-items?month=2025-02", headers=town)).json() == []
        # Another township sees none of them; auditors read, never write.
        assert (await client.get("/v1/one-off-items", headers=tokens.headers("township_officer", TOWNSHIP_B))
                ).json() == []
        auditor = tokens.headers("auditor", COUNTY)
        assert len((await client.get("/v1/one-off-items", headers=auditor)).json()) == 2
        assert (await client.delete(f"/v1/one-off-items/{items[0]['id']}", headers=auditor)).status_code == 403
        changed = await client.put(f"/v1/one-off-items/{items[0]['id']}", headers=town,
                                   json={"amount": "2600.00", "basis": "更正：按新标准"})
        assert changed.status_code == 200 and changed.json()["amount"] == "2600.00"
        async with engine.connect() as connection:
            actions = [r[0] for r in await connection.execute(text(
                "SELECT action FROM audit_log WHERE entity = 'one_off_item' AND region_code LIKE '99%' ORDER BY id"))]
        assert actions == ["create", "create", "update"]
    finally:
        async with engine.begin() as connection:
            await connection.execute(text("DELETE FROM one_off_item WHERE region_code LIKE '99%'"))
