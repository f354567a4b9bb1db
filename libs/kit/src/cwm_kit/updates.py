"""Partial updates (PATCH): the one check every service makes of a body's changes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .problems import Problem, field_problem


def ensure_changes(changes: dict[str, Any], *, not_clearable: Iterable[str] = ()) -> dict[str, Any]:
    """A partial update's changes: 422 `empty_update` when there are none, 422 naming the field when one that may
    not be cleared is set to null."""
    if not changes:
        raise Problem(422, "empty_update", "没有要修改的字段", "no fields to update")
    for field in not_clearable:
        if field in changes and changes[field] is None:
            raise field_problem(field, "cannot_clear", "该字段不能清空", "this field cannot be cleared")
    return changes
