"""A payslip as one compact row (ADR 0007): what repeats across payslips is stored once, by content.

Each line's text (code, labels, kind, clause, inputs) is a row of `payslip_line_text`; the payslip's lines in
order (text ids and amounts) are a `payslip_line_set`, which workers paid alike share; the payslip keeps the
set's id and, when it has arrears lines, their months. The payslip's `inputs` is split by top-level key: the
parts shared by many workers (scheme, grade, year to date, …) are rows of `payslip_input_part`; the facts
and the calculation's working, mostly the worker's own, are kept as the difference from a template part
shared by the batch. The `payslip`
and `payslip_line` views put everything back together, so a reader sees what was computed, key for key.
Ids are a hash of the content, so interning needs no round trip and two runs agree on them.

Pure: no database access here (the run writes the rows this module builds).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import Counter
from collections.abc import Iterable
from typing import Any

from pydantic_core import to_json

# Columns of `payslip_compact` in COPY order.
COMPACT_COLUMNS = (
    "run_id", "worker_id", "month", "kind", "worker_name", "community_code", "township_code", "county_code",
    "post", "post_label", "grade_level", "gross", "social_insurance", "housing_fund", "basic_deduction", "tax",
    "net", "employer_cost", "arrears", "one_off_gross", "tax_exempt", "funding", "inputs_own", "inputs_parts",
    "line_set", "line_arrears", "bonus_separate", "bonus_tax",
)
# Keys of a payslip's `inputs` that are mostly the worker's own: kept with the payslip as the difference from a
# template the batch shares. Every other key is an interned part.
TEMPLATED_KEYS = ("facts", "calculation")
# A template is chosen from this many payslips of a batch (the most common value of each key).
TEMPLATE_SAMPLE = 64


def content_id(*parts: str) -> uuid.UUID:
    """A 128-bit id of the content: two different contents never meet at national scale (a 64-bit id would
    collide with a few per cent probability among a billion texts)."""
    return uuid.UUID(bytes=hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).digest())


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def choose_template(objects: list[dict[str, Any]]) -> dict[str, Any]:
    """Per key, the value most of `objects` share (keys only some objects have are left out)."""
    if not objects:
        return {}
    keys = set(objects[0]).intersection(*objects[1:])
    template: dict[str, Any] = {}
    for key in sorted(keys):
        counts = Counter(_canonical(o[key]) for o in objects)
        text, _ = counts.most_common(1)[0]
        template[key] = json.loads(text)
    return template


def difference(value: dict[str, Any], template: dict[str, Any]) -> dict[str, Any] | None:
    """What `value` has that `template` does not (template || difference == value), or None when the
    template has a key `value` lacks (a shallow merge cannot remove a key)."""
    if not template.keys() <= value.keys():
        return None
    return {k: v for k, v in value.items() if k not in template or template[k] != v}


class Interner:
    """The line texts and input parts one batch refers to, each once."""

    def __init__(self) -> None:
        self.line_texts: dict[uuid.UUID, tuple] = {}
        self.line_sets: dict[uuid.UUID, tuple] = {}
        self.input_parts: dict[uuid.UUID, tuple] = {}
        self._ids: dict[tuple, uuid.UUID] = {}  # content -> id, so each content is hashed once a batch
        # id(line) -> (line, its text id): a line object many payslips share is looked at once
        self._lines: dict[int, tuple[dict[str, Any], uuid.UUID]] = {}
        # ids of a payslip's row objects -> (set id, arrears months): see compact_lines
        self.sets_by_rows: dict[tuple[int, ...], tuple[uuid.UUID, list | None]] = {}

    def line(self, line: dict[str, Any]) -> uuid.UUID:
        seen = self._lines.get(id(line))
        if seen is not None:
            return seen[1]
        found = self._line(line)
        self._lines[id(line)] = (line, found)  # kept with its line, so the id is not another line's meanwhile
        return found

    def _line(self, line: dict[str, Any]) -> uuid.UUID:
        key = (line["code"], line["label_zh"], line["label_en"], line["kind"], line["clause"], line["inputs"])
        found = self._ids.get(key)
        if found is None:
            code, label_zh, label_en, kind, clause, inputs_json = key
            label_zh, label_en = label_zh[:128], label_en[:128]
            found = self._ids[key] = content_id("line", code, label_zh, label_en, kind, clause or "\x00",
                                                inputs_json if inputs_json is not None else "\x00")
            self.line_texts[found] = (found, code, label_zh, label_en, kind, clause, inputs_json)
        return found

    def line_set(self, text_ids: tuple[uuid.UUID, ...], amounts: tuple[Any, ...]) -> uuid.UUID:
        """The payslip's lines in order (text ids and amounts): workers paid alike share one set."""
        key = ("set", text_ids, amounts)
        found = self._ids.get(key)
        if found is None:
            found = self._ids[key] = content_id("set", ",".join(map(str, text_ids)), ",".join(map(str, amounts)))
            self.line_sets[found] = (found, list(text_ids), list(amounts))
        return found

    def part(self, key: str, body_json: str) -> uuid.UUID:
        cache_key = ("part", key, body_json)
        found = self._ids.get(cache_key)
        if found is None:
            found = self._ids[cache_key] = content_id("part", key, body_json)
            self.input_parts[found] = (found, key, body_json)
        return found


