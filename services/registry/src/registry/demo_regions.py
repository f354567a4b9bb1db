"""The demo division tree: Ningxia (64) with its 5 cities and 22 counties, and Songshan (150404).

County codes and the nine mountain counties are real (POLICY.md §5); townships and communities under
them are generated deterministically (codes county+3 digits, township+3 digits) with synthetic facts.
"""

from __future__ import annotations

import random

NX_CITIES = {
    "6401": ("银川市", {"640104": "兴庆区", "640105": "西夏区", "640106": "金凤区", "640121": "永宁县",
                       "640122": "贺兰县", "640181": "灵武市"}),
    "6402": ("石嘴山市", {"640202": "大武口区", "640205": "惠农区", "640221": "平罗县"}),
    "6403": ("吴忠市", {"640302": "利通区", "640303": "红寺堡区", "640323": "盐池县", "640324": "同心县",
                       "640381": "青铜峡市"}),
    "6404": ("固原市", {"640402": "原州区", "640422": "西吉县", "640423": "隆德县", "640424": "泾源县",
                       "640425": "彭阳县"}),
    "6405": ("中卫市", {"640502": "沙坡头区", "640521": "中宁县", "640522": "海原县"}),
}
NX_MOUNTAIN_COUNTIES = {"640402", "640422", "640423", "640424", "640425", "640323", "640324", "640303", "640522"}

TOWNSHIP_NAMES = ["城关街道", "新华街道", "胜利街道", "文化街道", "解放街道", "富宁街道"]
COMMUNITY_NAMES = ["幸福社区", "和平社区", "团结社区", "兴盛社区", "民乐社区", "康居社区", "丽景社区", "安泰社区"]
SS_TOWNSHIPS = {"150404001": "振兴街道", "150404002": "向阳街道", "150404003": "铁南街道"}


def regions(seed: int = 2025) -> list[dict]:
    """Every demo region as a row dict, parents before children."""
    rng = random.Random(seed)
    rows: list[dict] = [{"code": "64", "name": "宁夏回族自治区", "level": "province", "parent_code": None}]
    for city_code, (city_name, counties) in NX_CITIES.items():
        rows.append({"code": city_code, "name": city_name, "level": "city", "parent_code": "64"})
        for county_code, county_name in counties.items():
            rows.append({
                "code": county_code, "name": county_name, "level": "county", "parent_code": city_code,
                "urban_population": rng.randrange(40_000, 600_000, 1000),
                "fiscal_category": "mountain" if county_code in NX_MOUNTAIN_COUNTIES else None,
            })
            rows += _townships(rng, county_code, county_name, townships=2, communities=3)
    rows += [
        {"code": "15", "name": "内蒙古自治区", "level": "province", "parent_code": None},
        {"code": "1504", "name": "赤峰市", "level": "city", "parent_code": "15"},
        {"code": "150404", "name": "松山区", "level": "county", "parent_code": "1504", "urban_population": 420_000},
    ]
    for index, (code, name) in enumerate(SS_TOWNSHIPS.items()):
        rows.append({"code": code, "name": name, "level": "township", "parent_code": "150404"})
        for n in range(1, 4):
            rows.append({"code": f"{code}{n:03d}", "name": f"{name[:2]}{COMMUNITY_NAMES[(index * 3 + n) % 8]}",
                         "level": "community", "parent_code": code, "households": rng.randrange(1500, 4200, 10)})
    return rows


def _townships(rng: random.Random, county_code: str, county_name: str, *, townships: int, communities: int) -> list[dict]:
    rows = []
    for t in range(1, townships + 1):
        township_code = f"{county_code}{t:03d}"
        township_name = TOWNSHIP_NAMES[(int(county_code) + t) % len(TOWNSHIP_NAMES)]
        rows.append({"code": township_code, "name": f"{county_name}{township_name}", "level": "township",
                     "parent_code": county_code})
        for c in range(1, communities + 1):
            rows.append({"code": f"{township_code}{c:03d}",
                         "name": COMMUNITY_NAMES[(int(county_code) + t * 3 + c) % len(COMMUNITY_NAMES)],
                         "level": "community", "parent_code": township_code,
                         "households": rng.randrange(1200, 4500, 10)})
    return rows


def star_ratings(rows: list[dict], years: tuple[int, ...] = (2024, 2025), seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    return [{"region_code": r["code"], "year": year, "stars": rng.choice([2, 3, 3, 4, 4, 5])}
            for r in rows if r["level"] == "community" and r["code"].startswith("64") for year in years]
