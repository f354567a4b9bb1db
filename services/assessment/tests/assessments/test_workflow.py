import re
import uuid
from datetime import date

from sqlalchemy import func, select

from assessment.assessments.models import Assessment, DailyRecord
from assessment.models import audit_log

from ..conftest import known

COMMUNITY, COMMUNITY_B, COMMUNITY_OTHER_TOWN = "640104001001", "640104001002", "640104002001"


async def listed(flow, count=1, community=COMMUNITY, year=2024):
    cycle = await flow.open_cycle(year)
    workers = [uuid.uuid4() for _ in range(count)]
    await flow.add(cycle["id"], [(w, community) for w in workers])
    by_worker = await flow.assessments(cycle["id"])
    return cycle, workers, [by_worker[str(w)]["id"] for w in workers]


async def test_the_whole_path_from_records_to_a_published_result(client, flow, today, session):
    cycle, (worker,), (aid,) = await listed(flow)
    # Quarterly daily scores 80, 90, 85, 95 → work performance 87.50.
    records = [{"worker_id": str(worker), "period": f"2024-Q{q}", "score": s, "absent_days": 1,
                "longest_absence_streak": 1} for q, s in zip(range(1, 5), ("80", "90", "85", "95"))]
    saved = await client.put(f"/v1/cycles/{cycle['id']}/daily-records", json={"records": records},
                             headers=flow.secretary)
    assert saved.status_code == 200 and saved.json() == {"saved": 4}
    # 30 very satisfied (100), 15 satisfied (80), 4 basically (60), 1 dissatisfied (0) of 50 votes:
    # (3000 + 1200 + 240 + 0) / 50 = 88.80.
    survey = await client.put(f"/v1/assessments/{aid}/satisfaction", headers=flow.secretary, json={
        "respondents": 55, "votes": {"very_satisfied": 30, "satisfied": 15, "basically_satisfied": 4,
                                     "dissatisfied": 1}})
    assert survey.status_code == 200, survey.text
    suggestion = survey.json()["suggestion"]
    assert suggestion["dimension_scores"] == {"political_quality": None, "work_performance": "87.50",
                                              "residents_satisfaction": "88.80"}
    assert suggestion["missing"] == ["political_quality"] and suggestion["score"] is None
    summary = await client.put(f"/v1/me/assessments/{aid}/summary", json={"text": "全年走访居民360户"},
                               headers=flow.worker(worker))
    assert summary.status_code == 200 and summary.json()["self_summary"] == "全年走访居民360户"
    review = await client.put(f"/v1/assessments/{aid}/review", json={"text": "工作扎实"}, headers=flow.secretary)
    assert review.status_code == 200 and review.json()["community_review"] == "工作扎实"

    # Only political quality is given: 0.3×90 + 0.4×87.50 + 0.3×88.80 = 27 + 35 + 26.64 = 88.64 → 合格.
    proposal = await client.post(f"/v1/assessments/{aid}/proposal", headers=flow.secretary, json={
        "dimension_scores": {"political_quality": "90"}, "reason": "综合日常考核与满意度测评"})
    assert proposal.status_code == 200, proposal.text
    body = proposal.json()
    assert (body["status"], body["proposed_result"], body["proposed_score"]) == ("proposed", "competent", "88.64")

    today.today = date(2025, 1, 10)
    decided = await flow.decide(aid)
    assert decided.status_code == 200, decided.text
    assert (decided.json()["status"], decided.json()["result"]) == ("notice", "competent")
    assert (decided.json()["notice_from"], decided.json()["notice_until"]) == ("2025-01-10", "2025-01-14")

    today.today = date(2025, 1, 14)
    running = await flow.finalize(aid)
    assert running.status_code == 409 and running.json()["code"] == "notice_running"
    today.today = date(2025, 1, 15)
    final = await flow.finalize(aid)
    assert final.status_code == 200, final.text
    assert (final.json()["status"], final.json()["revision"]) == ("final", 1)
    history = final.json()["history"]
    assert [(e["action"], e["from_status"], e["to_status"], e["actor_role"]) for e in history] == [
        ("propose", "pending", "proposed", "party_secretary"),
        ("decide", "proposed", "notice", "township_officer"),
        ("finalize", "notice", "final", "township_officer")]
    feed = (await client.get("/v1/results", headers=flow.service)).json()
    assert [(i["id"], i["result"], i["score"], i["revision"], i["kind"]) for i in feed["items"]] == [
        (aid, "competent", "88.64", 1, "annual")]
    actions = (await session.scalars(select(audit_log.c.action).where(audit_log.c.entity_id == aid)
                                     .order_by(audit_log.c.id))).all()
    assert actions == ["satisfaction.record", "assessment.self_summary", "assessment.review",
                       "assessment.propose", "assessment.decide", "assessment.finalize"]


