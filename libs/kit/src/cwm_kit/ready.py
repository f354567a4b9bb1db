"""Ready answers (ADR 0011): a self-service read's JSON stored per worker and sent again, as stored, while
nothing it was computed from has changed.

- **What "changed" means.** Each service's migrations put triggers on the tables its self-service reads are
  computed from (`track_subject_sql`, `track_all_sql`). A write to a worker's rows gives that worker a new
  version (`ready_answer_version`, subject = the worker id as text); a write to a table every answer reads
  (regions, rules, pay schemes, a run's state) gives the subject `*` a new version. The trigger runs inside the
  writing transaction, so the new version commits exactly when the write does.
- **Served only while current.** An answer is stored with the two versions read *before* it was computed, and
  served only while both are still the versions in force (and its fingerprint matches: the code, the request's
  key, the day, the caller's role and scope). A write committed while an answer was being computed has changed a
  version by the time the answer is stored, so that answer is never served: a stale answer can be stored, never
  sent. Versions come from one sequence and never repeat, so "equal" means "nothing written since".
- **One statement a hit.** The lookup reads both versions and the stored answer at once; a miss computes the
  answer as before, sends it and stores it (one upsert). A hit sends the stored bytes with their ETag; a request
  whose `If-None-Match` names it gets 304 without a body.

Only 200 answers are stored; a refusal (404, 403) is computed every time. The tables are the kit's (like
procrastinate's in payroll), made by each service's migration with `install_sql()`.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib
import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from fastapi import Request, Response
from pydantic import TypeAdapter
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.util import greenlet_spawn
from starlette.types import ASGIApp, Receive, Scope, Send

from .dates import today_in_china
from .db import announce_statement
from .etags import none_match
from .security import Principal, Role, authenticate

TABLE_PREFIX = "ready_answer"  # the kit's tables: not the services' models (cwm_kit.migrations leaves them out)

_LOOKUP = """
SELECT v.subject_version, v.global_version, a.etag, a.body, a.body_gzip
FROM (SELECT coalesce((SELECT version FROM ready_answer_version WHERE subject = $1), 0) AS subject_version,
             coalesce((SELECT version FROM ready_answer_version WHERE subject = '*'), 0) AS global_version) AS v
