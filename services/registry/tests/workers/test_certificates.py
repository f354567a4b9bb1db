"""A worker's certificate is recorded once per level and approval date (outside audit: two identical POSTs made
two certificates, and certificates drive an allowance)."""

from sqlalchemy import func, select

from registry.models import audit_log
from registry.workers.models import CertificateRecord

from .helpers import create_worker, regions, worker_body

TOWN = ("township_officer", "640104001")


async def test_the_same_certificate_twice_is_refused_with_409(client, session, tokens):
    await regions(session)
    worker = await create_worker(client, tokens)
    url = f"/v1/workers/{worker['id']}/certificates"
    headers = tokens.headers(*TOWN)
    certificate = {"level": "social_worker", "approved_on": "2023-06-10"}
    assert (await client.post(url, headers=headers, json=certificate)).status_code == 201
    again = await client.post(url, headers=headers, json=certificate)
    assert again.status_code == 409 and again.headers["content-type"].startswith("application/problem+json")
    problem = again.json()
    assert problem["code"] == "certificate_exists"
    assert problem["message_zh"] == "该社区工作者已登记 2023-06-10 批准的社会工作师证书"
    assert problem["message_en"] == "the worker already has the social worker certificate approved on 2023-06-10"
    assert [e["field"] for e in problem["errors"]] == ["approved_on"]
    # Another level the same day, or the same level another day, is another certificate.
    assert (await client.post(url, headers=headers, json={**certificate, "level": "assistant_social_worker"})
            ).status_code == 201
    assert (await client.post(url, headers=headers, json={**certificate, "approved_on": "2023-06-11"})
            ).status_code == 201
    listed = (await client.get(url, headers=headers)).json()
    assert sorted((c["level"], c["approved_on"]) for c in listed) == [
        ("assistant_social_worker", "2023-06-10"), ("social_worker", "2023-06-10"), ("social_worker", "2023-06-11")]
    added = await session.scalar(select(func.count()).select_from(audit_log).where(
        audit_log.c.worker_id == worker["id"], audit_log.c.action == "worker.certificate.add"))
    assert added == 3


async def test_a_new_worker_with_the_same_certificate_twice_is_refused(client, session, tokens):
    await regions(session)
    twice = [{"level": "social_worker", "approved_on": "2023-06-10"}] * 2
    refused = await client.post("/v1/workers", headers=tokens.headers(*TOWN), json=worker_body(certificates=twice))
    assert refused.status_code == 422
    [error] = refused.json()["errors"]
    assert error["field"] == "certificates" and error["message_zh"] == "同一等级、同一批准日期的证书重复"
    assert await session.scalar(select(func.count()).select_from(CertificateRecord)) == 0
