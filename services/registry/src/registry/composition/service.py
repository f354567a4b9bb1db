"""Who may be a community worker, and a community's 两委 composition — rules as data.

- Rule `eligibility.exclusions` (SS 二(一) 「退休社区工作者、机关企事业单位在职人员在社区“两委”任职的、原收费站撤站后分流到社区
  人员不纳入本方案范围」; nationally §12 names civil-servant and public-institution status but excludes no one):
  `excluded` other statuses are refused outright, `excluded_on_committee` ones on a 两委 member. Checked at
  registration, recruitment hire, Excel import (upload row report and confirm), rehire and a record edit
  (WorkerService), 422 `excluded_person` naming `other_status` and the rule.
- Rule `community.composition` (SS 二(三)1): at most `max_leadership_posts` workers on `leadership_posts` per
  community (a further one refused, 422 `leadership_posts_full` naming `post`, at registration, import, post
  change, transfer and rehire); at least `party_affairs_min` party-affairs workers and `local_members_min` 两委
  members living locally — reported as warnings on the community (GET /v1/communities/{code}/composition) and
  counted in the statistics.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from cwm_kit.dates import today_in_china
from cwm_kit.problems import FieldError, Problem, not_found
from cwm_kit.security import Principal

from registry.regions.models import Region
from registry.rules import service as rules
from registry.workers.models import Worker

from . import repository
from .schemas import CompositionOut, CompositionSummary, CompositionWarning

EXCLUSION_RULE = "eligibility.exclusions"
COMPOSITION_RULE = "community.composition"
OTHER_STATUS = {"retired": ("退休人员", "a retiree"),
                "civil_servant": ("机关在职人员", "serving staff of a government organ"),
                "public_institution": ("事业单位在职人员", "serving public-institution staff"),
                "enterprise": ("企业在职人员", "serving enterprise staff"),
                "toll_station_transferee": ("原收费站撤站分流人员", "staff transferred from a closed toll station")}


def exclusion_error(rule: Any, other_status: str | None, committee_member: bool) -> tuple[FieldError, str] | None:
    """The field error (and the rule key) when a person of `other_status` may not be a community worker here."""
    if rule is None or other_status is None:
        return None
    zh_who, en_who = OTHER_STATUS.get(other_status, (other_status, other_status))
    if other_status in (rule.params.get("excluded") or []):
        key, zh_where, en_where = "excluded", "", ""
    elif committee_member and other_status in (rule.params.get("excluded_on_committee") or []):
        key, zh_where, en_where = "excluded_on_committee", "在社区“两委”任职的", " holding a 两委 post"
    else:
        return None
    source = rule.provenance[key]["source"]
    zh = f"{zh_who}{zh_where}不纳入社区工作者范围（{rules.source_zh(source)}）"
    en = f"{en_who}{en_where} may not be a community worker ({source})"
    return FieldError("other_status", "excluded_person", zh, en), key


async def ensure_not_excluded(session: AsyncSession, community_code: str, on: date, other_status: str | None,
                              committee_member: bool, cache: dict[tuple[str, date], Any] | None = None) -> None:
    if other_status is None:
        return
    key = (community_code, on)
    if cache is not None and key in cache:
        rule = cache[key]
    else:
        rule = await rules.resolve(session, EXCLUSION_RULE, community_code, on)
        if cache is not None:
            cache[key] = rule
    found = exclusion_error(rule, other_status, committee_member)
    if found is not None:
        error, rule_key = found
        raise Problem(422, "excluded_person", error["message_zh"], error["message_en"], errors=[error],
                      rule=rules.describe(rule, rule_key))


async def ensure_leadership_room(session: AsyncSession, community_code: str, on: date, post: str, *,
                                 excluding: uuid.UUID | None = None) -> None:
    """Refuse a leadership post beyond the community's limit (SS 「社区“两委”领导职数原则上不超过3人」)."""
    [problem] = await leadership_problems(session, [(community_code, on, post)], excluding=excluding)
    if problem is not None:
        raise problem