class Template:
    """A batch's template of one inputs key: each payslip keeps the difference from it."""

    def __init__(self, interner: Interner, key: str, sample: Iterable[Any]):
        objects = [o for o in sample if isinstance(o, dict)]
        self.template = choose_template(objects)
        self.part_id = interner.part(key, _canonical(self.template)) if self.template else None

    def split(self, value: Any) -> tuple[Any, uuid.UUID | None]:
        """(what the payslip keeps of `value`, the template part id, or None when it keeps `value` whole)."""
        if self.part_id is None or not isinstance(value, dict):
            return value, None
        own = difference(value, self.template)
        return (value, None) if own is None else (own, self.part_id)


def templates(interner: Interner, parsed: list[dict[str, Any]]) -> dict[str, Template]:
    """One template per templated key, from the first TEMPLATE_SAMPLE payslips' parsed values."""
    sample = parsed[:TEMPLATE_SAMPLE]
    return {key: Template(interner, key, (p[key] for p in sample if key in p)) for key in TEMPLATED_KEYS}


def compact_inputs(interner: Interner, parts: dict[str, str], templated: dict[str, Any],
                   batch_templates: dict[str, Template]) -> tuple[str, list[uuid.UUID]]:
    """(`inputs_own` JSON, part ids) of a payslip whose `inputs` is `parts` (key -> JSON, interned) and
    `templated` (key -> plain JSON value, kept as the difference from the batch's template)."""
    ids = [interner.part(key, body) for key, body in parts.items()]
    own: dict[str, Any] = {}
    for key, value in templated.items():
        own[key], template_id = batch_templates[key].split(value)
        if template_id is not None:
            ids.append(template_id)
    # pydantic-core's encoder writes what json.dumps(own, ensure_ascii=False, separators=(",", ":")) writes for
    # these values (strings, integers, booleans, null, lists and objects: the facts and working as JSON, no
    # floats), byte for byte, in less than half the time.
    return to_json(own).decode(), ids


def compact_lines(interner: Interner, lines: list[dict[str, Any]]) -> tuple[uuid.UUID, list | None]:
    """(line set id, arrears months or None when no line is an arrears line), in line order. Workers paid alike
    have the very same row objects (`to_rows` makes a shared line's row once): their set is looked up by the
    rows' identities, which stay valid because the interner keeps every row it has seen."""
    same_rows = tuple(map(id, lines))
    found = interner.sets_by_rows.get(same_rows)
    if found is None:
        ids = tuple(interner.line(line) for line in lines)
        arrears = [line["arrears_month"] for line in lines]
        found = interner.sets_by_rows[same_rows] = (
            interner.line_set(ids, tuple(line["amount"] for line in lines)), (arrears if any(arrears) else None))
    set_id, arrears_months = found
    return set_id, (list(arrears_months) if arrears_months is not None else None)
