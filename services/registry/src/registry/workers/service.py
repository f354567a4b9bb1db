"""Worker record rules: identity from the national ID, contract, dated histories, status machine.

Other domains (recruitment, Excel import, secondments) call `WorkerService.for_session(session)`:
`create(principal, WorkerCreate)` and `change_status(principal, worker_id, status, on, reason)` (status "seconded"
only with `by_secondment=True`, from the secondments service). The rules a new contract must meet are checked in
one place, `hire_checks`, by registration, `create_many`, rehire and the Excel import's row report.
Services never commit; every write is audited in the same transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Iterable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from cwm_kit import audit, privacy, service_years
from cwm_kit.dates import add_months, add_years, today_in_china
from cwm_kit.http import ServiceClient
from cwm_kit.problems import FieldError, Problem, field_problem, forbidden, not_found
from cwm_kit.security import Principal, Role
from cwm_kit.updates import ensure_changes
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.exc import StaleDataError

from registry.composition import service as composition
from registry.models import audit_log
from registry.posts.models import PostDefinition
from registry.posts.repository import PostRepository
from registry.posts.service import PostService, catalogue_from, post_in_catalogue
from registry.quota.service import ensure_quota, quota_problems
from registry.recruitment import eligibility
from registry.regions.models import Region
from registry.rules import service as rules
from registry.upstream import final_results

from . import national_id as national_ids
from . import probation, renewal, seniority
from .models import (
    CertificateRecord,
    EducationRecord,
    HonourRecord,
    PostPeriod,
    ServicePeriod,
    StatusPeriod,
    Worker,
    YijiantiaoPeriod,
)
from .repository import WorkerRepository
from .statuses import certificate_text, status_text, statuses_text
from .schemas import (
    CERTIFICATE_RANK,
    EDUCATION_RANK,
    CertificateIn,
    EducationIn,
    HonourIn,
    PostChangeIn,
    RehireIn,
    RenewalIn,
    ServicePeriodIn,
    WorkerCreate,
    WorkerUpdate,
    YijiantiaoChangeIn,
)

# Deterministic worker ids: the same national ID always gets the same id (imports, demo data).
WORKER_NAMESPACE = uuid.UUID("6f1c4a52-3b7e-5d0a-9c61-2f8e4b7d1a90")

# The status machine (POLICY.md §3, §7, §9). Exits are final; a new contract is a new hire.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    "probation": frozenset({"active", "resigned", "dismissed", "deceased"}),
    "active": frozenset({"seconded", "resigned", "dismissed", "retired", "deceased"}),
    "seconded": frozenset({"active", "resigned", "dismissed", "retired", "deceased"}),
    "resigned": frozenset(),
    "dismissed": frozenset(),
    "retired": frozenset(),
    "deceased": frozenset(),
}
# Statuses only their own workflow sets, never a direct status change: "seconded" comes with a secondment record
# (POST /v1/secondments), whose approval, length and per-community limits (POLICY.md §7) count only records.
WORKFLOW_STATUSES = frozenset({"seconded"})
EXIT_STATUSES = frozenset({"resigned", "dismissed", "retired", "deceased"})
EMPLOYED_STATUSES = frozenset({"probation", "active", "seconded"})
# A former worker may sign a new contract on the same record (same national ID); the dead may not.
REHIRABLE_STATUSES = frozenset({"resigned", "dismissed", "retired"})
ONE_DAY = timedelta(days=1)
AUDITED_FIELDS = [c.key for c in Worker.__table__.columns if c.key not in ("created_at", "updated_at")]


def direct_transitions(status: str) -> frozenset[str]:
    """The statuses a direct status change may set next (the machine's, less those a workflow sets)."""
    return ALLOWED_TRANSITIONS[status] - WORKFLOW_STATUSES


def worker_uuid(national_id: str) -> uuid.UUID:
    return uuid.uuid5(WORKER_NAMESPACE, national_id)


def one_month_before(day: date) -> date:
    return add_months(day, -1)


def sees_full_identity(principal: Principal, worker: Worker) -> bool:
    """The kit's one rule (cwm_kit.privacy), also applied to the audit view of every service."""
    return privacy.sees_full_identity(principal, worker.community_code, worker.id)


def service_years_today(worker: Worker, today: date | None = None) -> Decimal:
    """Years served through `today`, from the stored summary columns, by the kit's one function."""
    today = today or today_in_china()
    runs = seniority.summary_runs(worker.service_days_closed, worker.service_open_since, today)
    return service_years.display_years(service_years.completed_years(runs, today + ONE_DAY))


def current_service_start(worker: Worker) -> date:
    """The first day of the worker's current continuous service, the hire a degree credit is for (POLICY.md §4):
    the start of the open counted run (the stored summary, refreshed with every write: a transfer continues the
    run, a break ends it), or a former worker's latest hire."""
    return worker.service_open_since or worker.hired_on


def in_service_by_dates(entry: EducationIn, service_start: date, field: str = "in_service") -> bool:
    """An education record's `in_service` (POLICY.md §4; payroll's grade goes by the same dates): a degree obtained
    after `service_start` is an in-service degree, one obtained on or before it a degree at hiring. Omitted, it is
    derived. False for a later degree is refused: it reads as a degree at hiring, whose years are added on top of
    the service (an audit found workers overpaid so). True for an earlier degree is kept: it may have been earned
    in an earlier service, before a break."""
    later = entry.graduated_on > service_start
    if entry.in_service is None:
        return later
    if later and not entry.in_service:
        raise field_problem(field, "in_service_degree",
                            f"{entry.graduated_on} 取得的学历晚于本次连续服务开始日 {service_start}，属在职学历："
                            "in_service 不能为 false（不填则按日期确定）",
                            f"a degree obtained on {entry.graduated_on}, after the current continuous service began "
                            f"on {service_start}, is an in-service degree: in_service cannot be false (omit it to "
                            "derive it from the dates)")
    return entry.in_service


def education_values(entry: EducationIn, service_start: date) -> dict[str, Any]:
    """An education record's columns, `in_service` by the dates (`in_service_by_dates`)."""
    return {**entry.model_dump(), "in_service": in_service_by_dates(entry, service_start)}


def _problem(status: int, code: str, zh: str, en: str, field: str | None = None, **extra: Any) -> Problem:
    errors = [FieldError(field, code, zh, en)] if field else None
    return Problem(status, code, zh, en, errors=errors, **extra)


TERM_RULE = renewal.TERM_RULE
CONTRACT_FIELDS = ["contract_term_years", "contract_start", "contract_end"]


def ensure_in_use(code: str, retired_on: date | None, through: date | None = None,
                  field: str = "community_code") -> None:
    """422 `region_retired` when the community is retired (used until the day before `retired_on`) on or
    before `through`, or at all for a placement with no end (`through` None)."""
    if retired_on is not None and (through is None or retired_on <= through):
        raise field_problem(field, "region_retired", f"社区 {code} 已于 {retired_on} 撤销，不能再安排社区工作者",
                            f"the community {code} is retired from {retired_on}: no worker can be placed there")


def community_in_use(region: Region | None, code: str, field: str = "community_code",
                     through: date | None = None) -> Region:
    """`region` (read for `code`) if it is a registered community in use through `through` (`ensure_in_use`)."""
    if region is None or region.level != "community":
        raise field_problem(field, "unknown_community", "不是已登记的社区代码", "not a registered community code")
    ensure_in_use(region.code, region.retired_on, through, field)
    return region


def _collected(problems: list[Problem], check: Any, *args: Any) -> Any:
    """`check(*args)`, or None with the problem it raised added to `problems`."""
    try:
        return check(*args)
    except Problem as problem:
        problems.append(problem)
        return None


def check_head_role(definition: PostDefinition, head_role: str | None, yijiantiao: bool) -> str | None:
    """Which office a head post (两委正职) holds: secretary, director or both (一肩挑, with `yijiantiao`); none on
    other posts. Unrecorded (None) is allowed on a head post; the career track then does not count it."""
    if head_role is not None and not definition.head:
        raise field_problem("head_role", "head_role_needs_head_post", "只有正职岗位记录书记/主任",
                            "only a head post (两委正职) records secretary / director")
    if yijiantiao and head_role not in (None, "both"):
        raise field_problem("head_role", "head_role_contradicts_yijiantiao", "“一肩挑”即兼任书记和主任",
                            "一肩挑 holds both offices: head_role is 'both'")
    if head_role == "both" and not yijiantiao:
        raise field_problem("head_role", "head_role_both_needs_yijiantiao", "兼任书记和主任须同时登记“一肩挑”",
                            "holding both offices is recorded as 一肩挑 (yijiantiao true)")
    return "both" if yijiantiao else head_role


# Who keeps worker records: the HR officers of the township and the levels above (issue 1: township/street HR
# officers register workers and keep their records). A finance officer may change only where pay goes (the bank
# fields); a party secretary proposes assessments and keeps no records.
RECORD_KEEPERS = frozenset({Role.PROVINCIAL_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.TOWNSHIP_OFFICER})
BANK_FIELDS = frozenset({"bank_name", "bank_branch", "bank_account"})


def ensure_record_keeper(principal: Principal, fields: Iterable[str] | None = None) -> None:
    """403 unless `principal` may make this change to a worker record (`fields`: the fields it touches)."""
    if principal.role in RECORD_KEEPERS or principal.is_service:
        return
    if principal.role == Role.FINANCE_OFFICER and fields is not None and set(fields) <= BANK_FIELDS:
        return
    raise forbidden("只有乡镇（街道）及以上的人事干部可以登记和修改人员信息（财务人员只能修改银行账户）",
                    "only HR officers of a township or above register and change worker records (a finance "
                    "officer may change the bank account only)")


class Places(NamedTuple):
    """Communities by code and every post definition: what placing a worker is checked against."""

    regions: dict[str, Region]
    definitions: list[PostDefinition]


class WorkerService:
    def __init__(self, repository: WorkerRepository):
        self.repository = repository
        self.session: AsyncSession = repository.session
        self.posts = PostService(PostRepository(repository.session))

    @classmethod
    def for_session(cls, session: AsyncSession) -> WorkerService:
        return cls(WorkerRepository(session))

    # ---- reading -------------------------------------------------------------------------------

    async def visible(self, principal: Principal, worker_id: uuid.UUID, *, for_update: bool = False) -> Worker:
        worker = await self.repository.get(worker_id, for_update=for_update)
        if worker is None or not principal.can_see_record(worker.community_code, worker.id):
            raise not_found("社区工作者", "worker")
        return worker

    async def writable(self, principal: Principal, worker_id: uuid.UUID, fields: Iterable[str] | None = None) -> Worker:
        """The worker record for a change by `principal`; `fields`: the fields the change touches (None: more than
        fields, e.g. a post change or a rehire)."""
        worker = await self.visible(principal, worker_id, for_update=True)
        principal.ensure_can_write()
        ensure_record_keeper(principal, fields)
        return worker

    # ---- creating ------------------------------------------------------------------------------

    async def _community(self, code: str, field: str = "community_code", *, through: date | None = None) -> Region:
        """A registered community in use on every day of the placement: through `through` for a closed period;
        with no end (None: a hire, a transfer, a rehire) not retired at all, since a community is retired only
        with nobody employed there (RegionService.retire)."""
        return community_in_use(await self.session.get(Region, code), code, field, through)

    async def create(self, principal: Principal, body: WorkerCreate, *, action: str = "worker.create",
                     reason: str | None = None) -> Worker:
        principal.ensure_can_write(body.community_code)
        ensure_record_keeper(principal)
        [(row, problems)] = await self.hire_checks([body])
        if problems:
            raise problems[0]
        if await self.repository.by_national_ids([row["national_id"]]):
            raise _problem(409, "worker_exists", "该身份证号的社区工作者已存在（已离开的人员请用 rehire 重新聘用）",
                           "a worker with this national ID exists (a former worker is rehired with /rehire)",
                           field="national_id")
        worker = Worker(**row)
        await self.repository.add(worker)
        children: list[Any] = [
            StatusPeriod(worker_id=worker.id, status=worker.status, from_date=body.hired_on),
            PostPeriod(worker_id=worker.id, post=row["post"], head_role=row["head_role"], from_date=body.hired_on),
            ServicePeriod(worker_id=worker.id, community_code=body.community_code, start_date=body.hired_on),
            *[EducationRecord(worker_id=worker.id, **education_values(e, body.hired_on)) for e in body.education],
            *[CertificateRecord(worker_id=worker.id, **c.model_dump()) for c in body.certificates],
            *[HonourRecord(worker_id=worker.id, **h.model_dump()) for h in body.honours],
        ]
        if body.yijiantiao:
            children.append(YijiantiaoPeriod(worker_id=worker.id, from_date=body.hired_on))
        await self.repository.add(*children)
        await self._refresh_derived(worker)
        await self._flush()
        await self._audit(principal, worker, action, before=None, after=audit.snapshot(worker, AUDITED_FIELDS), reason=reason)
        return worker

    async def create_many(self, principal: Principal, bodies: list[WorkerCreate], *,
                          action: str = "worker.create") -> list[uuid.UUID]:
        """Create many workers with a handful of set-based statements (imports, recruitment batches).
        Same rules as `create`; the first broken rule refuses the whole batch (nothing is written)."""
        principal.ensure_can_write()
        ensure_record_keeper(principal)
        if not bodies:
            return []
        for body in bodies:
            principal.ensure_visible(body.community_code, what_zh="社区", what_en="community")
        checked = await self.hire_checks(bodies)
        for _row, problems in checked:
            if problems:
                raise problems[0]
        numbers = [row["national_id"] for row, _problems in checked]
        if len(set(numbers)) != len(numbers) or await self.repository.by_national_ids(numbers):
            raise _problem(409, "worker_exists", "身份证号重复或已登记", "a national ID repeats or is already registered",
                           field="national_id")
        tables: dict[type, list[dict[str, Any]]] = {model: [] for model in (
            Worker, StatusPeriod, PostPeriod, ServicePeriod, YijiantiaoPeriod, EducationRecord, CertificateRecord,
            HonourRecord)}
        entries = []
        for body, (row, _problems) in zip(bodies, checked, strict=True):
            tables[Worker].append(row)
            worker_id, hired = row["id"], body.hired_on
            tables[StatusPeriod].append({"id": uuid.uuid4(), "worker_id": worker_id, "status": row["status"],
                                         "from_date": hired, "to_date": None, "reason": None})
            tables[PostPeriod].append({"id": uuid.uuid4(), "worker_id": worker_id, "post": row["post"],
                                       "head_role": row["head_role"], "from_date": hired, "to_date": None})
            tables[ServicePeriod].append({"id": uuid.uuid4(), "worker_id": worker_id,
                                          "community_code": body.community_code, "start_date": hired,
                                          "end_date": None})
            if body.yijiantiao:
                tables[YijiantiaoPeriod].append({"id": uuid.uuid4(), "worker_id": worker_id, "from_date": hired,
                                                 "to_date": None})
            tables[EducationRecord] += [{"id": uuid.uuid4(), "worker_id": worker_id, **education_values(e, hired)}
                                        for e in body.education]
            tables[CertificateRecord] += [{"id": uuid.uuid4(), "worker_id": worker_id, **c.model_dump()}
                                          for c in body.certificates]
            tables[HonourRecord] += [{"id": uuid.uuid4(), "worker_id": worker_id, **h.model_dump()}
                                     for h in body.honours]
            entries.append({"action": action, "entity": "worker", "entity_id": worker_id,
                            "region_code": body.community_code, "after": row, "worker_id": worker_id})
        for model, rows in tables.items():
            if rows:
                await self.session.execute(insert(model.__table__), rows)
        await audit.record_many(self.session, audit_log, principal, entries)
        return [row["id"] for row in tables[Worker]]

    async def placements(self, pairs: list[tuple[str, str]], places: Places | None = None) -> list[Problem | None]:
        """For each (community code, post): None when the post may be filled there, else the problem registration
        answers (unknown or retired community, post not in the region's catalogue). `places` when the caller has
        read them (`places`, covering these communities)."""
        regions, definitions = places or await self.places({code for code, _post in pairs})
        found: list[Problem | None] = []
        for code, post in pairs:
            problems: list[Problem] = []
            _collected(problems, self._placement, code, post, regions, definitions)
            found.append(problems[0] if problems else None)
        return found

    async def places(self, codes: set[str]) -> Places:
        """The communities `codes` and the post definitions, read once for a batch of placements."""
        regions = (await self.session.scalars(select(Region).where(Region.code.in_(codes)))).all()
        return Places({r.code: r for r in regions}, await self.posts.repository.all())

    @staticmethod
    def _placement(code: str, post: str, regions: dict[str, Region], definitions: list[PostDefinition]
                   ) -> PostDefinition:
        community_in_use(regions.get(code), code)
        return post_in_catalogue(catalogue_from(definitions, code), post)

    async def hire_checks(self, bodies: list[WorkerCreate], *, registered: Collection[str] = (),
                          excluding: uuid.UUID | None = None, places: Places | None = None
                          ) -> list[tuple[dict[str, Any] | None, list[Problem]]]:
        """The registration rules (issue 13: checked at registration, recruitment hire, Excel import, rehire) on the
        new contracts `bodies`, taken as if registered one after another. For each: the worker row `create` would
        write (None when a rule is broken) and every broken rule, in the order registration checks them — the
        first is what a single registration answers. Communities and catalogues are read once, rules once per
        community and date. Rows whose national ID is in `registered` (existing workers an import updates), or
        repeats an earlier one, or breaks another rule, take no leadership post or quota place from the later ones;
        `excluding` is the worker a rehire places again; `places` the communities and catalogue when the caller
        has read them (`places`, covering the bodies' communities)."""
        regions, definitions = places or await self.places({b.community_code for b in bodies})
        term_rules: dict[tuple[str, date], Any] = {}
        probation_rules: dict[tuple[str, date], Any] = {}
        exclusion_rules: dict[tuple[str, date], Any] = {}
        checked: list[tuple[dict[str, Any] | None, list[Problem]]] = []
        leaders: list[tuple[int, tuple[str, date, str]]] = []
        hiring: list[int] = []
        seen = set(registered)
        for body in bodies:
            problems: list[Problem] = []
            checked.append((None, problems))
            definition = _collected(problems, self._placement, body.community_code, body.post, regions, definitions)
            if definition is None:
                continue
            row = self._worker_row(body, definition, await self._term_rule(body, term_rules), problems)
            if row is None:
                continue
            checked[-1] = (row, problems)
            for check in (self._check_probation(row, probation_rules),
                          composition.ensure_not_excluded(self.session, body.community_code, body.hired_on,
                                                          body.other_status, row["committee_member"],
                                                          exclusion_rules)):
                try:
                    await check
                except Problem as problem:
                    problems.append(problem)
            if not problems and row["national_id"] not in seen:
                hiring.append(len(checked) - 1)
                leaders.append((len(checked) - 1, (body.community_code, body.hired_on, definition.code)))
            seen.add(row["national_id"])
        found = await composition.leadership_problems(self.session, [p for _i, p in leaders], excluding=excluding)
        for (index, _placement), problem in zip(leaders, found, strict=True):
            if problem is not None:
                checked[index][1].append(problem)
        # Today's head count against today's quota, for the new hires that break no other rule.
        places = [index for index in hiring if not checked[index][1]]
        found = await quota_problems(self.session, [bodies[index].community_code for index in places])
        for index, problem in zip(places, found, strict=True):
            if problem is not None:
                checked[index][1].append(problem)
        return [(row if not problems else None, problems) for row, problems in checked]

    async def _check_probation(self, row: dict[str, Any], cache: dict[tuple[str, date], Any] | None = None) -> None:
        """The probation against the contract term (rule contract.probation, Labour Contract Law art.19)."""
        if row["probation_end"] is None:
            return
        key = (row["community_code"], row["contract_start"])
        if cache is None or key not in cache:
            rule = await rules.resolve(self.session, probation.RULE_KIND, *key)
            if cache is not None:
                cache[key] = rule
        else:
            rule = cache[key]
        if rule is not None:
            probation.ensure_probation_allowed(rule, row["contract_start"], int(row["contract_term_years"]),
                                               row["probation_end"])

    async def _term_rule(self, body: WorkerCreate, cache: dict[tuple[str, date], Any] | None = None) -> Any:
        """The contract.term rule for the new contract (SS: 两委 members 5 years, staff 3), or None."""
        key = (body.community_code, body.hired_on)
        if cache is not None and key in cache:
            return cache[key]
        rule = await rules.resolve(self.session, TERM_RULE, *key)
        if cache is not None:
            cache[key] = rule
        return rule

    @staticmethod
    def _contract_term(body: WorkerCreate, definition: PostDefinition, term_rule: Any, member: bool) -> int:
        """The contract term in years: the one the text sets by 两委 membership, else the typed or catalogue one."""
        stated, key = renewal.term_stated(term_rule, member)
        if stated is not None:
            # The text sets the term by membership of the two committees (SS 「两委成员聘期5年，专职工作人员聘期3年」,
            # a 两委脱产委员 on the staff pay post included): it is the default, and another term is refused.
            if body.contract_term_years is not None and body.contract_term_years != stated:
                who_zh, who_en = ("社区“两委”成员", "a 两委 member") if member else ("专职工作人员", "community staff")
                zh = f"{who_zh}聘期为 {stated} 年（{rules.source_zh(term_rule.provenance[key]['source'])}）"
                en = f"{who_en} is engaged for {stated} years ({term_rule.provenance[key]['source']})"
                raise Problem(422, "contract_term_by_post", zh, en,
                              errors=[FieldError("contract_term_years", "contract_term_by_post", zh, en)],
                              rule=rules.describe(term_rule, key))
            return stated
        term = body.contract_term_years or definition.contract_term_years
        if term is None:
            raise field_problem("contract_term_years", "contract_term_required",
                                "该地区岗位目录未规定聘期，须填写合同期限（年）",
                                "the catalogue gives no contract term for this post: contract_term_years is required")
        return term

    def _worker_row(self, body: WorkerCreate, definition: PostDefinition, term_rule: Any,
                    problems: list[Problem]) -> dict[str, Any] | None:
        """The worker row `create` would write, as a dict, with the broken rules that need no database added to
        `problems` (None when the contract term is not known)."""
        member = definition.committee or body.committee_member
        term = _collected(problems, self._contract_term, body, definition, term_rule, member)
        if body.probation_end is not None and body.probation_end < body.hired_on:
            problems.append(field_problem("probation_end", "probation_before_hire", "试用期结束日不能早于入职日",
                                          "probation cannot end before the hire date"))
        if body.yijiantiao and not definition.head:
            problems.append(field_problem("yijiantiao", "yijiantiao_needs_head_post", "只有正职岗位可以“一肩挑”",
                                          "only the head post can hold both roles (一肩挑)"))
        head_role = _collected(problems, check_head_role, definition, body.head_role, body.yijiantiao)
        identity = national_ids.parse(body.national_id)
        if eligibility.age_on(identity.birth_date, body.hired_on) < eligibility.LEGAL_WORKING_AGE:
            age = eligibility.LEGAL_WORKING_AGE
            problems.append(field_problem(
                "hired_on", "under_working_age",
                f"入职日 {body.hired_on} 时未满 {age} 周岁（出生于 {identity.birth_date}；"
                f"{eligibility.LEGAL_WORKING_AGE_SOURCE}禁止招用未满十六周岁的未成年人）",
                f"under {age} on the hire date {body.hired_on} (born {identity.birth_date}; "
                "Labour Law art.15 forbids employing minors under sixteen)"))
        # The new hire's service begins on the hire date: a degree obtained after it is an in-service degree.
        for n, entry in enumerate(body.education):
            _collected(problems, in_service_by_dates, entry, body.hired_on, f"education.{n}.in_service")
        if term is None:
            return None
        on_probation = body.probation_end is not None and body.probation_end >= min(today_in_china(), body.hired_on)
        closed, open_since = seniority.summary([(body.community_code, body.hired_on, None)], body.community_code[:2])
        return {
            "id": worker_uuid(identity.number), "national_id": identity.number, "name": body.name,
            "sex": identity.sex, "birth_date": identity.birth_date, "ethnicity": body.ethnicity,
            "political_status": body.political_status, "phone": body.phone, "community_code": body.community_code,
            "post": definition.code, "post_since": body.hired_on, "yijiantiao": body.yijiantiao,
            "head_role": head_role, "committee_member": member, "other_status": body.other_status,
            "other_status_since": body.other_status_since, "party_affairs": body.party_affairs,
            "lives_locally": body.lives_locally,
            "status": "probation" if on_probation else "active", "status_since": body.hired_on,
            "education_level": max((e.level for e in body.education), key=EDUCATION_RANK.__getitem__, default=None),
            "certificate_level": max((c.level for c in body.certificates), key=CERTIFICATE_RANK.__getitem__,
                                     default=None),
            "hired_on": body.hired_on, "contract_term_years": term, "contract_start": body.hired_on,
            "contract_end": add_years(body.hired_on, term) - ONE_DAY, "probation_end": body.probation_end,
            "exit_date": None, "exit_reason": None, "service_days_closed": closed, "service_open_since": open_since,
            "bank_name": body.bank_name, "bank_branch": body.bank_branch, "bank_account": body.bank_account,
            "version": 1,
        }

    # ---- updating ------------------------------------------------------------------------------

    async def update(self, principal: Principal, worker_id: uuid.UUID, body: WorkerUpdate,
                     if_match: int | None) -> Worker:
        worker = await self.writable(principal, worker_id, body.model_dump(exclude_unset=True))
        self.check_version(worker, if_match)
        changes = ensure_changes(body.model_dump(exclude_unset=True), not_clearable=(
            "name", "national_id", "contract_term_years", "contract_start", "contract_end"))
        if "contract_end" in changes and changes["contract_end"] > worker.contract_end:
            zh = (f"合同结束日不能由更正推后（{worker.contract_end} → {changes['contract_end']}）：延长合同须办理续聘"
                  "（POST /v1/workers/{id}/contract-renewal，核对聘期和考核结果）；更正只能提前结束日")
            en = (f"a correction cannot move the contract's end later ({worker.contract_end} → "
                  f"{changes['contract_end']}): extending a contract is a renewal (POST /v1/workers/{{id}}/"
                  "contract-renewal, which checks the term and the assessment); a correction may only bring the end "
                  "earlier")
            raise Problem(409, "contract_extension_needs_renewal", zh, en,
                          errors=[FieldError("contract_end", "contract_extension_needs_renewal", zh, en)],
                          rule="contract.renewal", endpoint="POST /v1/workers/{worker_id}/contract-renewal",
                          current_end=worker.contract_end.isoformat())
        before = audit.snapshot(worker, AUDITED_FIELDS)
        if "national_id" in changes and changes["national_id"] != worker.national_id:
            identity = national_ids.parse(changes["national_id"])
            if await self.repository.by_national_ids([identity.number]):
                raise _problem(409, "worker_exists", "该身份证号的社区工作者已存在",
                               "a worker with this national ID exists", field="national_id")
            worker.sex, worker.birth_date = identity.sex, identity.birth_date
        for field, value in changes.items():
            setattr(worker, field, value)
        if worker.contract_end < worker.contract_start:
            raise field_problem("contract_end", "contract_end_before_start", "合同结束日不能早于开始日",
                                "the contract cannot end before it starts")
        if worker.probation_end is not None and worker.probation_end < min(worker.contract_start, worker.hired_on):
            raise field_problem("probation_end", "probation_before_hire", "试用期结束日不能早于合同开始日",
                                "probation cannot end before the contract starts")
        if changes.keys() & {"other_status", "other_status_since"}:
            await composition.ensure_not_excluded(self.session, worker.community_code,
                                                  worker.other_status_since or today_in_china(), worker.other_status,
                                                  worker.committee_member)
        if changes.keys() & {"probation_end", "contract_start", "contract_term_years"}:
            await self._check_probation({"community_code": worker.community_code,
                                         "contract_start": worker.contract_start,
                                         "contract_term_years": worker.contract_term_years,
                                         "probation_end": worker.probation_end})
        await self._flush()
        await self._audit(principal, worker, "worker.update", before=before, after=audit.snapshot(worker, AUDITED_FIELDS))
        return worker

    @staticmethod
    def check_version(worker: Worker, if_match: int | None) -> None:
        if if_match is None:
            raise Problem(428, "precondition_required", "修改需要 If-Match 版本头（先 GET 取得 ETag）",
                          "If-Match header required (GET the record for its ETag first)")
        if if_match != worker.version:
            raise Problem(412, "precondition_failed", "记录已被他人修改，请刷新后重试",
                          "the record changed since you read it: reload and retry", current_version=worker.version)

    async def _flush(self) -> None:
        try:
            await self.session.flush()
        except StaleDataError as exc:  # a concurrent writer won the row
            raise Problem(412, "precondition_failed", "记录已被他人修改，请刷新后重试",
                          "the record changed since you read it: reload and retry") from exc

    def _touch(self, worker: Worker) -> None:
        """A change to any part of the record gives it a new version (ETag)."""
        worker.updated_at = func.now()  # marks the row dirty, so the version increments on flush

    # ---- contract renewal (renewal.py) ---------------------------------------------------------

    async def final_annual(self, client: ServiceClient, region: str, years: set[int]
                            ) -> dict[str, dict[tuple[int, str], str]] | None:
        """`worker_id -> {(year, kind): result}` of the final results over `region` (None: the assessment service
        could not be read)."""
        if not years:
            return {}
        try:
            found = await final_results(client, region, sorted(years))
        except Problem:
            return None
        by_worker: dict[str, dict[tuple[int, str], str]] = {}
        for (worker_id, year, kind), result in found.items():
            by_worker.setdefault(worker_id, {})[(year, kind)] = result.result
        return by_worker

    async def renewal_plan(self, principal: Principal, worker: Worker, client: ServiceClient,
                           requested_end: date | None = None) -> renewal.RenewalPlan:
        """The renewal of `worker`'s current contract as decided today. The term rule is the one in force when the
        new contract starts; the renewal condition the one in force when the current contract ends. The results
        are read over the narrower of the caller's jurisdiction and the worker's county (docs/contracts.md)."""
        term_rule = await rules.resolve(self.session, TERM_RULE, worker.community_code, worker.contract_end + ONE_DAY)
        renewal_rule = await rules.resolve(self.session, renewal.RENEWAL_RULE, worker.community_code,
                                           worker.contract_end)
        params = renewal_rule.params if renewal_rule is not None else {}
        years = set(renewal.assessment_years(params, worker.contract_end))
        region = max(principal.jurisdiction, worker.community_code[:6], key=len)
        results = await self.final_annual(client, region, years)
        definition = await self.session.get(PostDefinition, worker.post)
        return renewal.plan(status=worker.status, committee_member=worker.committee_member,
                            current_start=worker.contract_start, current_end=worker.contract_end,
                            current_term=worker.contract_term_years,
                            catalogue_term=definition.contract_term_years if definition is not None else None,
                            term_rule=term_rule, renewal_rule=renewal_rule,
                            results=None if results is None else results.get(str(worker.id), {}),
                            today=today_in_china(), requested_end=requested_end)

    async def renew_contract(self, principal: Principal, worker_id: uuid.UUID, body: RenewalIn,
                             client: ServiceClient) -> Worker:
        """续聘: the next contract from the day after the current one ends, for the term the rules give, when the
        renewal condition holds (renewal.py); refused with the rule and nothing written otherwise. Audited."""
        worker = await self.writable(principal, worker_id)
        if body.current_end != worker.contract_end:
            raise _problem(409, "contract_not_current",
                           f"续聘的合同（{body.current_end} 到期）不是该人员当前的合同（{worker.contract_end} 到期），"
                           "请刷新后重试",
                           f"the contract ending {body.current_end} is not the worker's current contract (ending "
                           f"{worker.contract_end}): reload and retry", field="current_end",
                           current_end=worker.contract_end.isoformat())
        plan = await self.renewal_plan(principal, worker, client, body.end)
        if plan.refusal is not None:
            refusal = plan.refusal
            raise _problem(refusal.status, refusal.code, refusal.message_zh, refusal.message_en,
                           field=refusal.field, **refusal.extra)
        before = audit.snapshot(worker, CONTRACT_FIELDS)
        worker.contract_start, worker.contract_end = plan.start, plan.end
        worker.contract_term_years = renewal.years_covering(plan.start, plan.end)
        self._touch(worker)
        await self._flush()
        await self._audit(principal, worker, "worker.contract.renew", before=before,
                          after={**audit.snapshot(worker, CONTRACT_FIELDS), "term_basis": plan.term_basis,
                                 "renewal_status": plan.details["renewal_status"],
                                 "last_result": plan.details["last_result"]},
                          reason=body.reason)
        return worker

    async def contracts_due(self, principal: Principal, scope: str, on: date, within_days: int | None = None
                            ) -> tuple[date, Callable[[str], dict[str, Any]], list[tuple[Worker, str, str, str]]]:
        """Employed workers of `scope` whose contract ends by `on` + the window — `within_days` when given, else the
        `contract.renewal` window_days of the worker's own community — or has already ended (a lapsed contract
        awaits a decision), soonest first, with the community's name and the post's labels. Also the latest end
        listed and `community_code -> contract.renewal params`. The contracts-ending list and the contract_ending
        flags both select with it."""
        renewal_for = await rules.resolver(self.session, renewal.RENEWAL_RULE, on)

        def params(code: str) -> dict[str, Any]:
            rule = renewal_for(code)
            return rule.params if rule is not None else {}

        # The window is each region's rule: a township may set a longer one than its county, so the query is
        # bounded by the longest in scope and each row then by its own community's.
        until = on + timedelta(days=within_days if within_days is not None
                               else renewal.longest_window(renewal_for.under(scope)))
        rows = await self.repository.contracts_ending(principal, scope, until, EMPLOYED_STATUSES)
        if within_days is None:
            rows = [row for row in rows if renewal.due(params(row[0].community_code), row[0].contract_end, on)]
        return until, params, rows

    async def contracts_ending(self, principal: Principal, region: str | None, on: date, within_days: int | None,
                               client: ServiceClient) -> tuple[str, date, bool, list[dict[str, Any]]]:
        """The contracts due for a decision (`contracts_due`), each with its renewal eligibility: (scope, until,
        assessment available, rows)."""
        scope = principal.scope_prefix(region)
        until, params, rows = await self.contracts_due(principal, scope, on, within_days)
        years = {y for worker, *_ in rows
                 for y in renewal.assessment_years(params(worker.community_code), worker.contract_end)}
        results = await self.final_annual(client, scope, years)
        items = []
        for worker, community_name, label_zh, label_en in rows:
            details = renewal.judge(params(worker.community_code), worker.contract_end,
                                    None if results is None else results.get(str(worker.id), {}))
            zh, en = renewal.message(details)
            items.append({"worker_id": worker.id, "name": worker.name, "community_code": worker.community_code,
                          "community_name": community_name, "post": worker.post, "post_label_zh": label_zh,
                          "post_label_en": label_en, "status": worker.status,
                          "contract_start": worker.contract_start, "contract_end": worker.contract_end,
                          "days_left": (worker.contract_end - on).days, **details,
                          "message_zh": zh, "message_en": en})
        return scope, until, results is not None, items

    # ---- dated facts ---------------------------------------------------------------------------

    def _check_date(self, on: date, *, not_before: date | None, reason: str | None, field: str = "on") -> None:
        today = today_in_china()
        if on > today:
            raise field_problem(field, "date_in_future", "生效日期不能晚于今天", "the effective date cannot be in the future")
        if not_before is not None and on < not_before:
            raise field_problem(field, "date_before_current", f"生效日期不能早于当前记录的开始日 {not_before}",
                                f"the effective date cannot precede the current record's start {not_before}")
        if on < one_month_before(today) and not reason:
            raise field_problem("reason", "backdated_needs_reason", "生效日期早于一个月前，须填写原因（将记入审计）",
                                "a change dated more than one month back needs a reason (it is audited)")

    async def change_status(self, principal: Principal, worker_id: uuid.UUID, status: str, on: date,
                            reason: str | None = None, *, by_secondment: bool = False) -> Worker:
        """`by_secondment` only from the secondments service, which has recorded (or ended) the secondment."""
        worker = await self.writable(principal, worker_id)
        if status == worker.status:
            raise field_problem("status", "status_unchanged", f"状态已是{status_text(status)[0]}",
                                f"the status is already {status_text(status)[1]}")
        allowed = ALLOWED_TRANSITIONS[worker.status]
        if status not in allowed:
            direct = sorted(direct_transitions(worker.status))
            names_zh, names_en = statuses_text(direct)
            (from_zh, from_en), (to_zh, to_en) = status_text(worker.status), status_text(status)
            raise _problem(422, "invalid_status_transition",
                           f"状态不能从{from_zh}变更为{to_zh}（可变更为：{names_zh}）",
                           f"status cannot change from {from_en} to {to_en} (allowed: {names_en})",
                           field="status", rule="status_machine", allowed=direct)
        if status in WORKFLOW_STATUSES and not by_secondment:
            raise _problem(422, "secondment_workflow_only",
                           "借调须通过借调登记办理（POST /v1/secondments，核验审批、期限和同一社区借调人数），"
                           "不能直接将状态改为 seconded",
                           "a secondment is recorded through the secondment workflow (POST /v1/secondments, which "
                           "checks the approval, the length and the per-community limit); the status cannot be set "
                           "to seconded directly",
                           field="status", rule="secondment_workflow", endpoint="POST /v1/secondments")
        self._check_date(on, not_before=worker.status_since, reason=reason)
        before = audit.snapshot(worker, ["status", "status_since", "exit_date", "exit_reason"])
        await self._close_open(StatusPeriod, worker.id, on)
        await self.repository.add(StatusPeriod(worker_id=worker.id, status=status, from_date=on, reason=reason))
        worker.status, worker.status_since = status, on
        if status in EXIT_STATUSES:
            worker.exit_date, worker.exit_reason = on, reason or status
            # Service, post and 一肩挑 end on the last day before the exit.
            await self._close_open(PostPeriod, worker.id, on)
            await self._close_open(YijiantiaoPeriod, worker.id, on)
            for period in await self.repository.open_service(worker.id):
                period.end_date = max(on - ONE_DAY, period.start_date)
            worker.yijiantiao = False
            await self.session.flush()
            await self._save_derived(worker)
        await self._audit(principal, worker, "worker.status", before=before,
                          after=audit.snapshot(worker, ["status", "status_since", "exit_date", "exit_reason"]),
                          reason=reason)
        if status in EXIT_STATUSES:
            from registry.accounts.repository import AccountRepository
            from registry.accounts.service import deactivate_worker_account

            await deactivate_worker_account(AccountRepository(self.session), principal, worker.id, status)
        return worker

    async def _close_open(self, model, worker_id: uuid.UUID, on: date) -> None:
        """End the open period the day before `on` (kept at least one day long)."""
        current = await self.repository.open_period(model, worker_id)
        if current is not None:
            current.to_date = max(on - ONE_DAY, current.from_date)

    def _ensure_active(self, worker: Worker) -> None:
        if worker.status in EXIT_STATUSES:
            raise _problem(422, "worker_has_left", "该社区工作者已离职，不能再变更岗位或职务",
                           "the worker has left: post and roles can no longer change", field="status")

    async def change_post(self, principal: Principal, worker_id: uuid.UUID, body: PostChangeIn) -> Worker:
        worker = await self.writable(principal, worker_id)
        self._ensure_active(worker)
        definition = await self.posts.require(worker.community_code, body.post)
        if definition.code == worker.post:
            raise field_problem("post", "post_unchanged", "岗位未变化", "the post is unchanged")
        self._check_date(body.on, not_before=worker.post_since, reason=body.reason)
        head_role = check_head_role(definition, body.head_role, False)
        await composition.ensure_leadership_room(self.session, worker.community_code, body.on, definition.code,
                                                 excluding=worker.id)
        before = audit.snapshot(worker, ["post", "post_since", "yijiantiao", "head_role"])
        await self._close_open(PostPeriod, worker.id, body.on)
        await self.repository.add(PostPeriod(worker_id=worker.id, post=definition.code, head_role=head_role,
                                             from_date=body.on))
        worker.post, worker.post_since, worker.head_role = definition.code, body.on, head_role
        if worker.yijiantiao and not definition.head:
            # Leaving the head post ends 一肩挑 the same day.
            await self._close_open(YijiantiaoPeriod, worker.id, body.on)
            worker.yijiantiao = False
        self._touch(worker)
        await self._flush()
        await self._audit(principal, worker, "worker.post", before=before,
                          after=audit.snapshot(worker, ["post", "post_since", "yijiantiao", "head_role"]),
                          reason=body.reason)
        return worker

    async def change_yijiantiao(self, principal: Principal, worker_id: uuid.UUID, body: YijiantiaoChangeIn) -> Worker:
        worker = await self.writable(principal, worker_id)
        self._ensure_active(worker)
        if body.holds == worker.yijiantiao:
            raise field_problem("holds", "yijiantiao_unchanged", "“一肩挑”状态未变化", "一肩挑 is unchanged")
        current = await self.repository.open_period(YijiantiaoPeriod, worker.id)
        if body.holds:
            definition = await self.session.get(PostDefinition, worker.post)
            if definition is None or not definition.head:
                raise field_problem("holds", "yijiantiao_needs_head_post", "只有正职岗位可以“一肩挑”",
                                    "only the head post can hold both roles (一肩挑)")
            self._check_date(body.on, not_before=worker.post_since, reason=body.reason)
            await self.repository.add(YijiantiaoPeriod(worker_id=worker.id, from_date=body.on))
        else:
            self._check_date(body.on, not_before=current.from_date if current else None, reason=body.reason)
            if current is not None:
                # Ending on `on`: the last day held is the day before.
                current.to_date = max(body.on - ONE_DAY, current.from_date)
        worker.yijiantiao = body.holds
        # 一肩挑 is dated by its own history; the current office follows it (ending it leaves the office the
        # post period records, if any).
        if body.holds:
            worker.head_role = "both"
        else:
            period = await self.repository.open_period(PostPeriod, worker.id)
            worker.head_role = period.head_role if period is not None and period.head_role != "both" else None
        self._touch(worker)
        await self._flush()
        await self._audit(principal, worker, "worker.yijiantiao", before={"yijiantiao": not body.holds},
                          after={"yijiantiao": body.holds, "on": body.on}, reason=body.reason)
        return worker

    async def _add_dated(self, principal: Principal, worker_id: uuid.UUID, model: Any, body: Any, on_field: str,
                         action: str, values: Callable[[Worker], dict[str, Any]] | None = None) -> Any:
        """A `model` fact of the worker from `body` (or from `values(worker)`), whose `on_field` date cannot be in the
        future, audited."""
        worker = await self.writable(principal, worker_id)
        if getattr(body, on_field) > today_in_china():
            raise field_problem(on_field, "date_in_future", "日期不能晚于今天", "the date cannot be in the future")
        record = model(worker_id=worker.id, **(values(worker) if values else body.model_dump()))
        await self._add_fact(principal, worker, record, action)
        return record

    async def add_education(self, principal: Principal, worker_id: uuid.UUID, body: EducationIn) -> EducationRecord:
        return await self._add_dated(principal, worker_id, EducationRecord, body, "graduated_on",
                                     "worker.education.add",
                                     lambda worker: education_values(body, current_service_start(worker)))

    async def add_certificate(self, principal: Principal, worker_id: uuid.UUID, body: CertificateIn) -> CertificateRecord:
        # The same level approved the same day is the same certificate (unique constraint; the worker row is
        # locked, so a concurrent second POST sees the first).
        worker = await self.writable(principal, worker_id)
        if any((c.level, c.approved_on) == (body.level, body.approved_on)
               for c in await self.repository.certificates(worker.id)):
            level_zh, level_en = certificate_text(body.level)
            raise _problem(409, "certificate_exists", f"该社区工作者已登记 {body.approved_on} 批准的{level_zh}证书",
                           f"the worker already has the {level_en} certificate approved on {body.approved_on}",
                           field="approved_on")
        return await self._add_dated(principal, worker_id, CertificateRecord, body, "approved_on",
                                     "worker.certificate.add")

    async def add_honour(self, principal: Principal, worker_id: uuid.UUID, body: HonourIn) -> HonourRecord:
        return await self._add_dated(principal, worker_id, HonourRecord, body, "awarded_on", "worker.honour.add")

    async def remove_fact(self, principal: Principal, worker_id: uuid.UUID, kind: str, record_id: uuid.UUID) -> None:
        """Delete a mistaken education, certificate or honour record (audited with what it was)."""
        model = {"education": EducationRecord, "certificates": CertificateRecord, "honours": HonourRecord}[kind]
        worker = await self.writable(principal, worker_id)
        record = await self.session.get(model, record_id)
        if record is None or record.worker_id != worker.id:
            raise not_found("记录", "record")
        before = audit.snapshot(record)
        await self.session.delete(record)
        await self.session.flush()
        await self._save_derived(worker)
        await self._audit(principal, worker, f"worker.{kind}.delete", before=before, after=None)

    async def add_service_period(self, principal: Principal, worker_id: uuid.UUID, body: ServicePeriodIn) -> ServicePeriod:
        worker = await self.writable(principal, worker_id)
        await self._community(body.community_code, through=body.end)
        today = today_in_china()
        if body.start > today or (body.end is not None and body.end > today):
            raise field_problem("start" if body.start > today else "end", "date_in_future",
                                "服务期日期不能晚于今天", "service dates cannot be in the future")
        if body.end is not None and body.end < body.start:
            raise field_problem("end", "end_before_start", "结束日不能早于开始日", "the end cannot precede the start")
        if body.end is None and await self.repository.open_service(worker.id):
            raise field_problem("end", "already_serving", "已有未结束的服务期：调动请使用 transfers",
                                "an open service period exists: use a transfer to move communities")
        record = ServicePeriod(worker_id=worker.id, community_code=body.community_code, start_date=body.start,
                               end_date=body.end)
        await self._add_fact(principal, worker, record, "worker.service_period.add")
        return record

    async def close_service_period(self, principal: Principal, worker_id: uuid.UUID, period_id: uuid.UUID,
                                   end: date) -> ServicePeriod:
        worker = await self.writable(principal, worker_id)
        period = await self.session.get(ServicePeriod, period_id)
        if period is None or period.worker_id != worker.id:
            raise not_found("服务期", "service period")
        if end < period.start_date or end > today_in_china():
            raise field_problem("end", "end_out_of_range", "结束日须在开始日与今天之间",
                                "the end must lie between the start and today")
        before = audit.snapshot(period)
        period.end_date = end
        await self.session.flush()
        await self._save_derived(worker)
        await self._audit(principal, worker, "worker.service_period.close", before=before, after=audit.snapshot(period))
        return period

    async def transfer(self, principal: Principal, worker_id: uuid.UUID, community_code: str, on: date,
                       reason: str | None = None) -> Worker:
        """Move to another community: the open service period ends the day before, a new one opens."""
        worker = await self.writable(principal, worker_id)
        self._ensure_active(worker)
        principal.ensure_visible(community_code, what_zh="社区", what_en="community")
        await self._community(community_code)
        # A move inside the county leaves the county's head count as it is; the community's grows.
        await ensure_quota(self.session, community_code, 1,
                           check_county=community_code[:6] != worker.community_code[:6])
        if community_code == worker.community_code:
            raise field_problem("community_code", "same_community", "已在该社区", "already in this community")
        await self.posts.require(community_code, worker.post)
        await composition.ensure_leadership_room(self.session, community_code, on, worker.post, excluding=worker.id)
        open_periods = await self.repository.open_service(worker.id)
        not_before = max((p.start_date for p in open_periods), default=None)
        self._check_date(on, not_before=not_before, reason=reason)
        before = audit.snapshot(worker, ["community_code"])
        for period in open_periods:
            period.end_date = max(on - ONE_DAY, period.start_date)
        await self.repository.add(ServicePeriod(worker_id=worker.id, community_code=community_code, start_date=on))
        worker.community_code = community_code
        await self._save_derived(worker)
        await self._audit(principal, worker, "worker.transfer", before=before,
                          after={"community_code": community_code, "on": on}, reason=reason)
        await self._move_account(principal, worker, reason or f"worker transfer to {community_code}")
        return worker

    async def rehire(self, principal: Principal, worker_id: uuid.UUID, body: RehireIn) -> Worker:
        """A new contract for a former worker: the break stays a break (service is not bridged)."""
        worker = await self.writable(principal, worker_id)
        principal.ensure_visible(body.community_code, what_zh="社区", what_en="community")
        if worker.status not in REHIRABLE_STATUSES:
            names_zh, names_en = statuses_text(sorted(REHIRABLE_STATUSES))
            now_zh, now_en = status_text(worker.status)
            raise _problem(422, "not_rehirable", f"只有已离开（{names_zh}）的人员可以重新聘用，当前状态：{now_zh}",
                           f"only a former worker ({names_en}) can be rehired; the status is {now_en}",
                           field="status", rule="status_machine")
        if worker.exit_date is not None and body.hired_on < worker.exit_date:
            raise field_problem("hired_on", "rehire_before_exit", f"重新入职日不能早于离开日 {worker.exit_date}",
                                f"the new hire date cannot precede the exit {worker.exit_date}")
        # A retired former worker is a retiree (SS 「退休社区工作者…不纳入」) whatever the record's other status.
        other_status = "retired" if worker.status == "retired" else worker.other_status
        contract = WorkerCreate(
            name=worker.name, national_id=worker.national_id, community_code=body.community_code, post=body.post,
            hired_on=body.hired_on, contract_term_years=body.contract_term_years, probation_end=body.probation_end,
            other_status=other_status)
        [(row, problems)] = await self.hire_checks([contract], excluding=worker.id)
        if problems:
            raise problems[0]
        before = audit.snapshot(worker, AUDITED_FIELDS)
        await self._close_open(StatusPeriod, worker.id, body.hired_on)
        await self.repository.add(
            StatusPeriod(worker_id=worker.id, status=row["status"], from_date=body.hired_on, reason=body.reason),
            PostPeriod(worker_id=worker.id, post=row["post"], from_date=body.hired_on),
            ServicePeriod(worker_id=worker.id, community_code=body.community_code, start_date=body.hired_on))
        for field in ("community_code", "post", "post_since", "status", "status_since", "hired_on",
                      "contract_term_years", "contract_start", "contract_end", "probation_end", "committee_member"):
            setattr(worker, field, row[field])
        worker.exit_date = worker.exit_reason = None
        worker.yijiantiao = False
        worker.head_role = None
        await self.session.flush()
        await self._save_derived(worker)
        await self._audit(principal, worker, "worker.rehire", before=before,
                          after=audit.snapshot(worker, AUDITED_FIELDS), reason=body.reason)
        await self._move_account(principal, worker, body.reason or f"worker rehire in {worker.community_code}")
        return worker

    async def _move_account(self, principal: Principal, worker: Worker, reason: str) -> None:
        """The worker's login account follows the record to its community (whose officers administer it)."""
        from registry.accounts.repository import AccountRepository
        from registry.accounts.service import move_worker_account

        await move_worker_account(AccountRepository(self.session), principal, worker.id, worker.community_code,
                                  reason=reason)

    async def _add_fact(self, principal: Principal, worker: Worker, record: Any, action: str) -> None:
        await self.repository.add(record)
        await self._save_derived(worker)
        await self._audit(principal, worker, action, before=None, after=audit.snapshot(record))

    async def _save_derived(self, worker: Worker) -> None:
        """The derived current values refreshed, a new version, and the row written."""
        await self._refresh_derived(worker)
        self._touch(worker)
        await self._flush()

    async def _refresh_derived(self, worker: Worker) -> None:
        """Keep the searchable current values in step with the histories."""
        education = await self.repository.education(worker.id)
        certificates = await self.repository.certificates(worker.id)
        worker.education_level = max((e.level for e in education), key=EDUCATION_RANK.__getitem__, default=None)
        worker.certificate_level = max((c.level for c in certificates), key=CERTIFICATE_RANK.__getitem__, default=None)
        periods = await self.repository.service_periods(worker.id)
        # The searchable summary counts what the rule in force today counts (seniority.py).
        rule = seniority.rule_on(await seniority.load_rules(self.session), worker.community_code, today_in_china())
        scope = worker.community_code[:rule.scope_digits] if rule else worker.community_code[:2]
        worker.service_days_closed, worker.service_open_since = seniority.summary(
            [(p.community_code, p.start_date, p.end_date) for p in periods], scope)

    async def _audit(self, principal: Principal, worker: Worker, action: str, *, before: Any, after: Any,
                     reason: str | None = None) -> None:
        await audit.record(self.session, audit_log, principal, action=action, entity="worker", entity_id=worker.id,
                           region_code=worker.community_code, before=before, after=after, reason=reason,
                           worker_id=worker.id)