async def test_steps_cannot_be_taken_out_of_order(client, flow, today):
    _, (worker,), (aid,) = await listed(flow)
    early = await flow.decide(aid)
    assert early.status_code == 409 and early.json()["code"] == "wrong_step"
    # States in words in the Chinese message (the SPA's), codes in the English one and `status_now`.
    assert early.json()["message_zh"] == "当前状态为“待建议”，作出决定需要状态为“待决定”"
    assert early.json()["message_en"] == "the assessment is pending; deciding needs it to be proposed"
    assert (await flow.finalize(aid)).status_code == 409
    objection = await client.post(f"/v1/me/assessments/{aid}/objections", json={"reason": "不服"},
                                  headers=flow.worker(worker))
    assert objection.status_code == 409 and objection.json()["code"] == "not_in_notice"
    reopen = await client.post(f"/v1/assessments/{aid}/reopening", json={"reason": "更正"}, headers=flow.town)
    assert reopen.status_code == 409
    assert (await flow.propose(aid)).status_code == 200
    assert (await flow.decide(aid)).status_code == 200
    again = await flow.propose(aid)
    assert again.status_code == 409 and again.json()["status_now"] == "notice"
    assert again.json()["message_zh"] == "当前状态为“公示中”，提出建议等次需要状态为“待建议”或“待决定”"
    assert (await flow.decide(aid)).status_code == 409


async def test_chinese_result_words_are_accepted_and_other_words_refused(flow):
    _, _, (aid,) = await listed(flow)
    bad = await flow.propose(aid, "很好")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "result"
    ok = await flow.propose(aid, "基本合格")
    assert ok.status_code == 200 and ok.json()["proposed_result"] == "basically_competent"
    changed = await flow.decide(aid, result="合格")
    assert changed.status_code == 422 and changed.json()["errors"][0]["field"] == "reason"
    decided = await flow.decide(aid, result="合格", reason="街道党工委研究认为工作量大")
    assert decided.status_code == 200 and decided.json()["result"] == "competent"


async def test_proposal_without_records_needs_every_dimension(flow):
    _, _, (aid,) = await listed(flow)
    response = await flow.propose(aid, scores={"political_quality": "90", "charisma": "99"})
    assert response.status_code == 422
    assert {(e["field"], e["code"]) for e in response.json()["errors"]} == {
        ("dimension_scores.charisma", "unknown_dimension"),
        ("dimension_scores.work_performance", "missing_score"),
        ("dimension_scores.residents_satisfaction", "missing_score")}
    # Without a result the thresholds decide: 0.3×95 + 0.4×92 + 0.3×90 = 28.5 + 36.8 + 27 = 92.30 → 优秀.
    response = await flow.propose(aid, None, {"political_quality": "95", "work_performance": "92",
                                              "residents_satisfaction": "90"})
    assert (response.json()["proposed_score"], response.json()["proposed_result"]) == ("92.30", "excellent")


async def test_objections_only_by_the_worker_during_the_notice(client, flow, today):
    cycle, (worker, other), (aid, _) = await listed(flow, 2)
    assert (await flow.propose(aid)).status_code == 200
    today.today = date(2025, 1, 10)
    assert (await flow.decide(aid)).status_code == 200
    url = f"/v1/me/assessments/{aid}/objections"
    assert (await client.post(url, json={"reason": "x"}, headers=flow.worker(other))).status_code == 404
    assert (await client.post(url, json={"reason": "x"}, headers=flow.town)).status_code == 403
    raised = await client.post(url, json={"reason": "满意度测评样本太少"}, headers=flow.worker(worker))
    assert raised.status_code == 201, raised.text
    objection_id = raised.json()["id"]
    today.today = date(2025, 1, 15)
    late = await client.post(url, json={"reason": "再议"}, headers=flow.worker(worker))
    assert late.status_code == 409 and late.json()["code"] == "not_in_notice"
    blocked = await flow.finalize(aid)
    assert blocked.status_code == 409 and blocked.json()["open_objections"] == 1
    open_list = (await client.get(f"/v1/cycles/{cycle['id']}/objections?status=open", headers=flow.town)).json()
    assert [(o["id"], o["worker_id"], o["reason"]) for o in open_list] == [(objection_id, str(worker),
                                                                             "满意度测评样本太少")]
    assert (await client.get(f"/v1/cycles/{cycle['id']}/objections", headers=flow.town2)).json() == []
    resolve = f"/v1/objections/{objection_id}/resolution"
    assert (await client.post(resolve, json={"outcome": "rejected", "note": "x"},
                              headers=flow.town2)).status_code == 404
    assert (await client.post(resolve, json={"outcome": "rejected", "note": "x"},
                              headers=flow.auditor)).status_code == 403
    rejected = await client.post(resolve, json={"outcome": "rejected", "note": "测评符合方案"}, headers=flow.town)
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    assert (await client.get(f"/v1/cycles/{cycle['id']}/objections?status=open", headers=flow.town)).json() == []
    assert (await flow.finalize(aid)).status_code == 200
    mine = (await client.get("/v1/me/assessments", headers=flow.worker(worker))).json()
    assert [(m["id"], m["status"], m["result"]) for m in mine] == [(aid, "final", "competent")]
    assert mine[0]["objections"][0]["status"] == "rejected"


