"""Who may do what in payroll, and who may not check their own work (docs/roles.md). The one place payroll
asks: the role matrix and the maker–checker rules are `cwm_kit.duties`; the earlier step's people come from
the run or scheme and from the audit trail."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import duties
from cwm_kit.security import Principal

from payroll.models import audit_log

PREPARING_ACTIONS = ("start", "restart", "recalculate")
DRAFTING_ACTIONS = ("pay_scheme.create", "pay_scheme.update")


async def _earlier(session: AsyncSession, entity: str, entity_id: object, actions: tuple[str, ...],
                   known_actor: str | None) -> duties.EarlierStep:
    """The accounts that did `actions` on the entity (and `known_actor`), and whoever issued their passwords."""
    rows = await session.execute(select(audit_log.c.actor, audit_log.c.actor_credentials_by).distinct().where(
        audit_log.c.entity == entity, audit_log.c.entity_id == str(entity_id), audit_log.c.action.in_(actions)))
    return duties.earlier_step(((actor, issuer) for actor, issuer in rows), known_actor)


def ensure_may(principal: Principal, action: str) -> None:
    """The role matrix alone (starting, recalculating, cancelling a run; drafting a scheme; figures)."""
    duties.ensure_action(principal, action)


async def ensure_may_approve(session: AsyncSession, principal: Principal, run_id: uuid.UUID, region_code: str,
                             created_by: str) -> None:
    preparers = await _earlier(session, "payroll_run", run_id, PREPARING_ACTIONS, created_by)
    await duties.ensure(principal, "payroll_run.approve", region_code, rule="run_preparer_not_approver",
                        earlier=preparers)


async def ensure_may_pay(session: AsyncSession, principal: Principal, run_id: uuid.UUID, region_code: str,
                         approved_by: str | None) -> None:
    approvers = await _earlier(session, "payroll_run", run_id, ("approve",), approved_by)
    await duties.ensure(principal, "payroll_run.pay", region_code, rule="run_approver_not_payer",
                        earlier=approvers)


async def ensure_may_publish(session: AsyncSession, principal: Principal, scheme_id: int, region_prefix: str,
                             created_by: str) -> None:
    drafters = await _earlier(session, "pay_scheme", scheme_id, DRAFTING_ACTIONS, created_by)
    await duties.ensure(principal, "pay_scheme.publish", region_prefix, rule="scheme_drafter_not_publisher",
                        earlier=drafters)
