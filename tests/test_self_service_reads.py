"""The workers' own reads as the mobile app makes them, through the gateway to the real service processes, where a
current stored answer is sent before the routing (ADR 0011, `cwm_kit.ready.ReadyAnswerFastPath`): an answer sent
again is the route's answer byte for byte, follows an officer's write at once, and is refused to a session that has
ended like every other request."""

from __future__ import annotations

import time

import httpx

READS = ("/registry/v1/me", "/payroll/v1/me/payslips", "/payroll/v1/me/grade", "/assessment/v1/me/assessments")


def test_each_read_sent_again_is_the_same_answer_and_a_304_when_unchanged(stack):
    worker = stack.headers("xq_worker")
    with httpx.Client(base_url=f"{stack.gateway}/api", headers=worker, timeout=30) as client:
        for path in READS:
            first, again = client.get(path), client.get(path)
            assert first.status_code == again.status_code == 200, (path, first.text)
            assert again.content == first.content and again.headers["etag"] == first.headers["etag"], path
            unchanged = client.get(path, headers={"If-None-Match": first.headers["etag"]})
            assert unchanged.status_code == 304 and unchanged.content == b"", path
        # What the stored answers do not take is still the route's to answer (and refuse).
        bad_month = client.get("/payroll/v1/me/grade", params={"month": "2026-13"})
        assert bad_month.status_code == 422 and bad_month.headers["content-type"] == "application/problem+json"
        assert client.get("/payroll/v1/me/payslips/2026-13").status_code == 422


def test_an_officers_write_is_in_the_workers_next_read(stack):
    worker, town = stack.headers("xq_worker"), stack.headers("xq_town")
    with httpx.Client(base_url=f"{stack.gateway}/api/registry/v1", timeout=30) as client:
        me = client.get("/me", headers=worker)
        assert client.get("/me", headers=worker).content == me.content  # stored
        worker_id, before = me.json()["worker"]["id"], me.json()["worker"]["political_status"]
        try:
            for status in ("共青团员", "中共党员"):
                current = client.get(f"/workers/{worker_id}", headers=town)
                changed = client.patch(f"/workers/{worker_id}", headers={**town, "If-Match": current.headers["etag"]},
                                       json={"political_status": status})
                assert changed.status_code == 200, changed.text
                assert client.get("/me", headers=worker).json()["worker"]["political_status"] == status
        finally:
            current = client.get(f"/workers/{worker_id}", headers=town)
            client.patch(f"/workers/{worker_id}", headers={**town, "If-Match": current.headers["etag"]},
                         json={"political_status": before})


def test_a_stored_answer_is_refused_to_a_session_that_ended(stack):
    """The registry refuses at once (its own list); payroll and assessment within a minute (ADR 0004), though each
    of their reads has an answer stored for this very caller."""
    tokens = stack.login("xq_worker")
    bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
    for path in READS:
        for _ in range(2):
            assert httpx.get(f"{stack.gateway}/api{path}", headers=bearer, timeout=30).status_code == 200, path
    out = httpx.post(f"{stack.gateway}/api/auth/logout", json={"refresh_token": tokens["refresh_token"]})
    assert out.status_code == 204, out.text
    registry = httpx.get(f"{stack.gateway}/api/registry/v1/me", headers=bearer)
    assert registry.status_code == 401 and registry.json()["code"] == "session_revoked"
    started = time.monotonic()
    for path in READS[1:]:
        while True:
            answers = [httpx.get(f"{stack.gateway}/api{path}", headers=bearer, timeout=30) for _ in range(4)]
            if all(a.status_code == 401 for a in answers):
                assert all(a.json()["code"] == "session_revoked" for a in answers)
                break
            assert time.monotonic() - started < 60, f"{path} still answered the ended session"
            time.sleep(2)