async def test_an_objection_before_the_notice_opens_is_refused_with_the_opening_day(client, flow, today):
    """Objections belong to the notice (公示期): decided on 10 January, the notice runs 10–14 January (5 days); on
    the 9th the worker is told when it opens, on the 15th that it is over."""
    _, (worker,), (aid,) = await listed(flow)
    assert (await flow.propose(aid)).status_code == 200
    today.today = date(2025, 1, 10)
    decided = await flow.decide(aid)
    assert (decided.json()["notice_from"], decided.json()["notice_until"]) == ("2025-01-10", "2025-01-14")
    url = f"/v1/me/assessments/{aid}/objections"
    today.today = date(2025, 1, 9)
    early = await client.post(url, json={"reason": "不服"}, headers=flow.worker(worker))
    assert early.status_code == 409, early.text
    assert early.headers["content-type"].startswith("application/problem+json")
    body = early.json()
    assert (body["code"], body["notice_from"], body["notice_until"]) == ("notice_not_started", "2025-01-10",
                                                                         "2025-01-14")
    assert "2025-01-10" in body["message_zh"] and "2025-01-10" in body["message_en"]
    today.today = date(2025, 1, 15)
    late = await client.post(url, json={"reason": "不服"}, headers=flow.worker(worker))
    assert late.status_code == 409 and late.json()["code"] == "not_in_notice"
    today.today = date(2025, 1, 14)
    assert (await client.post(url, json={"reason": "不服"}, headers=flow.worker(worker))).status_code == 201
    mine = (await client.get("/v1/me/assessments", headers=flow.worker(worker))).json()
    assert [o["reason"] for o in mine[0]["objections"]] == ["不服"]  # nothing of the refused two was kept


async def test_the_notice_runs_on_chinas_date_whatever_the_servers_zone(app, client, flow, monkeypatch):
    """At 16:30 UTC on 30 June 2026 it is 1 July in China: the decision opens the notice on 1 July and an objection
    that minute is inside it (the kit's one clock, cwm_kit.dates.today_in_china, not the server's date)."""
    from datetime import UTC, datetime

    from cwm_kit import dates

    from assessment import clock

    class Evening(datetime):
        @classmethod
        def now(cls, tz=None):
            moment = datetime(2026, 6, 30, 16, 30, tzinfo=UTC)
            return moment.astimezone(tz) if tz is not None else moment.replace(tzinfo=None)

    monkeypatch.setattr(dates, "datetime", Evening)
    app.dependency_overrides.pop(clock.today)
    _, (worker,), (aid,) = await listed(flow)
    assert (await flow.propose(aid)).status_code == 200
    decided = await flow.decide(aid)
    assert (decided.json()["notice_from"], decided.json()["notice_until"]) == ("2026-07-01", "2026-07-05")
    raised = await client.post(f"/v1/me/assessments/{aid}/objections", json={"reason": "不服"},
                               headers=flow.worker(worker))
    assert raised.status_code == 201, raised.text


async def test_an_upheld_objection_sends_the_case_back_for_a_new_decision(client, flow, today):
    _, (worker,), (aid,) = await listed(flow)
    await flow.propose(aid, "不合格")
    await flow.decide(aid)
    raised = await client.post(f"/v1/me/assessments/{aid}/objections", json={"reason": "缺勤系病假"},
                               headers=flow.worker(worker))
    upheld = await client.post(f"/v1/objections/{raised.json()['id']}/resolution",
                               json={"outcome": "upheld", "note": "病假有证明"}, headers=flow.town)
    assert upheld.status_code == 200
    detail = (await client.get(f"/v1/assessments/{aid}", headers=flow.town)).json()
    assert detail["status"] == "proposed" and detail["history"][-1]["action"] == "objection_upheld"


async def test_excellent_quota_is_refused_with_the_count_and_the_limit(flow, today):
    # 7 annual assessees in the township: 15% of 7 = 1.05 → floor → 1 excellent at most.
    _, _, ids = await listed(flow, 7)
    for aid in ids[:2]:
        assert (await flow.propose(aid, "优秀")).status_code == 200
    assert (await flow.decide(ids[0])).status_code == 200
    refused = await flow.decide(ids[1])
    assert refused.status_code == 409, refused.text
    body = refused.json()
    assert (body["code"], body["count"], body["limit"], body["assessed"]) == ("excellent_quota_exceeded", 1, 1, 7)
    assert "上限为 1" in body["message_zh"]
    # The township by name (the registry's), its code in `township_code`.
    assert body["message_zh"].startswith("新华街道已确定优秀 1 人，上限为 1 人") and "640104001" not in body["message_zh"]
    assert body["township_code"] == "640104001"
    # Deciding it competent instead (with a reason) is fine.
    assert (await flow.decide(ids[1], result="competent", reason="名额所限")).status_code == 200


async def test_probation_assessees_do_not_count_towards_the_quota(flow):
    cycle = await flow.open_cycle(2024)
    people = [(uuid.uuid4(), COMMUNITY) for _ in range(6)] + [(uuid.uuid4(), COMMUNITY, "probation")]
    await flow.add(cycle["id"], people)
    ids = [a["id"] for a in (await flow.assessments(cycle["id"])).values() if a["kind"] == "annual"]
    # 15% of 6 annual = 0.9 → 0: no excellent at all in this township.
    await flow.propose(ids[0], "excellent")
    refused = await flow.decide(ids[0])
    assert refused.status_code == 409 and (refused.json()["count"], refused.json()["limit"]) == (0, 0)


