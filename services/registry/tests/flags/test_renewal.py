"""Contract renewal (SS 二(四)5 「聘期满考核合格以上等次的可续聘」, rule contract.renewal @150404): a contract ending on
28 February 2026 rests on the 2025 annual result, which is final only about February 2026. Until a final result of
those years exists the flag says "pending" (renewal_eligible null, 「待考核结果确定」), never "not eligible"; only a
final result below 合格 says no. Before, a missing result was reported as 不符合续聘条件（近一年考核未达合格）, and a
December view judged the renewal by the year before (2024) instead of the term's last year."""

from datetime import date

import httpx

from cwm_kit.http import ServiceClient

from registry.seed import seed_regions

from ..quota.factories import make_worker
from ..workers.test_contracts_ending import two_township_windows
from .test_flags import fake_assessment, result

SS_COMMUNITY = "150404001001"
NX_COMMUNITY = "640104001001"
HIRED = date(2023, 3, 1)  # ss_staff, 3 years: the contract ends 2026-02-28


def test_a_renewal_rests_on_the_terms_last_assessment_year():
    from registry.workers.renewal import renewal_years

    assert list(renewal_years(date(2026, 2, 28), 1)) == [2025]
    assert list(renewal_years(date(2026, 12, 31), 1)) == [2026]  # the year ends inside the term
    assert list(renewal_years(date(2026, 12, 30), 2)) == [2024, 2025]


async def contract_flags(client, tokens, on: str, town: str = "150404001") -> dict[str, dict]:
    response = await client.get(f"/v1/flags?on={on}&kind=contract_ending",
                                headers=tokens.headers("township_officer", town))
    assert response.status_code == 200, response.text
    return {f["name"]: f for f in response.json()["items"] if f["kind"] == "contract_ending"}


async def test_no_final_result_yet_is_pending_not_ineligible(app, client, session, tokens):
    await seed_regions(session)
    waiting = await make_worker(session, SS_COMMUNITY, name="待定", hired_on=HIRED)
    below = await make_worker(session, SS_COMMUNITY, name="基本合格", hired_on=HIRED)
    fine = await make_worker(session, SS_COMMUNITY, name="合格", hired_on=HIRED)
    assert waiting.contract_end == date(2026, 2, 28)
    app.state.assessment_client = fake_assessment(
        [result(below, 2025, "basically_competent"), result(fine, 2025, "competent"),
         # An older result outside the term's last year does not decide.
         result(waiting, 2024, "incompetent")], [])
    flags = await contract_flags(client, tokens, "2026-01-05")
    assert set(flags) == {"待定", "基本合格", "合格"}

    pending = flags["待定"]
    assert pending["details"]["renewal_eligible"] is None and pending["details"]["renewal_status"] == "pending"
    assert pending["details"]["assessment_years"] == [2025] and pending["details"]["renewal_condition"] == "competent"
    assert "待考核结果确定" in pending["message_zh"] and "不符合" not in pending["message_zh"]
    assert "pending" in pending["message_en"]

    no = flags["基本合格"]
    assert no["details"]["renewal_eligible"] is False and no["details"]["renewal_status"] == "not_eligible"
    assert no["details"]["last_result"] == {"year": 2025, "result": "basically_competent"}
    assert "不符合续聘条件" in no["message_zh"] and "基本合格" in no["message_zh"]

    yes = flags["合格"]
    assert yes["details"]["renewal_eligible"] is True and yes["details"]["renewal_status"] == "eligible"


async def test_a_december_view_waits_for_the_terms_last_year(app, client, session, tokens):
    """Viewed 2025-12-15, the 2025 result is not out: the 2024 result (old code: the window counted from the view
    date) does not decide a renewal on 2026-02-28, either way."""
    await seed_regions(session)
    good_2024 = await make_worker(session, SS_COMMUNITY, name="去年合格", hired_on=HIRED)
    bad_2024 = await make_worker(session, SS_COMMUNITY, name="去年不合格", hired_on=HIRED)
    app.state.assessment_client = fake_assessment(
        [result(good_2024, 2024, "competent"), result(bad_2024, 2024, "incompetent")], [])
    flags = await contract_flags(client, tokens, "2025-12-15")
    assert {name: f["details"]["renewal_eligible"] for name, f in flags.items()} == {"去年合格": None, "去年不合格": None}
    assert {f["details"].get("renewal_status") for f in flags.values()} == {"pending"}


