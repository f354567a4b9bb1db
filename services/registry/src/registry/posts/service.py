from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit import audit
from cwm_kit.problems import Problem, field_problem, not_found
from cwm_kit.updates import ensure_changes
from cwm_kit.security import Principal

from registry.models import audit_log

from .models import PostDefinition
from .repository import PostRepository
from .schemas import PostIn, PostUpdate


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

    def _ensure_manages(self, principal: Principal, prefix: str) -> None:
        """A catalogue is changed only by an officer whose jurisdiction contains its whole region."""
        principal.ensure_can_write()
        if principal.is_worker or not prefix.startswith(principal.jurisdiction):
            raise Problem(403, "forbidden", "只能维护本辖区（或下级地区）的岗位目录",
                          "only a catalogue of your own region or below can be changed")

    async def add(self, principal: Principal, body: PostIn) -> PostDefinition:
        self._ensure_manages(principal, body.jurisdiction_prefix)
        if await self.repository.session.get(PostDefinition, body.code):
            raise field_problem("code", "post_exists", "岗位代码已存在", "this post code exists", status=409)
        definition = PostDefinition(**body.model_dump())
        self.repository.session.add(definition)
        await self.repository.session.flush()
        await audit.record(self.repository.session, audit_log, principal, action="post.create", entity="post",
                           entity_id=definition.code, region_code=definition.jurisdiction_prefix,
                           after=audit.snapshot(definition))
        return definition

    async def update(self, principal: Principal, code: str, body: PostUpdate) -> PostDefinition:
        principal.ensure_can_write()
        definition = await self.repository.session.get(PostDefinition, code)
        # Outside the jurisdiction (even a catalogue that applies to the caller) looks like a made-up code.
        if definition is None or principal.is_worker or not principal.covers(definition.jurisdiction_prefix):
            raise not_found("岗位", "post")
        self._ensure_manages(principal, definition.jurisdiction_prefix)
        changes = ensure_changes(body.model_dump(exclude_unset=True),
                                 not_clearable=("label_zh", "label_en", "committee", "head", "rank"))
        before = audit.snapshot(definition)
        for field, value in changes.items():
            setattr(definition, field, value)
        await self.repository.session.flush()
        await audit.record(self.repository.session, audit_log, principal, action="post.update", entity="post",
                           entity_id=code, region_code=definition.jurisdiction_prefix, before=before,
                           after=audit.snapshot(definition))
        return definition

    async def require(self, region_code: str, post: str, field: str = "post") -> PostDefinition:
        """The post if the catalogue of `region_code` has it, else a 422 naming the allowed ones."""
        return post_in_catalogue(await self.repository.catalogue_for(region_code), post, field)


def post_in_catalogue(catalogue: list[PostDefinition], post: str, field: str = "post") -> PostDefinition:
    """The post if `catalogue` has it, else a 422 naming the allowed ones."""
    for definition in catalogue:
        if definition.code == post:
            return definition
    # Each post by its name; the code follows as the value a spreadsheet's 岗位代码 column takes.
    allowed_zh = "、".join(f"{d.label_zh}（{d.code}）" for d in catalogue) or "无"
    allowed_en = ", ".join(f"{d.label_en} ({d.code})" for d in catalogue) or "none"
    raise Problem(422, "validation_failed", f"{field}: 岗位不在该地区的岗位目录中（可选：{allowed_zh}）",
                  f"{field}: post is not in the catalogue of this region (allowed: {allowed_en})",
                  errors=[{"field": field, "code": "post_not_in_catalogue",
                           "message_zh": f"岗位不在该地区的岗位目录中（可选：{allowed_zh}）",
                           "message_en": f"post is not in the catalogue of this region (allowed: {allowed_en})"}])


def catalogue_from(definitions: list[PostDefinition], region_code: str) -> list[PostDefinition]:
    """The most specific catalogue for `region_code` out of all definitions (for set-based callers)."""
    covering = [d for d in definitions if region_code.startswith(d.jurisdiction_prefix)]
    if not covering:
        return []
    longest = max(len(d.jurisdiction_prefix) for d in covering)
    return [d for d in covering if len(d.jurisdiction_prefix) == longest]