async def test_an_officer_cannot_list_a_worker_as_on_probation_to_escape_the_quota(client, flow):
    """The kind decides whether the 优秀 quota counts a worker: the registry's facts say it, not the caller."""
    cycle = await flow.open_cycle(2024)
    await flow.add(cycle["id"], [(uuid.uuid4(), COMMUNITY) for _ in range(6)])
    regular = uuid.uuid4()
    known(flow.registry, regular, COMMUNITY, "王五")
    body = {"assessees": [{"worker_id": str(regular), "name": "王五", "community_code": COMMUNITY,
                           "kind": "probation"}]}
    refused = await client.post(f"/v1/cycles/{cycle['id']}/assessees", json=body, headers=flow.county)
    assert refused.status_code == 422, refused.text
    assert [(e["field"], e["code"]) for e in refused.json()["errors"]] == [("assessees.0.kind", "not_the_workers_kind")]
    assert str(regular) not in await flow.assessments(cycle["id"])
    # Without a kind the registry's is taken: annual, so the quota counts them (15% of 7 = 1).
    del body["assessees"][0]["kind"]
    assert (await client.post(f"/v1/cycles/{cycle['id']}/assessees", json=body, headers=flow.county)).status_code == 200
    listed = await flow.assessments(cycle["id"])
    assert listed[str(regular)]["kind"] == "annual"
    assert (await flow.propose(listed[str(regular)]["id"], "excellent")).status_code == 200
    assert (await flow.decide(listed[str(regular)]["id"])).status_code == 200


async def test_a_secretary_does_not_propose_their_own_result(flow):
    cycle, (secretary_worker, *_), (aid, *_) = await listed(flow, 2)
    own = flow.tokens.headers("party_secretary", COMMUNITY, worker_id=str(secretary_worker))
    refused = await flow.propose(aid, "excellent", headers=own)
    assert refused.status_code == 403 and refused.json()["code"] == "own_assessment", refused.text
    assert (await flow.assessments(cycle["id"]))[str(secretary_worker)]["status"] == "pending"
    assert (await flow.propose(aid, "excellent")).status_code == 200  # another secretary may


async def test_reopen_needs_a_reason_and_the_correction_is_a_new_revision(client, flow, today, session):
    _, _, (aid,) = await listed(flow)
    first = await flow.to_final(aid, "incompetent")
    assert first["revision"] == 1
    url = f"/v1/assessments/{aid}/reopening"
    missing = await client.post(url, json={}, headers=flow.town)
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "reason"
    blank = await client.post(url, json={"reason": "  "}, headers=flow.town)
    assert blank.status_code == 422
    assert (await client.post(url, json={"reason": "x"}, headers=flow.auditor)).status_code == 403
    assert (await client.post(url, json={"reason": "x"}, headers=flow.town2)).status_code == 404
    reopened = await client.post(url, json={"reason": "复核发现满意度统计错误"}, headers=flow.town)
    assert reopened.status_code == 200 and reopened.json()["status"] == "proposed"
    second = await flow.to_final(aid, "competent")
    assert second["revision"] == 2
    feed = (await client.get("/v1/results", headers=flow.service)).json()["items"]
    assert [(i["id"], i["result"], i["revision"]) for i in feed] == [(aid, "incompetent", 1), (aid, "competent", 2)]
    assert int(feed[1]["cursor"]) > int(feed[0]["cursor"])
    later = (await client.get(f"/v1/results?after={feed[0]['cursor']}", headers=flow.service)).json()
    assert [i["revision"] for i in later["items"]] == [2] and later["next_cursor"] == feed[1]["cursor"]
    row = (await session.execute(select(audit_log).where(audit_log.c.entity_id == aid,
                                                         audit_log.c.action == "assessment.reopen"))).mappings().one()
    assert row["reason"] == "复核发现满意度统计错误" and row["before"]["status"] == "final"


async def test_other_townships_and_communities_get_404_and_auditors_403(client, flow, tokens):
    _, (worker,), (aid,) = await listed(flow)
    other_secretary = tokens.headers("party_secretary", COMMUNITY_B)
    assert (await flow.propose(aid, headers=other_secretary)).status_code == 404
    assert (await flow.propose(aid, headers=flow.auditor)).status_code == 403
    assert (await flow.propose(aid, headers=flow.town)).status_code == 403  # the township decides, not proposes
    assert (await flow.propose(aid)).status_code == 200
    assert (await flow.decide(aid, headers=flow.town2)).status_code == 404
    assert (await flow.decide(aid, headers=flow.secretary)).status_code == 403
    assert (await client.get(f"/v1/assessments/{aid}", headers=flow.town2)).status_code == 404
    assert (await client.get(f"/v1/assessments/{aid}", headers=flow.auditor)).status_code == 200
    assert (await client.get(f"/v1/assessments/{aid}", headers=flow.worker(worker))).status_code == 404
    stranger = flow.worker(uuid.uuid4())
    assert (await client.get("/v1/me/assessments", headers=stranger)).json() == []
    assert (await client.put(f"/v1/me/assessments/{aid}/summary", json={"text": "x"},
                             headers=stranger)).status_code == 404
    assert (await client.get("/v1/me/assessments", headers=flow.town)).status_code == 403
    odd = flow.tokens.headers("worker", COMMUNITY, worker_id="not-a-uuid")
    assert (await client.get("/v1/me/assessments", headers=odd)).json() == []
    assert (await client.post(f"/v1/me/assessments/{aid}/objections", json={"reason": "x"},
                              headers=odd)).status_code == 404


