"""A one-off item's `taxable` takes JSON true/false only: "yes" (or "on", "1", 1) would otherwise be stored as
taxable income the officer never confirmed. A sheet's 是否计税 cell is text and keeps its yes/no spellings."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from ..runs.support import TOWNSHIP_A
from ..tax.support import install_registry
from .test_items import _sheet

ITEM = {"worker_id": "w1", "month": "2025-03", "kind": "heating", "amount": "2400.00", "basis": "采暖季通知"}


@pytest.mark.parametrize("wrong", ["yes", "no", "on", "1", 1, 0, "true"])
async def test_taxable_sent_as_text_or_a_number_is_refused_naming_it(live, tokens, engine, wrong):
    client, app = live
    install_registry(app)
    town = tokens.headers("township_officer", TOWNSHIP_A)
    try:
        refused = await client.post("/v1/one-off-items", headers=town, json={**ITEM, "taxable": wrong})
        assert refused.status_code == 422, refused.text
        assert refused.headers["content-type"] == "application/problem+json"
        [error] = refused.json()["errors"]
        assert (error["field"], error["code"]) == ("taxable", "bool_type")
        assert error["message_zh"] and error["message_en"] == "must be a boolean, true or false"
        assert (await client.get("/v1/one-off-items?month=2025-03", headers=town)).json() == []
        created = await client.post("/v1/one-off-items", headers=town, json={**ITEM, "taxable": False})
        assert created.status_code == 201, created.text
        assert created.json()["taxable"] is False
        changed = await client.put(f"/v1/one-off-items/{created.json()['id']}", headers=town,
                                   json={"amount": "2400.00", "basis": "更正", "taxable": wrong})
        assert changed.status_code == 422 and changed.json()["errors"][0]["field"] == "taxable"
    finally:
        async with engine.begin() as connection:
            await connection.execute(text("DELETE FROM one_off_item WHERE region_code LIKE '99%'"))


async def test_a_sheet_cell_keeps_its_yes_no_spellings(live, tokens, engine):
    client, app = live
    install_registry(app)
    town = tokens.headers("township_officer", TOWNSHIP_A)
    try:
        sheet = _sheet(("w1", "2025-03", "heating", 100, "yes", "x"), ("w1", "2025-03", "heating", 200, "no", "y"))
        imported = await client.post("/v1/one-off-items/import", headers=town, files={"file": ("i.xlsx", sheet)})
        assert imported.status_code == 200, imported.text
        assert [(i["amount"], i["taxable"]) for i in imported.json()["items"]] == [("100.00", True), ("200.00", False)]
    finally:
        async with engine.begin() as connection:
            await connection.execute(text("DELETE FROM one_off_item WHERE region_code LIKE '99%'"))
