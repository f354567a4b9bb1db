"""Pay schemes (draft → validate → preview → publish, never edited once published) and reference figures.

`resolve_scheme` and `figures` are what payroll runs and grades call to get the rules and numbers in
force for a community on a date.
"""

from __future__ import annotations

import os
import time
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import aclosing
from dataclasses import dataclass
from datetime import UTC, date, datetime

from cwm_kit import audit
from cwm_kit.dates import today_in_china
from cwm_kit.http import ServiceClient
from cwm_kit.problems import FieldError, Problem, field_problem, forbidden, not_found, validation_problem
from cwm_kit.security import Principal
from cwm_kit.types import money
from cwm_kit.updates import ensure_changes
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from payroll import duties
from payroll.calculation.engine import calculate_month
from payroll.calendar import parse_month
from payroll.inputs.schemas import WorkerFacts, by_worker
from payroll.models import audit_log
from payroll import upstream
from payroll.runs.calculator import performance_pots, pot_unit

from .figures import Figure, FigureSet, choose
from .models import PaySchemeVersion, ReferenceFigure
from .repository import PolicyRepository
from .schemas import (FigureIn, PreviewIn, PreviewOut, PreviewSample, SchemeCreate, SchemeSummary, SchemeUpdate,
                      SimulationIn, SimulationOut, SimulationSide, ValidationOut)
from .simulation import Comparison, SideTotals, average_wage_monthly, ratio
from .scheme import PayScheme


@dataclass(frozen=True)
class ResolvedScheme:
    version_id: int
    region_prefix: str
    effective_from: date
    scheme: PayScheme


def load_scheme(document: dict, *, published: bool) -> PayScheme:
    """A stored document as a PayScheme: every read of a version goes through here.

    A draft is held to JSON types as a request body is (a whole number a JSON number, a yes/no true or false).
    A published version was accepted by the rules of its day and is never edited: one published before JSON
    types were strict (kit StrictModel, 2026-12-02) may hold "min_level": "7" or "counts": "false", read as
    pydantic's lax mode read them then (7, False), not refused on every run, preview and grade of its region.
    A well-typed document is the same scheme either way."""
    return PayScheme.model_validate(document, strict=False if published else None)


def parse_document(document: dict, *, published: bool) -> tuple[PayScheme | None, list[FieldError]]:
    """`load_scheme`, its problems named by field (document.…) instead of raised."""
    try:
        return load_scheme(document, published=published), []
    except ValidationError as exc:
        errors = [{**e, "loc": ("document", *e["loc"])} for e in exc.errors()]
        return None, validation_problem(RequestValidationError(errors)).errors


async def resolve_scheme(session: AsyncSession, region_code: str, on_date: date) -> ResolvedScheme:
    """The published scheme in force for `region_code` on `on_date`: the most specific prefix wins."""
    repository = PolicyRepository(session)
    row = await repository.in_force_digest(region_code, on_date)
    if row is None:
        raise Problem(422, "no_pay_scheme", f"{region_code} 在 {on_date.isoformat()} 没有生效的薪酬方案",
                      f"no pay scheme in force for {region_code} on {on_date.isoformat()}")
    key = (row.id, row.digest)
    scheme = _BY_DIGEST.get(key)
    if scheme is None:  # the document is read (and parsed) only when this process has not seen this version
        scheme = load_scheme(await repository.document(row.id), published=True)
        if len(_BY_DIGEST) > 256:
            _BY_DIGEST.clear()
        _BY_DIGEST[key] = scheme
    return ResolvedScheme(row.id, row.region_prefix, row.effective_from, scheme)


# Published versions never change (migration 0c361dbac4de): a version's document is parsed once per process.
# Keyed by (id, MD5 of the document's text), computed by the database with the version in force, so a resolve
# reads no document at all; by the content too, not the id alone: one process may read several databases
# (tests, a restore), where the same id names another document.
_BY_DIGEST: dict[tuple[int, str], PayScheme] = {}


def _figure(row: ReferenceFigure) -> Figure:
    return Figure(kind=row.kind, year=row.year, value=row.value, status=row.status, published_on=row.published_on,
                  region_code=row.region_code, region_name=row.region_name, id=row.id)


