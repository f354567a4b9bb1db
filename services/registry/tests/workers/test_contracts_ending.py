"""Contracts ending (GET /v1/workers/contracts-ending): employed workers of the caller's jurisdiction whose contract
ends within the window (rule contract.renewal window_days, 90, unless within_days is given; a lapsed contract still
awaiting a decision included), by name, community and post, with the renewal eligibility from the assessment feed."""

from datetime import date

from registry.rules.models import ManagementRule
from registry.seed import seed_regions

from ..flags.test_flags import fake_assessment, result
from ..quota.factories import make_worker

ON = "2025-12-01"


async def ending(client, tokens, role: str, region: str, query: str = "") -> dict:
    response = await client.get(f"/v1/workers/contracts-ending?on={ON}{query}", headers=tokens.headers(role, region))
    assert response.status_code == 200, response.text
    return response.json()


async def test_window_and_jurisdiction(app, client, session, tokens):
    await seed_regions(session)
    soon = await make_worker(session, "150404001001", name="月底到期", hired_on=date(2023, 1, 1))      # 2025-12-31
    spring = await make_worker(session, "150404001002", name="明春到期", hired_on=date(2023, 4, 1))    # 2026-03-31
    await make_worker(session, "150404001001", name="明年底到期", hired_on=date(2024, 1, 1))            # 2026-12-31
    lapsed = await make_worker(session, "150404001001", name="已到期", hired_on=date(2022, 11, 1))     # 2025-10-31
    await make_worker(session, "150404002001", name="向阳到期", hired_on=date(2023, 1, 1))              # other township
    app.state.assessment_client = fake_assessment(
        [result(soon, 2025, "competent"), result(lapsed, 2024, "basically_competent")], [])

    report = await ending(client, tokens, "township_officer", "150404001")
    assert report["until"] == "2026-03-01" and report["region"] == "150404001" and report["assessment_available"]
    by_name = {item["name"]: item for item in report["items"]}
    assert list(by_name) == ["已到期", "月底到期"]  # soonest first; beyond 90 days and the other township left out
    item = by_name["月底到期"]
    assert (item["community_name"], item["post_label_zh"], item["contract_end"], item["days_left"]) == (
        "振兴和平社区", "工作人员", "2025-12-31", 30)
    assert item["renewal_status"] == "eligible" and item["renewal_eligible"] is True
    assert "符合续聘条件" in item["message_zh"]
    gone = by_name["已到期"]
    assert gone["days_left"] == -31 and gone["renewal_status"] == "not_eligible"
    assert gone["last_result"] == {"year": 2024, "result": "basically_competent"}
    assert "基本合格" in gone["message_zh"]

    wider = await ending(client, tokens, "township_officer", "150404001", "&within_days=150")
    assert [i["name"] for i in wider["items"]] == ["已到期", "月底到期", "明春到期"]
    assert next(i for i in wider["items"] if i["name"] == "明春到期")["renewal_status"] == "pending"
    assert spring.contract_end == date(2026, 3, 31)

    county = await ending(client, tokens, "county_officer", "150404")
    assert {i["name"] for i in county["items"]} == {"已到期", "月底到期", "向阳到期"}
    narrowed = await ending(client, tokens, "county_officer", "150404", "&region=150404002")
    assert [i["name"] for i in narrowed["items"]] == ["向阳到期"]

    # Another region's officer sees none of them, and cannot ask for a region outside their own.
    assert (await ending(client, tokens, "township_officer", "150404002"))["items"][0]["name"] == "向阳到期"
    assert (await ending(client, tokens, "county_officer", "640104"))["items"] == []
    outside = await client.get(f"/v1/workers/contracts-ending?on={ON}&region=150404001",
                               headers=tokens.headers("township_officer", "150404002"))
    assert outside.status_code == 404


async def two_township_windows(session) -> None:
    """Rules are data: 振兴 (150404001) reminds 150 days ahead and 向阳 (150404002) 30, while the county keeps the
    shipped 90. Seen on 2025-12-01, one contract per case."""
    await seed_regions(session)
    for prefix, days in (("150404001", 150), ("150404002", 30)):
        session.add(ManagementRule(kind="contract.renewal", region_prefix=prefix, effective_from=date(2024, 1, 1),
                                   source=f"test: {prefix} reminds {days} days ahead", params={"window_days": days}))
    await make_worker(session, "150404001001", name="长窗口", hired_on=date(2023, 4, 1))    # 2026-03-31: 120 days
    await make_worker(session, "150404002001", name="短窗口外", hired_on=date(2023, 3, 1))  # 2026-02-28: 89 days
    await make_worker(session, "150404002001", name="短窗口内", hired_on=date(2023, 1, 1))  # 2025-12-31: 30 days
    await make_worker(session, "150404003001", name="县窗口外", hired_on=date(2023, 4, 1))  # 120 days, county's 90


async def test_each_region_is_listed_by_its_own_window(app, client, session, tokens):
    """The window is a rule of each region, not of the caller's scope: a county's list shows a township's worker
    whose contract ends inside that township's longer window (150 days) though outside the county's (90), and
    leaves out one ending outside its township's shorter window (30). Before, the county's 90 days bounded both."""
    await two_township_windows(session)
    app.state.assessment_client = fake_assessment([], [])

    county = await ending(client, tokens, "county_officer", "150404")
    assert [i["name"] for i in county["items"]] == ["短窗口内", "长窗口"]
    assert county["until"] == "2026-04-30"  # the longest window in scope: 2025-12-01 + 150 days
    town = await ending(client, tokens, "township_officer", "150404002")
    assert (town["until"], [i["name"] for i in town["items"]]) == ("2025-12-31", ["短窗口内"])
    # A window the caller picks applies to everyone alike.
    wide = await ending(client, tokens, "county_officer", "150404", "&within_days=120")
    assert {i["name"] for i in wide["items"]} == {"长窗口", "短窗口外", "短窗口内", "县窗口外"}
