"""Who a worker is and where they work, asked of the registry with the officer's own token: the registry
answers 404 for a worker outside the officer's jurisdiction, so payroll never learns of one."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fastapi import Request

from cwm_kit.problems import Problem, not_found
from cwm_kit.security import Principal

from payroll.upstream import registry_client

WORKER_ID = re.compile(r"^[0-9A-Za-z-]{1,64}$")


@dataclass(frozen=True)
class WorkerIdentity:
    worker_id: str
    name: str
    community_code: str


async def worker_identity(request: Request, worker_id: str) -> WorkerIdentity:
    if not WORKER_ID.match(worker_id):
        raise not_found("社区工作者", "worker")
    try:
        data = await registry_client(request).get_json(f"/v1/workers/{worker_id}")
    except Problem as problem:
        if problem.status in (404, 422):
            raise not_found("社区工作者", "worker") from problem
        raise
    return WorkerIdentity(worker_id=str(data["id"]), name=str(data.get("name", "")),
                          community_code=str(data["community_code"]))


async def visible_worker(request: Request, principal: Principal, worker_id: str) -> WorkerIdentity:
    """The worker, when inside the principal's jurisdiction; 404 otherwise (the registry answers with the
    officer's own token, and the community it names is checked here too)."""
    who = await worker_identity(request, worker_id)
    principal.ensure_visible(who.community_code, what_zh="社区工作者", what_en="worker")
    return who
