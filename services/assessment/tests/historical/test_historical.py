"""Results from before the system (issue 10): entered or imported with their source document, final at once
(no notice), audited, in the results feed marked historical; officers only inside their jurisdiction."""

import io
import uuid

from openpyxl import Workbook, load_workbook

from ..conftest import COMMUNITY, COMMUNITY_OTHER_TOWN

SOURCE = "兴庆区委组织部 兴组通〔2023〕7号"


def fact(worker_id, community=COMMUNITY, name="李四", national_id="640104199001011234"):
    return {"worker_id": str(worker_id), "name": name, "community_code": community, "post": "nx_staff",
            "national_id": national_id, "status": "active", "hired_on": "2015-03-01"}


def sheet(rows) -> bytes:
    book = Workbook()
    book.active.append(["人员ID", "身份证号", "姓名", "年度", "考核结果", "依据文件"])
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


async def test_entered_result_is_final_historical_in_the_feed_and_audited(client, flow, registry_app):
    mine, theirs = uuid.uuid4(), uuid.uuid4()
    registry_app.state.facts = [fact(mine), fact(theirs, COMMUNITY_OTHER_TOWN, "王五", "640104199202021111")]
    body = {"worker_id": str(mine), "year": 2021, "result": "优秀", "source_document": SOURCE}
    entered = await client.post("/v1/historical-results", json=body, headers=flow.town)
    assert entered.status_code == 201, entered.text
    assert entered.json()["result"] == "excellent" and entered.json()["revision"] == 1

    feed = (await client.get("/v1/results?year=2021", headers=flow.service)).json()["items"]
    assert [(i["worker_id"], i["kind"], i["result"], i["historical"], i["source_document"]) for i in feed] == [
        (str(mine), "annual", "excellent", True, SOURCE)]
    # No workflow: the case is final, and proposing/reopening it is refused.
    detail = (await client.get(f"/v1/assessments/{entered.json()['id']}", headers=flow.town)).json()
    assert (detail["status"], detail["historical"], detail["cycle_id"]) == ("final", True, None)
    assert (await client.post(f"/v1/assessments/{entered.json()['id']}/reopening", json={"reason": "x"},
                              headers=flow.town)).status_code == 409
    audit = (await client.get("/v1/audit?entity=assessment", headers=flow.town)).json()
    assert any(e["action"] == "assessment.historical" for e in audit["items"])

    # Twice the same year: 409; this year: 422; another township's worker: 404 (not a hint it exists).
    assert (await client.post("/v1/historical-results", json=body, headers=flow.town)).status_code == 409
    assert (await client.post("/v1/historical-results", json={**body, "year": 2025},
                              headers=flow.town)).status_code == 422
    assert (await client.post("/v1/historical-results", json={**body, "worker_id": str(theirs)},
                              headers=flow.town)).status_code == 404
    # A party secretary may not enter them; a worker sees it among their own assessments.
    assert (await client.post("/v1/historical-results", json={**body, "year": 2020},
                              headers=flow.secretary)).status_code == 403
    own = (await client.get("/v1/me/assessments", headers=flow.worker(mine))).json()
    assert [(a["year"], a["result"], a["historical"]) for a in own] == [(2021, "excellent", True)]

    # A correction is a new revision in the feed (payroll pays the difference as arrears).
    corrected = await client.put(f"/v1/historical-results/{entered.json()['id']}",
                                 json={"result": "合格", "source_document": SOURCE + "（更正）", "reason": "抄录错误"},
                                 headers=flow.town)
    assert corrected.status_code == 200 and corrected.json()["revision"] == 2
    feed = (await client.get("/v1/results?year=2021", headers=flow.service)).json()["items"]
    assert [(i["result"], i["revision"]) for i in feed] == [("excellent", 1), ("competent", 2)]
    assert (await client.put(f"/v1/historical-results/{entered.json()['id']}",
                             json={"result": "合格", "source_document": SOURCE, "reason": "x"},
                             headers=flow.town2)).status_code == 404
    listed = (await client.get("/v1/historical-results", headers=flow.town)).json()
    assert [(r["year"], r["result"]) for r in listed] == [(2021, "competent")]
    assert (await client.get("/v1/historical-results", headers=flow.town2)).json() == []


