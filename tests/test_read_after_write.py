"""Acknowledge only what is committed, checked against the real processes behind the gateway."""

from __future__ import annotations

import asyncio
from datetime import date

import asyncpg
import httpx
from registry.workers import national_id


def _worker(sequence: int, name: str = "读后写") -> dict:
    return {
        "name": name, "national_id": national_id.make("640104", date(1991, 3, 9), sequence),
        "ethnicity": "汉族", "political_status": "群众", "phone": "13912345678",
        "community_code": "640104001001", "post": "nx_staff", "hired_on": "2025-03-01",
        "contract_term_years": 3,
        "education": [{"level": "benke", "institution": "宁夏大学", "graduated_on": "2012-07-01"}],
    }


def _registry_dsn(stack) -> str:
    base, _, _ = stack.config.admin_url.rpartition("/")
    return f"{base}/{stack.config.db_name('registry')}"


def test_a_created_worker_is_readable_by_the_very_next_request_in_every_service(stack):
    headers = stack.headers("xq_town")
    with httpx.Client(base_url=f"{stack.gateway}/api", headers=headers, timeout=30) as client:
        for sequence in range(701, 711):
            created = client.post("/registry/v1/workers", json=_worker(sequence))
            assert created.status_code == 201, created.text
            worker_id = created.json()["id"]
            assert client.get(f"/registry/v1/workers/{worker_id}").status_code == 200
        grade = client.get(f"/payroll/v1/workers/{worker_id}/grade")
        assert grade.status_code == 200, grade.text


def test_a_commit_refused_by_the_database_answers_a_problem_and_nothing_is_kept(stack):
    """A deferred constraint fails only at COMMIT: the client must not have been told 201."""
    dsn = _registry_dsn(stack)
    refused = national_id.make("640104", date(1991, 3, 9), 733)

    async def install() -> None:
        connection = await asyncpg.connect(dsn)
        try:
            await connection.execute(f"""
                CREATE FUNCTION test_refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF NEW.national_id = '{refused}' THEN
                    RAISE EXCEPTION 'refused at commit' USING ERRCODE = 'check_violation';
                  END IF;
                  RETURN NULL;
                END $$;
                CREATE CONSTRAINT TRIGGER test_refuse_at_commit AFTER INSERT ON worker
                  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION test_refuse_at_commit();
            """)
        finally:
            await connection.close()

    async def remove() -> None:
        connection = await asyncpg.connect(dsn)
        try:
            await connection.execute("DROP TRIGGER IF EXISTS test_refuse_at_commit ON worker;"
                                     "DROP FUNCTION IF EXISTS test_refuse_at_commit();")
        finally:
            await connection.close()

    async def kept() -> tuple[int, int]:
        connection = await asyncpg.connect(dsn)
        try:
            workers = await connection.fetchval("SELECT count(*) FROM worker WHERE national_id = $1", refused)
            audits = await connection.fetchval(
                "SELECT count(*) FROM audit_log WHERE after::text LIKE '%' || $1 || '%'", refused)
            return workers, audits
        finally:
            await connection.close()

    asyncio.run(install())
    try:
        response = httpx.post(f"{stack.gateway}/api/registry/v1/workers", json=_worker(733, "提交失败"),
                              headers=stack.headers("xq_town"), timeout=30)
        assert response.status_code == 409, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["code"] == "integrity_conflict"
        assert asyncio.run(kept()) == (0, 0)
    finally:
        asyncio.run(remove())
