import io
from datetime import date

from openpyxl import load_workbook
from sqlalchemy import func, select

from cwm_kit.testing import statements

from registry.workers.models import Worker

from tests.workers.helpers import create_worker, nid, regions

TOWN = ("township_officer", "640104001")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def _template(client, tokens):
    response = await client.get("/v1/imports/template", headers=tokens.headers(*TOWN))
    assert response.status_code == 200 and response.headers["content-type"] == XLSX
    return load_workbook(io.BytesIO(response.content))


def _fill(workbook, rows: list[dict]) -> bytes:
    sheet = workbook["workers"]
    keys = [str(c.value).rsplit("(", 1)[1].rstrip(")") for c in sheet[1]]
    for offset, row in enumerate(rows, start=2):
        for column, key in enumerate(keys, start=1):
            sheet.cell(row=offset, column=column, value=row.get(key))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def _upload(client, tokens, content: bytes, who=TOWN):
    return await client.post("/v1/imports", headers=tokens.headers(*who),
                             files={"file": ("workers.xlsx", content, XLSX)})


async def _count(session) -> int:
    return await session.scalar(select(func.count()).select_from(Worker))


async def test_report_confirm_and_reimport_without_duplicates(client, session, tokens):
    await regions(session)
    existing = await create_worker(client, tokens, national_id=nid(sequence=401), name="老员工")
    unchanged = await create_worker(client, tokens, national_id=nid(sequence=403), name="不变")
    good_id = nid(date(1993, 3, 3), 405)
    bad_check = good_id[:-1] + ("1" if good_id[-1] != "1" else "2")
    base = {"community_code": "640104001001", "post": "nx_staff", "hired_on": "2023-04-01", "contract_term_years": 3}
    rows = [
        {**base, "name": "新人", "national_id": good_id, "education_level": "benke", "graduated_on": "2015-07-01",
         "yijiantiao": "否"},                                                                      # row 2: create
        {**base, "name": "校验错", "national_id": bad_check},                                       # row 3
        {**base, "name": "岗位错", "national_id": nid(sequence=407), "post": "ss_staff", "phone": "12345"},  # row 4
        {**base, "name": "外街道", "national_id": nid(sequence=409), "community_code": "640104002001"},  # row 5
        {**base, "name": "重复", "national_id": good_id},                                           # row 6
        {**base, "name": "老员工", "national_id": existing["national_id"], "phone": "13700009999",
         "certificate_level": "assistant_social_worker", "certificate_approved_on": "2024-05-01"},  # row 7: update
        {**base, "name": "不变", "national_id": unchanged["national_id"]},                          # row 8: unchanged
        {**base, "name": "缺日期", "national_id": nid(sequence=411), "education_level": "dazhuan"},  # row 9
        {**base, "name": "一肩挑错", "national_id": nid(sequence=413), "yijiantiao": "是"},           # row 10
        {**base, "name": "数字身份证", "national_id": 640104199303034150},                            # row 11
    ]
    content = _fill(await _template(client, tokens), rows)
    before = await _count(session)
    uploaded = await _upload(client, tokens, content)
    assert uploaded.status_code == 201, uploaded.text
    report = uploaded.json()
    assert (report["row_count"], report["valid_count"], report["invalid_count"]) == (10, 3, 7)
    by_row = {r["row_number"]: r for r in report["rows"]}
    assert by_row[2]["outcome"] == "create" and by_row[7]["outcome"] == "update" and by_row[8]["outcome"] == "unchanged"
    fields = {n: {e["field"] for e in by_row[n]["errors"]} for n in by_row}
    assert fields[3] == {"national_id"} and "ISO 7064" in by_row[3]["errors"][0]["message_en"]
    assert by_row[3]["errors"][0]["message_zh"] == "身份证号校验码错误（GB 11643，ISO 7064 MOD 11-2）"
    assert fields[4] == {"post", "phone"}
    assert fields[5] == {"community_code"} and by_row[5]["errors"][0]["code"] == "outside_jurisdiction"
    assert fields[6] == {"national_id"} and by_row[6]["errors"][0]["code"] == "duplicate_in_file"
    assert fields[9] == {"graduated_on"}
    assert fields[10] == {"yijiantiao"}
    assert [e["code"] for e in by_row[11]["errors"]] == ["national_id_not_text"]
    assert all(e["message_zh"] and e["message_en"] for r in report["rows"] for e in r["errors"])
    assert by_row[2]["national_id"].count("*") == 10
    assert await _count(session) == before  # nothing written yet

    confirmed = await client.post(f"/v1/imports/{report['id']}/confirm", headers=tokens.headers(*TOWN))
    assert confirmed.status_code == 200, confirmed.text
    outcome = {r["row_number"]: r["outcome"] for r in confirmed.json()["rows"]}
    assert (outcome[2], outcome[7], outcome[8], outcome[3]) == ("created", "updated", "unchanged", "invalid")
    assert confirmed.json()["counts"] == {"created": 1, "updated": 1, "unchanged": 1, "invalid": 7}
    assert await _count(session) == before + 1
    updated = (await client.get(f"/v1/workers/{existing['id']}", headers=tokens.headers(*TOWN))).json()
    assert updated["phone"] == "13700009999" and updated["certificate_level"] == "assistant_social_worker"
    assert updated["version"] > existing["version"]
    again = await client.post(f"/v1/imports/{report['id']}/confirm", headers=tokens.headers(*TOWN))
    assert again.status_code == 409

    # The same file again: everybody known, nothing duplicated.
    second = (await _upload(client, tokens, content)).json()
    plan = {r["row_number"]: r["outcome"] for r in second["rows"]}
    assert (plan[2], plan[7], plan[8]) == ("unchanged", "unchanged", "unchanged")
    done = await client.post(f"/v1/imports/{second['id']}/confirm", headers=tokens.headers(*TOWN))
    assert done.json()["counts"].get("created", 0) == 0
    assert await _count(session) == before + 1