async def test_a_year_assessed_in_the_system_takes_no_historical_result(client, flow, registry_app):
    worker = uuid.uuid4()
    registry_app.state.facts = [fact(worker)]
    cycle = await flow.open_cycle(2024)
    await flow.add(cycle["id"], [(worker, COMMUNITY)])
    response = await client.post("/v1/historical-results", json={
        "worker_id": str(worker), "year": 2024, "result": "合格", "source_document": SOURCE}, headers=flow.town)
    assert response.status_code == 409 and response.json()["code"] == "assessed_in_system"


async def test_import_reports_every_row_and_writes_only_on_confirm(client, flow, registry_app):
    a, b, outside = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    registry_app.state.facts = [fact(a), fact(b, name="赵六", national_id="64010419850505222X"),
                                fact(outside, COMMUNITY_OTHER_TOWN, "王五", "640104199202021111")]
    template = await client.get("/v1/historical-results/template", headers=flow.town)
    assert template.status_code == 200
    assert [c.value for c in load_workbook(io.BytesIO(template.content)).active[1]][:6] == [
        "人员ID", "身份证号", "姓名", "年度", "考核结果", "依据文件"]
    content = sheet([
        [str(a), None, "李四", 2022, "合格", SOURCE],                 # row 2: valid
        [None, "64010419850505222x", "赵六", "2023年", "基本合格", SOURCE],  # row 3: valid, by national ID
        [str(a), None, "李四", 2022, "优秀", SOURCE],                 # row 4: same worker and year again
        [str(outside), None, "王五", 2022, "合格", SOURCE],           # row 5: outside the jurisdiction
        [str(b), None, "赵六", 2022, "很好", ""],                     # row 6: bad result, no source
        [str(b), None, "钱七", 2021, "合格", SOURCE],                 # row 7: name differs from the registry
    ])
    uploaded = await client.post("/v1/historical-results/imports", headers=flow.town,
                                 files={"file": ("past.xlsx", content, "application/octet-stream")})
    assert uploaded.status_code == 201, uploaded.text
    report = uploaded.json()
    codes = {r["row"]: (r["status"], sorted(e["code"] for e in r["errors"])) for r in report["rows"]}
    assert codes == {2: ("valid", []), 3: ("valid", []), 4: ("invalid", ["duplicate_row"]),
                     5: ("invalid", ["worker_not_found"]), 6: ("invalid", ["bad_result", "source_missing"]),
                     7: ("invalid", ["name_mismatch"])}
    assert (report["valid"], report["invalid"], report["state"]) == (2, 4, "validated")
    # Nothing written before confirm.
    assert (await client.get("/v1/results", headers=flow.service)).json()["items"] == []
    assert (await client.get(f"/v1/historical-results/imports/{report['id']}", headers=flow.town2)).status_code == 404
    assert (await client.post(f"/v1/historical-results/imports/{report['id']}/confirm",
                              headers=flow.town2)).status_code == 404

    confirmed = await client.post(f"/v1/historical-results/imports/{report['id']}/confirm", headers=flow.town)
    assert confirmed.status_code == 200, confirmed.text
    assert (confirmed.json()["state"], confirmed.json()["imported"]) == ("confirmed", 2)
    feed = (await client.get("/v1/results", headers=flow.service)).json()["items"]
    assert sorted((i["worker_id"], i["year"], i["result"], i["historical"]) for i in feed) == sorted([
        (str(a), 2022, "competent", True), (str(b), 2023, "basically_competent", True)])
    assert (await client.post(f"/v1/historical-results/imports/{report['id']}/confirm",
                              headers=flow.town)).status_code == 409