async def test_worker_sees_result_only_once_decided(client, flow):
    _, (worker,), (aid,) = await listed(flow)
    await flow.propose(aid, "excellent", {"political_quality": "95", "work_performance": "95",
                                          "residents_satisfaction": "95"})
    mine = (await client.get("/v1/me/assessments", headers=flow.worker(worker))).json()
    assert (mine[0]["status"], mine[0]["result"], mine[0]["dimension_scores"]) == ("proposed", None, None)
    assert mine[0]["can_object"] is False
    await flow.decide(aid, result="competent", reason="名额所限")
    mine = (await client.get("/v1/me/assessments", headers=flow.worker(worker))).json()
    assert (mine[0]["status"], mine[0]["result"], mine[0]["score"]) == ("notice", "competent", "95.00")
    assert mine[0]["can_object"] is True
    assert mine[0]["dimension_scores"]["political_quality"] == "95.00"


async def test_daily_records_are_checked_per_row_and_absences_flag_exit_cases(client, flow, session):
    cycle, (a, b, c), ids = await listed(flow, 3)
    url = f"/v1/cycles/{cycle['id']}/daily-records"
    bad = await client.put(url, headers=flow.secretary, json={"records": [
        {"worker_id": str(a), "period": "2023-12", "score": "80"},
        {"worker_id": str(uuid.uuid4()), "period": "2024-01", "score": "80"},
        {"worker_id": str(a), "period": "2024-01", "score": "70"},
        {"worker_id": str(a), "period": "2024-01", "score": "71"}]})
    assert bad.status_code == 422
    assert {(e["field"], e["code"]) for e in bad.json()["errors"]} == {
        ("records.0.period", "outside_year"), ("records.1.worker_id", "not_listed"),
        ("records.3.period", "duplicate")}
    streak = await client.put(url, headers=flow.secretary, json={"records": [
        {"worker_id": str(a), "period": "2024-02", "absent_days": 2, "longest_absence_streak": 3},
        {"worker_id": str(a), "period": "2024-13", "score": "101"}]})
    assert {e["field"] for e in streak.json()["errors"]} == {"records.0", "records.1.period", "records.1.score"}
    assert (await client.put(url, headers=flow.town2, json={"records": [
        {"worker_id": str(a), "period": "2024-01", "score": "80"}]})).status_code == 422
    assert (await client.put(url, headers=flow.auditor, json={"records": [
        {"worker_id": str(a), "period": "2024-01", "score": "80"}]})).status_code == 403
    records = [
        # a: 15 consecutive days in March → exit case.
        {"worker_id": str(a), "period": "2024-03", "score": "60", "absent_days": 15, "longest_absence_streak": 15},
        # b: 31 days in the year, never 15 in a row → exit case (more than 30).
        *[{"worker_id": str(b), "period": f"2024-{m:02d}", "absent_days": d, "longest_absence_streak": 3}
          for m, d in ((1, 10), (2, 10), (3, 11))],
        # c: exactly 30 days, longest 14 → not an exit case.
        *[{"worker_id": str(c), "period": f"2024-{m:02d}", "absent_days": d, "longest_absence_streak": s}
          for m, d, s in ((1, 14, 14), (2, 16, 10))],
    ]
    assert (await client.put(url, headers=flow.secretary, json={"records": records})).status_code == 200
    corrected = await client.put(url, headers=flow.secretary, json={"records": [
        {"worker_id": str(a), "period": "2024-03", "score": "65", "absent_days": 15, "longest_absence_streak": 15}]})
    assert corrected.status_code == 200
    audit_row = (await session.execute(select(audit_log).where(audit_log.c.action == "daily_records.save")
                                       .order_by(audit_log.c.id.desc()).limit(1))).mappings().one()
    assert audit_row["before"] == [{"worker_id": str(a), "period": "2024-03", "score": "60.00", "absent_days": 15,
                                    "longest_absence_streak": 15, "absent_at_start": 0, "absent_at_end": 0}]
    assert audit_row["after"][0]["score"] == "65"
    flags = (await client.get(f"/v1/cycles/{cycle['id']}/exit-flags", headers=flow.town)).json()
    assert {(f["worker_id"], tuple(f["flags"]), f["absent_days"]) for f in flags} == {
        (str(a), ("absence_consecutive",), 15), (str(b), ("absence_total",), 31)}
    detail = (await client.get(f"/v1/assessments/{ids[0]}", headers=flow.town)).json()
    assert detail["flags"] == ["absence_consecutive"]
    assert (await client.get(f"/v1/cycles/{cycle['id']}/exit-flags", headers=flow.town2)).json() == []


