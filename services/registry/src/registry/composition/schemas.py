from datetime import date

from cwm_kit.types import ResponseModel


class CompositionWarning(ResponseModel):
    code: str
    message_zh: str
    message_en: str


class CompositionOut(ResponseModel):
    """A community's 两委 composition against rule community.composition (SS 二(三)1), as of `on`."""

    community_code: str
    on: date
    # None where no text sets a composition (the counts are still given).
    rule: dict | None = None
    leadership_posts: list[str] = []
    leadership_count: int
    max_leadership_posts: int | None = None
    party_affairs_count: int
    party_affairs_min: int | None = None
    committee_members: int
    local_members_count: int
    local_members_min: int | None = None
    warnings: list[CompositionWarning] = []


class CompositionSummary(ResponseModel):
    """Communities of a scope where a composition rule applies, and how many fall short of it."""

    communities: int
    over_leadership: int
    without_party_affairs: int
    without_local_member: int
