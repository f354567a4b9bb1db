"""RFC 9457 problem+json errors with a stable code and a Chinese and English message."""

from __future__ import annotations

import logging
from typing import Any

import asyncpg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import exc as sa_exc
from starlette.exceptions import HTTPException as StarletteHTTPException

from .errors import PROBLEM_JSON, FieldError, Problem, field_problem, forbidden, not_found

# FieldError, Problem and its constructors live in cwm_kit.errors (pure code raises them); re-exported here.
__all__ = [
    "PROBLEM_JSON", "FieldError", "Problem", "database_problem", "database_unavailable",
    "field_problem", "forbidden", "install_problem_handlers", "not_found", "problem_response", "validation_problem",
]

logger = logging.getLogger("cwm.problems")


def problem_response(problem: Problem, request: Request | None = None) -> JSONResponse:
    return JSONResponse(
        problem.body(str(request.url.path) if request else None),
        status_code=problem.status,
        media_type=PROBLEM_JSON,
        headers=problem.headers,
    )


# Pydantic error types mapped to a bilingual rule description.
_VALIDATION_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("必填字段缺失", "field required"),
    "extra_forbidden": ("不允许的未知字段", "unknown field not allowed"),
    "json_invalid": ("请求体不是有效的 JSON", "request body is not valid JSON"),
    "string_too_short": ("长度过短", "too short"),
    "string_too_long": ("长度过长", "too long"),
    "string_pattern_mismatch": ("格式不正确", "wrong format"),
    "greater_than_equal": ("数值过小", "value too small"),
    "less_than_equal": ("数值过大", "value too large"),
    "greater_than": ("数值过小", "value too small"),
    "less_than": ("数值过大", "value too large"),
    "int_parsing": ("应为整数", "must be an integer"),
    "int_type": ("应为整数", "must be an integer"),
    "decimal_parsing": ("应为数字", "must be a number"),
    "decimal_type": ("应为数字", "must be a number"),
    "float_type": ("应为数字", "must be a number"),
    "float_parsing": ("应为数字", "must be a number"),
    "date_type": ("应为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD"),
    "date_from_datetime_parsing": ("应为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD"),
    "date_parsing": ("应为日期 YYYY-MM-DD", "must be a date YYYY-MM-DD"),
    "enum": ("取值不在允许范围内", "value not among the allowed values"),
    "literal_error": ("取值不在允许范围内", "value not among the allowed values"),
    "bool_parsing": ("应为布尔值", "must be a boolean"),
    "bool_type": ("应为布尔值 true 或 false", "must be a boolean, true or false"),
    "string_type": ("应为字符串", "must be a string"),
    "model_attributes_type": ("应为对象", "must be an object"),
    "dict_type": ("应为对象", "must be an object"),
    "list_type": ("应为数组", "must be an array"),
}


