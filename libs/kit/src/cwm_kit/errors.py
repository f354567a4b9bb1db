"""The problem a request answers with (RFC 9457: a stable code, a Chinese and an English message, the fields
at fault), as plain Python: raised by pure domain code (calculation engines, rule readers) that imports
neither FastAPI nor SQLAlchemy. `cwm_kit.problems` renders it as application/problem+json."""

from __future__ import annotations

from typing import Any

PROBLEM_JSON = "application/problem+json"


class FieldError(dict):
    """One per-field problem: `{"field": "national_id", "code": "...", "message_zh": ..., "message_en": ...}`."""

    def __init__(self, field: str, code: str, message_zh: str, message_en: str, **extra: Any):
        super().__init__(field=field, code=code, message_zh=message_zh, message_en=message_en, **extra)


class Problem(Exception):
    """Raise anywhere in a request to answer with a problem+json body."""

    def __init__(
        self,
        status: int,
        code: str,
        message_zh: str,
        message_en: str,
        *,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ):
        super().__init__(message_en)
        self.status = status
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en
        self.errors = errors or []
        self.headers = headers
        self.extra = extra

    def body(self, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": f"https://cwm.example.gov.cn/problems/{self.code}",
            "title": self.message_en,
            "status": self.status,
            "code": self.code,
            "detail": f"{self.message_zh} / {self.message_en}",
            "message_zh": self.message_zh,
            "message_en": self.message_en,
        }
        if instance:
            body["instance"] = instance
        if self.errors:
            body["errors"] = list(self.errors)
        body.update(self.extra)
        return body


def not_found(what_zh: str, what_en: str) -> Problem:
    return Problem(404, "not_found", f"{what_zh}不存在或不在您的管辖范围内", f"{what_en} not found or outside your jurisdiction")


def forbidden(reason_zh: str = "无权执行此操作", reason_en: str = "not allowed to do this") -> Problem:
    return Problem(403, "forbidden", reason_zh, reason_en)


def field_problem(field: str, code: str, message_zh: str, message_en: str, status: int = 422) -> Problem:
    """A single-field validation failure raised from domain code."""
    return Problem(
        status,
        "validation_failed",
        f"{field}: {message_zh}",
        f"{field}: {message_en}",
        errors=[FieldError(field, code, message_zh, message_en)],
    )

