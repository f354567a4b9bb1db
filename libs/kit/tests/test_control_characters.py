"""Control characters are refused at the edge (path, query, JSON and form bodies) with a 422 naming the field."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import pytest
from cwm_kit.app import create_service_app
from cwm_kit.settings import ServiceSettings
from cwm_kit.text import control_character, json_errors, printable
from fastapi import APIRouter, File, Form, UploadFile
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

router = APIRouter()


@router.get("/items/{code}")
async def read(code: str, q: str | None = None) -> dict[str, Any]:
    return {"code": code, "q": q}


@router.post("/items")
async def write(body: dict[str, Any]) -> dict[str, Any]:
    return body


@router.post("/form")
async def form(username: Annotated[str, Form()]) -> dict[str, Any]:
    return {"username": username}


@router.post("/upload")
async def upload(file: Annotated[UploadFile, File()]) -> dict[str, Any]:
    return {"size": len(await file.read())}


@pytest.fixture(scope="module")
def client() -> TestClient:
    settings = ServiceSettings(service_name="kit-test", max_body_bytes=4096)
    app = create_service_app(settings=settings, title="t", description="t", routers=[router],
                             migrations_dir=Path("."))
    return TestClient(app)  # no lifespan: these routes need no database


def _refused(response, field: str) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "validation_failed"
    assert [e["field"] for e in body["errors"]] == [field]
    error = body["errors"][0]
    assert error["code"] == "control_character" and error["message_zh"] and error["message_en"]


@pytest.mark.parametrize("char", ["\x00", "\x01", "\t", "\n", "\r", "\x1f", "\x7f"])
def test_query_and_path_refuse_every_c0_control(client, char):
    _refused(client.get("/v1/items/a", params={"q": f"x{char}y"}), "q")
    _refused(client.get(f"/v1/items/a{char}b".replace(char, f"%{ord(char):02X}")), "code")


def test_a_path_no_route_matches_is_named_path(client):
    _refused(client.get("/v1/nowhere%00"), "path")


def test_clean_requests_pass_untouched(client):
    assert client.get("/v1/items/张丽", params={"q": "宁夏 银川"}).json() == {"code": "张丽", "q": "宁夏 银川"}
    body = {"name": "张丽", "notes": "第一行\n第二行\r\n\t缩进", "list": [{"a": "b"}], "n": 1}
    assert client.post("/v1/items", json=body).json() == body
    assert client.post("/v1/form", data={"username": "xq_town"}).json() == {"username": "xq_town"}


@pytest.mark.parametrize("text", ["\x00", "a\x00b", "\x08", "\x0b", "\x1b[31m", "\x7f", "\ufffe", "\uffff"])
def test_json_strings_refuse_controls_except_tab_newline_return(client, text):
    _refused(client.post("/v1/items", json={"name": text}), "name")
    _refused(client.post("/v1/items", json={"list": [{"a": "ok"}, {"a": text}]}), "list.1.a")
    _refused(client.post("/v1/items", json={f"k{text}": 1}), printable(f"k{text}"))
    assert printable(f"k{text}") == "k" + "".join(f"\\u{ord(c):04x}" if ord(c) < 32 or ord(c) >= 0x7f else c
                                                  for c in text)


def test_lone_surrogate_in_json_is_refused(client):
    response = client.post("/v1/items", content=b'{"name": "\\ud800"}', headers={"Content-Type": "application/json"})
    _refused(response, "name")


def test_json_without_content_type_and_form_bodies_are_checked(client):
    _refused(client.post("/v1/items", content=b'{"name": "a\\u0000"}'), "name")
    _refused(client.post("/v1/form", data={"username": "xq\x00town"}), "username")


def test_uploads_are_not_text_and_oversized_bodies_stay_413(client):
    assert client.post("/v1/upload", files={"file": ("a.xlsx", b"\x00\x01binary")}).json() == {"size": 8}
    response = client.post("/v1/items", json={"name": "x" * 5000})
    assert response.status_code == 413


def test_malformed_json_is_still_400(client):
    response = client.post("/v1/items", content=b"{oops", headers={"Content-Type": "application/json"})
    assert response.status_code == 400


@given(st.text())
def test_checker_agrees_with_the_rule(text):
    index = control_character(text, multiline=True)
    bad = [i for i, c in enumerate(text)
           if (ord(c) < 32 and c not in "\t\n\r") or ord(c) == 0x7f or 0xd800 <= ord(c) <= 0xdfff
           or c in "\ufffe\uffff"]
    assert index == (bad[0] if bad else None)
    strict = control_character(text)
    assert strict is None or strict <= (index if index is not None else len(text))


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                    lambda children: st.lists(children, max_size=3)
                    | st.dictionaries(st.text(max_size=3), children, max_size=3), max_leaves=12))
def test_json_walk_finds_a_bad_string_exactly_when_there_is_one(document):
    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            for child in value:
                yield from strings(child)
        elif isinstance(value, dict):
            for key, child in value.items():
                yield key
                yield from strings(child)

    expected = any(control_character(s, multiline=True) is not None for s in strings(document))
    assert bool(list(json_errors(document))) == expected
