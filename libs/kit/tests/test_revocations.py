"""The revocation list every service keeps: fetched, cached at most max_age, kept when the registry is down."""

from __future__ import annotations

import httpx

from cwm_kit.tokens import RevocationList


async def test_fetched_cached_refreshed_and_kept_through_an_outage(monkeypatch):
    answers = [["s1"], ["s1", "s2"], None]
    calls: list[int] = []

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        sids = answers[min(len(calls) - 1, len(answers) - 1)]
        return httpx.Response(503) if sids is None else httpx.Response(200, json={"sids": sids})

    clock = [1000.0]
    monkeypatch.setattr("cwm_kit.tokens.time.monotonic", lambda: clock[0])
    revocations = RevocationList("http://registry/v1/auth/revocations", max_age=60, retry_seconds=5,
                                 transport=httpx.MockTransport(answer))
    assert await revocations.is_revoked("s1") and not await revocations.is_revoked("s2")
    assert len(calls) == 1  # cached
    clock[0] += 61
    assert await revocations.is_revoked("s2") and len(calls) == 2
    clock[0] += 61
    assert await revocations.is_revoked("s2") and len(calls) == 3  # the registry is down: the last list stays
    assert await revocations.is_revoked("s2") and len(calls) == 3  # and is asked again only after retry_seconds
    revocations.add("s3")
    assert await revocations.is_revoked("s3")
