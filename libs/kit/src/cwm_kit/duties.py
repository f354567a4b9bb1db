"""Who may do what (the role matrix) and who may not do two steps of the same thing (separation of duties).

The matrix is `docs/roles.md` as data: each service asks `ensure_action` before a write, in its one
`duties.py`. Separation of duties (maker–checker) is a rule document per region prefix, kind
`duties.separation`, kept by the registry with the other management rules (ADR 0002): each key is a rule
that is on (`true`) by default and that a province may relax by publishing a version with it `false`. Payroll
and assessment read it through `DutyRules`, which caches it for at most a minute and falls back to the strict
defaults when the registry cannot answer.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

import httpx

from .context import app_state_var, bearer_token_var, request_id_var
from .problems import Problem
from .security import ROLE_TEXT, Principal, Role

logger = logging.getLogger("cwm.duties")

RULE_KIND = "duties.separation"

# Each rule: on by default; a province's rule document may turn it off (false).
SEPARATION_DEFAULTS: dict[str, bool] = {
    # Whoever started, restarted or recalculated a payroll run cannot approve it.
    "run_preparer_not_approver": True,
    # Whoever approved a payroll run cannot mark it paid.
    "run_approver_not_payer": True,
    # Whoever drafted or edited a pay scheme version cannot publish it.
    "scheme_drafter_not_publisher": True,
    # The party secretary who proposed an assessment result cannot decide it.
    "assessment_proposer_not_decider": True,
}

SEPARATION_NAMES: dict[str, tuple[str, str]] = {
    "run_preparer_not_approver": ("发起或重新核算工资批次的人不能审批该批次",
                                  "whoever started or recalculated a payroll run cannot approve it"),
    "run_approver_not_payer": ("审批工资批次的人不能将其标记为已发放",
                               "whoever approved a payroll run cannot mark it paid"),
    "scheme_drafter_not_publisher": ("起草或修改薪酬方案的人不能发布该方案",
                                     "whoever drafted or edited a pay scheme cannot publish it"),
    "assessment_proposer_not_decider": ("提出考核建议等次的人不能作出决定",
                                        "the proposer of an assessment result cannot decide it"),
}

_ADMINS = (Role.PROVINCIAL_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER)
_PREPARERS = (Role.PROVINCIAL_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.TOWNSHIP_OFFICER)

# The role matrix (docs/roles.md): action → roles allowed. Jurisdiction is checked separately (404 outside).
ROLE_MATRIX: dict[str, frozenset[Role]] = {
    # payroll: finance officers approve and pay; they do not start or recalculate runs.
    "payroll_run.start": frozenset(_PREPARERS),
    "payroll_run.recalculate": frozenset(_PREPARERS),
    "payroll_run.cancel": frozenset(_PREPARERS),
    "payroll_run.approve": frozenset({Role.FINANCE_OFFICER}),
    "payroll_run.pay": frozenset({Role.FINANCE_OFFICER}),
    "pay_scheme.draft": frozenset({Role.PROVINCIAL_ADMIN}),
    "pay_scheme.publish": frozenset({Role.PROVINCIAL_ADMIN}),
    "reference_figure.add": frozenset({Role.PROVINCIAL_ADMIN, Role.CITY_OFFICER}),
    # assessment
    "assessment.propose": frozenset({Role.PARTY_SECRETARY}),
    "assessment.decide": frozenset({Role.TOWNSHIP_OFFICER}),
    "assessment.finalize": frozenset({Role.TOWNSHIP_OFFICER}),
    # registry: accounts and regions
    "account.administer": frozenset(_ADMINS),
    # a worker's own account, made from the worker record (login by national ID or phone)
    "account.worker": frozenset({*_ADMINS, Role.TOWNSHIP_OFFICER}),
    "region.manage": frozenset(_ADMINS),
}


# Each action of the matrix in words (Chinese, English), as a refusal names it to a person: a verb phrase that
# follows "不能" / "may not".
ACTION_TEXT: dict[str, tuple[str, str]] = {
    "payroll_run.start": ("发起工资核算", "start a payroll run"),
    "payroll_run.recalculate": ("重新核算工资", "recalculate a payroll run"),
    "payroll_run.cancel": ("取消工资核算", "cancel a payroll run"),
    "payroll_run.approve": ("审批工资", "approve a payroll run"),
    "payroll_run.pay": ("将工资标记为已发放", "mark a payroll run paid"),
    "pay_scheme.draft": ("起草或修改薪酬方案", "draft or edit a pay scheme"),
    "pay_scheme.publish": ("发布薪酬方案", "publish a pay scheme"),
    "reference_figure.add": ("录入工资参考数据", "add a pay reference figure"),
    "assessment.propose": ("提出考核建议等次", "propose an assessment result"),
    "assessment.decide": ("确定考核等次", "decide an assessment result"),
    "assessment.finalize": ("确认考核结果", "finalize assessment results"),
    "account.administer": ("管理账号", "administer accounts"),
    "account.worker": ("开通或管理社区工作者本人账号", "open or manage a worker's own account"),
    "region.manage": ("管理区划", "manage regions"),
}


def role_allowed(role: Role | str, action: str) -> bool:
    return Role(role) in ROLE_MATRIX[action]


def ensure_action(principal: Principal, action: str) -> None:
    """403 `role_not_allowed` naming the action when the caller's role may not perform it."""
    allowed = ROLE_MATRIX[action]
    if principal.role not in allowed:
        ordered = [r for r in Role if r in allowed]  # in the enum's order: most senior first
        action_zh, action_en = ACTION_TEXT[action]
        role_zh, role_en = ROLE_TEXT[principal.role]
        raise Problem(403, "role_not_allowed",
                      f"{role_zh}不能{action_zh}，可由{'、'.join(ROLE_TEXT[r][0] for r in ordered)}办理",
                      f"{'an' if role_en[0] in 'aeiou' else 'a'} {role_en} may not {action_en}; allowed: "
                      f"{', '.join(ROLE_TEXT[r][1] for r in ordered)}",
                      action=action, allowed_roles=[r.value for r in ordered])


