"""HTTP client for calls between services: forwards the caller's token (or a service token) and the
request id, and turns an unreachable peer into a 503 problem."""

from __future__ import annotations

import time
from typing import Any, AsyncIterator

import httpx

from .context import bearer_token_var, request_id_var
from .problems import Problem


def upstream_problem(status: int, url: str, *, as_service: bool) -> Problem:
    """What the caller is told when a peer answers `status` >= 400.

    A refusal of the caller's own forwarded token (401/403) is the caller's lack of rights: 403, never a
    502. A refusal of this service's own token, or a 5xx, is the peer's (or the deployment's) fault: 502.
    Other 4xx (404 outside the jurisdiction, 422) keep their status."""
    if status in (401, 403):
        if not as_service:
            return Problem(403, "forbidden", "无权读取依赖服务中的这些数据",
                           f"not allowed: the upstream service refused the caller's rights for {url}")
        return Problem(502, "upstream_error", "依赖的服务拒绝了本服务的凭据",
                       f"upstream service refused this service's credentials ({status}) for {url}")
    return Problem(502 if status >= 500 else status, "upstream_error", "依赖的服务返回错误",
                   f"upstream service answered {status} for {url}")


class ServiceTokenSource:
    """Obtains and caches a service token from the registry (OAuth2 client-credentials), over its own
    connection to the issuer, whichever service the token is then used for."""

    def __init__(self, registry_url: str, client_id: str, client_secret: str, *,
                 transport: httpx.AsyncBaseTransport | None = None, timeout: float = 10.0):
        self.registry_url = registry_url.rstrip("/")
        self.client_id = client_id
        self.client_secret = client_secret
        # `transport` routes the token request to the registry app in-process (tests).
        self._http = httpx.AsyncClient(timeout=timeout, transport=transport)
        self._token: str | None = None
        self._expires_at = 0.0

    async def token(self) -> str:
        if self._token and time.monotonic() < self._expires_at - 30:
            return self._token
        response = await self._http.post(
            f"{self.registry_url}/v1/auth/token",
            data={"grant_type": "client_credentials", "client_id": self.client_id,
                  "client_secret": self.client_secret},
        )
        response.raise_for_status()
        body = response.json()
        self._token = body["access_token"]
        self._expires_at = time.monotonic() + float(body.get("expires_in", 300))
        return self._token

    async def aclose(self) -> None:
        await self._http.aclose()


class ServiceClient:
    def __init__(self, base_url: str, *, token_source: ServiceTokenSource | None = None, timeout: float = 30.0,
                 transport: httpx.AsyncBaseTransport | None = None):
        # `transport` lets a test route calls to another service's app in-process (httpx.ASGITransport).
        self._client = httpx.AsyncClient(base_url=base_url.rstrip("/"), timeout=timeout, transport=transport)
        self._token_source = token_source

    async def aclose(self) -> None:
        await self._client.aclose()

    async def _headers(self, as_service: bool) -> dict[str, str]:
        headers = {"X-Request-Id": request_id_var.get()}
        token = None if as_service else bearer_token_var.get()
        if token is None and self._token_source is not None:
            token = await self._token_source.token()
        if token is None:
            raise RuntimeError("no token to forward: calls between services never go unauthenticated")
        headers["Authorization"] = f"Bearer {token}"
        return headers

    async def request(self, method: str, url: str, *, as_service: bool = False, **kwargs: Any) -> httpx.Response:
        headers = {**(await self._headers(as_service)), **kwargs.pop("headers", {})}
        try:
            return await self._client.request(method, url, headers=headers, **kwargs)
        except httpx.TransportError as exc:
            raise Problem(503, "upstream_unavailable", "依赖的服务暂不可用", f"upstream service unavailable: {url}") from exc

    async def get_json(self, url: str, *, as_service: bool = False, **kwargs: Any) -> Any:
        response = await self.request("GET", url, as_service=as_service, **kwargs)
        if response.status_code >= 400:
            raise upstream_problem(response.status_code, url, as_service=as_service)
        return response.json()

    async def stream_lines(self, url: str, *, as_service: bool = False, **kwargs: Any) -> AsyncIterator[str]:
        """Stream an NDJSON response line by line (memory stays flat in the number of rows)."""
        headers = {**(await self._headers(as_service)), **kwargs.pop("headers", {})}
        try:
            async with self._client.stream("GET", url, headers=headers, **kwargs) as response:
                if response.status_code >= 400:
                    await response.aread()
                    raise upstream_problem(response.status_code, url, as_service=as_service)
                async for line in response.aiter_lines():
                    if line:
                        yield line
        except httpx.TransportError as exc:
            raise Problem(503, "upstream_unavailable", "依赖的服务暂不可用", f"upstream service unavailable: {url}") from exc
