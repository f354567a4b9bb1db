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


# As a Chinese message names a state (the SPA's words, frontend/src/lib/vocab.ts).
STATUS_ZH = {
    Status.PENDING: "待建议",
    Status.PROPOSED: "待决定",
    Status.NOTICE: "公示中",
    Status.FINAL: "已定",
}


def status_zh(status: str) -> str:
    """"待决定" for "proposed" (a StrEnum key matches its code); a state without a word is shown as it is."""
    return STATUS_ZH.get(status, status)  # type: ignore[call-overload]


# The satisfaction survey's options as a Chinese message names them (the SPA's words, SATISFACTION_OPTIONS in
# frontend/src/lib/vocab.ts); a plan may have options of its own, named by their code.
SATISFACTION_ZH = {
    "very_satisfied": "非常满意",
    "satisfied": "满意",
    "basically_satisfied": "基本满意",
    "dissatisfied": "不满意",
}


def option_zh(option: str) -> str:
    return SATISFACTION_ZH.get(option, option)


class Kind(StrEnum):
    ANNUAL = "annual"
    PROBATION = "probation"
