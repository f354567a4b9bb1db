"""Reference figures as the calculation sees them: one chosen row per (kind, year) for a location."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from cwm_kit.errors import Problem

from payroll.policy.scheme import HOUSING_FUND_RATE_RANGE

FIGURE_LABELS: dict[str, tuple[str, str]] = {
    "avg_wage_annual": ("全口径城镇单位就业人员年平均工资", "average annual wage"),
    "avg_wage_monthly": ("全口径城镇单位就业人员月平均工资", "average monthly wage"),
    "disposable_income": ("城镇居民人均可支配收入", "per-capita disposable income"),
    "si_base_floor": ("社保缴费基数下限", "social insurance base floor"),
    "si_base_ceiling": ("社保缴费基数上限", "social insurance base ceiling"),
    "housing_fund_rate": ("住房公积金缴存比例", "housing fund rate"),
}


@dataclass(frozen=True)
class FigureBounds:
    """The values a kind of figure can take: above `above` (amounts: a wage, an income or a contribution limit is
    never zero), or within [`low`, `high`] (a rate, as a fraction)."""

    above: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None

    def problem(self, kind: str, value: Decimal) -> str | None:
        """Why `value` cannot be a figure of `kind` ("中文 / English"), or None."""
        zh, en = FIGURE_LABELS[kind]
        if self.above is not None and value <= self.above:
            return f"{zh}必须大于 {self.above} / the {en} must be greater than {self.above}"
        if self.low is not None and self.high is not None and not self.low <= value <= self.high:
            return (f"{zh}须在 {self.low} 至 {self.high} 之间（{self.low:.0%}–{self.high:.0%}，按小数填写，如 0.12 表示 "
                    f"12%） / the {en} must lie within [{self.low}, {self.high}] ({self.low:.0%}–{self.high:.0%}, "
                    "as a fraction: 0.12 is 12 %)")
        return None


AMOUNT = FigureBounds(above=Decimal(0))
FIGURE_BOUNDS: dict[str, FigureBounds] = {
    "avg_wage_annual": AMOUNT, "avg_wage_monthly": AMOUNT, "disposable_income": AMOUNT, "si_base_floor": AMOUNT,
    "si_base_ceiling": AMOUNT, "housing_fund_rate": FigureBounds(low=HOUSING_FUND_RATE_RANGE[0],
                                                        high=HOUSING_FUND_RATE_RANGE[1]),
}


@dataclass(frozen=True)
class Figure:
    kind: str
    year: int
    value: Decimal
    status: str
    published_on: date
    region_code: str
    region_name: str = ""
    id: int | None = None

    def describe(self) -> str:
        """e.g. "2024 银川市 average monthly wage (official, published 2025-06-30)"."""
        where = self.region_name or self.region_code
        return (f"{self.year} {where} {FIGURE_LABELS[self.kind][1]} ({self.status}, published "
                f"{self.published_on.isoformat()})")


class MissingFigure(Problem):
    def __init__(self, kind: str, year: int, region_code: str):
        zh, en = FIGURE_LABELS.get(kind, (kind, kind))
        super().__init__(422, "reference_figure_missing", f"缺少 {region_code} 的 {year} 年{zh}",
                         f"no {year} {en} published for {region_code}", kind=kind, year=year,
                         region_code=region_code)


def choose(rows: Iterable[Figure], *, known_on: date | None = None) -> dict[tuple[str, int], Figure]:
    """Per (kind, year): the most specific region prefix; within it the latest publication (an official
    figure published after a provisional one supersedes it); official wins a same-day tie."""
    best: dict[tuple[str, int], Figure] = {}
    for f in rows:
        if known_on is not None and f.published_on > known_on:
            continue
        key = (f.kind, f.year)
        rank = (len(f.region_code), f.published_on, f.status == "official", f.id or 0)
        current = best.get(key)
        if current is None or rank > (len(current.region_code), current.published_on,
                                      current.status == "official", current.id or 0):
            best[key] = f
    return best


class FigureSet:
    """The figures in force for one location (a community code), any number of years."""

    def __init__(self, region_code: str, figures: Iterable[Figure] = ()):
        self.region_code = region_code
        self._by_key = {(f.kind, f.year): f for f in figures}

    def get(self, kind: str, year: int) -> Figure | None:
        return self._by_key.get((kind, year))

    def require(self, kind: str, year: int) -> Figure:
        figure = self.get(kind, year)
        if figure is None:
            raise MissingFigure(kind, year, self.region_code)
        return figure

    def all(self) -> list[Figure]:
        return sorted(self._by_key.values(), key=lambda f: (f.kind, f.year))

    def merged(self, other: FigureSet) -> FigureSet:
        return FigureSet(self.region_code, [*self._by_key.values(), *other._by_key.values()])
