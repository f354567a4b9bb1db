"""Issue 13: the party secretary's filing with the county (SS: district) organisation department."""

from datetime import timedelta

from cwm_kit.dates import today_in_china

from registry.seed import seed_regions

from ..quota.factories import make_worker


async def test_a_secretary_without_a_filing_is_flagged_until_filed(client, session, tokens):
    await seed_regions(session)
    secretary = await make_worker(session, "640104001001", post="nx_head", head_role="secretary", name="书记甲")
    await make_worker(session, "640104001002", post="nx_head", head_role="director", name="主任乙")
    await make_worker(session, "640104001001", name="干事丙")
    headers = tokens.headers("township_officer", "640104001")
    flags = (await client.get("/v1/flags?kind=secretary_not_filed", headers=headers)).json()["items"]
    assert [(f["name"], f["details"]["filing_body"]) for f in flags] == [("书记甲", "县级党委组织部")]
    filed = await client.post("/v1/secretary-filings", json={"worker_id": str(secretary.id), "filed_on": "2026-03-01",
                                                             "filing_body": "兴庆区委组织部", "reference": "兴组备〔2026〕3号"},
                              headers=headers)
    assert filed.status_code == 201, filed.text
    assert (await client.get("/v1/flags?kind=secretary_not_filed", headers=headers)).json()["items"] == []
    listed = (await client.get(f"/v1/secretary-filings?worker_id={secretary.id}", headers=headers)).json()
    assert [f["reference"] for f in listed] == ["兴组备〔2026〕3号"]
    other = tokens.headers("township_officer", "640104002")
    assert (await client.post("/v1/secretary-filings", json={"worker_id": str(secretary.id), "filed_on": "2026-03-01",
                                                             "filing_body": "兴庆区委组织部"},
                              headers=other)).status_code == 404
    assert (await client.get("/v1/secretary-filings", headers=other)).json() == []


async def test_songshan_files_with_the_district_and_an_earlier_filing_does_not_count(client, session, tokens):
    await seed_regions(session)
    await make_worker(session, "150404001001", post="ss_head", head_role="both", yijiantiao=True, name="松山书记")
    im = (await client.get("/v1/flags?kind=secretary_not_filed", headers=tokens.headers("provincial_admin", "15"))).json()
    assert [(f["name"], f["details"]["filing_body"]) for f in im["items"]] == [("松山书记", "区委组织部")]
    # A filing dated before the secretary took the post (2020-03-01) is not this secretary's filing.
    worker_id = im["items"][0]["worker_id"]
    town = tokens.headers("township_officer", "150404001")
    assert (await client.post("/v1/secretary-filings", json={"worker_id": worker_id, "filed_on": "2019-05-01",
                                                             "filing_body": "松山区委组织部"},
                              headers=town)).status_code == 201
    assert len((await client.get("/v1/flags?kind=secretary_not_filed", headers=town)).json()["items"]) == 1


async def test_a_filing_dated_after_today_is_refused(client, session, tokens):
    """A filing is recorded once made: one dated after today would clear the secretary_not_filed flag in advance.
    422 naming filed_on; today is accepted and the answer names the secretary."""
    await seed_regions(session)
    secretary = await make_worker(session, "640104001001", post="nx_head", head_role="secretary", name="书记丁")
    headers = tokens.headers("township_officer", "640104001")
    today = today_in_china()
    body = {"worker_id": str(secretary.id), "filing_body": "兴庆区委组织部"}
    refused = await client.post("/v1/secretary-filings", headers=headers,
                                json={**body, "filed_on": (today + timedelta(days=1)).isoformat()})
    assert refused.status_code == 422
    assert [(e["field"], e["code"]) for e in refused.json()["errors"]] == [("filed_on", "date_in_future")]
    assert [f["name"] for f in (await client.get("/v1/flags?kind=secretary_not_filed", headers=headers)).json()[
        "items"]] == ["书记丁"]
    filed = await client.post("/v1/secretary-filings", headers=headers, json={**body, "filed_on": today.isoformat()})
    assert filed.status_code == 201 and filed.json()["worker_name"] == "书记丁"
