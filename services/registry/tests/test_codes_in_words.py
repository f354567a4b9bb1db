"""Messages name posts, statuses and roles in words (Chinese in message_zh, English in message_en), not by their
codes: a township officer reads 「辞职」, not `resigned`."""

import re

from sqlalchemy import update

from registry.seed import seed_regions
from registry.workers.models import Worker

from .quota.factories import make_worker
from .workers.helpers import worker_body

CODE = re.compile(r"[a-z]+_[a-z_]+|\b(resigned|active|probation)\b")


async def test_a_secondment_names_the_status_in_words(client, session, tokens):
    await seed_regions(session)
    worker = await make_worker(session, "640104001001")
    await session.execute(update(Worker).where(Worker.id == worker.id).values(status="resigned"))
    response = await client.post("/v1/secondments", json={
        "worker_id": str(worker.id), "start_date": "2026-03-01", "end_date": "2026-05-31", "borrower": "新华街道办事处",
        "borrower_level": "township", "approving_department": "兴庆区委社会工作部", "approval_reference": "兴社工〔2026〕3号"},
        headers=tokens.headers("township_officer", "640104001"))
    error = next(e for e in response.json()["errors"] if e["code"] == "secondment_worker_not_in_post")
    assert error["message_zh"] == "该工作者当前状态为「辞职」，不在岗"
    assert error["message_en"] == "the worker is resigned, not in post"


async def test_a_post_outside_the_catalogue_lists_the_posts_by_name(client, session, tokens):
    await seed_regions(session)
    response = await client.post("/v1/workers", json=worker_body(post="ss_staff"),
                                 headers=tokens.headers("township_officer", "640104001"))
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["code"] == "post_not_in_catalogue"
    # The name first; the code, which the spreadsheet's 岗位代码 column takes, in brackets.
    assert "两委正职（nx_head）" in error["message_zh"] and "专职工作人员（nx_staff）" in error["message_zh"]
    assert CODE.search(re.sub(r"（[a-z_]+）", "", error["message_zh"])) is None
    assert "committee head (secretary / director) (nx_head)" in error["message_en"]


async def test_an_account_refusal_names_the_role_in_words(client, session, tokens):
    await seed_regions(session)
    county = tokens.headers("county_officer", "640104")
    above = await client.post("/v1/accounts", json={"username": "new_city", "display_name": "新任", "role": "city_officer",
                                                    "jurisdiction": "640104"}, headers=county)
    assert above.status_code == 403, above.text
    assert above.json()["message_zh"] == "不能授予高于自身的角色「市级管理员」"
    assert above.json()["message_en"] == "cannot grant the role of city officer, above one's own"
    wrong = await client.post("/v1/accounts", json={"username": "new_town", "display_name": "新任",
                                                    "role": "township_officer", "jurisdiction": "640104"}, headers=county)
    assert wrong.status_code == 422, wrong.text
    assert wrong.json()["errors"][0]["message_zh"] == "角色「街道人事专员」的管辖范围应为 9 位区划代码"
    assert CODE.search(wrong.json()["errors"][0]["message_zh"]) is None