async def test_a_month_is_recorded_monthly_or_in_its_quarter_not_both(client, flow, session):
    """2024-01..03 and 2024-Q1 both accepted counted January to March's absences twice (absence_total)."""
    cycle, (a, b), _ = await listed(flow, 2)
    url = f"/v1/cycles/{cycle['id']}/daily-records"
    months = [{"worker_id": str(a), "period": f"2024-{m:02d}", "score": "80", "absent_days": 6,
               "longest_absence_streak": 2} for m in (1, 2, 3)]
    assert (await client.put(url, headers=flow.secretary, json={"records": months})).status_code == 200
    audits = (await session.execute(select(func.count()).select_from(audit_log)
                                    .where(audit_log.c.action == "daily_records.save"))).scalar_one()
    overlap = await client.put(url, headers=flow.secretary, json={"records": [
        {"worker_id": str(b), "period": "2024-Q1", "absent_days": 3, "longest_absence_streak": 1},  # b: fine
        {"worker_id": str(a), "period": "2024-Q1", "score": "80", "absent_days": 18, "longest_absence_streak": 2}]})
    assert overlap.status_code == 422, overlap.text
    assert overlap.headers["content-type"].startswith("application/problem+json")
    assert [(e["field"], e["code"], e["overlaps"]) for e in overlap.json()["errors"]] == [
        ("records.1.period", "period_overlaps", ["2024-01", "2024-02", "2024-03"])]
    # Inside one request too (either order), and nothing of a refused request is written.
    for records in ([{"worker_id": str(b), "period": "2024-Q2", "absent_days": 1, "longest_absence_streak": 1},
                     {"worker_id": str(b), "period": "2024-05", "absent_days": 1, "longest_absence_streak": 1}],
                    [{"worker_id": str(b), "period": "2024-05", "absent_days": 1, "longest_absence_streak": 1},
                     {"worker_id": str(b), "period": "2024-Q2", "absent_days": 1, "longest_absence_streak": 1}]):
        refused = await client.put(url, headers=flow.secretary, json={"records": records})
        assert refused.status_code == 422
        assert [(e["field"], e["code"]) for e in refused.json()["errors"]] == [("records.1.period", "period_overlaps")]
    assert (await session.execute(select(func.count()).select_from(DailyRecord)
                                  .join(Assessment, Assessment.id == DailyRecord.assessment_id)
                                  .where(Assessment.worker_id == b))).scalar_one() == 0
    assert (await session.execute(select(func.count()).select_from(audit_log)
                                  .where(audit_log.c.action == "daily_records.save"))).scalar_one() == audits
    # Rewriting a period already recorded is no overlap; another worker's quarter neither.
    assert (await client.put(url, headers=flow.secretary, json={"records": [
        {**months[1], "absent_days": 7},
        {"worker_id": str(b), "period": "2024-Q1", "absent_days": 3, "longest_absence_streak": 1}]})).status_code == 200
    flags = (await client.get(f"/v1/cycles/{cycle['id']}/exit-flags", headers=flow.town)).json()
    assert flags == []  # a: 6 + 7 + 6 = 19 days, not 19 + 18


async def test_absences_cannot_exceed_the_days_of_the_period(client, flow):
    cycle, (a,), _ = await listed(flow)
    url = f"/v1/cycles/{cycle['id']}/daily-records"
    refused = await client.put(url, headers=flow.secretary, json={"records": [
        {"worker_id": str(a), "period": "2024-01", "absent_days": 92, "longest_absence_streak": 40},
        {"worker_id": str(a), "period": "2024-02", "absent_days": 30, "longest_absence_streak": 3},   # leap: 29
        {"worker_id": str(a), "period": "2024-Q2", "absent_days": 92, "longest_absence_streak": 92},  # 91 days
        {"worker_id": str(a), "period": "2024-07", "absent_days": 10, "longest_absence_streak": 4,
         "absent_at_start": 5, "absent_at_end": 6},
        {"worker_id": str(a), "period": "2024-08", "absent_days": 6, "longest_absence_streak": 4,
         "absent_at_start": 4, "absent_at_end": 3},
    ]})
    assert refused.status_code == 422, refused.text
    assert sorted((e["field"], e["code"]) for e in refused.json()["errors"]) == [
        ("records.0.absent_days", "exceeds_period_days"), ("records.0.longest_absence_streak", "exceeds_period_days"),
        ("records.1.absent_days", "exceeds_period_days"),
        ("records.2.absent_days", "exceeds_period_days"), ("records.2.longest_absence_streak", "exceeds_period_days"),
        ("records.3.absent_at_end", "exceeds_streak"), ("records.3.absent_at_start", "exceeds_streak"),
        ("records.4.absent_at_end", "edges_exceed_absences")]
    assert all(e["message_zh"] and e["message_en"] for e in refused.json()["errors"])
    # The whole month, the whole (91-day) quarter, and 29 days of a leap February fit.
    assert (await client.put(url, headers=flow.secretary, json={"records": [
        {"worker_id": str(a), "period": "2024-01", "absent_days": 31, "longest_absence_streak": 31,
         "absent_at_start": 31, "absent_at_end": 31},
        {"worker_id": str(a), "period": "2024-02", "absent_days": 29, "longest_absence_streak": 29},
        {"worker_id": str(a), "period": "2024-Q2", "absent_days": 91, "longest_absence_streak": 91},
    ]})).status_code == 200