async def test_import_access(client, session, tokens):
    await regions(session)
    content = _fill(await _template(client, tokens), [{
        "name": "新人", "national_id": nid(sequence=501), "community_code": "640104001001", "post": "nx_staff",
        "hired_on": "2023-04-01", "contract_term_years": 3}])
    assert (await _upload(client, tokens, content, ("auditor", "640104"))).status_code == 403
    uploaded = (await _upload(client, tokens, content)).json()
    other = tokens.headers("township_officer", "640104002")
    assert (await client.get(f"/v1/imports/{uploaded['id']}", headers=other)).status_code == 404
    assert (await client.post(f"/v1/imports/{uploaded['id']}/confirm", headers=other)).status_code == 404
    auditor = tokens.headers("auditor", "640104")
    assert (await client.post(f"/v1/imports/{uploaded['id']}/confirm", headers=auditor)).status_code == 403
    county = tokens.headers("county_officer", "640104")
    assert (await client.get(f"/v1/imports/{uploaded['id']}", headers=county)).status_code == 200
    junk = await client.post("/v1/imports", headers=tokens.headers(*TOWN),
                             files={"file": ("x.xlsx", b"not a workbook", XLSX)})
    assert junk.status_code == 422 and junk.json()["errors"][0]["field"] == "file"


async def test_export_masked_per_role_and_scoped(client, session, tokens):
    await regions(session)
    worker = await create_worker(client, tokens)
    number = worker["national_id"]

    async def sheet_rows(role, jurisdiction, query=""):
        response = await client.get(f"/v1/workers/export{query}", headers=tokens.headers(role, jurisdiction))
        assert response.status_code == 200, response.text
        sheet = load_workbook(io.BytesIO(response.content))["workers"]
        return [row for row in sheet.iter_rows(min_row=2, values_only=True)]

    [town_row] = await sheet_rows(*TOWN)
    assert town_row[1] == number and town_row[6] == "13812345678"
    [county_row] = await sheet_rows("county_officer", "640104")
    assert county_row[1] == number[:4] + "*" * 10 + number[-4:] and county_row[6] == "138****5678"
    assert await sheet_rows("township_officer", "640104002") == []
    assert (await client.get("/v1/workers/export?region=640104001",
                             headers=tokens.headers("township_officer", "640104002"))).status_code == 404
    assert await sheet_rows(*TOWN, query="?post=nx_head") == []
    assert (await client.get("/v1/workers/export", headers=tokens.headers("worker", "640104001001",
                                                                          worker_id=worker["id"]))).status_code == 403


