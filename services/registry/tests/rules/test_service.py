from datetime import date

from cwm_kit.dates import today_in_china
from registry.rules import service as rules
from registry.seed import seed_regions

# A new version takes effect today or later (never backdated): next year's revision, whenever the tests run.
NEXT = today_in_china().year + 1
TRAINING_NEXT = {"kind": "training.requirement", "region_prefix": "15", "effective_from": f"{NEXT}-01-01",
                 "source": "IM revision",
                 "params": {"hours_per_day": 8, "yearly_hours": {"default": 48}, "initial_hours": 32}}


async def test_most_specific_prefix_in_force_wins(session):
    ss = await rules.resolve(session, "training.requirement", "150404001001", date(2026, 6, 1))
    im = await rules.resolve(session, "training.requirement", "150102001001", date(2026, 6, 1))
    assert ss.region_prefix == "150404" and im.region_prefix == "15"
    assert await rules.resolve(session, "training.requirement", "150102001001", date(2024, 1, 1)) is None
    assert (await rules.resolve(session, "quota.county", "640104", date(2026, 1, 1))).region_prefix == ""


async def test_new_policy_year_is_a_data_change(client, session, tokens):
    await seed_regions(session)
    admin = tokens.headers("provincial_admin", "15")
    added = await client.post("/v1/management-rules", json=TRAINING_NEXT, headers=admin)
    assert added.status_code == 201, added.text
    assert (await rules.resolve(session, "training.requirement", "150102001001", date(NEXT, 3, 1))).params[
        "yearly_hours"] == {"default": 48}
    # Songshan's own rule stays more specific than the new regional version.
    assert (await rules.resolve(session, "training.requirement", "150404001001", date(NEXT, 3, 1))
            ).region_prefix == "150404"
    again = await client.post("/v1/management-rules", json=TRAINING_NEXT, headers=admin)
    assert again.status_code == 409
    # A version states only what its text states; the other keys still resolve from the earlier documents.
    partial = await client.post("/v1/management-rules", json={**TRAINING_NEXT, "effective_from": f"{NEXT + 1}-01-01",
                                                               "params": {"initial_hours": 40}}, headers=admin)
    assert partial.status_code == 201, partial.text
    year_after = await rules.resolve(session, "training.requirement", "150102001001", date(NEXT + 1, 3, 1))
    assert year_after.params["initial_hours"] == 40 and year_after.params["yearly_hours"] == {"default": 48}
    assert year_after.provenance["yearly_hours"]["effective_from"] == f"{NEXT}-01-01"
    unknown = await client.post("/v1/management-rules", json={**TRAINING_NEXT, "effective_from": f"{NEXT + 2}-01-01",
                                                               "params": {"hours_per_week": 8}}, headers=admin)
    assert unknown.status_code == 422
    assert {e["field"] for e in unknown.json()["errors"]} == {"params.hours_per_week"}
    outside = await client.post("/v1/management-rules", json=TRAINING_NEXT,
                                headers=tokens.headers("provincial_admin", "64"))
    assert outside.status_code == 404
    town = await client.post("/v1/management-rules", json={**TRAINING_NEXT, "region_prefix": "150404001"},
                             headers=tokens.headers("township_officer", "150404001"))
    assert town.status_code == 403
    listed = await client.get("/v1/management-rules?region=150404001001", headers=tokens.headers("township_officer",
                                                                                                  "150404001"))
    kinds = {r["kind"]: r["region_prefix"] for r in listed.json()}
    assert kinds["training.requirement"] == "150404" and kinds["quota.community"] == "150404"
    assert "reserve.ratio" not in kinds


def test_a_source_in_chinese_names_each_text_and_leaves_the_english_notes_out():
    """rules.source_zh, for a Chinese message (the English message keeps the source as recorded); the SPA's
    lib/rule-words.ts sourceText reads them the same way."""
    ss = "松山区《社区工作者职业体系建设实施方案》"
    im = "内蒙古《社区工作者管理办法（试行）》"
    assert rules.source_zh("SS 二(四)5") == f"{ss}二(四)5"
    assert rules.source_zh("IM art.9–11") == f"{im}第9–11条"
    assert rules.source_zh("IM art.37(五)") == f"{im}第37条（五）"
    assert rules.source_zh("IM art.23 (over SS 三.1)") == f"{im}第23条（优先于 {ss}三.1）"
    assert rules.source_zh("SS; NX") == f"{ss}；宁夏《实施意见》"
    assert rules.source_zh("CENTRAL §10: political quality") == "中央《关于加强社区工作者队伍建设的意见》第10条"
    assert rules.source_zh("CENTRAL §9, NX") == "中央《关于加强社区工作者队伍建设的意见》第9条、宁夏《实施意见》"
    assert rules.source_zh("Labour Contract Law art.19") == "《劳动合同法》第19条"
    assert rules.source_zh("职工带薪年休假条例 art.3") == "《职工带薪年休假条例》第3条"
    assert rules.source_zh("State Council gradual retirement-age reform 2024") == "国务院渐进式延迟法定退休年龄改革（2024年）"
    assert rules.source_zh("operational (no policy text sets a notice window)") == "工作安排（政策文件未作规定）"
    assert rules.source_zh("issue 11 (optional; a province lists the roles that must)") == "内部控制要求（政策文件未作规定）"
