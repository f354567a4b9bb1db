"""Issue 10 done-when: for every worker of the demo data, for every month of 2024–2026, the grade on the payslip
equals the grade page's.

The demo data is what `make run` loads: the registry's, assessment's and payroll's own seeders (`<service>.seed`
SEEDERS), each into its own migrated database, with the registry and assessment apps in-process. The payslip side
is the run's calculator (`runs.calculator.Inputs.prepare` + `compute`, the code a run executes per worker) on the
facts and results read from the real registry and assessment through the run's client (`RestInputSource`). The grade
page side is the grade page's service (`grades.service.grade_for`: its upstream readers, the scheme resolution in
payroll's database, `compute_grade`). To stay within a minute, the grade page's upstream client answers from the
same real responses, fetched once per province and month and narrowed to the community asked for (what the
registry and assessment do for a narrower region), instead of one HTTP stream per worker and month.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import AsyncIterator
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest

from cwm_kit import testing
from cwm_kit.context import bearer_token_var
from cwm_kit.db import make_engine, make_sessionmaker
from cwm_kit.http import ServiceClient, ServiceTokenSource
from cwm_kit.problems import Problem
from cwm_kit.security import Principal

from payroll.calendar import parse_month
from payroll.grades.engine import compute_grade
from payroll.grades.service import grade_for
from payroll.policy.service import resolve_scheme
from payroll.inputs.clients import RestInputSource
from payroll.inputs.schemas import WorkerFacts
from payroll.main import MIGRATIONS_DIR
from payroll.runs import calculator

from ..inputs.test_registry_in_process import assessment_app, registry_app  # noqa: F401  (fixtures)

MONTHS = [f"{year}-{month:02d}" for year in (2024, 2025, 2026) for month in range(1, 13)]
PROVINCES = ("64", "15")


@pytest.fixture
async def demo(registry_app, assessment_app) -> AsyncIterator[Any]:  # noqa: F811
    """Every service's demo seed, as `devctl seed` loads it, and payroll's own database."""
    from assessment.seed import SEEDERS as ASSESSMENT_SEEDERS
    from payroll.seed import SEEDERS as PAYROLL_SEEDERS
    from registry.seed import SEEDERS as REGISTRY_SEEDERS

    for app, seeders in ((registry_app, REGISTRY_SEEDERS), (assessment_app, ASSESSMENT_SEEDERS)):
        async with app.state.sessionmaker() as session, session.begin():
            for seeder in seeders:
                await seeder(session)  # idempotent: the registry fixture's regions are kept
    name, url = await testing.migrated_database("payroll", MIGRATIONS_DIR,
                                                os.environ.get("PYTEST_XDIST_WORKER", "main") + "_demo_grades")
    engine = make_engine(url, pool_size=2)
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            for seeder in PAYROLL_SEEDERS:
                await seeder(session)
        yield engine
    finally:
        await engine.dispose()
        await testing.drop_database(name)


class Narrowed(ServiceClient):
    """The grade page's upstream client: the real service's answer for a whole province and month, fetched once,
    then narrowed to the region asked for."""

    def __init__(self, real: ServiceClient):
        self.real = real
        self.lines: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
        self.items: dict[str, list[dict[str, Any]]] = {}
        self.by_community: dict[str, dict[str, list[dict[str, Any]]]] = {}
        self.by_line_community: dict[tuple[str, str, str], dict[str, list[str]]] = {}

    async def stream_lines(self, url: str, *, as_service: bool = False, **kwargs: Any) -> AsyncIterator[str]:
        params = kwargs["params"]
        key = (params["region"][:2], params["as_of"], params["since"])
        if key not in self.lines:
            self.lines[key] = [(json.loads(line)["community_code"], line) async for line in self.real.stream_lines(
                url, as_service=True, params={**params, "region": key[0]})]
        if len(params["region"]) == 12:
            for line in self.by_line_community.setdefault(key, _index(self.lines[key])).get(params["region"], []):
                yield line
            return
        for community, line in self.lines[key]:
            if community.startswith(params["region"]):
                yield line

    async def get_json(self, url: str, *, as_service: bool = False, **kwargs: Any) -> Any:
        region = kwargs["params"]["region"]
        if region[:2] not in self.items:
            collected, cursor = [], None
            while True:
                params: dict[str, Any] = {"region": region[:2], "limit": 1000, **({"after": cursor} if cursor else {})}
                page = await self.real.get_json(url, as_service=True, params=params)
                collected += page["items"]
                cursor = page.get("next_cursor")
                if not page["items"] or not cursor:
                    break
            self.items[region[:2]] = collected
        by_community = self.by_community.setdefault(region[:2], {})
        if not by_community:
            for item in self.items[region[:2]]:
                by_community.setdefault(str(item.get("community_code") or ""), []).append(item)
        return {"items": [i for c, items in by_community.items() if c.startswith(region) for i in items],
                "next_cursor": None}

    async def facts(self, region: str, as_of: date) -> list[WorkerFacts]:
        """The facts of the province on `as_of` as the grade page reads them (employed some day of the year): the
        run's facts of the month plus those who left earlier in the year, whom the run's calculator finds unpaid."""
        lines = [line async for line in self.stream_lines("/v1/workers/facts", params={
            "region": region, "as_of": as_of.isoformat(), "since": as_of.replace(month=1, day=1).isoformat()})]
        return [WorkerFacts.model_validate_json(line) for line in lines]


def _a_changed_post_names_the_post_paid(inputs, worker: WorkerFacts, facts: list[WorkerFacts], month: str) -> int:
    """The worker as if they moved into their post from another this month: SS pays a change from the next
    month, so the payslip pays, and must name, the post held before (not the one held now)."""
    other = next((f for f in facts if f.county_code == worker.county_code and f.post != worker.post
                  and f.post_label_zh and f.post_label_zh != worker.post_label_zh), None)
    if other is None:
        return 0
    changed_on = parse_month(month)[0].replace(day=15)
    history = [{"post": other.post, "label_zh": other.post_label_zh, "from": worker.hired_on.isoformat(),
                "to": (changed_on.replace(day=14)).isoformat()},
               {"post": worker.post, "label_zh": worker.post_label_zh, "from": changed_on.isoformat(), "to": None}]
    moved = worker.model_copy(update={"post_history": [type(worker.post_history[0]).model_validate(h)
                                                       for h in history], "post_since": changed_on})
    computed = calculator.compute(inputs, moved, [], month, "monthly", None, [])
    if computed is None or worker.hired_on >= changed_on:
        return 0
    slip, _ = computed
    assert calculator.inputs_of(slip)["grade"]["post"] == other.post
    assert slip["post_label"] == other.post_label_zh, (slip["post_label"], other.post_label_zh)
    return 1


def _index(lines: list[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for community, line in lines:
        grouped[community].append(line)
    return grouped


async def test_every_demo_worker_every_month_payslip_grade_equals_grade_page(
        demo, registry_app, assessment_app, settings):  # noqa: F811
    engine = demo
    registry_transport, assessment_transport = httpx.ASGITransport(registry_app), httpx.ASGITransport(assessment_app)
    source = RestInputSource.from_settings(settings, registry_transport=registry_transport,
                                           assessment_transport=assessment_transport)
    tokens = ServiceTokenSource(settings.registry_url, settings.service_client_id, settings.service_client_secret,
                                transport=registry_transport)
    registry = Narrowed(ServiceClient(settings.registry_url, token_source=tokens, transport=registry_transport))
    assessment = Narrowed(ServiceClient(settings.assessment_url, token_source=tokens, transport=assessment_transport))
    bearer_token_var.set(await tokens.token())
    checked = refused_months = pages = earlier_posts = 0
    try:
        for province in PROVINCES:
            # The run reads every year's final results (whole career), as the grade page does.
            results = await source.results(province, None)
            by_worker: dict[str, list] = {}
            for r in results:
                by_worker.setdefault(r.worker_id, []).append(r)
            officer = Principal(subject="demo-check", role="provincial_admin", jurisdiction=province)
            maker = make_sessionmaker(engine)
            for month in MONTHS:
                month_start, month_end = parse_month(month)
                facts = await registry.facts(province, month_end)
                inputs = calculator.Inputs(engine=engine, region=province, month=month, kind="monthly")
                without_scheme = set()
                for county in {calculator.county_of(f) for f in facts}:
                    try:
                        await inputs.prepare({county}, {month})
                    except Problem as problem:  # e.g. NX's scheme starts in 2025: a run would refuse the month
                        assert problem.code == "no_pay_scheme"
                        without_scheme.add(county)
                async with maker() as session:
                    schemes: dict[str, Any] = {}  # the grade page's scheme resolution, once per community
                    for index, worker in enumerate(facts):
                        # The grade page's service itself for each worker in one month of each year (a month
                        # rotating with the worker, so every month is met); the same function it prices the grade
                        # with (compute_grade on its scheme, facts and results) for the other months.
                        real_page = (index + int(month[5:7])) % 12 == 0
                        if calculator.county_of(worker) in without_scheme:
                            # No payslip: the grade page refuses the month alike (no scheme to grade by).
                            if real_page:
                                with pytest.raises(Problem) as refused:
                                    await grade_for(session, officer, registry, assessment, worker.worker_id, month)
                                assert refused.value.code == "no_pay_scheme"
                                refused_months += 1
                            continue
                        computed = calculator.compute(inputs, worker, by_worker.get(worker.worker_id, []), month,
                                                      "monthly", None, [])
                        if computed is None:  # not paid that month (not yet hired, left before it)
                            continue
                        slip, _ = computed
                        on_slip = calculator.inputs_of(slip)["grade"]
                        on_slip = (on_slip["post"], on_slip["level"], Decimal(str(on_slip["years"])))
                        if real_page:  # as the community's party secretary opens it (facts narrowed to the community)
                            secretary = Principal(subject="demo-check", role="party_secretary",
                                                  jurisdiction=worker.community_code)
                            page = await grade_for(session, secretary, registry, assessment, worker.worker_id, month)
                            pages += 1
                        else:
                            if worker.community_code not in schemes:
                                schemes[worker.community_code] = (await resolve_scheme(
                                    session, worker.community_code, month_start)).scheme
                            page = compute_grade(schemes[worker.community_code], worker,
                                                 by_worker.get(worker.worker_id, []), month)
                        assert (page.post, page.level, page.years) == on_slip, (worker.worker_id, month)
                        assert slip["grade_level"] == page.level
                        assert slip["post_label"] == worker.post_label_zh or page.post != worker.post
                        if not earlier_posts and province == "15" and worker.post_history:
                            earlier_posts += _a_changed_post_names_the_post_paid(inputs, worker, facts, month)
                        checked += 1
    finally:
        await source.aclose()
        await tokens.aclose()
    # Every demo worker paid in some month was checked (432 demo workers, 36 months, minus months unpaid, minus
    # Ningxia's 2024, before its scheme).
    assert checked > 5000 and pages > 500 and refused_months > 0, (checked, pages, refused_months)
    assert earlier_posts > 0, "no demo month paid a post other than the current one: the label check saw nothing"
