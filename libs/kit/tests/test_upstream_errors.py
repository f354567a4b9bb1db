"""A peer's refusal of the caller's own token is the caller's 403, never a 502; the peer's faults stay 502."""

from __future__ import annotations

import httpx
import pytest
from cwm_kit.context import bearer_token_var
from cwm_kit.http import ServiceClient
from cwm_kit.problems import Problem


class _Tokens:
    async def token(self) -> str:
        return "service-token"


def _client(status: int) -> ServiceClient:
    return ServiceClient("http://peer.test", token_source=_Tokens(),  # type: ignore[arg-type]
                         transport=httpx.MockTransport(lambda request: httpx.Response(status, text="{}")))


@pytest.mark.parametrize("status,as_service,expected", [
    (403, False, 403), (401, False, 403), (404, False, 404), (422, False, 422), (500, False, 502),
    (403, True, 502), (401, True, 502), (503, True, 502),
])
async def test_upstream_status_maps_to_the_callers_answer(status, as_service, expected):
    bearer_token_var.set("caller-token")
    client = _client(status)
    with pytest.raises(Problem) as json_call:
        await client.get_json("/v1/x", as_service=as_service)
    with pytest.raises(Problem) as stream_call:
        async for _ in client.stream_lines("/v1/x", as_service=as_service):
            pass
    assert json_call.value.status == stream_call.value.status == expected
    assert json_call.value.code == ("forbidden" if expected == 403 else "upstream_error")
    await client.aclose()
