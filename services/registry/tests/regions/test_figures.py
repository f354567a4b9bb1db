"""A region's figures that drive quota and pay — a county's urban_population (its quota; IM art.6: the city approves
a county's total) and fiscal_category (NX: 80% regional subsidy for the mountain counties, else 20%), a community's
households (SS quota) and star rating (NX star allowance, 100–500 yuan a month for every worker) — are set only by a
region-managing officer (role matrix `region.manage`) whose jurisdiction lies strictly above the region; never by
the region itself. Attack tests: each refused request was accepted before, and nothing is written."""

import pytest
from sqlalchemy import func, select

from registry.models import audit_log
from registry.regions.models import Region, StarRating
from registry.seed import seed_regions

COMMUNITY = "640104001001"  # 民乐社区: 3,640 households, 3 stars in 2025
COUNTY = "640104"           # 兴庆区: 124,000 urban residents, no fiscal category
CITY = "6401"


async def audited(session) -> int:
    return int(await session.scalar(select(func.count()).select_from(audit_log)))


async def figures(session, code: str) -> tuple:
    region = await session.get(Region, code)
    await session.refresh(region)
    stars = await session.scalar(select(StarRating.stars).where(StarRating.region_code == code,
                                                                StarRating.year == 2025))
    return region.urban_population, region.households, region.fiscal_category, stars


# (role, jurisdiction, region, request) → status, code
ATTEMPTS = [
    # A party secretary rating their own community, or raising its households (its SS quota).
    ("party_secretary", COMMUNITY, COMMUNITY, ("stars", 5), 403, "role_not_allowed"),
    ("party_secretary", COMMUNITY, COMMUNITY, ("households", 9000), 403, "role_not_allowed"),
    # A township officer (who also prepares payroll) is not a region manager.
    ("township_officer", "640104001", COMMUNITY, ("stars", 5), 403, "role_not_allowed"),
    ("township_officer", "640104001", COMMUNITY, ("households", 9000), 403, "role_not_allowed"),
    # A county officer setting its own county's figures: mountain county (80% subsidy), a larger quota.
    ("county_officer", COUNTY, COUNTY, ("fiscal_category", "mountain"), 403, "region_figures_from_above"),
    ("county_officer", COUNTY, COUNTY, ("urban_population", 500000), 403, "region_figures_from_above"),
    # A city its own figures.
    ("city_officer", CITY, CITY, ("urban_population", 5000000), 403, "region_figures_from_above"),
    # From strictly above: allowed.
    ("county_officer", COUNTY, COMMUNITY, ("stars", 5), 200, None),
    ("county_officer", COUNTY, COMMUNITY, ("households", 4000), 200, None),
    ("city_officer", CITY, COUNTY, ("urban_population", 130000), 200, None),
    ("city_officer", CITY, COUNTY, ("fiscal_category", "mountain"), 200, None),
    ("provincial_admin", "64", CITY, ("urban_population", 2000000), 200, None),
    ("provincial_admin", "64", COMMUNITY, ("stars", 4), 200, None),
]


@pytest.mark.parametrize(("role", "jurisdiction", "code", "change", "expected", "problem"), ATTEMPTS)
async def test_region_figures_are_set_only_from_above(client, session, tokens, role, jurisdiction, code, change,
                                                     expected, problem):
    await seed_regions(session)
    headers = tokens.headers(role, jurisdiction)
    before, audit_rows = await figures(session, code), await audited(session)
    field, value = change
    if field == "stars":
        response = await client.put(f"/v1/regions/{code}/star-ratings/2025", json={"stars": value}, headers=headers)
    else:
        response = await client.patch(f"/v1/regions/{code}", json={field: value}, headers=headers)
    assert response.status_code == expected, response.text
    if expected == 200:
        assert await audited(session) > audit_rows
        return
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["code"] == problem
    if problem == "role_not_allowed":
        assert body["action"] == "region.manage" and role not in body["allowed_roles"]
    else:
        assert body["rule"] == "region_figures_from_above" and body["errors"][0]["field"] == field
        assert "上级" in body["message_zh"] and "from above" in body["message_en"]
    # Nothing written.
    assert await figures(session, code) == before
    assert await audited(session) == audit_rows


async def test_a_county_still_names_itself_but_a_mixed_change_is_refused_whole(client, session, tokens):
    """Name, residents and urban/rural stay the region-manager's own record (county level and above); a patch that
    also sets a figure of the county itself is refused as a whole."""
    await seed_regions(session)
    county = tokens.headers("county_officer", COUNTY)
    mixed = await client.patch(f"/v1/regions/{COUNTY}", json={"residents": 300000, "urban_population": 500000},
                               headers=county)
    assert mixed.status_code == 403 and mixed.json()["code"] == "region_figures_from_above"
    region = await session.get(Region, COUNTY)
    await session.refresh(region)
    assert (region.residents, region.urban_population) == (None, 124000)
    own = await client.patch(f"/v1/regions/{COUNTY}", json={"residents": 300000}, headers=county)
    assert own.status_code == 200 and own.json()["residents"] == 300000
