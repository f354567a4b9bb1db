"""Per-request context (request id, caller's bearer token) carried through logs and outgoing calls."""

from contextvars import ContextVar

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")
bearer_token_var: ContextVar[str | None] = ContextVar("bearer_token", default=None)
