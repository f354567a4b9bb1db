"""Pure-ASGI middleware: request id + access log, and a request body size bound."""

from __future__ import annotations

import logging
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .context import request_id_var
from .problems import Problem

access_log = logging.getLogger("cwm.access")


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")[:128]
        request_id = incoming or uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status_holder = {"status": 500}

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode("latin-1"))]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            if scope["path"] not in ("/healthz", "/readyz"):
                access_log.info(
                    "%s %s %s", scope["method"], scope["path"], status_holder["status"],
                    extra={"method": scope["method"], "path": scope["path"], "status": status_holder["status"],
                           "duration_ms": round((time.perf_counter() - started) * 1000, 1)},
                )
            request_id_var.reset(token)


class BodySizeLimitMiddleware:
    """Refuses bodies over the limit with 413 problem+json, by header or while streaming."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        problem = Problem(413, "payload_too_large", f"请求体超过 {self.max_bytes} 字节上限",
                          f"request body exceeds the {self.max_bytes}-byte limit")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await _send_problem(send, problem)
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _TooLarge:
            await _send_problem(send, problem)


class _TooLarge(Exception):
    pass


async def _send_problem(send: Send, problem: Problem) -> None:
    import json

    body = json.dumps(problem.body(), ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": problem.status,
                "headers": [(b"content-type", b"application/problem+json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
