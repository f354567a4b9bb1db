"""Applicant eligibility (IM art.9–11) as a pure function of the facts and the `recruitment.eligibility`
rule document. It returns EVERY failed rule (zh/en), never only the first, and the priority groups. A street's
recommendation relaxes the age limit, never past the statutory retirement age (`retirement.age`): no labour
contract is signed with a person who has reached it (劳动合同法实施条例 第二十一条)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from registry.rules.defaults import EDUCATION_ORDER
from registry.rules.words import source_zh

EDUCATION_ZH = {"below_dazhuan": "大专以下", "dazhuan": "大专", "benke": "本科", "master": "硕士", "doctor": "博士"}
EDUCATION_EN = {"below_dazhuan": "below associate degree", "dazhuan": "associate degree",
                "benke": "bachelor's degree", "master": "master's degree", "doctor": "doctorate"}
# The groups of IM art.9 (relaxation on a street's recommendation) and art.10 (priority), as the SPA names them
# (frontend/src/lib/vocab.ts RECRUIT_GROUPS); a group a later rule adds shows as its code until named here.
GROUP_TEXT = {
    "local_party_member": ("本地党员", "local Party members"),
    "volunteer": ("志愿者", "volunteers"),
    "veteran": ("退役军人", "veterans"),
    "social_organisation_head": ("社区社会组织负责人", "heads of community social organisations"),
    "owners_committee_member": ("业主委员会成员", "owners' committee members"),
    "certified_social_worker": ("持证社会工作者", "certified social workers"),
    "urgently_needed_specialist": ("急需紧缺专业人才", "urgently needed specialists"),
    "grid_worker_in_post": ("在岗网格员", "grid workers in post"),
}
DISQUALIFICATION_TEXT = {
    "illegal_or_cult_organisation": ("参加非法组织、邪教组织", "member of an illegal or cult organisation"),
    "speech_against_party_line": ("发表违背党的路线方针政策的言论", "speech against the Party's line and policies"),
    "criminal_record": ("受过刑事处罚", "has a criminal record"),
    "pending_criminal_case": ("涉嫌违法犯罪正在接受调查", "under investigation for a suspected offence"),
    "expelled_party_military_or_office": ("被开除党籍、军籍或公职", "expelled from the Party, the military or public office"),
    "credit_blacklist": ("被列为失信联合惩戒对象", "on the joint credit-discipline blacklist"),
    "other_unfit": ("有其他不宜从事社区工作的情形", "otherwise unfit for community work"),
}


@dataclass
class EligibilityFacts:
    birth_date: date
    education: str
    citizen: bool = True
    groups: list[str] = field(default_factory=list)
    street_recommended: bool = False
    disqualifications: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RetirementLimit:
    """The person's statutory retirement date (`retirement.age`) and, where the local text excludes retirees
    (SS 二(一)), that text's source."""

    on: date
    source: str
    retirees_excluded_by: str | None = None


# National law, not a provincial parameter (so in code, like the quota exceptions): 《劳动法》第十五条
# 「禁止用人单位招用未满十六周岁的未成年人」. A rule document may set a higher `min_age`.
LEGAL_WORKING_AGE = 16
LEGAL_WORKING_AGE_SOURCE = "《劳动法》第十五条"


def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _failure(rule: str, zh: str, en: str, **extra: Any) -> dict[str, Any]:
    return {"rule": rule, "message_zh": zh, "message_en": en, **extra}


def _groups_text(codes: list[str]) -> tuple[str, str]:
    names = [GROUP_TEXT.get(code, (code, code)) for code in codes]
    return "、".join(zh for zh, _ in names), ", ".join(en for _, en in names)


