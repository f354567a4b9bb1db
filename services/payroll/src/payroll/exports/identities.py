"""ID numbers and bank accounts of a region's workers, read from the registry's facts with payroll's service
token at export time (docs/contracts.md): payroll never stores them in payslips."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import Request

from payroll.upstream import registry_client, worker_facts


@dataclass(frozen=True)
class Identity:
    name: str
    national_id: str
    bank_name: str
    bank_branch: str
    bank_account: str


async def identities(request: Request, region: str, since: date, as_of: date) -> dict[str, Identity]:
    found: dict[str, Identity] = {}
    async for data in worker_facts(registry_client(request), region, as_of, since, model=dict[str, Any]):
        found[str(data["worker_id"])] = Identity(
            name=str(data.get("name") or ""), national_id=str(data.get("national_id") or ""),
            bank_name=str(data.get("bank_name") or ""), bank_branch=str(data.get("bank_branch") or ""),
            bank_account=str(data.get("bank_account") or ""))
    return found
