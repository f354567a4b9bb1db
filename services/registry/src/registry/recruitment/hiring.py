"""Hiring an applicant = creating the worker, contract and probation through registry-A's WorkerService
(the single owner of worker records); without a typed probation end, probation is the longest the contract
term allows (rule `contract.probation`, Labour Contract Law art.19)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.security import Principal

from registry.posts.repository import PostRepository
from registry.posts.service import PostService
from registry.rules import service as rules
from registry.secondments.service import add_months
from registry.workers.probation import max_probation_months
from registry.workers.schemas import EducationIn, WorkerCreate
from registry.workers.service import WorkerService

from .models import Applicant
from .schemas import HireIn


async def create_worker(session: AsyncSession, principal: Principal, applicant: Applicant, body: HireIn) -> uuid.UUID:
    probation_end = body.probation_end
    if probation_end is None:
        rule = (await rules.require(session, "contract.probation", body.community_code, body.hired_on)).params
        term = body.contract_term_years or (
            await PostService(PostRepository(session)).require(body.community_code, body.post)).contract_term_years
        months = max_probation_months(rule, 12 * term) if term else 0
        probation_end = add_months(body.hired_on, months) - timedelta(days=1) if months else None
    graduated_on = applicant.facts.get("graduated_on")
    education = ([EducationIn(level=applicant.education, graduated_on=graduated_on)]
                 if graduated_on else [])
    worker = await WorkerService.for_session(session).create(
        principal,
        WorkerCreate(national_id=applicant.national_id, name=applicant.name, community_code=body.community_code,
                     post=body.post, hired_on=body.hired_on, contract_term_years=body.contract_term_years,
                     probation_end=probation_end, education=education,
                     other_status=body.other_status, other_status_since=body.other_status_since),
        action="worker.hire", reason=f"recruitment applicant {applicant.id}")
    return worker.id