async def test_an_absence_streak_across_periods_is_counted_whole(client, flow):
    """Absent 20 January to 5 February (17 days): January's streak is 12 and February's 5, neither 15; the
    streak at January's end joined to the one at February's start is."""
    cycle, (a, b, c, d), ids = await listed(flow, 4)
    url = f"/v1/cycles/{cycle['id']}/daily-records"
    records = [
        {"worker_id": str(a), "period": "2024-01", "absent_days": 12, "longest_absence_streak": 12,
         "absent_at_end": 12},
        {"worker_id": str(a), "period": "2024-02", "absent_days": 5, "longest_absence_streak": 5,
         "absent_at_start": 5},
        # b: 10 days at the end of March (the last month of Q1), a whole absent April, 3 days into May: 43 days.
        {"worker_id": str(b), "period": "2024-Q1", "absent_days": 10, "longest_absence_streak": 10,
         "absent_at_end": 10},
        {"worker_id": str(b), "period": "2024-04", "absent_days": 30, "longest_absence_streak": 30},
        {"worker_id": str(b), "period": "2024-05", "absent_days": 3, "longest_absence_streak": 3,
         "absent_at_start": 3},
        # c: 8 + 6 across January and February but 1 + 1 elsewhere: 14, not an exit case.
        {"worker_id": str(c), "period": "2024-01", "absent_days": 9, "longest_absence_streak": 8,
         "absent_at_start": 1, "absent_at_end": 8},
        {"worker_id": str(c), "period": "2024-02", "absent_days": 6, "longest_absence_streak": 6,
         "absent_at_start": 6},
        # d: 10 at January's end and 10 at March's start, but no February recorded: the chain is not assumed.
        {"worker_id": str(d), "period": "2024-01", "absent_days": 10, "longest_absence_streak": 10,
         "absent_at_end": 10},
        {"worker_id": str(d), "period": "2024-03", "absent_days": 10, "longest_absence_streak": 10,
         "absent_at_start": 10},
    ]
    saved = await client.put(url, headers=flow.secretary, json={"records": records})
    assert saved.status_code == 200, saved.text
    flags = (await client.get(f"/v1/cycles/{cycle['id']}/exit-flags", headers=flow.town)).json()
    assert {(f["worker_id"], tuple(f["flags"]), f["absent_days"], f["longest_absence_streak"]) for f in flags} == {
        (str(a), ("absence_consecutive",), 17, 17), (str(b), ("absence_consecutive", "absence_total"), 43, 43)}
    detail = (await client.get(f"/v1/assessments/{ids[0]}", headers=flow.town)).json()
    assert detail["flags"] == ["absence_consecutive"]
    assert [(r["period"], r["absent_at_start"], r["absent_at_end"]) for r in detail["daily_records"]] == [
        ("2024-01", 0, 12), ("2024-02", 5, 0)]
    assert (await client.get(f"/v1/assessments/{ids[2]}", headers=flow.town)).json()["flags"] == []


async def test_satisfaction_votes_are_checked(client, flow):
    _, _, (aid,) = await listed(flow)
    url = f"/v1/assessments/{aid}/satisfaction"
    unknown = await client.put(url, headers=flow.secretary, json={"respondents": 10,
                                                                  "votes": {"great": 5, "satisfied": 5}})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "votes.great"
    # The plan's options in the SPA's words in Chinese, their codes in English.
    assert unknown.json()["errors"][0]["message_zh"] == "选项不在考核方案中（可选：非常满意、满意、基本满意、不满意）"
    assert "very_satisfied" in unknown.json()["errors"][0]["message_en"]
    too_many = await client.put(url, headers=flow.secretary, json={"respondents": 3, "votes": {"satisfied": 5}})
    assert too_many.status_code == 422 and too_many.json()["errors"][0]["code"] == "more_votes_than_respondents"
    both = await client.put(url, headers=flow.secretary, json={"respondents": 3, "votes": {"satisfied": 3},
                                                               "score": "80"})
    assert both.status_code == 422
    assert not re.search(r"[A-Za-z]", both.json()["errors"][0]["message_zh"]), both.json()
    # 2 × 100 + 1 × 60 over 3 votes = 86.666… → 86.67 (half-up).
    ok = await client.put(url, headers=flow.secretary, json={"respondents": 3,
                                                             "votes": {"very_satisfied": 2, "basically_satisfied": 1}})
    assert ok.json()["satisfaction"]["score"] == "86.67"


async def test_tolerance_is_recorded_and_published(client, flow, today):
    _, _, (aid,) = await listed(flow)
    no_reason = await client.put(f"/v1/assessments/{aid}/tolerance", json={}, headers=flow.town)
    assert no_reason.status_code == 422
    recorded = await client.put(f"/v1/assessments/{aid}/tolerance", json={"reason": "防汛抢险中程序瑕疵，已整改"},
                                headers=flow.town)
    assert recorded.status_code == 200 and recorded.json()["tolerance"] is True
    await flow.to_final(aid)
    feed = (await client.get("/v1/results", headers=flow.service)).json()["items"]
    assert feed[0]["tolerance"] is True
    late = await client.put(f"/v1/assessments/{aid}/tolerance", json={"reason": "x"}, headers=flow.town)
    assert late.status_code == 409


