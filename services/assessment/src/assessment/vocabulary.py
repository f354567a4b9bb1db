"""The shared words of the assessment domain: the four results (POLICY.md §8) and the workflow states."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator


class Result(StrEnum):
    EXCELLENT = "excellent"
    COMPETENT = "competent"
    BASICALLY_COMPETENT = "basically_competent"
    INCOMPETENT = "incompetent"


RESULT_ZH = {
    Result.EXCELLENT: "优秀",
    Result.COMPETENT: "合格",
    Result.BASICALLY_COMPETENT: "基本合格",
    Result.INCOMPETENT: "不合格",
}
_ALIASES = {zh: code.value for code, zh in RESULT_ZH.items()}


def _accept_chinese(value: Any) -> Any:
    """Forms and spreadsheets say 优秀/合格/基本合格/不合格; the API stores the English code."""
    if isinstance(value, str):
        return _ALIASES.get(value.strip(), value.strip())
    return value


# A result in a request body: the English code or its Chinese word.
ResultIn = Annotated[Result, BeforeValidator(_accept_chinese)]


class Status(StrEnum):
    PENDING = "pending"  # assessee listed, nothing proposed yet
    PROPOSED = "proposed"  # the community party organisation proposed a result
    NOTICE = "notice"  # the township party committee decided; public notice (公示) running
    FINAL = "final"  # notice over, objections resolved: published to consumers


class Kind(StrEnum):
    ANNUAL = "annual"
    PROBATION = "probation"
