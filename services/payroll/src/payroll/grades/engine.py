"""Post and level of a worker for a month, with the reasoning (POLICY.md §4). Pure functions.

Steps, each recorded for the payslip and `GET .../grade`:
1. the post in force (a change applies from the month after it, SS);
2. the date up to which years count (SS: promotion from 1 January of the following year, so years up to
   1 January of the month's year; otherwise up to the first day of the month);
3. years of community work completed by that date, from the registry's counted service
   (`cwm_kit.service_years.completed_years`, one definition with the registry);
4. assessment effects for years already assessed: ± years per result (NX ±½ for 优秀/不合格, SS +½ for
   优秀) and years that do not count (SS 基本合格/不合格: the service counted in that year is removed);
5. degree credit, by dates against the first day of the current continuous service (`WorkerFacts.service_start`):
   a degree obtained on or before it is a degree at hiring and counts as years (SS 本科 4, 硕士 7, 博士 10) added
   to the service years from the hiring month; one obtained after it is an in-service degree, whatever the
   record's flag, and the count becomes max(years, its credit) from the month after it is obtained;
6. step(y) = 0 below the first threshold, else 1 + ⌊(y − first) / years per level⌋; level = post minimum
   + step;
7. 一肩挑: + the scheme's extra levels in a month paid on a post that holds both offices (`yijiantiao_posts`),
   taking up and giving up 一肩挑 dated like a post change (SS: from the following month);
8. capped to the post's range (above its highest level only if the scheme's `yijiantiao_above_post_max`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_FLOOR, Decimal

from cwm_kit import service_years
from cwm_kit.errors import Problem

from payroll.calendar import parse_month
from payroll.inputs.schemas import AssessmentResult, WorkerFacts, latest_revisions
from payroll.policy.scheme import PayScheme, Seniority

RESULT_ZH = {"excellent": "优秀", "competent": "合格", "basically_competent": "基本合格", "incompetent": "不合格"}
EDUCATION_RANK = {"below_dazhuan": 0, "dazhuan": 1, "benke": 2, "master": 3, "doctor": 4}
EDUCATION_ZH = {"below_dazhuan": "大专以下", "dazhuan": "大专", "benke": "本科", "master": "硕士", "doctor": "博士"}
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class GradeStep:
    step: str
    zh: str
    en: str
    value: str

    def as_dict(self) -> dict[str, str]:
        return {"step": self.step, "zh": self.zh, "en": self.en, "value": self.value}


@dataclass
class Grade:
    post: str
    level: int
    years: Decimal
    yijiantiao: bool
    steps: list[GradeStep] = field(default_factory=list)


def post_in_month(scheme: PayScheme, worker: WorkerFacts, month_start: date, month_end: date) -> tuple[str, date | None]:
    """The post paid in the month. With the next-month rule (SS) a change dated in month M applies from
    M + 1, so the month pays the latest post that began before its first day; a new hire's first post
    applies from the hiring month."""
    history = sorted(worker.post_history, key=lambda p: p.from_)
    if not history:
        return worker.post, worker.post_since
    if scheme.seniority.post_change_effective == "same_month":
        in_force = [p for p in history if p.from_ <= month_end]
    else:
        in_force = [p for p in history if p.from_ < month_start]
    chosen = in_force[-1] if in_force else history[0]
    return chosen.post, chosen.from_


def yijiantiao_posts(scheme: PayScheme, worker: WorkerFacts) -> set[str]:
    """The posts that hold both offices (一肩挑): the scheme's `yijiantiao_posts` (SS 正职 `ss_head`: 「社区正职包括社区
    党组织书记、居委会主任」). A version published without the list falls back to the registry's own rule — it
    records 一肩挑 only on a head post (`yijiantiao_needs_head_post`) — so the posts held on the day each 一肩挑
    period began (the current post for a bare `yijiantiao` flag)."""
    if scheme.seniority.yijiantiao_posts is not None:
        return set(scheme.seniority.yijiantiao_posts)
    held: set[str] = set()
    for period in worker.yijiantiao_history:
        held.add(next((p.post for p in worker.post_history
                       if p.from_ <= period.from_ and (p.to is None or period.from_ <= p.to)), worker.post))
    if not worker.yijiantiao_history and worker.yijiantiao:
        held.add(worker.post)
    return held


def yijiantiao_held_in(worker: WorkerFacts, month_start: date, month_end: date) -> bool:
    """A 一肩挑 period touches the month (for pay it may still start or stop only the month after)."""
    return any(p.from_ <= month_end and (p.to is None or p.to >= month_start) for p in worker.yijiantiao_history)


def yijiantiao_in_month(scheme: PayScheme, worker: WorkerFacts, post_code: str, month_start: date,
                        month_end: date) -> bool:
    """Whether the month is paid with 一肩挑's extra levels: the post paid in the month (`post_in_month`)
    holds both offices (`yijiantiao_posts`), and a 一肩挑 period is in force for pay in the month.

    With the next-month rule (SS 「岗位变动的，从岗位变动的次月起…套入」; 「因工作变动不再“一肩挑”的，按岗位变动作相应
    调整」) taking up and giving up 一肩挑 are dated like a post change and take effect from the month after:
    a period from day F counts from the month after F's month (from F's month when held from the first post,
    as a new hire's first post applies from the hiring month); a period whose last day held is T ends on T + 1
    (the registry's change date: 「Ending on `on`: the last day held is the day before」, and leaving the head
    post ends 一肩挑 on the day of the post change), so the month of T + 1 still counts and the month after it
    does not — the extra level stops in the same month as a post change of the same day. Under the same-month
    rule a period counts in every month it touches."""
    if post_code not in yijiantiao_posts(scheme, worker):
        return False
    if not worker.yijiantiao_history:
        return worker.yijiantiao
    if scheme.seniority.post_change_effective == "same_month":
        return yijiantiao_held_in(worker, month_start, month_end)
    first_post = min((p.from_ for p in worker.post_history), default=worker.post_since or worker.hired_on)
    return any((p.from_ < month_start or p.from_ <= first_post)
               and (p.to is None or p.to + ONE_DAY >= month_start) for p in worker.yijiantiao_history)


def _fmt(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01'))}"


def _cutoff(rules: Seniority, month_start: date, steps: list[GradeStep]) -> date:
    """The day years are counted up to: the month, or 1 January where promotions take effect from January."""
    if rules.promotion_effective == "next_january":
        cutoff = date(month_start.year, 1, 1)
        steps.append(GradeStep("cutoff", f"晋级自次年1月起生效：年限计算至 {cutoff.isoformat()}",
                               f"promotion takes effect from 1 January: years counted up to {cutoff.isoformat()}",
                               cutoff.isoformat()))
    else:
        cutoff = month_start
        steps.append(GradeStep("cutoff", f"年限计算至 {cutoff.isoformat()}", f"years counted up to {cutoff.isoformat()}",
                               cutoff.isoformat()))
    return cutoff


def _assessment_effects(rules: Seniority, worker: WorkerFacts, results: list[AssessmentResult], cutoff: date,
                        years: Decimal, steps: list[GradeStep]) -> Decimal:
    """Assessment effects: only annual results for years that ended before the cutoff."""
    for result in sorted(latest_revisions([r for r in results if r.worker_id == worker.worker_id]),
                         key=lambda r: r.year):
        if result.kind != "annual" or date(result.year + 1, 1, 1) > cutoff:
            continue
        effect = rules.result_effects.get(result.result)
        if effect is None:
            continue
        if effect.year_delta:
            years += effect.year_delta
            steps.append(GradeStep("assessment", f"{result.year} 年考核{RESULT_ZH[result.result]}：年限 {effect.year_delta:+}",
                                   f"{result.year} assessed {result.result}: years {effect.year_delta:+}", _fmt(years)))
        if not effect.counts:
            # The year does not count: remove the service actually counted in it (a worker hired in October
            # loses three months, not twelve), in the same months arithmetic as the years themselves.
            year_end = date(result.year + 1, 1, 1)
            days = service_years.days_within(worker.counted_runs(cutoff), date(result.year, 1, 1), year_end)
            removed = service_years.years_of(service_years.months_from_days(days, year_end))
            years -= removed
            steps.append(GradeStep("assessment",
                                   f"{result.year} 年考核{RESULT_ZH[result.result]}：该年度不计入晋级年限（扣除 {_fmt(removed)} 年）",
                                   f"{result.year} assessed {result.result}: the year does not count "
                                   f"(−{_fmt(removed)} years served in it)", _fmt(years)))
    return max(years, Decimal(0))


def _degree_credits(rules: Seniority, worker: WorkerFacts, month_start: date, month_end: date, years: Decimal,
                    steps: list[GradeStep]) -> Decimal:
    history = list(worker.education_history) or ([worker.education] if worker.education else [])
    # The credit is for the hire that began the current continuous service (SS does not bridge breaks): a degree
    # obtained on or before its first day is a degree at hiring, one obtained after it is an in-service degree
    # whatever the record's `in_service` flag says (the flag defaults to false, so a later degree entered without
    # it was once added on top of the years). Only an undated record goes by its flag.
    start = worker.service_start(month_end)
    at_hire = [e for e in history if (e.date <= start if e.date is not None else not e.in_service)]
    # A degree at hiring sets the starting level from the hiring month (SS 「新聘用…具有大学本科学历，基本工资等级认定为
    # 2级」), not from the next 1 January; an in-service degree applies from the month after it is obtained (the
    # January rule is for years of service only).
    in_service = sorted(((e.date, e) for e in history if e.date is not None and start < e.date < month_start),
                        key=lambda dated: dated[0])
    since = start.isoformat()
    if at_hire:
        best = max(at_hire, key=lambda e: EDUCATION_RANK.get(e.level, 0))
        credit = rules.degree_credits.get(best.level, Decimal(0))
        if credit:
            years += credit
            when_zh, when_en = ("记录为聘用时学历", "recorded as held at hiring")
            if best.date:
                when_zh = f"{best.date.isoformat()} 取得，不晚于本次连续服务开始日 {since}"
                when_en = f"obtained {best.date.isoformat()}, on or before the start of the current service {since}"
            steps.append(GradeStep("degree_credit",
                                   f"聘用时学历{EDUCATION_ZH.get(best.level, best.level)}（{when_zh}）：计 {credit} 年，"
                                   "与工作年限相加",
                                   f"degree at hiring ({best.level}, {when_en}) counts as {credit} years, added to "
                                   "the years", _fmt(years)))
    for obtained, degree in in_service:
        credit = rules.degree_credits.get(degree.level, Decimal(0))
        if not credit:
            continue
        before, years = years, max(years, credit)
        steps.append(GradeStep("degree_credit",
                               f"在职学历{EDUCATION_ZH.get(degree.level, degree.level)}（{obtained.isoformat()} 取得，"
                               f"晚于本次连续服务开始日 {since}）：计 {credit} 年，取较高者 "
                               f"max({_fmt(before)}, {credit}) = {_fmt(years)}",
                               f"in-service degree ({degree.level}, obtained {obtained.isoformat()}, after the "
                               f"current service began {since}) counts as {credit} years: "
                               f"max({_fmt(before)}, {credit}) = {_fmt(years)}", _fmt(years)))
    return years


# The counting rule's scope is a prefix of the worker's own community code: said by its level, in words (the
# worker reads "in the province", not "under 64").
SCOPE_WORDS = {2: ("本省（自治区）", "across the province"), 4: ("本市（盟）", "across the city"),
               6: ("本县（市、区、旗）", "across the county"), 9: ("本街道（乡镇）", "across the township"),
               12: ("本社区", "in the community")}


def compute_grade(scheme: PayScheme, worker: WorkerFacts, results: list[AssessmentResult], month: str) -> Grade:
    rules = scheme.seniority
    month_start, month_end = parse_month(month)
    steps: list[GradeStep] = []

    post_code, post_from = post_in_month(scheme, worker, month_start, month_end)
    if post_code not in scheme.posts:
        raise Problem(422, "post_not_in_scheme", f"岗位 {post_code} 不在薪酬方案 {scheme.name} 中",
                      f"post {post_code} is not part of pay scheme {scheme.name}", worker_id=worker.worker_id)
    post = scheme.posts[post_code]
    steps.append(GradeStep("post", f"岗位：{post.label_zh}（{post.min_level}–{post.max_level} 级）",
                           f"post: {post.label_en} (levels {post.min_level}–{post.max_level})"
                           + (f", since {post_from.isoformat()}" if post_from else ""), post_code))

    cutoff = _cutoff(rules, month_start, steps)
    years = service_years.completed_years(worker.counted_runs(cutoff), cutoff)
    scope = next((e.scope for e in worker.counted_service
                  if e.from_ <= cutoff and (e.to is None or cutoff <= e.to)), "")
    where_zh, where_en = SCOPE_WORDS.get(len(scope), ("本地", "locally"))
    steps.append(GradeStep("service_years", f"社区工作年限（{where_zh}范围内累计，中断不连续计算，满周年计1年）",
                           f"years of community work (counted {where_en}, breaks not bridged, "
                           "a year completed on its anniversary)", _fmt(years)))
    years = _assessment_effects(rules, worker, results, cutoff, years, steps)
    if rules.degree_credits:
        years = _degree_credits(rules, worker, month_start, month_end, years, steps)

    if years < rules.first_step_years:
        step = 0
    else:
        step = 1 + int(((years - rules.first_step_years) / rules.years_per_level).to_integral_value(ROUND_FLOOR))
    level = post.min_level + step
    steps.append(GradeStep("level_from_years",
                           f"首档 {rules.first_step_years} 年，每 {rules.years_per_level} 年一级：{post.min_level} + {step}",
                           f"first step at {rules.first_step_years} y, one level per {rules.years_per_level} y: "
                           f"{post.min_level} + {step}", str(level)))

    both = yijiantiao_in_month(scheme, worker, post_code, month_start, month_end)
    if both and rules.yijiantiao_extra_levels:
        level += rules.yijiantiao_extra_levels
        steps.append(GradeStep("yijiantiao", f"“一肩挑”任职期间提升 {rules.yijiantiao_extra_levels} 级",
                               f"secretary also committee director (一肩挑): +{rules.yijiantiao_extra_levels}",
                               str(level)))
    elif rules.yijiantiao_extra_levels and yijiantiao_held_in(worker, month_start, month_end):
        # Held during the month but not paid in it: say why (a change takes effect from the next month, or the
        # post paid this month does not hold both offices).
        steps.append(GradeStep("yijiantiao_not_applied",
                               f"“一肩挑”本月不提升等级（次月起生效，或本月按{post.label_zh}岗位计发）",
                               "一肩挑 adds no level this month (a change takes effect from the next month, "
                               f"or the month is paid on the post {post.label_en})", str(level)))

    # 一肩挑 may lift above the post's highest level only where the scheme says so (yijiantiao_above_post_max).
    top = post.max_level + (rules.yijiantiao_extra_levels if both and rules.yijiantiao_above_post_max else 0)
    capped = min(max(level, post.min_level), top)
    if capped != level:
        steps.append(GradeStep("cap", f"限于岗位等级范围 {post.min_level}–{top}",
                               f"capped to the post's range {post.min_level}–{top}", str(capped)))
    steps.append(GradeStep("grade", f"{post.label_zh} {capped} 级", f"{post.label_en}, level {capped}",
                           f"{post_code}/{capped}"))
    return Grade(post=post_code, level=capped, years=years.quantize(Decimal("0.01")), yijiantiao=both, steps=steps)
