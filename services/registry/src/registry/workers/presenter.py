"""Worker records as the API shows them: masked per caller (POLICY.md privacy rule in WorkerService)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.security import Principal

from registry.regions.repository import region_names

from .bank import mask_bank_account
from .models import ServicePeriod, Worker
from .national_id import mask_national_id, mask_phone
from .repository import WorkerRepository
from .schemas import (CertificateOut, ContractOut, EducationOut, HonourOut, PostPeriodOut, ServicePeriodOut,
                      StatusPeriodOut, WorkerDetail, WorkerOut, YijiantiaoPeriodOut)
from .service import direct_transitions, sees_full_identity, service_years_today


def worker_out(worker: Worker, principal: Principal, *, full_identity: bool | None = None,
               community_name: str | None = None) -> WorkerOut:
    """`full_identity=None` applies the role rule; lists pass False (always masked). `community_name` comes from
    the caller's one lookup for all the records it shows (`region_names`)."""
    full = sees_full_identity(principal, worker) if full_identity is None else full_identity
    return WorkerOut(
        id=worker.id, name=worker.name,
        national_id=worker.national_id if full else mask_national_id(worker.national_id),
        national_id_masked=not full,
        sex=worker.sex, birth_date=worker.birth_date, ethnicity=worker.ethnicity,
        political_status=worker.political_status, phone=worker.phone if full else mask_phone(worker.phone),
        bank_name=worker.bank_name, bank_branch=worker.bank_branch,
        bank_account=worker.bank_account if full else mask_bank_account(worker.bank_account),
        community_code=worker.community_code, community_name=community_name, township_code=worker.community_code[:9],
        county_code=worker.community_code[:6], post=worker.post, post_since=worker.post_since,
        yijiantiao=worker.yijiantiao, head_role=worker.head_role,
        committee_member=worker.committee_member, other_status=worker.other_status,
        other_status_since=worker.other_status_since, party_affairs=worker.party_affairs,
        lives_locally=worker.lives_locally, status=worker.status, status_since=worker.status_since,
        education_level=worker.education_level, certificate_level=worker.certificate_level,
        hired_on=worker.hired_on,
        contract=ContractOut(term_years=worker.contract_term_years, start=worker.contract_start,
                             end=worker.contract_end, probation_end=worker.probation_end),
        exit_date=worker.exit_date, exit_reason=worker.exit_reason,
        cumulative_service_years=service_years_today(worker),
        version=worker.version,
    )


async def workers_out(session: AsyncSession, workers: list[Worker], principal: Principal) -> list[WorkerOut]:
    """A list's records (always masked), each community named from one lookup for the page."""
    names = await region_names(session, {w.community_code for w in workers})
    return [worker_out(w, principal, full_identity=False, community_name=names.get(w.community_code))
            for w in workers]


def service_period_out(period: ServicePeriod, names: dict[str, str]) -> ServicePeriodOut:
    return ServicePeriodOut(id=period.id, community_code=period.community_code,
                            community_name=names.get(period.community_code), start=period.start_date,
                            end=period.end_date)


async def service_periods_out(session: AsyncSession, periods: list[ServicePeriod]) -> list[ServicePeriodOut]:
    """A worker's communities by name too: earlier ones may lie outside the caller's jurisdiction, whose regions
    the caller cannot look up, but the record names them."""
    names = await region_names(session, {p.community_code for p in periods})
    return [service_period_out(p, names) for p in periods]


async def worker_detail(repository: WorkerRepository, worker: Worker, principal: Principal) -> WorkerDetail:
    periods = await repository.service_periods(worker.id)
    names = await repository.community_names({worker.community_code} | {p.community_code for p in periods})
    base = worker_out(worker, principal, community_name=names.get(worker.community_code))
    return WorkerDetail(
        **base.model_dump(),
        next_statuses=sorted(direct_transitions(worker.status)),
        education=[EducationOut.model_validate(e) for e in await repository.education(worker.id)],
        certificates=[CertificateOut.model_validate(c) for c in await repository.certificates(worker.id)],
        honours=[HonourOut.model_validate(h) for h in await repository.honours(worker.id)],
        service_periods=[service_period_out(p, names) for p in periods],
        status_history=[StatusPeriodOut(id=p.id, status=p.status, from_=p.from_date, to=p.to_date, reason=p.reason)
                        for p in await repository.status_history(worker.id)],
        post_history=[PostPeriodOut(id=p.id, post=p.post, head_role=p.head_role, from_=p.from_date, to=p.to_date)
                      for p in await repository.post_history(worker.id)],
        yijiantiao_history=[YijiantiaoPeriodOut(id=p.id, from_=p.from_date, to=p.to_date)
                            for p in await repository.yijiantiao_history(worker.id)],
    )
