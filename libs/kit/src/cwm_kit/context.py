"""Per-request context (request id, caller's bearer token) carried through logs and outgoing calls."""

from contextvars import ContextVar
from typing import Any

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")
bearer_token_var: ContextVar[str | None] = ContextVar("bearer_token", default=None)
# The serving app's state (its duty rules, revocation list), set where the caller is verified.
app_state_var: ContextVar[Any] = ContextVar("app_state", default=None)
