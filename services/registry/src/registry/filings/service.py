"""The community party secretary's filing (备案) with the county organisation department (NX 三 加强日常管理
「社区党组织书记由县级党委组织部备案管理」; SS 二(四)6: the district's). Recorded per secretary; a secretary in
post without a filing since taking the post is a `secretary_not_filed` flag (no text sets a period). Who counts
as a secretary and the filing body are the `secretary.filing` rule."""

from __future__ import annotations

from datetime import date

from cwm_kit.security import Principal

from registry.flags.schemas import Flag
from registry.rules import service as rules
from registry.worker_records import RecordService

from .models import SecretaryFiling
from .repository import FilingRepository
from .schemas import FilingOut

FILING_RULE = "secretary.filing"


class FilingService(RecordService):
    model, out, action, repository_class = SecretaryFiling, FilingOut, "secretary_filing.record", FilingRepository
    # A filing dated before the post was taken is kept but does not count (flags).
    date_field, date_what = "filed_on", ("备案日期", "the filing date")
    repository: FilingRepository

    async def flags(self, principal: Principal, scope: str, on: date) -> list[Flag]:
        for_region = await rules.resolver(self.session, FILING_RULE, on)
        flags = []
        for worker in await self.repository.unfiled_heads(principal, scope, on):
            rule = for_region(worker.community_code)
            params = rule.params if rule is not None else {}
            if worker.post not in (params.get("secretary_posts") or []) or worker.head_role not in (
                    params.get("secretary_roles") or []):
                continue
            body = params.get("filing_body") or "组织部门"
            flags.append(Flag(
                kind="secretary_not_filed", worker_id=worker.id, name=worker.name,
                community_code=worker.community_code, post=worker.post,
                message_zh=f"社区党组织书记（自 {worker.post_since} 任职）尚未向{body}备案",
                message_en=f"community party secretary since {worker.post_since} not yet filed with the "
                           f"organisation department ({body})",
                details={"post_since": worker.post_since.isoformat(), "filing_body": body,
                         "rule": rules.describe(rule, "filing_body")}))
        return flags
