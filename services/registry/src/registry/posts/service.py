from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.problems import Problem
from cwm_kit.security import Principal

from .models import PostDefinition
from .repository import PostRepository


class PostService:
    def __init__(self, repository: PostRepository):
        self.repository = repository

    @classmethod
    def for_session(cls, session: AsyncSession) -> "PostService":
        return cls(PostRepository(session))

    async def catalogue(self, principal: Principal, region: str | None) -> list[PostDefinition]:
        if region is None:
            return await self.repository.all()
        if not (principal.is_worker and region == principal.jurisdiction):
            principal.scope_prefix(region)  # 404 outside the jurisdiction
        return await self.repository.catalogue_for(region)

    async def require(self, region_code: str, post: str, field: str = "post") -> PostDefinition:
        """The post if the catalogue of `region_code` has it, else a 422 naming the allowed ones."""
        catalogue = await self.repository.catalogue_for(region_code)
        for definition in catalogue:
            if definition.code == post:
                return definition
        allowed = ", ".join(d.code for d in catalogue) or "-"
        raise Problem(422, "validation_failed", f"{field}: 岗位不在该地区的岗位目录中（可选: {allowed}）",
                      f"{field}: post is not in the catalogue of this region (allowed: {allowed})",
                      errors=[{"field": field, "code": "post_not_in_catalogue",
                               "message_zh": f"岗位不在该地区的岗位目录中（可选: {allowed}）",
                               "message_en": f"post is not in the catalogue of this region (allowed: {allowed})"}])


def catalogue_from(definitions: list[PostDefinition], region_code: str) -> list[PostDefinition]:
    """The most specific catalogue for `region_code` out of all definitions (for set-based callers)."""
    covering = [d for d in definitions if region_code.startswith(d.jurisdiction_prefix)]
    if not covering:
        return []
    longest = max(len(d.jurisdiction_prefix) for d in covering)
    return [d for d in covering if len(d.jurisdiction_prefix) == longest]
