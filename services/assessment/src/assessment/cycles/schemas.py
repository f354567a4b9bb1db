"""The guidance plan (a rule document) and the cycle/assessee bodies."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import ConfigDict, Field, computed_field, field_validator, model_validator

from cwm_kit.types import ResponseModel, StrictModel

from assessment.vocabulary import Kind, Result, ResultIn

Score = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]
DimensionCode = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{1,31}$")]
MonthDay = Annotated[str, Field(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")]

PLAN_DEFAULTS_FILE = Path(__file__).with_name("plan_defaults.json")


@lru_cache
def _plan_defaults() -> dict[str, Any]:
    return json.loads(PLAN_DEFAULTS_FILE.read_text(encoding="utf-8"))


# A version's own particulars, not plan keys: when its text took effect (and where the text says so) and the clause
# stating each limit.
_VERSION_META = ("effective_from", "effective_source", "clauses")


def in_force_for(year: int) -> date:
    """The day whose texts a cycle for `year` follows: the last of the assessed year (a text in force by then
    governs that year's assessment; one taking effect later does not)."""
    return date(year, 12, 31)


def _versions_in_force(region_code: str, on: date) -> list[dict[str, Any]]:
    """For every prefix of the code with an entry, its latest version in force on `on`, least specific first."""
    found = []
    by_prefix = _plan_defaults()["by_prefix"]
    for prefix in sorted((p for p in by_prefix if region_code.startswith(p)), key=len):
        in_force = [v for v in by_prefix[prefix] if date.fromisoformat(v["effective_from"]) <= on]
        if in_force:
            found.append(max(in_force, key=lambda v: v["effective_from"]))
    return found


def default_plan(region_code: str, on: date) -> dict[str, Any]:
    """Defaults for a region on a day: the versions in force (`_versions_in_force`), the most specific winning
    key by key."""
    merged: dict[str, Any] = {}
    for version in _versions_in_force(region_code, on):
        merged.update({k: v for k, v in version.items() if k not in _VERSION_META})
    merged["defaults_version"] = _plan_defaults()["version"]
    return merged


# Plan keys that are limits where a text states them (SS 二(四)4 the 优秀 share, 二(四)5 the absence exit rule):
# a county's plan may be stricter, never looser nor without them. Where no entry states one, the county is free.
TEXT_LIMIT_KEYS = ("excellent_quota_percent", "absence_exit")


@dataclass(frozen=True)
class TextLimit:
    """A limit a text in force sets, and the clause stating it (`clauses` of plan_defaults.json)."""

    value: Any
    document: str  # the short name, POLICY.md's: "SS"
    clause: str  # "二(四)4"
    quote: str | None = None
    effective_from: str | None = None

    @property
    def source(self) -> str:
        """As the rule is cited in English text and in the problem's `source`: SS 二(四)4 「…」."""
        return " ".join(p for p in (self.document, self.clause) if p) + (f" 「{self.quote}」" if self.quote else "")

    @property
    def source_zh(self) -> str:
        """As a Chinese message names it: 松山区《社区工作者职业体系建设实施方案》二(四)4「…」."""
        name = _plan_defaults().get("documents", {}).get(self.document, self.document)
        return f"{name}{self.clause}" + (f"「{self.quote}」" if self.quote else "")


def text_limits(region_code: str, on: date) -> dict[str, TextLimit]:
    """Each limit the texts in force for a region on a day set, with the clause stating it; the most specific
    prefix that states the key wins."""
    found: dict[str, TextLimit] = {}
    for version in _versions_in_force(region_code, on):
        for key in TEXT_LIMIT_KEYS:
            if version.get(key) is not None:
                # A limit without its clause in the data is cited by its version's source (a data test
                # requires the clause).
                stated = version.get("clauses", {}).get(key) or {"clause": version.get("source", "")}
                found[key] = TextLimit(version[key], stated.get("document", ""), stated.get("clause", ""),
                                       stated.get("quote"), version["effective_from"])
    return found


class Dimension(StrictModel):
    code: DimensionCode
    name_zh: Annotated[str, Field(min_length=1, max_length=32)]
    weight: Annotated[Decimal, Field(gt=0, le=100, max_digits=5, decimal_places=2)]
    # Where the proposal suggestion comes from: daily records, the satisfaction survey, or the secretary.
    source: Literal["manual", "daily", "satisfaction"] = "manual"


class Threshold(StrictModel):
    result: ResultIn
    min_score: Score


class Deadlines(StrictModel):
    """Month-days in the year after the assessed one (proposals and decisions come after the year ends)."""

    proposal: MonthDay
    decision: MonthDay
    notice_days: Annotated[int, Field(ge=1, le=30)]

    @field_validator("proposal", "decision")
    @classmethod
    def _exists_every_year(cls, value: str) -> str:
        month, day = (int(p) for p in value.split("-"))
        try:
            date(2001, month, day)  # a common year: the date must exist in every year
        except ValueError:
            raise ValueError("日期不存在 / no such day in every year") from None
        return value

    @model_validator(mode="after")
    def _decision_after_proposal(self) -> Deadlines:
        if self.decision < self.proposal:
            raise ValueError("决定截止日不能早于提议截止日 / the decision deadline cannot precede the proposal deadline")
        return self


class AbsenceExit(StrictModel):
    consecutive_days: Annotated[int, Field(ge=1, le=366)]
    total_days_over: Annotated[int, Field(ge=1, le=366)]


class SatisfactionRule(StrictModel):
    option_scores: dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,31}$")], Score]
    min_respondents: Annotated[int, Field(ge=1, le=100_000)] = 1

    @field_validator("option_scores")
    @classmethod
    def _some_options(cls, value: dict[str, Decimal]) -> dict[str, Decimal]:
        if not value:
            raise ValueError("至少需要一个选项 / at least one option is required")
        return value


