"""Text that may enter a service: no control characters (PostgreSQL refuses U+0000 in text, and nothing
downstream wants the rest).

One rule, applied at the edge by `ControlCharacterMiddleware` (cwm_kit.middleware) to the path, the query
string and every string of a JSON or form body:

- path and query: no C0 control (U+0000–U+001F) and no DEL (U+007F);
- body strings (values and keys): the same, except tab, line feed and carriage return, which free text may
  hold; in both, no lone surrogate (U+D800–U+DFFF, which cannot be encoded as UTF-8) and no U+FFFE / U+FFFF
  (not characters).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .errors import FieldError, Problem

# Everything refused in a path or query string.
_STRICT = re.compile("[\x00-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# Body strings may keep \t \n \r.
_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

CODE = "control_character"


def control_character(text: str, *, multiline: bool = False) -> int | None:
    """Index of the first refused character in `text`, or None. `multiline` allows \\t, \\n and \\r."""
    match = (_TEXT if multiline else _STRICT).search(text)
    return match.start() if match else None


def printable(text: str) -> str:
    """`text` with every refused character written as \\uXXXX, safe to echo in a field name."""
    return _STRICT.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def field_error(field: str, text: str, index: int) -> FieldError:
    point = f"U+{ord(text[index]):04X}"
    return FieldError(field, CODE, f"第 {index + 1} 个字符 {point} 是控制字符或无效字符，不允许",
                      f"character {index + 1} ({point}) is a control or invalid character, not allowed")


def check_text(field: str, text: str, *, multiline: bool = False) -> FieldError | None:
    index = control_character(text, multiline=multiline)
    return None if index is None else field_error(field, text, index)


def _join(prefix: str, part: str) -> str:
    return f"{prefix}.{part}" if prefix else part


def json_errors(value: Any, field: str = "") -> Iterator[FieldError]:
    """Every string (and object key) of a parsed JSON document holding a refused character; fields are
    dotted paths like the validation errors' (`education.0.institution`)."""
    stack: list[tuple[str, Any]] = [(field, value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, str):
            error = check_text(path or "body", item, multiline=True)
            if error:
                yield error
        elif isinstance(item, dict):
            for key, child in reversed(list(item.items())):
                error = check_text(_join(path, printable(key)), key, multiline=True)
                if error:
                    yield error
                stack.append((_join(path, printable(key)), child))
        elif isinstance(item, list):
            stack.extend((_join(path, str(i)), child) for i, child in reversed(list(enumerate(item))))


def control_character_problem(errors: list[FieldError]) -> Problem:
    fields = ", ".join(dict.fromkeys(e["field"] for e in errors))
    return Problem(422, "validation_failed", f"字段含有控制字符: {fields}", f"control characters in: {fields}",
                   errors=errors)
