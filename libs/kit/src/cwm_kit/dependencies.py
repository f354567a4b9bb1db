"""A domain service as a FastAPI dependency: built per request from the request's session and the caller.

    OfficerPayslipsDep = service_dep(PayslipService, OfficerPrincipal)

(No `from __future__ import annotations` here: FastAPI reads the provider's parameter annotations as objects.)
"""

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Depends
from sqlalchemy.ext.asyncio import AsyncSession

from .db import SessionDep
from .security import Principal

S = TypeVar("S")


def service_dep(service: Callable[[AsyncSession, Principal], S], principal: Any, session: Any = SessionDep) -> Any:
    """`Annotated[service, Depends(...)]` building `service(session, principal)`; `principal` is the kit's
    principal dependency the route requires (OfficerPrincipal, WorkerPrincipal, CurrentPrincipal), `session` the
    request's session (SessionDep), the read-only one (ReadSessionDep) or the streamed one (StreamSessionDep)."""

    # async: FastAPI runs a plain `def` dependency in its thread pool, a thread hop per request for a constructor.
    async def provide(session: session, principal: principal) -> S:  # type: ignore[valid-type]
        return service(session, principal)

    return Annotated[service, Depends(provide)]
