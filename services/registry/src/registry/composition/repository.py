"""Counts of a community's composition: employed workers on leadership posts, the party-affairs worker, the
members living locally (SS 二(三)1)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import Integer, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from registry.quota.repository import IN_POST_STATUSES
from registry.workers.models import Worker


async def leadership_count(session: AsyncSession, community_code: str, posts: Iterable[str],
                           excluding: uuid.UUID | None = None) -> int:
    """Workers in post in the community holding one of `posts` (the rule's leadership posts)."""
    statement = select(func.count()).where(Worker.community_code == community_code,
                                           Worker.status.in_(IN_POST_STATUSES), Worker.post.in_(list(posts)))
    if excluding is not None:
        statement = statement.where(Worker.id != excluding)
    return int(await session.scalar(statement) or 0)


async def counts(session: AsyncSession, community_codes: Iterable[str] | None = None, *, scope: str | None = None,
                 region_filter=None) -> dict[str, dict[str, object]]:
    """Per community (in post): the posts held with their counts, party-affairs workers, 两委 members living
    locally and 两委 members — one grouped scan."""
    statement = (select(Worker.community_code, Worker.post, func.count().label("n"),
                        func.sum(Worker.party_affairs.cast(Integer)).label("party_affairs"),
                        func.sum((Worker.lives_locally & Worker.committee_member).cast(Integer)).label("local"),
                        func.sum(Worker.committee_member.cast(Integer)).label("members"))
                 .where(Worker.status.in_(IN_POST_STATUSES))
                 .group_by(Worker.community_code, Worker.post))
    if community_codes is not None:
        statement = statement.where(Worker.community_code.in_(list(community_codes)))
    if scope is not None:
        statement = statement.where(Worker.community_code.startswith(scope, autoescape=True))
    if region_filter is not None:
        statement = statement.where(region_filter)
    result: dict[str, dict[str, object]] = {}
    for code, post, n, party, local, members in (await session.execute(statement)).all():
        entry = result.setdefault(code, {"posts": {}, "party_affairs": 0, "local_members": 0, "members": 0})
        entry["posts"][post] = int(n)  # type: ignore[index]
        entry["party_affairs"] = int(entry["party_affairs"]) + int(party or 0)  # type: ignore[arg-type]
        entry["local_members"] = int(entry["local_members"]) + int(local or 0)  # type: ignore[arg-type]
        entry["members"] = int(entry["members"]) + int(members or 0)  # type: ignore[arg-type]
    return result