async def leadership_problems(session: AsyncSession, placements: list[tuple[str, date, str]], *,
                              excluding: uuid.UUID | None = None) -> list[Problem | None]:
    """For each (community, date, post) placement, taken in order as if made one after another (an import's
    rows), the 422 `leadership_posts_full` when it would be a leadership post beyond the limit of the rule in
    force on its date, counting the workers in post and the earlier placements of the list; None when not."""
    found: list[Problem | None] = []
    rule_cache: dict[tuple[str, date], Any] = {}
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for code, on, post in placements:
        if (code, on) not in rule_cache:
            rule_cache[(code, on)] = await rules.resolve(session, COMPOSITION_RULE, code, on)
        rule = rule_cache[(code, on)]
        if rule is None or rule.params.get("max_leadership_posts") is None:
            found.append(None)
            continue
        posts, limit = rule.params.get("leadership_posts") or [], int(rule.params["max_leadership_posts"])
        if post not in posts:
            found.append(None)
            continue
        if code not in counts:
            counts[code] = await repository.leadership_count(session, code, posts, excluding)
        count = counts[code]
        if count + 1 > limit:
            source = rule.provenance["max_leadership_posts"]["source"]
            if code not in names:
                names[code] = await rules.place_name(session, code)
            zh = f"社区“两委”领导职数不超过 {limit} 人（{rules.source_zh(source)}），{names[code]}已有 {count} 人"
            en = (f"at most {limit} 两委 leadership posts per community ({source}); {names[code]} ({code}) has "
                  f"{count}")
            found.append(Problem(422, "leadership_posts_full", zh, en,
                                 errors=[FieldError("post", "leadership_posts_full", zh, en)],
                                 rule=rules.describe(rule, "max_leadership_posts"), leadership_count=count))
        else:
            counts[code] = count + 1
            found.append(None)
    return found


def assess(code: str, on: date, rule: Any, entry: dict[str, Any] | None) -> CompositionOut:
    entry = entry or {"posts": {}, "party_affairs": 0, "local_members": 0, "members": 0}
    params = rule.params if rule is not None else {}
    posts = list(params.get("leadership_posts") or [])
    leaders = sum(n for post, n in entry["posts"].items() if post in posts)
    result = CompositionOut(
        community_code=code, on=on, rule=rules.describe(rule) if rule is not None else None, leadership_posts=posts,
        leadership_count=leaders, max_leadership_posts=params.get("max_leadership_posts"),
        party_affairs_count=entry["party_affairs"], party_affairs_min=params.get("party_affairs_min"),
        committee_members=entry["members"], local_members_count=entry["local_members"],
        local_members_min=params.get("local_members_min"))
    # (warning code, rule key, short of it when, zh, en) — each message names the clause's source.
    checks = [
        ("leadership_over_limit", "max_leadership_posts", lambda limit: leaders > limit,
         f"“两委”领导职数 {leaders} 人，超过 {{n}} 人", f"{leaders} leadership posts, more than {{n}}"),
        ("party_affairs_missing", "party_affairs_min", lambda least: result.party_affairs_count < least,
         "未配备足够的专职党务工作者（应至少 {n} 名）", "fewer than {n} full-time party-affairs worker(s)"),
        ("local_member_missing", "local_members_min", lambda least: result.local_members_count < least,
         "属地化专职成员不足（应至少 {n} 名）", "fewer than {n} full-time member(s) living locally"),
    ]
    warnings = []
    for warning, key, short, zh, en in checks:
        number = params.get(key)
        if number is not None and short(int(number)):
            source = rule.provenance[key]["source"]
            warnings.append(CompositionWarning(code=warning,
                                               message_zh=f"{zh.format(n=number)}（{rules.source_zh(source)}）",
                                               message_en=f"{en.format(n=number)} ({source})"))
    result.warnings = warnings
    return result


class CompositionService:
    def __init__(self, session: AsyncSession, principal: Principal):
        self.session = session
        self.principal = principal

    async def community(self, code: str, on: date | None = None) -> CompositionOut:
        on = on or today_in_china()
        self.principal.ensure_visible(code, what_zh="社区", what_en="community")
        region = await self.session.get(Region, code)
        if region is None or region.level != "community":
            raise not_found("社区", "community")
        rule = await rules.resolve(self.session, COMPOSITION_RULE, code, on)
        entry = (await repository.counts(self.session, [code])).get(code)
        return assess(code, on, rule, entry)


async def summary(session: AsyncSession, principal: Principal, scope: str, on: date) -> CompositionSummary | None:
    """For the statistics: communities of the scope where a composition rule applies and their shortfalls."""
    for_region = await rules.resolver(session, COMPOSITION_RULE, on)
    entries = await repository.counts(session, scope=scope, region_filter=principal.region_filter(Worker.community_code))
    assessed = [assess(code, on, rule, entry) for code, entry in entries.items()
                if (rule := for_region(code)) is not None]
    if not assessed:
        return None
    codes = [{w.code for w in a.warnings} for a in assessed]
    return CompositionSummary(communities=len(assessed),
                              over_leadership=sum("leadership_over_limit" in c for c in codes),
                              without_party_affairs=sum("party_affairs_missing" in c for c in codes),
                              without_local_member=sum("local_member_missing" in c for c in codes))
