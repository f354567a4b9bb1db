"""The pay scheme document: a province's (or district's) pay rules as versioned data (POLICY.md §4–5).

A scheme is attached to a region-code prefix with an effective date. Everything a payslip needs that
the policy texts fix — shares, tables, allowances, seniority rules, deductions, funding split — lives
here, never in code. Values the texts leave open carry `illustrative: true` and a note so a province
knows to replace them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, model_validator

from cwm_kit.types import StrictModel

ResultCode = Literal["excellent", "competent", "basically_competent", "incompetent"]
FigureKind = Literal["avg_wage_annual", "avg_wage_monthly", "disposable_income", "si_base_floor",
                     "si_base_ceiling", "housing_fund_rate"]
Share = Annotated[Decimal, Field(ge=0, le=1)]
Amount = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]
Years = Annotated[Decimal, Field(ge=0, le=60)]


class Labelled(StrictModel):
    code: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{1,39}$")]
    label_zh: Annotated[str, Field(min_length=1, max_length=60)]
    label_en: Annotated[str, Field(min_length=1, max_length=80)]
    clause: Annotated[str, Field(max_length=300)] = ""


class Post(StrictModel):
    label_zh: str
    label_en: str
    min_level: Annotated[int, Field(ge=1, le=99)]
    max_level: Annotated[int, Field(ge=1, le=99)]

    @model_validator(mode="after")
    def _range(self) -> Post:
        if self.max_level < self.min_level:
            raise ValueError("最高等级不能低于最低等级 / max_level must not be below min_level")
        return self


class Table(StrictModel):
    """post × level → monthly yuan."""

    illustrative: bool = False
    note: str = ""
    amounts: dict[str, dict[str, Amount]]


class ResultEffect(StrictModel):
    # Years added (or removed, when negative) to the seniority count for a year with this result.
    year_delta: Annotated[Decimal, Field(ge=-2, le=2)] = Decimal(0)
    # False: the assessed year itself does not count toward promotion (SS 基本合格/不合格).
    counts: bool = True


class Seniority(StrictModel):
    """How years of community work map to a level: step(y) = 0 below the first threshold, then one step
    per `years_per_level` (POLICY.md §4, SS reading: first 4 y, 3 y per level)."""

    first_step_years: Years
    years_per_level: Annotated[Decimal, Field(gt=0, le=20)]
    # Education level → years credited to a new hire (SS 本科 4, 硕士 7, 博士 10); an in-service degree
    # lifts the count to its credit only when that is higher.
    degree_credits: dict[Literal["below_dazhuan", "dazhuan", "benke", "master", "doctor"], Years] = {}
    result_effects: dict[ResultCode, ResultEffect] = {}
    # When accrued years turn into a level: "next_january" (SS), "next_month".
    promotion_effective: Literal["next_january", "next_month"] = "next_month"
    # A post change applies from the month after the change (SS).
    post_change_effective: Literal["next_month", "same_month"] = "next_month"
    yijiantiao_extra_levels: Annotated[int, Field(ge=0, le=5)] = 0
    # The posts that hold both offices (SS 正职: 「社区正职包括社区党组织书记、居委会主任」): the extra levels apply
    # only to a month paid on one of them. None (versions published before the list): the posts the registry
    # recorded 一肩挑 on (it allows 一肩挑 only on a head post). Taking up and giving up 一肩挑 follow
    # `post_change_effective` (grades.engine.yijiantiao_in_month).
    yijiantiao_posts: list[str] | None = None
    # Whether 一肩挑's extra levels may lift a worker above the post's highest level (then the tables must hold
    # those levels); False: the post's range caps the lifted level too.
    yijiantiao_above_post_max: bool = False
    yijiantiao_reading: str = ""
    illustrative: bool = False
    note: str = ""
    clause: str = ""


class ComponentBase(Labelled):
    # Whether the component's standard amount counts in the social-insurance and housing-fund contribution base
    # (the standard pay clamped to the region's floor and ceiling). A subsidy outside the pay's parts is not:
    # NX's honours subsidy 「奖励补贴」 is paid besides the four parts 「薪酬（含“五险一金”）」, so with the
    # employer's contributions inside the pay total it reaches 应发 whole instead of paying contributions on itself.
    in_contribution_base: bool = True


class ReferenceShareComponent(ComponentBase):
    """share × a published reference figure (NX base: 55% of the city's previous-year monthly wage)."""

    type: Literal["reference_share"]
    figure: FigureKind
    share: Share
    figure_year_offset: Annotated[int, Field(ge=-3, le=0)] = -1


class TableComponent(ComponentBase):
    type: Literal["table"]
    table: str


class ByEducationComponent(ComponentBase):
    type: Literal["by_education"]
    amounts: dict[str, Amount]


class ByCertificateComponent(ComponentBase):
    type: Literal["by_certificate"]
    amounts: dict[str, Amount]
    # "approval_month": paid from the month of approval; "next_month": from the month after (SS).
    starts: Literal["approval_month", "next_month"] = "approval_month"


class ByStarComponent(ComponentBase):
    type: Literal["by_star"]
    per_star: Amount
    max_stars: Annotated[int, Field(ge=1, le=10)] = 5


class HonoursComponent(ComponentBase):
    type: Literal["honours"]
    posts: list[str]
    min_years: Years
    # What the years count: "service_years" (community service) or "years_in_office" — time held in one of
    # `office_posts` (default `posts`), from the post history (NX 「累计任职满20年」).
    counts: Literal["service_years", "years_in_office"] = "service_years"
    office_posts: list[str] = []
    # Honour level → monthly amount in service; the highest applicable honour is paid (not summed).
    amounts: dict[str, Amount]
    # Honour level → monthly amount after a normal retirement (paid by a `retiree` run; empty: retirees get
    # nothing), with the sentence that states it (NX 「在职和正常退休的每月分别按照600元、500元标准补贴」).
    retired_amounts: dict[str, Amount] = {}
    retired_clause: str | None = None


Component = Annotated[
    ReferenceShareComponent | TableComponent | ByEducationComponent | ByCertificateComponent | ByStarComponent
    | HonoursComponent,
    Field(discriminator="type"),
]


class PerformancePot(StrictModel):
    """Year-end performance pay as a fixed pot per unit, distributed inside it (SS 「用人单位根据年末考核结果，在
    绩效工资总量内按一定比例自行分配」). The pot is the sum of the unit's workers' standard performance pay
    (`share`/(1 − `share`) × monthly basis × months paid); each worker's part is weighted by `distribution` ×
    the factor of their result, and the pot is cut to the fen by the largest remainder: the parts add up to the
    pot exactly, whatever the factors."""

    # The unit owning the pot: the township/street (SS: the employer signing the contract, 「与有关街道（乡镇）
    # 签订劳动合同」) or the county. A year-end run must cover whole units.
    unit: Literal["township", "county"] = "township"
    # "standard_share": weight = own standard performance pay × factor (a worker paid more, or longer, weighs
    # more); "months_paid": weight = months paid × factor (the same per month for everyone).
    distribution: Literal["standard_share", "months_paid"] = "standard_share"
    reading: str = ""


class Performance(StrictModel):
    """Performance pay: `share` of pay depends on the assessment result.

    monthly (NX): share × Σ(applies_to) × (factor − 1) is added each month by the latest final result.
    year_end (SS): share/(1 − share) × Σ(applies_to) × months paid in the year × factor, once a year.
    """

    mode: Literal["monthly", "year_end"]
    share: Annotated[Decimal, Field(gt=0, lt=1)]
    applies_to: list[str]
    factors: dict[ResultCode, Annotated[Decimal, Field(ge=0, le=3)]]
    # Factor used while a worker has no final result yet (new hires); null: nothing paid until one exists.
    no_result_factor: Annotated[Decimal, Field(ge=0, le=3)] | None = Decimal(1)
    # year_end mode: paid in the December regular run (True) or only in a separate year_end run.
    year_end_in_december: bool = True
    # year_end mode: a worker still on probation on 31 December has no annual result for that year (the
    # probation is assessed when it ends). "no_result_factor": treated like anyone without a result;
    # "probation_factor": the months actually paid are paid at `probation_factor` (a partial year).
    on_probation_at_year_end: Literal["no_result_factor", "probation_factor"] = "no_result_factor"
    probation_factor: Annotated[Decimal, Field(ge=0, le=3)] = Decimal(1)
    probation_note: str = ""
    # year_end mode: a fixed pot per unit distributed by the factors (None: each worker's own amount × factor).
    pot: PerformancePot | None = None
    illustrative: bool = False
    note: str = ""
    clause: str = ""

    @model_validator(mode="after")
    def _pot_at_year_end(self) -> Performance:
        if self.pot is not None and (self.mode != "year_end" or self.year_end_in_december):
            raise ValueError("绩效工资总量分配只用于单独的年终发放批次 / a performance pot is distributed by a separate "
                             "year-end run only (mode year_end, year_end_in_december false)")
        return self


class Employment(StrictModel):
    probation_rate: Share = Decimal(1)
    # The registry's exit_date is the first day not employed. "exit_date": paid to the last day worked (the
    # day before exit_date, calendar-day proration); "month_after_exit": the month of the last day worked is
    # paid in full and pay stops from the next month (SS 「辞职、离职、被辞退的人员从次月起停发薪酬待遇」).
    pay_stops: Literal["exit_date", "month_after_exit"] = "exit_date"
    # Secondment (借调): the home unit keeps paying (no text moves pay to the borrower).
    secondment: Literal["home_unit_pays"] = "home_unit_pays"
    clause: str = ""


class SocialInsurance(StrictModel):
    floor_figure: FigureKind = "si_base_floor"
    ceiling_figure: FigureKind = "si_base_ceiling"
    figure_year_offset: Annotated[int, Field(ge=-3, le=0)] = 0
    employee: dict[str, Share]
    employer: dict[str, Share]
    illustrative_employer: bool = False
    clause: str = ""


# POLICY.md: the housing fund is 5–12 % (local); a scheme's default and a published figure both lie within it.
HOUSING_FUND_RATE_RANGE = (Decimal("0.05"), Decimal("0.12"))


class HousingFund(StrictModel):
    # Rate from the reference figure `housing_fund_rate` when published, else this default.
    default_rate: Annotated[Decimal, Field(ge=HOUSING_FUND_RATE_RANGE[0], le=HOUSING_FUND_RATE_RANGE[1])]
    figure_year_offset: Annotated[int, Field(ge=-3, le=0)] = 0
    clause: str = ""


class TaxBracket(StrictModel):
    up_to: Annotated[Decimal, Field(gt=0)] | None
    rate: Share
    quick_deduction: Annotated[Decimal, Field(ge=0)]


def check_brackets(brackets: list[TaxBracket]) -> None:
    """Only the last bracket is open-ended, and the limits increase (a pydantic validator's check)."""
    limits = [b.up_to for b in brackets]
    if limits[-1] is not None or any(x is None for x in limits[:-1]):
        raise ValueError("只有最后一档可以不设上限 / only the last bracket may be open-ended")
    if any(a >= b for a, b in zip(limits[:-2], limits[1:-1])):
        raise ValueError("税率档次上限必须递增 / bracket limits must increase")


class IncomeTax(StrictModel):
    """Kept only so versions published before the national tax-rules document (payroll.tax.rules) still
    validate; the calculation ignores it: income tax is national law, kept once by tax year."""

    basic_deduction_monthly: Amount
    brackets: Annotated[list[TaxBracket], Field(min_length=1)]
    clause: str = ""

    @model_validator(mode="after")
    def _ordered(self) -> IncomeTax:
        check_brackets(self.brackets)
        return self


class PayTotal(StrictModel):
    """What the scheme's pay total (薪酬总额: the components' monthly sum, performance included) holds.

    employer_contributions "on_top": the employer's social insurance and housing fund are paid besides the
    pay total (the worker's 应发 is the whole total); "inside": they are paid out of it, so 应发 is the total
    minus them (a 减 line on the payslip, prorated like every line of a part month) and the cost of the
    month is the total itself. employee_contributions "inside": the worker's share is deducted from 应发
    (national law: the usual payslip); "on_top": the total is meant before it, and the employer adds it to
    应发 (taxable) before it is deducted again."""

    employer_contributions: Literal["on_top", "inside"] = "on_top"
    employee_contributions: Literal["inside", "on_top"] = "inside"
    reading: str = ""
    clause: str = ""


class FundingRule(StrictModel):
    fiscal_category: str | None = None  # None: the default rule
    shares: dict[Literal["region", "city", "county"], Share]

    @model_validator(mode="after")
    def _sum_to_one(self) -> FundingRule:
        if sum(self.shares.values(), Decimal(0)) != Decimal(1):
            raise ValueError("各级分担比例之和必须为 1 / funding shares must add up to 1")
        return self


class Funding(StrictModel):
    # What is shared: gross pay plus the employer's contributions. When the pay total holds the employer's
    # contributions (pay_total.employer_contributions "inside") this must stay true: the total is shared whole.
    include_employer_contributions: bool = True
    rules: Annotated[list[FundingRule], Field(min_length=1)]
    illustrative: bool = False
    note: str = ""
    clause: str = ""

    @model_validator(mode="after")
    def _one_default(self) -> Funding:
        if sum(1 for r in self.rules if r.fiscal_category is None) != 1:
            raise ValueError("必须且只能有一条默认分担规则 / exactly one default rule (fiscal_category null)")
        return self


class PayFloor(StrictModel):
    """A minimum annual pay tied to a published figure (SS: ≥ the district's previous-year per-capita
    disposable income). A shortfall is flagged on the payslip for the district to adjust its table."""

    figure: FigureKind = "disposable_income"
    figure_year_offset: Annotated[int, Field(ge=-3, le=0)] = -1
    clause: str = ""


class PayScheme(StrictModel):
    name: Annotated[str, Field(min_length=1, max_length=120)]
    source: str = ""
    posts: Annotated[dict[str, Post], Field(min_length=1)]
    tables: dict[str, Table] = {}
    seniority: Seniority
    components: Annotated[list[Component], Field(min_length=1)]
    performance: Performance | None = None
    employment: Employment = Employment()
    social_insurance: SocialInsurance
    housing_fund: HousingFund
    income_tax: IncomeTax | None = None  # ignored: see payroll.tax.rules
    pay_total: PayTotal = PayTotal()
    funding: Funding
    pay_floor: PayFloor | None = None
    notes: list[str] = []

    @model_validator(mode="after")
    def _cross_references(self) -> PayScheme:
        codes = [c.code for c in self.components]
        if len(set(codes)) != len(codes):
            raise ValueError("组成部分代码重复 / component codes must be unique")
        for c in self.components:
            if isinstance(c, TableComponent):
                table = self.tables.get(c.table)
                lift = self.seniority.yijiantiao_extra_levels if self.seniority.yijiantiao_above_post_max else 0
                if table is None:
                    raise ValueError(f"组成部分 {c.code} 引用了不存在的表 {c.table} / component {c.code} refers to "
                                     f"unknown table {c.table}")
                for post_code, post in self.posts.items():
                    row = table.amounts.get(post_code, {})
                    missing = [lv for lv in range(post.min_level, post.max_level + lift + 1) if str(lv) not in row]
                    if missing:
                        raise ValueError(f"表 {c.table} 缺少岗位 {post_code} 的等级 {missing} / table {c.table} lacks "
                                         f"levels {missing} of post {post_code}")
            if isinstance(c, HonoursComponent):
                unknown = [p for p in c.posts + c.office_posts if p not in self.posts]
                if unknown:
                    raise ValueError(f"未知岗位 {unknown} / unknown posts {unknown}")
                extra = sorted(set(c.retired_amounts) - set(c.amounts))
                if extra:
                    raise ValueError(f"退休标准含在职标准没有的荣誉等级 {extra} / retired_amounts name honour levels "
                                     f"{extra} that amounts does not")
                if c.retired_amounts and not c.retired_clause:
                    raise ValueError("退休标准须注明依据（retired_clause） / retired_amounts need their retired_clause")
        unknown = [p for p in self.seniority.yijiantiao_posts or [] if p not in self.posts]
        if unknown:
            raise ValueError(f"“一肩挑”岗位不存在: {unknown} / yijiantiao_posts names unknown posts {unknown}")
        if self.pay_total.employer_contributions == "inside" and not self.funding.include_employer_contributions:
            raise ValueError("薪酬总额含单位缴纳的五险一金时，经费分担必须包含单位缴费 / the pay total holds the employer's "
                             "contributions: funding must share them (include_employer_contributions true)")
        if self.performance:
            unknown = [a for a in self.performance.applies_to if a not in codes]
            if unknown:
                raise ValueError(f"绩效所依据的组成部分不存在: {unknown} / performance applies to unknown components "
                                 f"{unknown}")
        return self

    def post(self, code: str) -> Post:
        return self.posts[code]