def check(params: dict[str, Any], facts: EligibilityFacts, on: date,
          retirement: RetirementLimit | None = None) -> tuple[list[dict], list[str]]:
    """(failures, priority groups). Empty failures = eligible."""
    failures: list[dict] = []
    # A key no text in force states is no condition (NX leaves age and education to the county).
    params = {"relaxable_groups": [], "priority_groups": [], "disqualifications": [], **params}
    relaxable = [g for g in facts.groups if g in params["relaxable_groups"]]
    relaxed = facts.street_recommended and bool(relaxable)
    relax_hint_zh = relax_hint_en = ""
    if params["relaxable_groups"]:
        groups_zh, groups_en = _groups_text(params["relaxable_groups"])
        relax_hint_zh = f"（街道推荐的所列群体可放宽，但未满足放宽条件：需街道推荐且属于{groups_zh}）"
        relax_hint_en = f" (may be relaxed on a recorded street recommendation for: {groups_en}; not met)"
    if not facts.citizen:
        failures.append(_failure("citizenship", "须具有中华人民共和国国籍", "must be a citizen of the PRC"))
    age = age_on(facts.birth_date, on)
    max_age = int(params["max_age"]) if params.get("max_age") is not None else None
    if max_age is not None and age > max_age and not relaxed:
        failures.append(_failure("age_limit", f"年龄 {age} 岁，超过 {max_age} 岁上限" + relax_hint_zh,
                                 f"aged {age}, above the limit of {max_age}" + relax_hint_en,
                                 age=age, limit=max_age))
    if retirement is not None and on >= retirement.on:
        # Not relaxable: the relaxation is of the recruitment age, not of the statutory retirement age.
        excluded_zh = excluded_en = ""
        if retirement.retirees_excluded_by:
            excluded_zh = f"；退休人员不纳入社区工作者范围（{source_zh(retirement.retirees_excluded_by)}）"
            excluded_en = f"; retirees are not community workers here ({retirement.retirees_excluded_by})"
        failures.append(_failure(
            "retirement_age",
            f"已于 {retirement.on} 达到法定退休年龄（渐进式延迟退休），不能签订劳动合同，街道推荐也不能放宽{excluded_zh}",
            f"reached the statutory retirement age on {retirement.on} ({retirement.source}): no labour contract can "
            f"be signed, and a street recommendation does not relax it{excluded_en}",
            retirement_date=retirement.on.isoformat(), source=retirement.source))
    min_age = max(LEGAL_WORKING_AGE, int(params.get("min_age") or 0))
    if age < min_age:
        failures.append(_failure("age_minimum", f"年龄 {age} 岁，未满 {min_age} 周岁（{LEGAL_WORKING_AGE_SOURCE}等）",
                                 f"aged {age}, under the minimum age of {min_age} (Labour Law art.15 etc.)",
                                 age=age, limit=min_age))
    minimum = params.get("min_education")
    if minimum and EDUCATION_ORDER.index(facts.education) < EDUCATION_ORDER.index(minimum) and not relaxed:
        failures.append(_failure(
            "education_minimum",
            f"学历为{EDUCATION_ZH[facts.education]}，低于{EDUCATION_ZH[minimum]}要求" + relax_hint_zh,
            f"education: {EDUCATION_EN[facts.education]}; at least {EDUCATION_EN[minimum]} is required"
            + relax_hint_en,
            education=facts.education, minimum=minimum))
    for code in facts.disqualifications:
        zh, en = DISQUALIFICATION_TEXT.get(code, (code, code))
        failures.append(_failure(f"disqualified.{code}", f"存在不得招聘的情形：{zh}", f"disqualified: {en}"))
    priority = [g for g in facts.groups if g in params["priority_groups"]]
    return failures, priority


def unknown_codes(params: dict[str, Any], facts: EligibilityFacts) -> list[tuple[str, str]]:
    """(field, code) pairs the rule document does not know: refused as bad input, not as ineligibility."""
    known_groups = set(params.get("relaxable_groups") or []) | set(params.get("priority_groups") or [])
    bad = [("groups", g) for g in facts.groups if g not in known_groups]
    bad += [("disqualifications", d) for d in facts.disqualifications
            if d not in (params.get("disqualifications") or [])]
    return bad
