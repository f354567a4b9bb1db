"""Contract renewal (续聘, POLICY.md §3, §8; SS 二(四)5 「社区“两委”成员聘期5年，专职工作人员聘期3年，聘期满考核合格以上等次的
可续聘」). Everything is rule data, resolved for the worker's community on the day:

- `contract.term` (SS: committee_member_years 5, staff_years 3) gives the new term by 两委 membership; where no
  text states one, the post catalogue's term, else the current contract's term;
- `contract.renewal`: `min_result` (SS: competent) the lowest final annual result of the term's last
  `lookback_years` assessment years (renewal_years) that allows renewal; `window_days` (shipped: 90 everywhere; a
  region's own document may set another) how long before the end officers are reminded, and so how early a renewal
  may be decided.

A region whose rule sets no `min_result` has no renewal condition in any text: renewal is allowed without one
(a person decides). Where the rule sets one, a final result of those years is needed: none yet (an annual
result is final about February of the next year) refuses the renewal until there is one, a result below the
minimum refuses it. The new contract starts the day after the current one ends (a renewal decided after the end
keeps the contracts continuous). The judgement is shared with the flags (contract_ending) and the expiring list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from cwm_kit.dates import add_years

from registry.rules.service import ResolvedRule, describe
from registry.rules.words import source_zh
from registry.workers.statuses import status_text

RESULT_RANK = {"incompetent": 0, "basically_competent": 1, "competent": 2, "excellent": 3}
RESULT_ZH = {"incompetent": "不合格", "basically_competent": "基本合格", "competent": "合格", "excellent": "优秀"}
TERM_RULE = "contract.term"
RENEWAL_RULE = "contract.renewal"
DEFAULT_WINDOW_DAYS = 90  # only if no document states window_days (the shipped "" document does)
# A renewal is decided on the worker's current contract while they are employed.
RENEWABLE_STATUSES = frozenset({"probation", "active", "seconded"})
ONE_DAY = timedelta(days=1)


def renewal_years(contract_end: date, lookback_years: int) -> range:
    """The annual assessments a renewal at `contract_end` rests on: the term's last `lookback_years` assessment years
    (SS 「聘期满考核」 — a year belongs to the term in force on its 31 December, as for exit.assessment), so a term ending
    28 February 2026 rests on the 2025 result, one ending 31 December 2026 on the 2026 result."""
    last = contract_end.year if (contract_end.month, contract_end.day) == (12, 31) else contract_end.year - 1
    return range(last - lookback_years + 1, last + 1)


def assessment_years(params: dict[str, Any], contract_end: date) -> range:
    """The years whose final annual results judge the renewal under the `contract.renewal` params (none where no
    text sets a condition)."""
    if not params.get("min_result"):
        return range(0)
    return renewal_years(contract_end, int(params.get("lookback_years") or 1))


def window_days(params: dict[str, Any]) -> int:
    return int(params.get("window_days") or DEFAULT_WINDOW_DAYS)


def longest_window(rules: Iterable[ResolvedRule | None]) -> int:
    """The longest reminder window of `rules` (those a region of a scope can resolve to, Resolver.under)."""
    return max(window_days(rule.params if rule is not None else {}) for rule in rules)


def due(params: dict[str, Any], contract_end: date, on: date) -> bool:
    """A decision is due on `on`: the contract ends within the region's window, or has already ended while the
    worker is still employed (not renewed: the most urgent)."""
    return contract_end <= on + timedelta(days=window_days(params))


def judge(params: dict[str, Any], contract_end: date, results: dict[tuple[int, str], str] | None) -> dict[str, Any]:
    """Renewal eligibility of a contract ending `contract_end` under the `contract.renewal` params, from the worker's
    final results `(year, kind) -> result` (None: the assessment service could not be read). `renewal_status`:
    no_condition (no text sets one), assessment_unavailable, pending (no final result of those years yet), eligible,
    not_eligible."""
    details: dict[str, Any] = {"renewal_eligible": None, "last_result": None}
    minimum = params.get("min_result")
    # Only a text that sets a renewal condition (SS 「聘期满考核合格以上等次的可续聘」) lets the system judge it.
    if not minimum:
        status = "no_condition"
    elif results is None:
        status = "assessment_unavailable"
    else:
        years = assessment_years(params, contract_end)
        details["assessment_years"] = list(years)
        annual = sorted((y, r) for (y, k), r in results.items() if k == "annual" and y in years)
        if annual:
            year, result = annual[-1]
            eligible = RESULT_RANK.get(result, -1) >= RESULT_RANK[minimum]
            details.update(renewal_eligible=eligible, last_result={"year": year, "result": result})
            status = "eligible" if eligible else "not_eligible"
        else:
            # No final result of those years yet: pending, not "not eligible" — only a final result below the
            # minimum says no.
            status = "pending"
    details["renewal_condition"] = minimum
    details["renewal_status"] = status
    return details


def message(details: dict[str, Any]) -> tuple[str, str]:
    """The judgement in words (Chinese, English)."""
    status = details["renewal_status"]
    if status == "no_condition":
        return "适用的政策文件未规定续聘条件，由人员决定", "no text in force sets a renewal condition: a person decides"
    if status == "assessment_unavailable":
        return "续聘资格待考核结果确认（考核服务暂不可用）", "renewal eligibility unknown (assessment service unavailable)"
    minimum = details["renewal_condition"]
    if status == "pending":
        years = details["assessment_years"]
        return (f"续聘资格待考核结果确定（{'、'.join(map(str, years))} 年度考核结果尚未确定）",
                f"renewal eligibility pending: no final {', '.join(map(str, years))} annual result yet")
    last = details["last_result"]
    result_zh = RESULT_ZH.get(last["result"], last["result"])
    if status == "eligible":
        return (f"符合续聘条件（{last['year']} 年度考核{result_zh}）",
                f"eligible for renewal ({last['year']} result {last['result']})")
    return (f"不符合续聘条件（{last['year']} 年度考核{result_zh}，未达{RESULT_ZH.get(minimum, minimum)}）",
            f"not eligible for renewal ({last['year']} result {last['result']}, below {minimum})")


def term_stated(term_rule: ResolvedRule | None, committee_member: bool) -> tuple[int | None, str]:
    """The term `contract.term` states for a 两委 member or a staff worker (SS 5 / 3 years), and its key."""
    key = "committee_member_years" if committee_member else "staff_years"
    stated = term_rule.params.get(key) if term_rule is not None else None
    return (int(stated) if stated is not None else None), key


def years_covering(start: date, end: date) -> int:
    """The whole years a contract from `start` to `end` is counted as (a shorter last year counts as one)."""
    years = 1
    while add_years(start, years) - ONE_DAY < end:
        years += 1
    return years


@dataclass
class Refusal:
    status: int
    code: str
    field: str
    message_zh: str
    message_en: str
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class RenewalPlan:
    """The next contract a renewal would write, and whether it may be written now (`refusal` None)."""

    current_start: date
    current_end: date
    start: date
    end: date
    term_years: int
    term_basis: str  # the rule or catalogue the term comes from
    earliest_on: date  # the first day a renewal may be decided (window_days before the end)
    details: dict[str, Any]
    message_zh: str
    message_en: str
    refusal: Refusal | None = None


def plan(*, status: str, committee_member: bool, current_start: date, current_end: date, current_term: int,
         catalogue_term: int | None, term_rule: ResolvedRule | None, renewal_rule: ResolvedRule | None, results: dict[tuple[int, str], str] | None, today: date,
         requested_end: date | None = None) -> RenewalPlan:
    """The renewal of a worker's current contract as of `today`: the new term by the rules, the eligibility, and
    the first reason it cannot be decided now (not employed, too early, an end beyond the term, the assessment)."""
    renewal_params = renewal_rule.params if renewal_rule is not None else {}
    stated, key = term_stated(term_rule, committee_member)
    # Where the term comes from: `basis` as the API and the audit record it (the rule, its key and source), and in
    # words for the Chinese message (the text by its Chinese name: 松山区《社区工作者职业体系建设实施方案》二(四)5).
    if stated is not None:
        stated_by_text = term_rule.provenance[key]["source"]  # type: ignore[union-attr]
        term, basis, basis_zh = stated, f"{TERM_RULE} {key} ({stated_by_text})", source_zh(stated_by_text)
    elif catalogue_term is not None:
        term, basis, basis_zh = catalogue_term, "post catalogue contract_term_years", "岗位目录规定"
    else:
        term, basis, basis_zh = current_term, "the current contract's term", "同现合同期限"
    start = current_end + ONE_DAY
    full_end = add_years(start, term) - ONE_DAY
    earliest = current_end - timedelta(days=window_days(renewal_params))
    details = judge(renewal_params, current_end, results)
    zh, en = message(details)
    result = RenewalPlan(current_start=current_start, current_end=current_end, start=start,
                         end=requested_end or full_end, term_years=term, term_basis=basis, earliest_on=earliest,
                         details=details, message_zh=zh, message_en=en)

    def stated_by(key: str) -> dict[str, Any] | None:
        return describe(renewal_rule, key) if renewal_rule is not None else None

    source = renewal_rule.provenance.get("min_result", {}).get("source", "") if renewal_rule is not None else ""
    cited_zh = f"（{source_zh(source)}）" if source else ""
    if status not in RENEWABLE_STATUSES:
        result.refusal = Refusal(422, "worker_not_employed", "status",
                                 f"只有在职人员可以续聘（当前状态：{status_text(status)[0]}；已离开的人员请重新聘用）",
                                 f"only an employed worker's contract is renewed (status {status_text(status)[1]}; "
                                 "a former worker "
                                 "is rehired)")
    elif today < earliest:
        result.refusal = Refusal(
            422, "renewal_too_early", "current_end",
            f"合同 {current_end} 到期，续聘最早于到期前 {window_days(renewal_params)} 天（{earliest}）办理",
            f"the contract ends on {current_end}: a renewal is decided at most {window_days(renewal_params)} days "
            f"before the end (from {earliest})", {"earliest_on": earliest.isoformat(),
                                                          "rule": stated_by("window_days")})
    elif requested_end is not None and requested_end < start:
        result.refusal = Refusal(422, "renewal_end_before_start", "end",
                                 f"新合同自 {start} 起，结束日不能更早", f"the new contract starts on {start}: "
                                 "it cannot end before that")
    elif requested_end is not None and requested_end > full_end:
        result.refusal = Refusal(
            422, "renewal_end_beyond_term", "end",
            f"聘期为 {term} 年（{basis_zh}），新合同最晚于 {full_end} 结束",
            f"the term is {term} years ({basis}): the new contract ends by {full_end}",
            {"latest_end": full_end.isoformat(), "rule": describe(term_rule, key) if stated is not None else None})
    elif details["renewal_status"] == "assessment_unavailable":
        result.refusal = Refusal(503, "assessment_unavailable", "assessment",
                                 "考核服务暂不可用，无法核对续聘条件，请稍后重试",
                                 "the assessment service is unavailable: the renewal condition cannot be checked; "
                                 "retry later")
    elif details["renewal_status"] == "pending":
        years = "、".join(map(str, details["assessment_years"]))
        result.refusal = Refusal(
            422, "renewal_assessment_missing", "assessment",
            f"续聘须{years} 年度考核{RESULT_ZH[details['renewal_condition']]}以上，该年度尚无确定的考核结果"
            f"{cited_zh}",
            f"renewal needs a final {', '.join(map(str, details['assessment_years']))} annual result of at least "
            f"{details['renewal_condition']}; there is none on record yet", {"rule": stated_by("min_result"),
                                                        "assessment_years": details["assessment_years"]})
    elif details["renewal_status"] == "not_eligible":
        last = details["last_result"]
        result.refusal = Refusal(
            422, "renewal_assessment_below_minimum", "assessment",
            f"{last['year']} 年度考核{RESULT_ZH.get(last['result'], last['result'])}，"
            f"未达续聘要求的{RESULT_ZH[details['renewal_condition']]}以上{cited_zh}",
            f"the {last['year']} annual result is {last['result']}, below the {details['renewal_condition']} "
            "a renewal needs", {"rule": stated_by("min_result"), "last_result": last})
    return result