def _nothing_required(schema: dict[str, Any]) -> None:
    """Every plan key has a default (plan_defaults.json), merged in before validation."""
    schema.pop("required", None)


class Plan(StrictModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, json_schema_extra=_nothing_required)

    source: str | None = None
    defaults_version: str | None = None
    dimensions: Annotated[list[Dimension], Field(min_length=1, max_length=12)]
    # Lowest score for each result, best first; below the last threshold the result is 不合格.
    thresholds: Annotated[list[Threshold], Field(min_length=1, max_length=3)]
    deadlines: Deadlines
    # None: no text in force caps 优秀 (SS 二(四)4 sets 15%; NX, IM and CENTRAL set no share).
    excellent_quota_percent: Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)] | None = None
    # floor: 15% of 6 assessed is 0.9 → 0 excellent; never more than the stated share.
    excellent_quota_rounding: Literal["floor", "half_up", "ceil"] = "floor"
    quota_unit: Literal["township"] = "township"
    # Assessed: in post at least this many months of the year (see cycles.service.in_post_long_enough).
    required_months: Annotated[int, Field(ge=1, le=12)]
    # None: no text in force makes absence an exit reason (SS 二(四)5 does: 15 consecutive / more than 30 days).
    absence_exit: AbsenceExit | None = None
    satisfaction: SatisfactionRule

    @field_validator("dimensions")
    @classmethod
    def _weights_sum_to_100(cls, value: list[Dimension]) -> list[Dimension]:
        codes = [d.code for d in value]
        if len(set(codes)) != len(codes):
            raise ValueError("维度代码重复 / dimension codes must be unique")
        total = sum((d.weight for d in value), Decimal(0))
        if total != 100:
            raise ValueError(f"各维度权重之和必须为100，当前为{total} / dimension weights must sum to 100, got {total}")
        return value

    @field_validator("thresholds")
    @classmethod
    def _thresholds_descend(cls, value: list[Threshold]) -> list[Threshold]:
        order = [Result.EXCELLENT, Result.COMPETENT, Result.BASICALLY_COMPETENT]
        results = [t.result for t in value]
        if Result.INCOMPETENT in results or results != [r for r in order if r in results]:
            raise ValueError("分数线须按 优秀、合格、基本合格 顺序给出（不合格为最低档，无需分数线） / thresholds must "
                             "list excellent, competent, basically_competent in that order (incompetent is the rest)")
        scores = [t.min_score for t in value]
        if any(a <= b for a, b in pairwise(scores)):
            raise ValueError("分数线必须逐档递减 / threshold scores must strictly decrease")
        return value


class CycleIn(StrictModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True,
                              json_schema_extra=lambda schema: schema.update(required=["year", "county_code"]))

    year: Annotated[int, Field(ge=2000, le=2100)]
    county_code: Annotated[str, Field(pattern=r"^\d{6}$")]
    name: Annotated[str | None, Field(min_length=1, max_length=128)] = None
    # Any key left out comes from the defaults for the county (plan_defaults.json).
    plan: Plan

    @model_validator(mode="before")
    @classmethod
    def _fill_plan_defaults(cls, data: Any) -> Any:
        if isinstance(data, dict):
            county = data.get("county_code") if isinstance(data.get("county_code"), str) else ""
            # The versions in force for the assessed year (a year refused anyway: the latest ones).
            year = data.get("year")
            on = in_force_for(year) if type(year) is int and 2000 <= year <= 2100 else date.max
            given = data.get("plan") or {}
            if isinstance(given, dict):
                data = {**data, "plan": {**default_plan(county, on), **given}}
        return data


class DeadlinesOut(ResponseModel):
    proposal: date
    decision: date
    notice_days: int


class CycleOut(ResponseModel):
    id: UUID
    year: int
    county_code: str
    name: str
    plan: dict[str, Any]
    opened_by: str
    # The opener's name as their token gave it (as audit entries carry it): the account itself is not
    # readable by every officer who sees the cycle.
    opened_by_name: str | None = None
    created_at: datetime

    @computed_field  # type: ignore[prop-decorator]
    @property
    def deadlines(self) -> DeadlinesOut:
        given, year = self.plan["deadlines"], self.year + 1
        return DeadlinesOut(proposal=date.fromisoformat(f"{year}-{given['proposal']}"),
                            decision=date.fromisoformat(f"{year}-{given['decision']}"),
                            notice_days=given["notice_days"])


class AssesseeIn(StrictModel):
    worker_id: UUID
    name: Annotated[str, Field(min_length=1, max_length=64)]
    community_code: Annotated[str, Field(pattern=r"^\d{12}$")]
    post: Annotated[str | None, Field(max_length=32)] = None
    # Taken from the registry's facts; when given it must agree with them.
    kind: Kind | None = None


class AssesseesIn(StrictModel):
    assessees: Annotated[list[AssesseeIn], Field(min_length=1, max_length=5000)]


class AssesseesAdded(ResponseModel):
    added: int
    already_listed: int
    skipped: list[dict[str, Any]] = []