async def test_no_condition_and_assessment_down_say_so(app, client, session, tokens):
    await seed_regions(session)
    await make_worker(session, NX_COMMUNITY, name="宁夏", hired_on=date(2023, 3, 1), post="nx_staff")
    await make_worker(session, SS_COMMUNITY, name="松山", hired_on=HIRED)
    app.state.assessment_client = fake_assessment([], [])
    nx = (await contract_flags(client, tokens, "2026-01-05", town="640104001"))["宁夏"]
    assert (nx["details"]["renewal_eligible"], nx["details"]["renewal_status"]) == (None, "no_condition")
    assert "未规定续聘条件" in nx["message_zh"]

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    app.state.assessment_client = ServiceClient("http://assessment", transport=httpx.MockTransport(down))
    ss = (await contract_flags(client, tokens, "2026-01-05"))["松山"]
    assert (ss["details"]["renewal_eligible"], ss["details"]["renewal_status"]) == (None, "assessment_unavailable")


async def test_a_flag_for_each_region_by_its_own_window(app, client, session, tokens):
    """The contract_ending flags of a county take each township's own window: a longer one (150 days) is not cut
    to the county's 90 by the query, a shorter one (30) still leaves out a contract ending in 89 days."""
    await two_township_windows(session)
    app.state.assessment_client = fake_assessment([], [])
    response = await client.get("/v1/flags?on=2025-12-01&kind=contract_ending",
                                headers=tokens.headers("county_officer", "150404"))
    assert response.status_code == 200, response.text
    assert sorted(f["name"] for f in response.json()["items"]) == ["短窗口内", "长窗口"]


async def test_lapsed_contracts_are_flagged_and_listed_alike(app, client, session, tokens):
    """A contract that has ended while the worker is still employed, not renewed, is the most urgent decision: the
    flags raise it as the contracts-ending list shows it (the flags used to start at `on`), judged on the same
    assessment year — also one older than the years the other flags read (2020 for a term ending 2021-06-30)."""
    await seed_regions(session)
    long_ago = await make_worker(session, SS_COMMUNITY, name="久已到期", hired_on=date(2018, 7, 1))  # 2021-06-30
    lately = await make_worker(session, SS_COMMUNITY, name="刚到期", hired_on=date(2022, 11, 1))     # 2025-10-31
    await make_worker(session, SS_COMMUNITY, name="月底到期", hired_on=date(2023, 1, 1))             # 2025-12-31
    await make_worker(session, SS_COMMUNITY, name="明年到期", hired_on=date(2024, 1, 1))             # 2026-12-31
    app.state.assessment_client = fake_assessment(
        [result(long_ago, 2020, "competent"), result(lately, 2024, "basically_competent")], [])

    flags = await contract_flags(client, tokens, "2025-12-01")
    listed = await client.get("/v1/workers/contracts-ending?on=2025-12-01",
                              headers=tokens.headers("township_officer", "150404001"))
    assert listed.status_code == 200, listed.text
    expected = {"久已到期": "eligible", "刚到期": "not_eligible", "月底到期": "pending"}
    assert {name: f["details"]["renewal_status"] for name, f in flags.items()} == expected
    assert {i["name"]: i["renewal_status"] for i in listed.json()["items"]} == expected
    gone = flags["久已到期"]
    assert gone["details"]["contract_end"] == "2021-06-30" and gone["details"]["last_result"] == {
        "year": 2020, "result": "competent"}
    assert gone["message_zh"].startswith("合同已于 2021-06-30 到期") and "符合续聘条件" in gone["message_zh"]
    assert gone["message_en"].startswith("contract ended on 2021-06-30")
    assert flags["月底到期"]["message_zh"].startswith("合同将于 2025-12-31 到期")
