"""Discipline and criminal records (NX 三 完善退出机制; IM art.37(五); SS 二(四)5): dated records per worker. A
record of a kind the `exit.discipline` rule over the worker's community lists raises the `discipline` exit flag
(flags/) for a person to decide — nothing ends a contract by itself."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.dates import today_in_china
from cwm_kit.security import Principal

from registry.flags.schemas import Flag
from registry.rules import service as rules
from registry.worker_records import date_fault, named, record_for_worker, refuse_date_faults

from .models import DisciplineRecord
from .repository import DisciplineRepository
from .schemas import DisciplineIn, DisciplineOut

EXIT_RULE = "exit.discipline"
KIND_ZH = {"party_warning": "党纪警告/严重警告", "party_post_revoked": "撤销党内职务", "party_probation": "留党察看",
           "expelled_from_party": "开除党籍", "gov_minor": "政务警告/记过/记大过/降级", "gov_dismissal": "撤职",
           "gov_expulsion": "开除（政务处分）", "serious_violation": "严重违纪违法行为",
           "criminal_liability": "被依法追究刑事责任", "sentenced": "被判处刑罚"}


class DisciplineService:
    def __init__(self, session: AsyncSession):
        self.session = session
        self.repository = DisciplineRepository(session)

    async def _exit_kinds(self, on: date):
        for_region = await rules.resolver(self.session, EXIT_RULE, on)

        def kinds(code: str) -> set[str]:
            rule = for_region(code)
            return set(rule.params.get("exit_kinds") or []) if rule is not None else set()
        return kinds

    async def create(self, principal: Principal, body: DisciplineIn) -> DisciplineOut:
        # A sanction or sentence already imposed; one before the hire is kept (it may be why a contract ends).
        refuse_date_faults([date_fault("record_date", body.record_date, "处分或判决日期", "the record date",
                                       today=today_in_china())])
        record = await record_for_worker(self.session, principal, DisciplineRecord, body, "discipline.record")
        kinds = await self._exit_kinds(record.record_date)
        [out] = await named(self.session, [record], DisciplineOut)
        return out.model_copy(update={"raises_exit_flag": record.kind in kinds(record.community_code)})

    async def list(self, principal: Principal, prefix: str | None, worker_id: uuid.UUID | None) -> list[DisciplineOut]:
        records = await self.repository.records(principal, principal.scope_prefix(prefix), worker_id)
        kinds = await self._exit_kinds(today_in_china())
        return [out.model_copy(update={"raises_exit_flag": out.kind in kinds(out.community_code)})
                for out in await named(self.session, records, DisciplineOut)]

    async def flags(self, principal: Principal, scope: str, on: date) -> list[Flag]:
        """One `discipline` flag per worker in post with a record of a kind the rule over their community lists."""
        kinds = await self._exit_kinds(on)
        by_worker: dict[uuid.UUID, tuple] = {}
        for record, worker in await self.repository.of_workers_in_post(principal, scope, on):
            if record.kind in kinds(worker.community_code):
                by_worker.setdefault(worker.id, (worker, []))[1].append(record)
        flags = []
        for worker, records in by_worker.values():
            latest = records[-1]
            flags.append(Flag(
                kind="discipline", worker_id=worker.id, name=worker.name, community_code=worker.community_code,
                post=worker.post,
                message_zh=f"{latest.record_date} {latest.issuing_body}：{KIND_ZH[latest.kind]}，请决定是否解除聘用",
                message_en=f"{latest.record_date} {latest.issuing_body}: {latest.kind} — decide whether the contract ends",
                details={"records": [{"id": str(r.id), "kind": r.kind, "record_date": r.record_date.isoformat(),
                                      "issuing_body": r.issuing_body} for r in records]}))
        return flags