async def test_bank_accounts_are_imported_and_updated_like_other_facts(client, session, tokens):
    await regions(session)
    existing = await create_worker(client, tokens, national_id=nid(sequence=471), name="改账号")
    base = {"community_code": "640104001001", "post": "nx_staff", "hired_on": "2023-04-01", "contract_term_years": 3}
    new_id = nid(date(1994, 4, 4), 473)
    content = _fill(await _template(client, tokens), [
        {**base, "name": "带账号", "national_id": new_id, "bank_name": "中国农业银行", "bank_branch": "银川兴庆支行",
         "bank_account": "6228 4804 0256 4890 018"},                                       # row 2: create, spaces dropped
        {**base, "name": "改账号", "national_id": existing["national_id"], "bank_name": "宁夏银行",
         "bank_branch": "兴庆支行", "bank_account": "6229990000111122223"},                   # row 3: update
        {**base, "name": "坏账号", "national_id": nid(sequence=475), "bank_account": "12ab"},   # row 4: invalid
        {**base, "name": "数字账号", "national_id": nid(sequence=477), "bank_account": 6228480402564890},  # row 5
    ])
    report = (await _upload(client, tokens, content)).json()
    by_row = {r["row_number"]: r for r in report["rows"]}
    assert by_row[2]["outcome"] == "create" and by_row[3]["outcome"] == "update", report
    assert [e["field"] for e in by_row[4]["errors"]] == ["bank_account"]
    assert [e["code"] for e in by_row[5]["errors"]] == ["bank_account_not_text"]
    confirmed = await client.post(f"/v1/imports/{report['id']}/confirm", headers=tokens.headers(*TOWN))
    assert confirmed.status_code == 200, confirmed.text
    created = await session.scalar(select(Worker).where(Worker.national_id == new_id))
    assert (created.bank_name, created.bank_branch, created.bank_account) == (
        "中国农业银行", "银川兴庆支行", "6228480402564890018")
    updated = await session.scalar(select(Worker).where(Worker.national_id == existing["national_id"]))
    await session.refresh(updated)
    assert (updated.bank_name, updated.bank_account) == ("宁夏银行", "6229990000111122223")
    # The township officer sees the account in full; the county officer sees it masked, like the ID number.
    county = await client.get(f"/v1/workers/{updated.id}", headers=tokens.headers("county_officer", "640104"))
    assert county.json()["bank_account"] != "6229990000111122223"
    assert county.json()["bank_account"].endswith("2223")


async def test_only_hr_officers_confirm_an_import_even_one_that_only_updates(client, session, tokens):
    """Confirming an import creates and changes worker records: a party secretary's file that only updates an
    existing worker (the record-keeper check used to sit after create_many's early return) is refused, nothing
    changed."""
    await regions(session)
    existing = await create_worker(client, tokens, national_id=nid(sequence=481), name="原名")
    row = {"community_code": "640104001001", "post": "nx_staff", "hired_on": "2023-04-01", "contract_term_years": 3,
           "name": "改名", "national_id": existing["national_id"]}
    secretary = ("party_secretary", "640104001001")
    report = (await _upload(client, tokens, _fill(await _template(client, tokens), [row]), who=secretary)).json()
    assert report["rows"][0]["outcome"] == "update", report
    refused = await client.post(f"/v1/imports/{report['id']}/confirm", headers=tokens.headers(*secretary))
    assert refused.status_code == 403, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    worker = await session.scalar(select(Worker).where(Worker.national_id == existing["national_id"]))
    await session.refresh(worker)
    assert worker.name == "原名"


async def test_an_upload_reads_the_communities_and_the_catalogue_once(client, session, tokens):
    """A valid row (registration's checks) and a row failing validation (its place and post still checked) need
    the same communities and post catalogue: one upload reads each once."""
    await regions(session)
    base = {"community_code": "640104001001", "post": "nx_staff", "hired_on": "2023-04-01", "contract_term_years": 3}
    content = _fill(await _template(client, tokens), [
        {**base, "name": "新人", "national_id": nid(sequence=601)},
        {**base, "name": "岗位错", "national_id": nid(sequence=603), "post": "ss_staff", "phone": "12345"}])
    with statements(session) as sent:
        uploaded = await _upload(client, tokens, content)
    assert uploaded.status_code == 201, uploaded.text
    by_row = {r["row_number"]: r for r in uploaded.json()["rows"]}
    assert by_row[2]["outcome"] == "create"
    assert {e["field"] for e in by_row[3]["errors"]} == {"post", "phone"}  # the place checked all the same
    catalogue = [s for s in sent if "FROM post_definition ORDER BY" in " ".join(s.split())]
    communities = [s for s in sent if "FROM region WHERE region.code IN" in " ".join(s.split())]
    assert (len(catalogue), len(communities)) == (1, 1), "\n\n".join(sent)