def _field_name(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "body"


# The fields the services' request bodies and queries share, in words (the SPA's form labels and lib/vocab.ts
# FIELDS say the same). The problem's Chinese message names a field by these words; `errors[].field` stays the
# key. A field not listed is counted, never printed as its key.
FIELD_LABELS_ZH: dict[str, str] = {
    "national_id": "身份证号", "name": "姓名", "sex": "性别", "birth_date": "出生日期", "ethnicity": "民族",
    "political_status": "政治面貌", "phone": "联系电话", "education": "学历", "education_level": "学历",
    "certificate_level": "职业资格", "post": "岗位", "status": "状态", "hired_on": "入职日期",
    "community_code": "社区", "region_code": "区划", "region": "区划", "prefix": "区划", "township_code": "乡镇（街道）",
    "county_code": "县区", "parent_code": "上级区划", "code": "区划代码", "jurisdiction": "管辖范围",
    "month": "月份", "year": "年度", "tax_year": "纳税年度", "kind": "类别", "variant": "类别", "amount": "金额",
    "units": "份数", "basis": "依据", "start_month": "起始月份", "end_month": "截止月份", "method": "计税方式",
    "reason": "理由", "note": "备注", "title": "名称", "positions": "招聘名额", "number": "核定人数",
    "extra_posts": "增加岗位数", "valid_from": "生效日期", "valid_until": "截止日期", "effective_from": "生效日期",
    "start_date": "开始日期", "end_date": "结束日期", "on": "日期", "contract_term_years": "合同期限（年）",
    "contract_start": "合同开始日期", "contract_end": "合同结束日期", "username": "登录名", "password": "密码",
    "display_name": "姓名", "role": "角色", "households": "户数", "residents": "常住人口",
    "urban_population": "城镇人口", "urban_rural": "城乡类型", "established_on": "设立日期", "stars": "星级",
    "result": "考核结果", "score": "得分", "decision": "决定", "hours": "学时", "training_date": "培训日期",
    "worker_id": "人员", "bank_account": "银行账号", "bank_name": "开户银行", "value": "数值",
    "published_on": "公布日期", "filed_with": "备案机关", "filed_on": "备案日期", "reference": "文号",
    "page": "页码", "size": "每页条数",
}


def field_label_zh(field: str) -> str | None:
    """A field key in words: "national_id" 身份证号, "visits.0.visit_date" by its last named part; None when
    unknown."""
    named = [part for part in field.split(".") if not part.isdigit()]
    return FIELD_LABELS_ZH.get(named[-1]) if named else None


def _fields_zh(fields: list[str]) -> str:
    """The Chinese summary of a 422's fields: by their words, the others counted (never their keys)."""
    labels = list(dict.fromkeys(label for label in map(field_label_zh, fields) if label))
    if not labels:
        return f"有 {len(fields)} 项内容不符合要求"
    if len(labels) < len(fields):
        return f"{'、'.join(labels)}等 {len(fields)} 项内容不符合要求"
    return f"{'、'.join(labels)}不符合要求"


def validation_problem(exc: RequestValidationError) -> Problem:
    errors: list[FieldError] = []
    for err in exc.errors():
        kind = err.get("type", "value_error")
        zh, en = _VALIDATION_MESSAGES.get(kind, ("取值无效", "invalid value"))
        msg = str(err.get("msg", ""))
        if kind == "value_error" and msg:
            # Domain validators raise ValueError("中文 / English"); keep their text.
            text = msg.removeprefix("Value error, ")
            zh, _, en = text.partition(" / ")
            en = en or text
        errors.append(FieldError(_field_name(tuple(err.get("loc", ()))), kind, zh, en))
    if any(e["code"] == "json_invalid" for e in errors):
        return Problem(400, "malformed_body", "请求体不是有效的 JSON", "request body is not valid JSON", errors=errors)
    fields = sorted({e["field"] for e in errors})
    return Problem(422, "validation_failed", _fields_zh(fields), f"validation failed: {', '.join(fields)}",
                   errors=errors)


_STATUS_CODES: dict[int, tuple[str, str, str]] = {
    400: ("bad_request", "请求无效", "bad request"),
    401: ("unauthenticated", "未认证或令牌无效", "not authenticated or invalid token"),
    403: ("forbidden", "无权执行此操作", "not allowed"),
    404: ("not_found", "资源不存在", "not found"),
    405: ("method_not_allowed", "不支持的请求方法", "method not allowed"),
    406: ("not_acceptable", "不可接受的格式", "not acceptable"),
    409: ("conflict", "资源冲突", "conflict"),
    412: ("precondition_failed", "版本已变化，请刷新后重试", "precondition failed: the record changed"),
    413: ("payload_too_large", "请求体过大", "request body too large"),
    415: ("unsupported_media_type", "不支持的内容类型", "unsupported media type"),
    428: ("precondition_required", "需要 If-Match 版本头", "If-Match header required"),
    429: ("too_many_requests", "请求过于频繁", "too many requests"),
}


# Errors of the database itself, by SQLSTATE class: what the caller can do about them.
_CONNECTION_ERRORS: tuple[type[BaseException], ...] = (
    ConnectionError, TimeoutError, asyncpg.exceptions.ConnectionDoesNotExistError,
    asyncpg.exceptions.InterfaceError, asyncpg.exceptions.CannotConnectNowError,
    asyncpg.exceptions.AdminShutdownError, asyncpg.exceptions.CrashShutdownError,
    asyncpg.exceptions.PostgresConnectionError,
)


def database_unavailable() -> Problem:
    return Problem(503, "database_unavailable", "数据库暂时不可用，未保存任何内容，请稍后重试",
                   "the database is unavailable right now; nothing was saved, please retry",
                   headers={"Retry-After": "2"})


def database_problem(exc: BaseException) -> Problem | None:
    """The problem a database error means for the caller, or None when it is a bug (a 500)."""
    if isinstance(exc, sa_exc.DBAPIError) and exc.connection_invalidated:
        return database_unavailable()
    orig = exc.orig if isinstance(exc, sa_exc.DBAPIError) else exc
    if isinstance(exc, sa_exc.TimeoutError | sa_exc.DisconnectionError) or isinstance(orig, _CONNECTION_ERRORS):
        return database_unavailable()
    state = str(getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None) or "")
    if state in ("40001", "40P01", "55P03"):
        return Problem(409, "concurrent_update", "数据正被同时修改，未保存任何内容，请重试",
                       "the data was changed concurrently; nothing was saved, please retry")
    if state.startswith("23"):
        return Problem(409, "integrity_conflict", "与已有数据冲突，未保存任何内容",
                       "conflicts with existing data; nothing was saved", sqlstate=state)
    if state.startswith("22"):
        return Problem(422, "invalid_value", "取值超出数据库允许的范围或格式", "a value is outside what the database accepts",
                       sqlstate=state)
    if state.startswith(("08", "57P", "53")) or isinstance(exc, sa_exc.OperationalError | sa_exc.InterfaceError):
        return database_unavailable()
    return None


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(exc, request)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        return problem_response(validation_problem(exc), request)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, zh, en = _STATUS_CODES.get(exc.status_code, ("http_error", "请求失败", "request failed"))
        if isinstance(exc.detail, str) and exc.detail and exc.detail not in ("Not Found", "Method Not Allowed"):
            en = exc.detail
        return problem_response(Problem(exc.status_code, code, zh, en, headers=exc.headers), request)

    async def _database(request: Request, exc: Exception) -> JSONResponse:
        problem = database_problem(exc)
        if problem is None:
            logger.exception("unhandled database error", exc_info=exc)
            problem = Problem(500, "internal_error", "服务器内部错误", "internal server error")
        else:
            logger.warning("database error answered %s: %s", problem.status, str(exc).splitlines()[0][:200])
        return problem_response(problem, request)

    for kind in (sa_exc.SQLAlchemyError, *_CONNECTION_ERRORS, asyncpg.exceptions.PostgresError):
        app.add_exception_handler(kind, _database)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("unhandled error", exc_info=exc)
        return problem_response(Problem(500, "internal_error", "服务器内部错误", "internal server error"), request)