async def test_a_township_is_finalized_in_one_go(client, flow, today, session):
    cycle, (_, _, c, _), ids = await listed(flow, 4)
    for aid in ids[:3]:
        assert (await flow.propose(aid)).status_code == 200
    today.today = date(2025, 1, 10)
    for aid in ids[:3]:
        assert (await flow.decide(aid)).status_code == 200
    await client.post(f"/v1/me/assessments/{ids[2]}/objections", json={"reason": "不服"}, headers=flow.worker(c))
    url = f"/v1/cycles/{cycle['id']}/finalization"
    assert (await client.post(url, json={"township_code": "640104001"}, headers=flow.town)).json() == {
        "finalized": []}  # the notice is still running
    today.today = date(2025, 1, 15)
    assert (await client.post(url, json={"township_code": "640104001"}, headers=flow.town2)).status_code == 404
    assert (await client.post(url, json={"township_code": "640104001"}, headers=flow.auditor)).status_code == 403
    issued = flow.tokens.headers("township_officer", "640104001", cred_by="county_admin:640104")
    done = await client.post(url, json={"township_code": "640104001"}, headers=issued)
    assert done.status_code == 200, done.text
    assert sorted(done.json()["finalized"]) == sorted(ids[:2])
    feed = (await client.get("/v1/results", headers=flow.service)).json()["items"]
    assert sorted(i["id"] for i in feed) == sorted(ids[:2]) and {i["revision"] for i in feed} == {1}
    detail = (await client.get(f"/v1/assessments/{ids[0]}", headers=flow.town)).json()
    assert (detail["status"], detail["history"][-1]["action"], detail["finalized_by"]) == (
        "final", "finalize", "township_officer:640104001")
    audited = (await session.execute(select(audit_log.c.entity_id, audit_log.c.after,
                                            audit_log.c.actor_credentials_by).where(
        audit_log.c.action == "assessment.finalize"))).all()
    assert sorted(r.entity_id for r in audited) == sorted(ids[:2])
    # Batch rows keep whose password it was, like single ones (the separation rules read it).
    assert {r.actor_credentials_by for r in audited} == {"county_admin:640104"}
    assert {r.after["result"] for r in audited} == {"competent"}
    assert (await client.post(url, json={"township_code": "640104001"}, headers=flow.town)).json() == {
        "finalized": []}


async def test_many_proposals_are_decided_at_once_under_the_quota(client, flow, today, session):
    cycle, _, ids = await listed(flow, 7)
    for aid in ids[:2]:
        assert (await flow.propose(aid, "优秀")).status_code == 200
    for aid in ids[2:5]:
        assert (await flow.propose(aid, "合格")).status_code == 200
    url = f"/v1/cycles/{cycle['id']}/decisions"
    too_many = await client.post(url, json={"township_code": "640104001", "assessment_ids": ids[:5]},
                                 headers=flow.town)
    assert too_many.status_code == 409
    assert (too_many.json()["count"], too_many.json()["requested"], too_many.json()["limit"]) == (0, 2, 1)
    assert too_many.json()["message_zh"] == "新华街道已确定优秀 0 人，本次又有 2 人，上限为 1 人"
    not_ready = await client.post(url, json={"township_code": "640104001", "assessment_ids": [ids[2], ids[6]]},
                                  headers=flow.town)
    assert not_ready.status_code == 422
    assert [(e["field"], e["code"]) for e in not_ready.json()["errors"]] == [("assessment_ids.1", "wrong_step")]
    assert not_ready.json()["errors"][0]["message_zh"] == "当前状态为“待建议”，需要“待决定”"
    body = {"township_code": "640104001", "assessment_ids": [ids[0], *ids[2:5]]}
    assert (await client.post(url, json=body, headers=flow.town2)).status_code == 404
    assert (await client.post(url, json=body, headers=flow.auditor)).status_code == 403
    assert (await client.post(url, json=body, headers=flow.secretary)).status_code == 404  # not their township
    today.today = date(2025, 2, 1)
    done = await client.post(url, json=body, headers=flow.town)
    assert done.status_code == 200, done.text
    assert (done.json()["notice_from"], done.json()["notice_until"]) == ("2025-02-01", "2025-02-05")
    listed_now = {a["id"]: a for a in (await flow.assessments(cycle["id"])).values()}
    assert [(listed_now[i]["status"], listed_now[i]["result"]) for i in body["assessment_ids"]] == [
        ("notice", "excellent"), ("notice", "competent"), ("notice", "competent"), ("notice", "competent")]
    assert listed_now[ids[2]]["score"] == listed_now[ids[2]]["proposed_score"] == "85.00"  # 0.3×90 + 0.4×85 + 0.3×80
    # The quota is now used up for single decisions too.
    refused = await flow.decide(ids[1])
    assert refused.status_code == 409 and refused.json()["count"] == 1
    detail = (await client.get(f"/v1/assessments/{ids[0]}", headers=flow.town)).json()
    assert detail["history"][-1]["action"] == "decide" and detail["history"][-1]["data"]["batch"] is True
    # Of this cycle's assessments (tests on real connections commit decisions of their own meanwhile).
    audited = (await session.scalars(select(audit_log.c.entity_id).where(
        audit_log.c.action == "assessment.decide", audit_log.c.entity_id.in_(ids)))).all()
    assert sorted(audited) == sorted(body["assessment_ids"])
