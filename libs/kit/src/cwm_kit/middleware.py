"""Pure-ASGI middleware: request id + access log, a request body size bound, no control characters."""

from __future__ import annotations

import json
import logging
import time
import uuid
from email.message import Message as _MimeHeader
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .context import app_state_var, request_id_var
from .problems import FieldError, Problem
from .text import check_text, control_character_problem, json_errors, printable

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
        # The app's state for code below a route that has no Request (e.g. a revocation made by a request that
        # carries no access token, like logout, must still reach this process's list at once).
        state_token = app_state_var.set(scope["app"].state) if "app" in scope else None
        started = time.perf_counter()
        status_holder: dict[str, int | bool] = {"status": 500}

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                status_holder["started"] = True
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode("latin-1"))]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            # Answer a bug with a problem here instead of letting Starlette re-raise it into the server,
            # which would drop the connection the gateway keeps alive and fail the next request on it.
            logging.getLogger("cwm.problems").exception("unhandled error")
            if status_holder.get("started"):
                raise
            await _send_problem(send_with_id, Problem(500, "internal_error", "服务器内部错误", "internal server error"))
        finally:
            if scope["path"] not in ("/healthz", "/readyz"):
                access_log.info(
                    "%s %s %s", scope["method"], scope["path"], status_holder["status"],
                    extra={"method": scope["method"], "path": scope["path"], "status": status_holder["status"],
                           "duration_ms": round((time.perf_counter() - started) * 1000, 1)},
                )
            request_id_var.reset(token)
            if state_token is not None:
                app_state_var.reset(state_token)


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
    body = json.dumps(problem.body(), ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": problem.status,
                "headers": [(b"content-type", b"application/problem+json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class ControlCharacterMiddleware:
    """Refuses control characters at the edge with 422 problem+json naming the field (cwm_kit.text): in the
    decoded path (named by the route's parameter when one matches), in every query parameter, and in every
    string of a JSON or form body (read whole: the body-size bound outside this middleware applies).
    Other bodies (multipart uploads) are not text and pass untouched."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        errors = _path_errors(scope) + _query_errors(scope["query_string"])
        if errors:
            await _send_problem(send, control_character_problem(errors))
            return
        kind = _body_kind(scope)
        if kind is None:
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                await self.app(scope, _replay(b"", receive, first=message), send)
                return
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        errors = _body_errors(kind, body)
        if errors:
            await _send_problem(send, control_character_problem(errors))
            return
        await self.app(scope, _replay(body, receive), send)


def _replay(body: bytes, receive: Receive, first: Message | None = None) -> Receive:
    pending: list[Message] = [first or {"type": "http.request", "body": body, "more_body": False}]

    async def replayed() -> Message:
        return pending.pop() if pending else await receive()

    return replayed


def _path_errors(scope: Scope) -> list[FieldError]:
    path: str = scope.get("path", "")
    error = check_text("path", path)
    if error is None:
        return []
    # Name the path parameter: the first documented path template whose literal segments match.
    segments = path.split("/")
    app = scope.get("app")
    try:
        templates = list(app.openapi().get("paths", {})) if app is not None else []
    except Exception:  # noqa: BLE001 - naming the field is a nicety; the request is refused anyway
        templates = []
    for template in templates:
        parts = template.split("/")
        if len(parts) != len(segments) or any(
                p != s for p, s in zip(parts, segments, strict=True) if not p.startswith("{")):
            continue
        found = [check_text(p.strip("{}").split(":")[0], s) for p, s in zip(parts, segments, strict=True)
                 if p.startswith("{")]
        named = [e for e in found if e is not None]
        if named:
            return named
    return [error]


def _pairs_errors(pairs: list[tuple[str, str]], *, multiline: bool) -> list[FieldError]:
    errors = []
    for key, value in pairs:
        error = check_text(printable(key), key, multiline=multiline) or check_text(printable(key), value,
                                                                                   multiline=multiline)
        if error:
            errors.append(error)
    return errors


def _query_errors(query_string: bytes) -> list[FieldError]:
    if not query_string:
        return []
    # As Starlette reads it: latin-1 bytes, percent-escapes decoded as UTF-8.
    return _pairs_errors(parse_qsl(query_string.decode("latin-1"), keep_blank_values=True), multiline=False)


def _body_kind(scope: Scope) -> str | None:
    """"json" or "form" for a body FastAPI would read as text; None for no body or another media type."""
    if scope.get("method") in ("GET", "HEAD", "OPTIONS"):
        return None
    raw = dict(scope["headers"]).get(b"content-type")
    if raw is None:
        return "json"  # FastAPI parses a body without a content type as JSON
    header = _MimeHeader()
    header["content-type"] = raw.decode("latin-1")
    if header.get_content_maintype() != "application":
        return None
    subtype = header.get_content_subtype()
    if subtype == "json" or subtype.endswith("+json"):
        return "json"
    return "form" if subtype == "x-www-form-urlencoded" else None


def _body_errors(kind: str, body: bytes) -> list[FieldError]:
    if not body:
        return []
    if kind == "form":
        return _pairs_errors(parse_qsl(body.decode("latin-1"), keep_blank_values=True), multiline=True)
    try:
        document: Any = json.loads(body)
    except ValueError:
        return []  # not JSON: the route answers 400 malformed_body
    return list(json_errors(document))
