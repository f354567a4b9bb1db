"""Applicant eligibility (IM art.9–11) as a pure function of the facts and the `recruitment.eligibility`
rule document. It returns EVERY failed rule (zh/en), never only the first, and the priority groups."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from registry.rules.defaults import EDUCATION_ORDER

EDUCATION_ZH = {"below_dazhuan": "大专以下", "dazhuan": "大专", "benke": "本科", "master": "硕士", "doctor": "博士"}
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


# National law, not a provincial parameter (so in code, like the quota exceptions): 《劳动法》第十五条
# 「禁止用人单位招用未满十六周岁的未成年人」. A rule document may set a higher `min_age`.
LEGAL_WORKING_AGE = 16
LEGAL_WORKING_AGE_SOURCE = "《劳动法》第十五条"


def age_on(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _failure(rule: str, zh: str, en: str, **extra: Any) -> dict[str, Any]:
    return {"rule": rule, "message_zh": zh, "message_en": en, **extra}


def check(params: dict[str, Any], facts: EligibilityFacts, on: date) -> tuple[list[dict], list[str]]:
    """(failures, priority groups). Empty failures = eligible."""
    failures: list[dict] = []
    # A key no text in force states is no condition (NX leaves age and education to the county).
    params = {"relaxable_groups": [], "priority_groups": [], "disqualifications": [], **params}
    relaxable = [g for g in facts.groups if g in params["relaxable_groups"]]
    relaxed = facts.street_recommended and bool(relaxable)
    relax_hint_zh = ("（街道推荐的所列群体可放宽，但未满足放宽条件：需街道推荐且属于"
                     + "、".join(params["relaxable_groups"]) + "）")
    relax_hint_en = (" (may be relaxed on a recorded street recommendation for: "
                     + ", ".join(params["relaxable_groups"]) + "; not met)")
    if not facts.citizen:
        failures.append(_failure("citizenship", "须具有中华人民共和国国籍", "must be a citizen of the PRC"))
    age = age_on(facts.birth_date, on)
    max_age = int(params["max_age"]) if params.get("max_age") is not None else None
    if max_age is not None and age > max_age and not relaxed:
        failures.append(_failure("age_limit", f"年龄 {age} 岁，超过 {max_age} 岁上限" + relax_hint_zh,
                                 f"aged {age}, above the limit of {max_age}" + relax_hint_en,
                                 age=age, limit=max_age))
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
            f"education {facts.education} is below the required {minimum}" + relax_hint_en,
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