LEFT JOIN ready_answer AS a
  ON a.subject = $1 AND a.name = $2 AND a.fingerprint = $3
 AND a.subject_version = v.subject_version AND a.global_version = v.global_version
 AND (a.expires_at IS NULL OR a.expires_at > now())"""

_STORE = """
INSERT INTO ready_answer AS a (subject, name, fingerprint, subject_version, global_version, expires_at, etag, body,
                               body_gzip)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (subject, name) DO UPDATE SET
  fingerprint = excluded.fingerprint, subject_version = excluded.subject_version,
  global_version = excluded.global_version, expires_at = excluded.expires_at, etag = excluded.etag,
  body = excluded.body, body_gzip = excluded.body_gzip, stored_at = now()"""


def create_sql() -> list[str]:
    """The kit's tables and trigger functions (a service's migration runs these once)."""
    return [
        "CREATE SEQUENCE ready_answer_version_seq",
        """CREATE TABLE ready_answer_version (
             subject text CONSTRAINT pk_ready_answer_version PRIMARY KEY,
             version bigint NOT NULL)""",
        """CREATE TABLE ready_answer (
             subject text NOT NULL, name text NOT NULL, fingerprint text NOT NULL,
             subject_version bigint NOT NULL, global_version bigint NOT NULL, expires_at timestamptz,
             etag text NOT NULL, body bytea NOT NULL, body_gzip bytea, stored_at timestamptz NOT NULL DEFAULT now(),
             CONSTRAINT pk_ready_answer PRIMARY KEY (subject, name))""",
        # A new version for every subject named in the statement's rows (old and new: a row moved from one
        # worker to another changes both). Sorted, so two writers lock the version rows in the same order.
        """CREATE FUNCTION ready_answer_bump_subjects() RETURNS trigger LANGUAGE plpgsql AS $$
           DECLARE
             picked text;
           BEGIN
             IF TG_OP = 'INSERT' THEN
               picked := format('SELECT %1$I::text AS s FROM new_rows', TG_ARGV[0]);
             ELSIF TG_OP = 'DELETE' THEN
               picked := format('SELECT %1$I::text AS s FROM old_rows', TG_ARGV[0]);
             ELSE
               picked := format('SELECT %1$I::text AS s FROM new_rows UNION SELECT %1$I::text FROM old_rows',
                                TG_ARGV[0]);
             END IF;
             EXECUTE 'INSERT INTO ready_answer_version AS v (subject, version) '
                  || 'SELECT s, nextval(''ready_answer_version_seq'') FROM (SELECT DISTINCT s FROM ('
                  || picked || ') AS named WHERE s IS NOT NULL ORDER BY s) AS subjects '
                  || 'ON CONFLICT (subject) DO UPDATE SET version = excluded.version';
             RETURN NULL;
           END $$""",
        """CREATE FUNCTION ready_answer_bump_all() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN
             INSERT INTO ready_answer_version AS v (subject, version)
             VALUES ('*', nextval('ready_answer_version_seq'))
             ON CONFLICT (subject) DO UPDATE SET version = excluded.version;
             RETURN NULL;
           END $$""",
    ]


def track_subject_sql(table: str, column: str, events: tuple[str, ...] = ("INSERT", "UPDATE", "DELETE")) -> list[str]:
    """Triggers giving the workers named in `table.column` a new version on each of `events` (one trigger per
    event: PostgreSQL allows transition tables on single-event triggers only)."""
    out = []
    for event in events:
        referencing = {"INSERT": "NEW TABLE AS new_rows", "DELETE": "OLD TABLE AS old_rows",
                       "UPDATE": "NEW TABLE AS new_rows OLD TABLE AS old_rows"}[event]
        out.append(f"CREATE TRIGGER ready_answer_{event.lower()} AFTER {event} ON {table} "
                   f"REFERENCING {referencing} FOR EACH STATEMENT "
                   f"EXECUTE FUNCTION ready_answer_bump_subjects('{column}')")
    return out


def track_all_sql(table: str) -> list[str]:
    """A trigger giving every answer a new version when `table` is written (a table every answer reads)."""
    return [f"CREATE TRIGGER ready_answer_all AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION ready_answer_bump_all()"]


def drop_sql(tables: list[str]) -> list[str]:
    """What `create_sql` and the tracking triggers on `tables` made, removed (a migration's downgrade)."""
    triggers = [f"DROP TRIGGER IF EXISTS {name} ON {table}" for table in tables
                for name in ("ready_answer_insert", "ready_answer_update", "ready_answer_delete", "ready_answer_all")]
    return [*triggers, "DROP FUNCTION ready_answer_bump_all()", "DROP FUNCTION ready_answer_bump_subjects()",
            "DROP TABLE ready_answer", "DROP TABLE ready_answer_version", "DROP SEQUENCE ready_answer_version_seq"]


@cache
def code_version(*packages: str) -> str:
    """A digest of the source of `packages` and the kit: an answer stored by other code is not served."""
    digest = hashlib.blake2b(digest_size=8)
    for package in ("cwm_kit", *packages):
        root = Path(importlib.import_module(package).__file__ or "").parent
        for path in sorted(root.rglob("*.py")):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


async def _run(session: AsyncSession, method: str, sql: str, *arguments: Any) -> Any:
    """`sql` on the session's asyncpg connection, as it is: in the session's transaction when one has begun, else
    on its own (a hit then costs no BEGIN/COMMIT round trips, even in a writing session). Test observers of
    `before_cursor_execute` see it, as they see CompiledSelect's."""
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    announce_statement(connection, sql, arguments)
    return await getattr(raw.driver_connection, method)(sql, *arguments)


async def _lookup(request: Request, session: AsyncSession, *arguments: Any) -> Any:
    """The lookup on a connection taken straight from the app's pool and given back at once (a hit then builds no
    session and no SQLAlchemy connection; a miss computes on the session's connection after this one is back, so
    a request never holds two). Through the session where the app's requests share a test's transaction
    (`testing.bind_app_to_session`) or where there is no app."""
    state = request.app.state if "app" in request.scope else None
    engine = getattr(state, "engine", None)
    if engine is None or getattr(state, "ready_lookup_in_session", False):
        return await _run(session, "fetchrow", _LOOKUP, *arguments)
    return await _lookup_on_pool(engine, *arguments)


async def _lookup_on_pool(engine: AsyncEngine, *arguments: Any) -> Any:
    raw = await engine.raw_connection()
    try:
        return await raw.driver_connection.fetchrow(_LOOKUP, *arguments)
    finally:
        await greenlet_spawn(raw.close)


Key = Callable[[Mapping[str, str], Mapping[str, str], Any], "str | None"]


def _plain_key(path_params: Mapping[str, str], query: Mapping[str, str], settings: Any) -> str | None:
    """The path's parameters in order (a month), for a read that takes no query parameters."""
    return None if query else "/".join(path_params.values())


class ReadyAnswer:
    """One self-service read whose answers are stored per subject (a worker id).

    `name`: the read, unique in its service; `answer_type`: what the endpoint returns (its response model), to
    serialize it as FastAPI would (by alias, JSON mode); `package`: the service's package, part of the code
    version.

    `path` (the route's path, `/v1/me/payslips/{month}`) lets `ReadyAnswerFastPath` send a stored answer before
    the request reaches the app's routing; `params` gives a path parameter's pattern (default: one segment);
    `key(path_params, query, settings)` names the answer from the request as the route does (`None`: leave the
    request to the route), by default the path parameters joined, for a read taking no query parameters;
    `today()` the day the route computes for."""

    def __init__(self, name: str, answer_type: Any, package: str, *, path: str | None = None,
                 params: Mapping[str, str] | None = None, key: Key = _plain_key,
                 today: Callable[[], date] = today_in_china):
        self.name = name
        self._adapter = TypeAdapter(answer_type)
        self._package = package
        self.path = path
        self.key = key
        self.today = today
        self.pattern = _path_pattern(path, params or {}) if path else None

    def fingerprint(self, key: str, as_of: date, scope: tuple[str, ...]) -> str:
        text = "\x1f".join((code_version(self._package), self.name, key, as_of.isoformat(), *scope))
        return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()

    def _lookup_arguments(self, principal: Principal, key: str, as_of: date) -> tuple[str, str, str]:
        """Subject, stored name and fingerprint of the caller's answer (the route and the fast path alike)."""
        subject = principal.worker_id or ""
        name = f"{self.name}:{key}" if key else self.name
        return subject, name, self.fingerprint(key, as_of, (principal.role.value, principal.jurisdiction, subject))

    async def respond(self, request: Request, session: AsyncSession, principal: Principal, *, as_of: date,
                      compute: Callable[[], Awaitable[Any]], key: str = "",
                      expires_at: Callable[[], datetime | None] | None = None) -> Response:
        """The stored answer when current, else `compute()`'s, stored for the next request.

        The subject is the caller's own worker id (the answer is computed from that worker's rows), and the
        caller's role and jurisdiction are part of the fingerprint (an answer is only sent to a caller like the
        one it was computed for). `key`: what else names the answer (a month); `as_of`: the day it is computed
        for; `expires_at`: when a computed answer stops being served whatever the versions (read after
        `compute`). A caller without a worker id gets `compute()`'s answer, not stored, as does every caller of a
        service whose settings say `ready_answers` false."""
        subject = principal.worker_id
        settings = getattr(request.app.state, "settings", None) if "app" in request.scope else None
        if not subject or not getattr(settings, "ready_answers", True):
            return _response(request, self._adapter.dump_json(await compute(), by_alias=True))
        subject, name, fingerprint = self._lookup_arguments(principal, key, as_of)
        subject_version, global_version, etag, body, gzipped = await _lookup(request, session, subject, name,
                                                                             fingerprint)
        if body is None:
            answer = await compute()
            body = self._adapter.dump_json(answer, by_alias=True)
            etag = _etag(body)
            gzipped = gzip.compress(body, compresslevel=6, mtime=0)
            gzipped = gzipped if len(gzipped) < len(body) else None
            await _run(session, "execute", _STORE, subject, name, fingerprint, subject_version, global_version,
                       expires_at() if expires_at else None, etag, body, gzipped)
        return _response(request, body, etag, gzipped)


def _etag(body: bytes) -> str:
    return '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def _response(request: Request, body: bytes, etag: str | None = None, gzipped: bytes | None = None) -> Response:
    status, headers, content = _answer(request.headers.get("accept-encoding"), request.headers.get("if-none-match"),
                                       body, etag or _etag(body), gzipped)
    if status == 304:
        return Response(status_code=304, headers=headers)
    return Response(content=content, media_type="application/json", headers=headers)


def _answer(accept_encoding: str | None, if_none_match: str | None, body: bytes, etag: str,
            gzipped: bytes | None) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of a stored answer: compressed as stored when the client takes gzip (the gateway
    passes an encoded response on instead of compressing it again on every request), its ETag then marked as the
    gateway marks its own; 304 without a body when `If-None-Match` names it."""
    if gzipped is not None and _takes_gzip(accept_encoding):
        body, etag, extra = gzipped, etag[:-1] + '-gzip"', {"Content-Encoding": "gzip"}
    else:
        extra = {}
    headers = {"ETag": etag, "Vary": "Accept-Encoding"}
    if none_match(if_none_match, etag):
        return 304, headers, b""
    return 200, headers | extra, body


def _takes_gzip(accept_encoding: str | None) -> bool:
    """The client accepts gzip (RFC 9110 §12.5.3): `gzip` named with q > 0, or not named and `*` with q > 0."""
    weights: dict[str, float] = {}
    for part in (accept_encoding or "").split(","):
        coding, _, params = part.partition(";")
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        weights.setdefault(coding.strip().lower(), q)
    weight = weights.get("gzip", weights.get("*", 0.0))
    return weight > 0


def install_sql(worker_tables: tuple[str, ...], shared_tables: tuple[str, ...]) -> list[str]:
    """A service's migration: the kit's tables, each of `worker_tables` tracked per worker (its `worker_id`) and
    each of `shared_tables` for every answer."""
    statements = create_sql()
    for table in worker_tables:
        statements += track_subject_sql(table, "worker_id")
    for table in shared_tables:
        statements += track_all_sql(table)
    return statements


def _path_pattern(path: str, params: Mapping[str, str]) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", path)
    pattern = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>{params.get(part, '[^/]+')})"
                      for i, part in enumerate(parts))
    return re.compile(pattern)


def _query(query_string: bytes) -> dict[str, str] | None:
    """The query as the route reads it; None when a name repeats (left to the route)."""
    if not query_string:
        return {}
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    query = dict(pairs)
    return query if len(query) == len(pairs) else None


class ReadyAnswerFastPath:
    """Sends a current stored answer (ADR 0011, ADR 0012) for a self-service GET before the request reaches the app's
    routing, dependency solving and endpoint: the caller authenticated exactly as every route does
    (`cwm_kit.security.authenticate`: signature, expiry, revoked session, a password to change), then the
    lookup. Anything else — another path or method, no or a refused token, a caller who is not a worker, a query
    the read does not take, no current answer — goes on to the app unchanged, which answers (and refuses) as
    before and stores the answer for the next request.

    Why this is safe without the route's own checks: an answer is only ever stored by the route, after it
    answered 200 to a caller of the same role, jurisdiction and worker id on the same day with the same code
    (the fingerprint), and only sent while nothing it was computed from has changed. The path skips itself where
    a test replaces the app's dependencies or binds it to a test's session, where the settings say
    `ready_answers` false, and before the app has its engine."""

    def __init__(self, app: ASGIApp, answers: Sequence[ReadyAnswer]):
        self.app = app
        self.answers = [answer for answer in answers if answer.pattern is not None]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET" and self.answers:
            path = scope["path"]
            for answer in self.answers:
                match = answer.pattern.fullmatch(path)  # type: ignore[union-attr]
                if match is not None:
                    if await self._send_stored(answer, match.groupdict(), scope, send):
                        return
                    break
        await self.app(scope, receive, send)

    async def _send_stored(self, answer: ReadyAnswer, path_params: dict[str, str], scope: Scope,
                           send: Send) -> bool:
        app = scope.get("app")
        state = getattr(app, "state", None)
        settings = getattr(state, "settings", None)
        engine = getattr(state, "engine", None)
        if (engine is None or not getattr(settings, "ready_answers", True) or getattr(app, "dependency_overrides", None)
                or getattr(state, "ready_lookup_in_session", False)):
            return False
        headers: dict[bytes, bytes] = {}
        for name, value in scope["headers"]:
            headers.setdefault(name, value)
        scheme, _, token = headers.get(b"authorization", b"").decode("latin-1").partition(" ")
        query = _query(scope["query_string"])
        if scheme.lower() != "bearer" or not token or query is None:
            return False
        try:
            principal = await authenticate(state, scope["path"], token)
        except Exception:  # noqa: BLE001 - the route refuses this caller with its problem
            return False
        if principal.role is not Role.WORKER or not principal.worker_id:
            return False
        key = answer.key(path_params, query, settings)
        if key is None:
            return False
        try:
            row = await _lookup_on_pool(engine, *answer._lookup_arguments(principal, key, answer.today()))
        except Exception:  # noqa: BLE001 - the database's trouble is the route's to answer
            return False
        _, _, etag, body, gzipped = row
        if body is None:
            return False
        status, answer_headers, content = _answer(
            _text(headers.get(b"accept-encoding")), _text(headers.get(b"if-none-match")), body, etag, gzipped)
        raw_headers = [(name.lower().encode(), value.encode("latin-1")) for name, value in answer_headers.items()]
        if status == 200:
            raw_headers += [(b"content-type", b"application/json"), (b"content-length", str(len(content)).encode())]
        await send({"type": "http.response.start", "status": status, "headers": raw_headers})
        await send({"type": "http.response.body", "body": content})
        return True


def _text(value: bytes | None) -> str | None:
    return value.decode("latin-1") if value is not None else None