def separation_problem(rule: str, params: dict[str, Any] | None = None) -> Problem:
    zh, en = SEPARATION_NAMES[rule]
    return Problem(403, "separation_of_duties", f"职责分离：{zh}", f"separation of duties: {en}", rule=rule,
                   rule_kind=RULE_KIND, **({"rule_source": params.get("_source")} if params and
                                           params.get("_source") else {}))


@dataclass(frozen=True)
class EarlierStep:
    """Who did an earlier step: the accounts that acted, and whoever issued those accounts' passwords."""

    actors: frozenset[str] = frozenset()
    issuers: frozenset[str] = frozenset()


def earlier_step(rows: Iterable[tuple[str | None, str | None]], *also: str | None) -> EarlierStep:
    """The earlier step from (actor, actor_credentials_by) pairs (audit rows), plus accounts known to have acted
    (`also`, e.g. a run's created_by)."""
    rows = list(rows)
    return EarlierStep(actors=frozenset(a for a, _ in rows if a) | frozenset(a for a in also if a),
                       issuers=frozenset(i for _, i in rows if i))


def ensure_separate(principal: Principal, rule: str, params: dict[str, Any], earlier: EarlierStep) -> None:
    """Refuse (403 `separation_of_duties`, naming the rule) when the rule is on and the caller could be one of
    the people who did the earlier step: the caller is one of its accounts; or the caller's password was issued
    by one of them (the preparer created or reset the approver's account and knew its password); or the caller
    issued the password of one of them (and so could have done the earlier step through it). Two accounts whose
    passwords one administrator issued are not thereby the same person: that administrator did neither step,
    and the holders' own first-login change (forced) is what made the accounts theirs."""
    if not params.get(rule, SEPARATION_DEFAULTS[rule]):
        return
    caller = {principal.subject, principal.credentials_by} - {None}
    if caller & earlier.actors or principal.subject in earlier.issuers:
        raise separation_problem(rule, params)


def merged(params: dict[str, Any] | None) -> dict[str, Any]:
    """A rule document's params over the defaults (unknown keys ignored, missing keys strict)."""
    out: dict[str, Any] = dict(SEPARATION_DEFAULTS)
    for key, value in (params or {}).items():
        if (key in SEPARATION_DEFAULTS and isinstance(value, bool)) or key == "_source":
            out[key] = value
    return out


Fetch = Callable[[str], Awaitable[dict[str, Any] | None]]


class DutyRules:
    """The separation rule in force for a region, from the registry's management rules (cached ≤ `max_age`
    seconds per region). `static` maps prefixes to params (tests, or a registry reading its own table);
    `fetch` replaces the HTTP call. Anything that goes wrong gives the strict defaults."""

    def __init__(self, registry_url: str = "", *, static: dict[str, dict[str, Any]] | None = None,
                 fetch: Fetch | None = None, max_age: float = 60.0,
                 transport: httpx.AsyncBaseTransport | None = None):
        self.registry_url = registry_url.rstrip("/")
        self.static = static
        self._fetch_override = fetch
        self.max_age = max_age
        self._transport = transport
        self._cache: dict[str, tuple[float, dict[str, Any]]] = {}

    async def _fetch(self, region_code: str) -> dict[str, Any] | None:
        if self._fetch_override is not None:
            return await self._fetch_override(region_code)
        token = bearer_token_var.get()
        if not self.registry_url or not token:
            return None
        async with httpx.AsyncClient(timeout=5.0, transport=self._transport) as client:
            response = await client.get(f"{self.registry_url}/v1/management-rules", params={"region": region_code},
                                        headers={"Authorization": f"Bearer {token}",
                                                 "X-Request-Id": request_id_var.get()})
            response.raise_for_status()
        for rule in response.json():
            if rule.get("kind") == RULE_KIND:
                return {**rule.get("params", {}), "_source": f"{rule.get('region_prefix') or '全国'} "
                                                             f"{rule.get('effective_from')}"}
        return None

    async def for_region(self, region_code: str) -> dict[str, Any]:
        if self.static is not None:
            applying = sorted((p for p in self.static if region_code.startswith(p)), key=len)
            return merged(self.static[applying[-1]] if applying else None)
        cached = self._cache.get(region_code)
        if cached and time.monotonic() - cached[0] < self.max_age:
            return cached[1]
        try:
            params = merged(await self._fetch(region_code))
        except (httpx.HTTPError, ValueError, KeyError, TypeError, AttributeError):
            # The registry did not answer, or answered nonsense: the strict defaults apply.
            logger.warning("separation-of-duties rule for %s unavailable; strict defaults apply", region_code)
            return merged(None)
        self._cache[region_code] = (time.monotonic(), params)
        return params


_STRICT = DutyRules(static={})


def current_rules() -> DutyRules:
    """The serving app's `DutyRules` (set on `app.state.duty_rules`); the strict defaults when none."""
    state = app_state_var.get()
    return getattr(state, "duty_rules", None) or _STRICT


async def ensure(principal: Principal, action: str, region_code: str | None = None, *, rule: str | None = None,
                 earlier: EarlierStep = EarlierStep()) -> None:
    """The role matrix, then (when `rule` is given) maker–checker against the people of the earlier step."""
    ensure_action(principal, action)
    if rule is not None:
        params = await current_rules().for_region(region_code or "")
        ensure_separate(principal, rule, params, earlier)
