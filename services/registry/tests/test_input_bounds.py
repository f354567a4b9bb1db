"""Inputs a fuzzer found turning into 500s: each must be a 4xx problem naming the field."""

import pytest
from sqlalchemy import select

from cwm_kit import audit
from cwm_kit.security import Principal, Role

from registry.models import audit_log
from registry.seed import seed_regions


@pytest.mark.parametrize("url", ["/v1/visits/monthly?month=0000-01", "/v1/flags?on=0001-01-01",
                                 "/v1/quota?on=0001-01-01", "/v1/reserve/pools?on=9999-12-31"])
async def test_implausible_months_and_dates_are_422(client, tokens, url):
    response = await client.get(url, headers=tokens.headers("county_officer", "640104"))
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] in ("month", "on")


async def test_a_required_name_cannot_be_cleared_with_null(client, session, tokens):
    await seed_regions(session)
    response = await client.patch("/v1/regions/640104001001", json={"name": None},
                                  headers=tokens.headers("township_officer", "640104001"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "name"


async def test_the_audit_log_keeps_a_long_reason_whole(session):
    reason = "因" * 2000
    await audit.record(session, audit_log, Principal("s", Role.COUNTY_OFFICER, "640104"), action="t", entity="t",
                       entity_id="1", reason=reason)
    assert await session.scalar(select(audit_log.c.reason).where(audit_log.c.entity == "t")) == reason
