"""A reference figure is refused when its kind cannot take the value (figures.FIGURE_BOUNDS): the housing-fund rate
lies within 5–12 % (POLICY.md), an amount (wage, income, contribution limit) is above 0."""

from __future__ import annotations

from sqlalchemy import func, select

from payroll.policy.models import ReferenceFigure

from .test_router import ADMIN

BODY = {"region_code": "6401", "region_name": "银川市", "year": 2001, "status": "official",
        "published_on": "2002-01-01"}


async def test_a_housing_fund_rate_outside_5_to_12_percent_is_refused_naming_value(client, session, tokens):
    headers = tokens.headers(*ADMIN)
    before = await session.scalar(select(func.count()).select_from(ReferenceFigure))
    for value in ("1.5", "0.13", "0.049", "12"):
        response = await client.post("/v1/reference-figures", json={**BODY, "kind": "housing_fund_rate",
                                                                     "value": value}, headers=headers)
        assert response.status_code == 422, (value, response.text)
        [error] = response.json()["errors"]
        assert error["field"] == "value"
        assert "5%–12%" in error["message_zh"] and "[0.05, 0.12]" in error["message_en"]
    assert await session.scalar(select(func.count()).select_from(ReferenceFigure)) == before
    for value, shown in (("0.05", "0.0500"), ("0.12", "0.1200"), ("0.0575", "0.0575")):
        response = await client.post("/v1/reference-figures", json={**BODY, "kind": "housing_fund_rate",
                                                                     "value": value}, headers=headers)
        assert response.status_code == 201 and response.json()["value"] == shown, response.text


async def test_an_amount_of_zero_or_less_is_refused(client, tokens):
    headers = tokens.headers(*ADMIN)
    for kind in ("avg_wage_annual", "avg_wage_monthly", "disposable_income", "si_base_floor", "si_base_ceiling"):
        for value in ("0", "-1"):
            response = await client.post("/v1/reference-figures", json={**BODY, "kind": kind, "value": value},
                                         headers=headers)
            assert response.status_code == 422, (kind, value, response.text)
            assert [e["field"] for e in response.json()["errors"]] == ["value"]
    zero = await client.post("/v1/reference-figures", json={**BODY, "kind": "avg_wage_monthly", "value": "0"},
                             headers=headers)
    assert zero.json()["errors"][0]["message_en"] == "the average monthly wage must be greater than 0"
    ok = await client.post("/v1/reference-figures", json={**BODY, "kind": "avg_wage_monthly", "value": "612.50"},
                           headers=headers)
    assert ok.status_code == 201 and ok.json()["value"] == "612.50"
