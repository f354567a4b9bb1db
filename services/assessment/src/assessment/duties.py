"""Who may do what in assessment, and who may not check their own work (docs/roles.md). The one place
assessment asks: the role matrix and the maker–checker rules are `cwm_kit.duties`."""

from __future__ import annotations

from collections.abc import Iterable

from cwm_kit import duties
from cwm_kit.security import Principal, Role

from assessment.assessments.models import Assessment

PROPOSERS: tuple[Role, ...] = tuple(sorted(duties.ROLE_MATRIX["assessment.propose"]))
DECIDERS: tuple[Role, ...] = tuple(sorted(duties.ROLE_MATRIX["assessment.decide"]))


async def ensure_may_decide(principal: Principal, assessments: Iterable[Assessment]) -> None:
    """The party secretary who proposed a result never decides it (unless the province relaxed the rule)."""
    for assessment in assessments:
        await duties.ensure(principal, "assessment.decide", assessment.community_code,
                            rule="assessment_proposer_not_decider", earlier=[assessment.proposed_by])