async def figures_for_years(session: AsyncSession, region_code: str, years: list[int], *,
                            known_on: date | None = None) -> FigureSet:
    rows = await PolicyRepository(session).figures_for(region_code, years)
    return FigureSet(region_code, choose([_figure(r) for r in rows], known_on=known_on).values())


async def figures(session: AsyncSession, region_code: str, year: int, *, known_on: date | None = None) -> FigureSet:
    """Figures of `year` in force for `region_code` (most specific prefix per kind; the latest publication
    known on `known_on`, default: all). Pass a month's year and the year before to price a month
    (`figures_for_years`)."""
    return await figures_for_years(session, region_code, [year], known_on=known_on)


def version_states(rows: list[PaySchemeVersion], today: date) -> list[SchemeSummary]:
    """Per prefix, the published version in force today (latest effective date, then latest publication)
    and the ones it superseded; published versions effective later are scheduled."""
    in_force: dict[str, PaySchemeVersion] = {}
    for row in rows:
        if row.status == "published" and row.effective_from <= today:
            best = in_force.get(row.region_prefix)
            if best is None or (row.effective_from, row.published_at, row.id) > (best.effective_from,
                                                                                  best.published_at, best.id):
                in_force[row.region_prefix] = row
    out = []
    for row in rows:
        if row.status != "published":
            state = "draft"
        elif row.effective_from > today:
            state = "scheduled"
        else:
            state = "in_force" if in_force.get(row.region_prefix) is row else "superseded"
        out.append(SchemeSummary.model_validate(row).model_copy(update={"state": state}))
    return out


async def sample_workers(registry: ServiceClient, region: str, as_of: date, size: int) -> list[WorkerFacts]:
    """The first `size` workers of the region from the registry's facts stream (the caller's token)."""
    workers: list[WorkerFacts] = []
    async with aclosing(upstream.worker_facts(registry, region, as_of, as_service=False)) as lines:
        async for facts in lines:
            workers.append(facts)
            if len(workers) >= size:
                break
    return workers


def unit_workers(registry: ServiceClient, unit: str, month_start: date, month_end: date) -> AsyncIterator[WorkerFacts]:
    """Every worker of `unit` employed in the month, as a run reads them (the caller's token)."""
    return upstream.worker_facts(registry, unit, month_end, month_start, as_service=False)


REGION_CODE_LENGTHS = (12, 9, 6, 4, 2)


def covering_region(codes: Iterable[str]) -> str:
    """The narrowest region (a code of 2, 4, 6, 9 or 12 digits) holding every one of `codes`."""
    common = os.path.commonprefix(list(codes))
    return next((common[:n] for n in REGION_CODE_LENGTHS if len(common) >= n), "")


@dataclass(frozen=True)
class OneScheme:
    """One scheme, with each community's figures, seen as a run's policies are (runs.calculator.performance_pots)."""

    scheme: PayScheme
    figures_at: Callable[[str], FigureSet]

    def policy(self, county: str, month: str) -> OneScheme:
        return self