async def test_a_year_the_worker_was_not_employed_takes_no_result(client, flow, registry_app):
    """Hired 2024-05: two 不合格 entered for 2022 and 2023 would raise the two-consecutive-不合格 exit flag and cost
    NX seniority for years the worker never served."""
    hired_2024 = uuid.uuid4()
    registry_app.state.facts = [{**fact(hired_2024), "hired_on": "2024-05-06",
                                 "service_periods": [{"community_code": COMMUNITY, "start": "2024-05-06", "end": None}],
                                 "status_history": [{"status": "probation", "from": "2024-05-06", "to": None}]}]
    body = {"worker_id": str(hired_2024), "result": "不合格", "source_document": SOURCE}
    for year in (2022, 2023):
        refused = await client.post("/v1/historical-results", json={**body, "year": year}, headers=flow.town)
        assert refused.status_code == 422, refused.text
        assert refused.json()["code"] == "not_employed_that_year"
        assert [(e["field"], e["code"]) for e in refused.json()["errors"]] == [("year", "not_employed_that_year")]
        assert refused.headers["content-type"].startswith("application/problem+json")
    # A year after the current one (2025-01-10) is refused too; the year of the hire is entered.
    future = await client.post("/v1/historical-results", json={**body, "year": 2026}, headers=flow.town)
    assert future.status_code == 422 and {e["field"] for e in future.json()["errors"]} == {"year"}
    assert (await client.post("/v1/historical-results", json={**body, "year": 2024},
                              headers=flow.town)).status_code == 201
    feed = (await client.get("/v1/results", headers=flow.service)).json()["items"]
    assert [(i["worker_id"], i["year"]) for i in feed] == [(str(hired_2024), 2024)]


async def test_a_rehired_workers_earlier_contract_counts_and_the_break_does_not(client, flow, registry_app):
    rehired = uuid.uuid4()
    registry_app.state.facts = [{
        **fact(rehired), "hired_on": "2021-03-01",
        "status_history": [{"status": "active", "from": "2015-03-01", "to": "2018-06-30"},
                           {"status": "resigned", "from": "2018-07-01", "to": "2021-02-28"},
                           {"status": "active", "from": "2021-03-01", "to": None}],
        "service_periods": [{"community_code": COMMUNITY, "start": "2015-03-01", "end": "2018-06-30"},
                            {"community_code": COMMUNITY, "start": "2021-03-01", "end": None}]}]
    body = {"worker_id": str(rehired), "result": "合格", "source_document": SOURCE}
    for year, status in ((2014, 422), (2015, 201), (2018, 201), (2019, 422), (2020, 422), (2021, 201)):
        response = await client.post("/v1/historical-results", json={**body, "year": year}, headers=flow.town)
        assert response.status_code == status, (year, response.text)


async def test_import_refuses_rows_of_years_the_worker_was_not_employed(client, flow, registry_app):
    a, b = uuid.uuid4(), uuid.uuid4()
    registry_app.state.facts = [{**fact(a), "hired_on": "2024-05-06"},
                                fact(b, name="赵六", national_id="64010419850505222X")]
    content = sheet([
        [str(a), None, "李四", 2022, "不合格", SOURCE],   # row 2: before the hire
        [str(a), None, "李四", 2023, "不合格", SOURCE],   # row 3: before the hire
        [str(a), None, "李四", 2024, "合格", SOURCE],     # row 4: the year of the hire
        [str(b), None, "赵六", 2023, "合格", SOURCE],     # row 5: employed since 2015
    ])
    uploaded = await client.post("/v1/historical-results/imports", headers=flow.town,
                                 files={"file": ("past.xlsx", content, "application/octet-stream")})
    assert uploaded.status_code == 201, uploaded.text
    report = uploaded.json()
    codes = {r["row"]: (r["status"], [(e["field"], e["code"]) for e in r["errors"]]) for r in report["rows"]}
    assert codes == {2: ("invalid", [("year", "not_employed_that_year")]),
                     3: ("invalid", [("year", "not_employed_that_year")]),
                     4: ("valid", []), 5: ("valid", [])}
    assert (await client.get("/v1/results", headers=flow.service)).json()["items"] == []

    # Checked again on confirm: the registry has since corrected b's hire date to 2024.
    registry_app.state.facts = [{**fact(a), "hired_on": "2024-05-06"},
                                {**fact(b, name="赵六", national_id="64010419850505222X"), "hired_on": "2024-01-02"}]
    confirmed = await client.post(f"/v1/historical-results/imports/{report['id']}/confirm", headers=flow.town)
    assert confirmed.status_code == 200, confirmed.text
    rows = {r["row"]: (r["status"], [e["code"] for e in r["errors"]]) for r in confirmed.json()["rows"]}
    assert rows[4] == ("imported", []) and rows[5] == ("skipped", ["not_employed_that_year"])
    feed = (await client.get("/v1/results", headers=flow.service)).json()["items"]
    assert [(i["worker_id"], i["year"]) for i in feed] == [(str(a), 2024)]
