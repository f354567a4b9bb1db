"""Worker facts for payroll and assessment (docs/contracts.md), streamed as NDJSON.

Workers come from one server-side cursor (yield_per); each batch's histories come from one set-based
query per table (`worker_id = ANY(batch)`), so the cost is a handful of queries per 500 workers,
never one per worker, and memory stays flat.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, any_, bindparam, or_, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import service_years
from cwm_kit.security import Principal

from registry.posts.models import PostDefinition
from registry.regions.models import Region, StarRating
from registry.secondments.models import Secondment
from registry.workers import seniority
from registry.workers.models import (CertificateRecord, EducationRecord, HonourRecord, PostPeriod, ServicePeriod,
                                     StatusPeriod, Worker, YijiantiaoPeriod)
from registry.workers.schemas import CERTIFICATE_RANK, EDUCATION_RANK
from registry.workers.bank import mask_bank_account
from registry.workers.national_id import mask_national_id
from registry.workers.service import EMPLOYED_STATUSES, EXIT_STATUSES, sees_full_identity


BATCH = 500


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


async def _grouped(session: AsyncSession, model: Any, ids: list[uuid.UUID], order: Any) -> dict[uuid.UUID, list]:
    grouped: dict[uuid.UUID, list] = defaultdict(list)
    # One array parameter, not 500 bind parameters: the statement compiles once and stays cached.
    batch = bindparam("ids", ids, type_=ARRAY(PG_UUID(as_uuid=True)))
    # Plain rows, not ORM objects: this path reads, and object bookkeeping would dominate its cost.
    rows = await session.execute(select(model.__table__).where(model.worker_id == any_(batch))
                                 .order_by(model.worker_id, order))
    for row in rows:
        grouped[row.worker_id].append(row)
    return grouped


def _current_education(records: list[EducationRecord], as_of: date) -> EducationRecord | None:
    held = [r for r in records if r.graduated_on <= as_of]
    return max(held, key=lambda r: (EDUCATION_RANK[r.level], r.graduated_on), default=None)


def _current_certificate(records: list[CertificateRecord], as_of: date) -> CertificateRecord | None:
    held = [r for r in records if r.approved_on <= as_of]
    return max(held, key=lambda r: (CERTIFICATE_RANK[r.level], r.approved_on), default=None)


def worker_facts(worker: Worker, as_of: date, children: dict[str, list], star: int | None,
                 fiscal_category: str | None, counting: list[seniority.CountingRule], *,
                 full: bool = False, post_labels: dict[str, str] | None = None,
                 star_history: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    posts = children["posts"]
    yijiantiao = children["yijiantiao"]
    education = children["education"]
    certificates = children["certificates"]
    periods = children["service"]
    spans = [(p.community_code, p.start_date, p.end_date) for p in periods]
    current_post = next((p for p in reversed(posts) if p.from_date <= as_of), posts[0] if posts else None)
    current_status = next((s for s in reversed(children["status"]) if s.from_date <= as_of), None)
    current_education = _current_education(education, as_of)
    current_certificate = _current_certificate(certificates, as_of)
    post = current_post.post if current_post else worker.post
    holds_both = any(y.from_date <= as_of and (y.to_date is None or y.to_date >= as_of) for y in yijiantiao)
    return {
        "worker_id": str(worker.id),
        "name": worker.name,
        # Identity and where wages go, for payroll's withholding declaration and bank file (docs/contracts.md);
        # masked unless the caller may see full identity (the payroll service may).
        "national_id": worker.national_id if full else mask_national_id(worker.national_id),
        "bank_name": worker.bank_name, "bank_branch": worker.bank_branch,
        "bank_account": worker.bank_account if full else mask_bank_account(worker.bank_account),
        "sex": worker.sex,
        "birth_date": worker.birth_date.isoformat(),
        "community_code": worker.community_code,
        "township_code": worker.community_code[:9],
        "county_code": worker.community_code[:6],
        "post": post,
        # The catalogue's Chinese label of that post, so payslips and the 工资表 keep words, not codes.
        "post_label_zh": (post_labels or {}).get(post),
        "post_since": _iso(current_post.from_date if current_post else worker.post_since),
        "post_history": [{"post": p.post, "label_zh": (post_labels or {}).get(p.post), "from": _iso(p.from_date),
                          "to": _iso(p.to_date)} for p in posts],
        "yijiantiao": holds_both,
        "yijiantiao_history": [{"from": _iso(y.from_date), "to": _iso(y.to_date)} for y in yijiantiao],
        "status": current_status.status if current_status else worker.status,
        # The day a normal retirement took effect, when the status on as_of is `retired` (else null).
        "retired_on": _iso(current_status.from_date) if current_status and current_status.status == "retired"
        else None,
        "status_history": [{"status": s.status, "from": _iso(s.from_date), "to": _iso(s.to_date)}
                           for s in children["status"]],
        "hired_on": _iso(worker.hired_on),
        "probation_end": _iso(worker.probation_end),
        "exit_date": _iso(worker.exit_date),
        "exit_reason": worker.exit_reason,
        "education": None if current_education is None else {
            "level": current_education.level, "date": _iso(current_education.graduated_on),
            "in_service": current_education.in_service},
        "education_history": [{"level": e.level, "date": _iso(e.graduated_on), "in_service": e.in_service}
                              for e in education],
        "certificate": None if current_certificate is None else {
            "level": current_certificate.level, "approved_on": _iso(current_certificate.approved_on)},
        "certificate_history": [{"level": c.level, "approved_on": _iso(c.approved_on)} for c in certificates],
        "honours": [{"level": h.level, "date": _iso(h.awarded_on)} for h in children["honours"]],
        "service_periods": [{"community_code": p.community_code, "start": _iso(p.start_date), "end": _iso(p.end_date)}
                            for p in periods],
        "counted_service": seniority.counting_eras(spans, worker.community_code, counting),
        "cumulative_service_years": str(service_years.display_years(service_years.completed_years(
            seniority.runs_on(spans, worker.community_code, counting, as_of), as_of + timedelta(days=1)))),
        "secondments": [{"start": _iso(s.start_date), "end": _iso(s.end_date), "borrower": s.borrower}
                        for s in children["secondments"]],
        "star_rating": star,
        # Every rating of the communities the worker served in (in the region asked), by year: a month is paid by
        # the rating of its own community in force then, so a new year's rating never re-prices past months.
        "star_history": star_history or [],
        "fiscal_category": fiscal_category,
    }


POPULATIONS = ("employed", "retired_honours", "former")


def facts_statement(principal: Principal, prefix: str, since: date, as_of: date, population: str = "employed",
                    workers: Sequence[uuid.UUID] | None = None):
    """Every worker of the region employed at any time in [since, as_of] (by the status history, so a
    rehired worker is in the windows of both contracts), or whose exit took effect inside the window.
    `retired_honours`: instead every worker whose status on `as_of` is `retired` (normal retirement, not a
    resignation, dismissal or death) and who holds an honour awarded by then (NX 「正常退休的」 honours subsidy).
    `former`: instead the workers named in `workers` (required: never the whole region) who had left by `as_of`,
    i.e. whose status on `as_of` is an exit status, however long ago they left (`since` is ignored): payroll's
    monthly run reads them for the arrears (补发/补扣) and one-off items still owed to a worker who has left.
    `workers`: only these of them (the caller's jurisdiction still applies)."""
    scope = [principal.region_filter(Worker.community_code), Worker.community_code.startswith(prefix, autoescape=True)]
    if workers is not None:
        scope.append(Worker.id.in_(list(workers)))
    if population == "former":
        if workers is None:
            raise ValueError("population 'former' reads named workers only")
        left = (select(StatusPeriod.id).where(
            StatusPeriod.worker_id == Worker.id, StatusPeriod.status.in_(EXIT_STATUSES), StatusPeriod.from_date <= as_of,
            or_(StatusPeriod.to_date.is_(None), StatusPeriod.to_date >= as_of)).exists())
        return (select(Worker.__table__)
                .where(*scope, left)
                .order_by(Worker.community_code, Worker.id))
    if population == "retired_honours":
        retired = (select(StatusPeriod.id).where(
            StatusPeriod.worker_id == Worker.id, StatusPeriod.status == "retired", StatusPeriod.from_date <= as_of,
            or_(StatusPeriod.to_date.is_(None), StatusPeriod.to_date >= as_of)).exists())
        honoured = select(HonourRecord.id).where(HonourRecord.worker_id == Worker.id,
                                                 HonourRecord.awarded_on <= as_of).exists()
        return (select(Worker.__table__)
                .where(*scope, retired, honoured)
                .order_by(Worker.community_code, Worker.id))
    employed = (select(StatusPeriod.id).where(
        StatusPeriod.worker_id == Worker.id,
        or_(and_(StatusPeriod.status.in_(EMPLOYED_STATUSES), StatusPeriod.from_date <= as_of,
                 or_(StatusPeriod.to_date.is_(None), StatusPeriod.to_date >= since)),
            and_(StatusPeriod.status.in_(EXIT_STATUSES), StatusPeriod.from_date.between(since, as_of))))
        .exists())
    return (select(Worker.__table__)
            .where(*scope, employed)
            .order_by(Worker.community_code, Worker.id))


async def stream_facts(session: AsyncSession, principal: Principal, prefix: str, since: date,
                       as_of: date, population: str = "employed",
                       workers: Sequence[uuid.UUID] | None = None) -> AsyncIterator[bytes]:
    counties = dict((await session.execute(
        select(Region.code, Region.fiscal_category).where(Region.level == "county",
                                                          Region.code.startswith(prefix[:6], autoescape=True))
    )).all())
    # A community's party organisation keeps its latest rating until it is rated again: a year not rated yet
    # pays by the rating before it (read per year, a January would pay no star allowance until the new rating).
    ratings: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for code, year, stars_given in (await session.execute(
        select(StarRating.region_code, StarRating.year, StarRating.stars)
        .where(StarRating.year <= as_of.year, StarRating.region_code.startswith(prefix, autoescape=True))
        .order_by(StarRating.region_code, StarRating.year)
    )).all():
        ratings[code].append({"community_code": code, "year": year, "stars": stars_given})
    stars = {code: rows[-1]["stars"] for code, rows in ratings.items()}
    counting = await seniority.load_rules(session)
    post_labels = dict((await session.execute(select(PostDefinition.code, PostDefinition.label_zh))).all())
    result = await session.stream(facts_statement(principal, prefix, since, as_of, population, workers).execution_options(yield_per=BATCH))
    async for partition in result.partitions(BATCH):
        ids = [w.id for w in partition]
        children = {
            "posts": await _grouped(session, PostPeriod, ids, PostPeriod.from_date),
            "yijiantiao": await _grouped(session, YijiantiaoPeriod, ids, YijiantiaoPeriod.from_date),
            "status": await _grouped(session, StatusPeriod, ids, StatusPeriod.from_date),
            "education": await _grouped(session, EducationRecord, ids, EducationRecord.graduated_on),
            "certificates": await _grouped(session, CertificateRecord, ids, CertificateRecord.approved_on),
            "honours": await _grouped(session, HonourRecord, ids, HonourRecord.awarded_on),
            "service": await _grouped(session, ServicePeriod, ids, ServicePeriod.start_date),
            "secondments": await _grouped(session, Secondment, ids, Secondment.start_date),
        }
        lines = []
        for worker in partition:
            mine = {name: rows.get(worker.id, []) for name, rows in children.items()}
            full = principal.is_service or sees_full_identity(principal, worker)
            served = dict.fromkeys([worker.community_code, *(p.community_code for p in mine["service"])])
            facts = worker_facts(worker, as_of, mine, stars.get(worker.community_code),
                                 counties.get(worker.community_code[:6]), counting, full=full,
                                 post_labels=post_labels,
                                 star_history=[r for code in served for r in ratings.get(code, ())])
            lines.append(json.dumps(facts, ensure_ascii=False))
        yield ("\n".join(lines) + "\n").encode()