class PolicyService:
    def __init__(self, repository: PolicyRepository):
        self.repository = repository
        self.session = repository.session

    async def _visible(self, principal: Principal, scheme_id: int, *, lock: bool = False) -> PaySchemeVersion:
        row = await self.repository.get_scheme(principal, scheme_id, lock=lock)
        if row is None:
            raise not_found("薪酬方案", "pay scheme")
        return row

    def _ensure_scheme_writer(self, principal: Principal, region_prefix: str, *, existing: bool = False) -> None:
        """Provincial admins write schemes inside their prefix. On an existing version, one outside the
        jurisdiction (even one that applies to the caller and that they may read) answers 404 like a made-up
        id, whatever the role; the role is checked after."""
        if existing and not principal.covers(region_prefix):
            raise not_found("薪酬方案", "pay scheme")
        duties.ensure_may(principal, "pay_scheme.draft")
        if not principal.covers(region_prefix):
            raise not_found("薪酬方案", "pay scheme")

    async def list(self, principal: Principal, prefix: str | None, today: date | None = None) -> list[SchemeSummary]:
        rows = await self.repository.list_schemes(principal, prefix)
        return version_states(rows, today or today_in_china())

    async def get(self, principal: Principal, scheme_id: int) -> PaySchemeVersion:
        return await self._visible(principal, scheme_id)

    async def in_force(self, principal: Principal, region_code: str, on_date: date) -> PaySchemeVersion:
        # The region must apply to the caller (an ancestor of, or inside, their jurisdiction).
        if not (principal.covers(region_code) or principal.jurisdiction.startswith(region_code)):
            raise not_found("地区", "region")
        resolved = await resolve_scheme(self.session, region_code, on_date)
        return await self._visible(principal, resolved.version_id)

    async def create(self, principal: Principal, body: SchemeCreate) -> PaySchemeVersion:
        self._ensure_scheme_writer(principal, body.region_prefix)
        document = body.document
        if body.based_on_id is not None:
            base = await self._visible(principal, body.based_on_id)
            document = document if document is not None else dict(base.document)
        if document is None:
            raise field_problem("document", "missing", "必须提供方案内容或 based_on_id",
                                "give a document or a based_on_id to copy")
        row = PaySchemeVersion(region_prefix=body.region_prefix, effective_from=body.effective_from,
                               name=str(document.get("name") or "")[:120] or "draft", status="draft",
                               document=document, based_on_id=body.based_on_id, created_by=principal.subject)
        self.session.add(row)
        await self.session.flush()
        await audit.record(self.session, audit_log, principal, action="pay_scheme.create", entity="pay_scheme",
                           entity_id=row.id, region_code=row.region_prefix, after=audit.snapshot(row))
        return row

    async def update(self, principal: Principal, scheme_id: int, body: SchemeUpdate) -> PaySchemeVersion:
        row = await self._visible(principal, scheme_id, lock=True)
        self._ensure_scheme_writer(principal, row.region_prefix, existing=True)
        if row.status != "draft":
            raise Problem(409, "scheme_published", "已发布的薪酬方案不能修改，请新建版本",
                          "a published pay scheme is never edited: create a new version")
        changes = ensure_changes(body.model_dump(exclude_unset=True, exclude_none=True))
        before = audit.snapshot(row)
        if "document" in changes:
            row.document = changes["document"]
            row.name = str(changes["document"].get("name") or "")[:120] or "draft"
        if "effective_from" in changes:
            row.effective_from = changes["effective_from"]
        row.updated_at = datetime.now(UTC)
        await self.session.flush()
        await audit.record(self.session, audit_log, principal, action="pay_scheme.update", entity="pay_scheme",
                           entity_id=row.id, region_code=row.region_prefix, before=before, after=audit.snapshot(row))
        return row

    async def validate(self, principal: Principal, scheme_id: int) -> ValidationOut:
        row = await self._visible(principal, scheme_id)
        _, problems = parse_document(row.document, published=row.status == "published")
        return ValidationOut(valid=not problems, problems=problems)

    async def preview(self, principal: Principal, scheme_id: int, body: PreviewIn,
                      registry: ServiceClient | None = None, assessment: ServiceClient | None = None) -> PreviewOut:
        """Payslips of sample workers under this version, computed and returned, never saved. Officers
        only (a worker may not read other workers' facts): refused before the scheme or the registry is read.

        Sampled workers are priced on what a run reads: their final assessment results of every year, from
        the assessment service (the caller's token), for the grade and the performance pay; a year-end
        preview of a scheme sharing a unit's performance pot reads the whole unit (inside the caller's
        jurisdiction) and shares it as the year-end run does. Workers given in the body are priced on the
        body's `results`, the given workers of a unit sharing its pot."""
        if not (principal.is_officer or principal.is_service):
            raise forbidden("仅限工作人员预览薪酬方案", "only officers may preview a pay scheme")
        row = await self._visible(principal, scheme_id)
        scheme, problems = parse_document(row.document, published=row.status == "published")
        if scheme is None:
            raise Problem(422, "scheme_invalid", "薪酬方案未通过校验", "the pay scheme does not validate", errors=problems)
        month_start, month_end = parse_month(body.month)
        workers = body.workers
        sampled = workers is None
        if workers is None:
            if body.results:
                raise field_problem("results", "results_of_sampled_workers",
                                    "抽样人员的考核结果从考核服务读取，仅在提供 workers 时才能给出 results",
                                    "the results of sampled workers are read from the assessment service: give "
                                    "results only with workers")
            region = principal.scope_prefix(body.sample_region or row.region_prefix)
            if not region.startswith(row.region_prefix) or registry is None or assessment is None:
                raise field_problem("sample_region", "outside_scheme_region", "抽样地区不在该方案适用地区内",
                                    f"the sample region must lie inside {row.region_prefix}")
            workers = await sample_workers(registry, region, month_end, body.sample_size)
        for worker in workers:
            if not worker.community_code.startswith(row.region_prefix):
                raise Problem(422, "validation_failed", "样本人员不在该方案适用地区内",
                              "a sample worker is outside the scheme's region",
                              errors=[FieldError("workers", "outside_scheme_region", "样本人员不在该方案适用地区内",
                                                 f"worker {worker.worker_id} is outside {row.region_prefix}")])
        pays_pot = (body.run_kind == "year_end" and scheme.performance is not None
                    and scheme.performance.pot is not None)
        units = sorted({u for w in workers if (u := pot_unit(scheme, w)) is not None}) if pays_pot else []
        if sampled and workers:
            assert registry is not None and assessment is not None
            # A unit's pot needs every worker of the unit: read inside the caller's jurisdiction only.
            units = [u for u in units if principal.covers(u)]
            codes = [w.community_code for w in workers] + units
            results = await upstream.results_by_worker(assessment, covering_region(codes), as_service=False)
            sharing = [facts for unit in units async for facts in unit_workers(registry, unit, month_start, month_end)]
        else:
            results = by_worker(body.results)
            codes, sharing = [w.community_code for w in workers], workers
        figures_of = await self._figures_by_community(covering_region(codes) or row.region_prefix,
                                                      [month_start.year - 1, month_start.year])
        pots = performance_pots(OneScheme(scheme, figures_of), sharing, results, body.month) if units else {}
        payslips = [calculate_month(scheme, figures_of(w.community_code), w, results.get(w.worker_id, []),
                                    body.month, run_kind=body.run_kind, pot=pots.get(w.worker_id))
                    for w in workers]
        samples = [PreviewSample(worker_id=w.worker_id, name=w.name, community_code=w.community_code)
                   for w in workers]
        return PreviewOut(scheme_id=row.id, month=body.month, payslips=payslips, samples=samples)

    async def _figures_by_community(self, region: str, years: list[int]) -> Callable[[str], FigureSet]:
        """FigureSet per community code, from one read of every figure covering or inside `region`."""
        rows = [_figure(r) for r in await self.repository.figures_for(region, years, inside=True)]
        cache: dict[str, FigureSet] = {}

        def for_community(code: str) -> FigureSet:
            found = cache.get(code)
            if found is None:
                found = cache[code] = FigureSet(code, choose([f for f in rows if code.startswith(f.region_code)]).values())
            return found

        return for_community

    async def simulate(self, principal: Principal, scheme_id: int, body: SimulationIn,
                       registry: ServiceClient, assessment: ServiceClient) -> SimulationOut:
        """A draft's month for every worker of the region next to the version in force there (per community,
        the most specific prefix), totals only, nothing saved. Each worker is priced under both on what a run
        reads: the region's final assessment results of every year (the caller's token). Officers with
        pay-policy rights over the scheme: a worker is refused before anything is read, a scheme outside the
        jurisdiction is 404."""
        started = time.monotonic()
        if not principal.is_officer:
            raise forbidden("仅限工作人员测算薪酬方案", "only officers may simulate a pay scheme")
        row = await self._visible(principal, scheme_id)
        self._ensure_scheme_writer(principal, row.region_prefix, existing=True)
        draft, problems = parse_document(row.document, published=row.status == "published")
        if draft is None:
            raise Problem(422, "scheme_invalid", "薪酬方案未通过校验", "the pay scheme does not validate", errors=problems)
        region = principal.scope_prefix(body.region or row.region_prefix)
        if not region.startswith(row.region_prefix):
            raise field_problem("region", "outside_scheme_region", "测算地区不在该方案适用地区内",
                                f"the region must lie inside {row.region_prefix}")
        month_start, month_end = parse_month(body.month)
        years = [month_start.year - 1, month_start.year]
        figures_of = await self._figures_by_community(region, years)
        results = await upstream.results_by_worker(assessment, region, as_service=False)
        in_force: dict[str, ResolvedScheme] = {}
        targets: dict[str, tuple] = {}
        comparison = Comparison()
        async with aclosing(upstream.worker_facts(registry, region, month_end, as_service=False)) as lines:
            async for worker in lines:
                code = worker.community_code
                current = in_force.get(code)
                if current is None:
                    current = in_force[code] = await resolve_scheme(self.session, code, month_start)
                figure_set = figures_of(code)
                target = targets.get(code)
                if target is None:
                    target = targets[code] = average_wage_monthly(figure_set, month_start.year)
                worker_results = results.get(worker.worker_id, [])
                comparison.add(calculate_month(draft, figure_set, worker, worker_results, body.month),
                               calculate_month(current.scheme, figure_set, worker, worker_results, body.month),
                               target)
        target = comparison.target
        in_force_ids = {r.version_id for r in in_force.values()}
        in_force_row = (await self._visible(principal, next(iter(in_force_ids))) if len(in_force_ids) == 1
                        else None)

        def side(totals: SideTotals, version: PaySchemeVersion | None, name: str) -> SimulationSide:
            average = money(totals.gross / totals.payable) if totals.payable else money(0)
            return SimulationSide(
                scheme_id=version.id if version else None, scheme_name=version.name if version else name,
                payable_workers=totals.payable, gross=totals.gross, employer_contributions=totals.employer_contributions,
                total_cost=totals.total_cost, funding={k: money(v) for k, v in sorted(totals.funding.items())},
                average_gross=average, average_wage_ratio=ratio(average, target))

        c = comparison
        return SimulationOut(
            scheme_id=row.id, month=body.month, region=region, workers=c.workers,
            draft=side(c.draft, row, row.name),
            in_force=side(c.in_force, in_force_row, f"{len(in_force_ids)} 个在用版本"),
            gross_difference=money(c.draft.gross - c.in_force.gross),
            employer_contributions_difference=money(c.draft.employer_contributions - c.in_force.employer_contributions),
            total_cost_difference=c.draft.total_cost - c.in_force.total_cost,
            gainers=c.gainers, losers=c.losers, unchanged=c.unchanged, gains_total=money(c.gains),
            losses_total=money(c.losses), average_wage_target=target, average_wage_source=c.target_source,
            seconds=round(time.monotonic() - started, 3))

    async def publish(self, principal: Principal, scheme_id: int) -> PaySchemeVersion:
        row = await self._visible(principal, scheme_id, lock=True)
        self._ensure_scheme_writer(principal, row.region_prefix, existing=True)
        if row.status != "draft":
            raise Problem(409, "scheme_published", "该版本已发布", "this version is already published")
        await duties.ensure_may_publish(self.session, principal, row.id, row.region_prefix, row.created_by)
        scheme, problems = parse_document(row.document, published=False)  # a draft: JSON types only
        if scheme is None:
            raise Problem(422, "scheme_invalid", "薪酬方案未通过校验，不能发布", "the pay scheme does not validate",
                          errors=problems)
        before = audit.snapshot(row)
        row.status = "published"
        row.name = scheme.name
        row.published_by = principal.subject
        row.published_at = datetime.now(UTC)
        await self.session.flush()
        await audit.record(self.session, audit_log, principal, action="pay_scheme.publish", entity="pay_scheme",
                           entity_id=row.id, region_code=row.region_prefix, before=before, after=audit.snapshot(row))
        return row

    async def list_figures(self, principal: Principal, region: str | None, year: int | None,
                           kind: str | None) -> list[ReferenceFigure]:
        if region:
            # 404 outside the jurisdiction; a wider region keeps its own figures, which apply inside too.
            principal.scope_prefix(region)
        return await self.repository.list_figures(principal, region, year, kind)

    async def add_figure(self, principal: Principal, body: FigureIn) -> ReferenceFigure:
        duties.ensure_may(principal, "reference_figure.add")
        if not principal.covers(body.region_code):
            raise not_found("地区", "region")
        row = ReferenceFigure(**body.model_dump(), created_by=principal.subject)
        self.session.add(row)
        await self.session.flush()
        await audit.record(self.session, audit_log, principal, action="reference_figure.create",
                           entity="reference_figure", entity_id=row.id, region_code=row.region_code,
                           after=audit.snapshot(row))
        return row
