"""Who may do what in assessment, and who may not check their own work (docs/roles.md). The one place
assessment asks: the role matrix and the maker–checker rules are `cwm_kit.duties`."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import duties
from cwm_kit.security import Principal, Role

from assessment.assessments.models import Assessment
from assessment.models import audit_log

PROPOSERS: tuple[Role, ...] = tuple(sorted(duties.ROLE_MATRIX["assessment.propose"]))
DECIDERS: tuple[Role, ...] = tuple(sorted(duties.ROLE_MATRIX["assessment.decide"]))


async def ensure_may_decide(session: AsyncSession, principal: Principal, assessments: Iterable[Assessment]) -> None:
    """The party secretary who proposed a result never decides it (unless the province relaxed the rule), nor
    does whoever issued the proposer's password, nor a proposer's password's issuer (duties.ensure_separate)."""
    assessments = list(assessments)
    rows = await session.execute(select(audit_log.c.entity_id, audit_log.c.actor, audit_log.c.actor_credentials_by)
                                 .where(audit_log.c.entity == "assessment", audit_log.c.action == "assessment.propose",
                                        audit_log.c.entity_id.in_([str(a.id) for a in assessments])))
    proposers: dict[str, list[tuple[str | None, str | None]]] = {}
    for entity_id, actor, issued_by in rows:
        proposers.setdefault(entity_id, []).append((actor, issued_by))
    for assessment in assessments:
        earlier = duties.earlier_step(proposers.get(str(assessment.id), []), assessment.proposed_by)
        await duties.ensure(principal, "assessment.decide", assessment.community_code,
                            rule="assessment_proposer_not_decider", earlier=earlier)
