import re
from datetime import date
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import Field, ValidationError

from cwm_kit.problems import field_label_zh, install_problem_handlers
from cwm_kit.types import StrictModel, money


@pytest.mark.parametrize("raw,expected", [("2.345", "2.35"), ("2.344", "2.34"), ("-2.345", "-2.35"),
                                          ("0.005", "0.01"), (7, "7.00")])
def test_money_is_half_up_to_the_fen(raw, expected):
    assert money(raw) == Decimal(expected)
    assert str(money(raw)) == expected


class Body(StrictModel):
    amount: Decimal
    name: str


def make_client() -> TestClient:
    app = FastAPI()
    install_problem_handlers(app)

    @app.post("/x")
    async def endpoint(body: Body) -> dict:
        return {"ok": True}

    return TestClient(app)


def test_validation_errors_name_each_field_in_two_languages():
    response = make_client().post("/x", json={"amount": "lots", "colour": "red"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert {e["field"] for e in body["errors"]} == {"amount", "name", "colour"}
    assert all(e["message_zh"] and e["message_en"] for e in body["errors"])


class Person(StrictModel):
    national_id: str = Field(pattern=r"^\d{17}[\dX]$")
    phone: str
    shoe_size: int = 0


def test_the_chinese_message_names_fields_in_words_never_by_their_keys():
    app = FastAPI()
    install_problem_handlers(app)

    @app.post("/people")
    async def endpoint(body: Person) -> dict:
        return {"ok": True}

    client = TestClient(app)
    one = client.post("/people", json={"national_id": "64010419920308001", "phone": "139"}).json()
    assert one["message_zh"] == "身份证号不符合要求"
    assert [e["field"] for e in one["errors"]] == ["national_id"]  # the key stays machine-readable
    assert one["message_en"] == "validation failed: national_id"
    two = client.post("/people", json={}).json()
    assert two["message_zh"] == "身份证号、联系电话不符合要求"
    unknown = client.post("/people", json={"national_id": "x", "phone": "139", "shoe_size": "big"}).json()
    assert unknown["message_zh"] == "身份证号等 2 项内容不符合要求" and "shoe_size" not in unknown["message_zh"]
    only_unknown = client.post("/people", json={"national_id": "640104199203080011", "phone": "1", "shoe_size": "x"})
    assert only_unknown.json()["message_zh"] == "有 1 项内容不符合要求"
    assert not re.search(r"[A-Za-z_]", make_client().post("/x", json={"amount": "lots"}).json()["message_zh"])


def test_a_row_field_is_named_by_its_last_part():
    assert field_label_zh("visits.0.national_id") == "身份证号"
    assert field_label_zh("colour") is None and field_label_zh("0") is None


def test_malformed_json_is_400():
    response = make_client().post("/x", content=b"{oops", headers={"Content-Type": "application/json"})
    assert response.status_code == 400 and response.json()["code"] == "malformed_body"


@pytest.mark.parametrize("body", [b'{"amount": 1, "name": "\xff\xfe"}', b"\xef\xbb\xbf\xff", b"[]", b"null"])
def test_bad_bytes_and_wrong_shapes_are_4xx(body):
    response = make_client().post("/x", content=body, headers={"Content-Type": "application/json"})
    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"] == "application/problem+json"


def test_unexpected_errors_are_a_500_problem_without_internals():
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret internals")

    response = TestClient(app, raise_server_exceptions=False).get("/boom")
    assert response.status_code == 500
    assert response.json()["code"] == "internal_error" and "secret" not in response.text


class Dated(StrictModel):
    on: date
    later: list[Body | None] = []


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31"])
def test_a_date_no_person_means_is_refused_naming_the_field(day):
    app = FastAPI()
    install_problem_handlers(app)

    @app.post("/d")
    async def endpoint(body: Dated) -> dict:
        return {"ok": True}

    response = TestClient(app).post("/d", json={"on": day})
    assert response.status_code == 422 and response.headers["content-type"] == "application/problem+json"
    [error] = response.json()["errors"]
    assert error["field"] == "on" and "1900-01-01" in error["message_zh"] and "2100-12-31" in error["message_en"]
    assert TestClient(app).post("/d", json={"on": "1900-01-01"}).status_code == 200
    assert TestClient(app).post("/d", json={"on": "2100-12-31"}).status_code == 200


class Counted(StrictModel):
    units: int = 1
    amount: Decimal | None = None
    on: date | None = None
    taxable: bool = True
    note: bool | str | None = None


@pytest.mark.parametrize("field", ["units", "amount", "on"])
def test_true_is_not_a_number_or_a_date(field):
    """Lax validation would read JSON true as 1: refused, naming the field, in both languages."""
    app = FastAPI()
    install_problem_handlers(app)

    @app.post("/c")
    async def endpoint(body: Counted) -> dict:
        return body.model_dump(mode="json")

    response = TestClient(app).post("/c", json={field: True})
    assert response.status_code == 422, response.text
    [error] = response.json()["errors"]
    assert error["field"] == field and error["message_zh"] and error["message_en"] != "invalid value"
    # Yes/no fields take true and false; numbers still parse.
    accepted = TestClient(app).post("/c", json={"units": 2, "amount": "1.50", "taxable": False, "note": True})
    assert accepted.json() == {"units": 2, "amount": "1.50", "on": None, "taxable": False, "note": True}


class Kind(StrEnum):
    HEATING = "heating"


class Line(StrictModel):
    hours: int


class Typed(StrictModel):
    taxable: bool = True
    committee: bool | None = None
    units: int = 1
    amount: Decimal | None = None
    on: date | None = None
    worker: UUID | None = None
    kind: Kind | None = None
    lines: list[Line] = []
    years: list[int] = []


def _typed_client() -> TestClient:
    app = FastAPI()
    install_problem_handlers(app)

    @app.post("/t")
    async def endpoint(body: Typed) -> dict:
        return body.model_dump(mode="json")

    return TestClient(app)


@pytest.mark.parametrize("body,field,code", [
    ({"taxable": "yes"}, "taxable", "bool_type"), ({"taxable": "on"}, "taxable", "bool_type"),
    ({"taxable": "true"}, "taxable", "bool_type"), ({"taxable": "1"}, "taxable", "bool_type"),
    ({"taxable": 1}, "taxable", "bool_type"), ({"taxable": 0}, "taxable", "bool_type"),
    ({"committee": "no"}, "committee", "bool_type"),
    ({"units": "12"}, "units", "int_type"), ({"units": 12.0}, "units", "int_type"),
    ({"units": True}, "units", "int_type"), ({"amount": True}, "amount", "decimal_type"),
    ({"years": ["2025"]}, "years.0", "int_type"), ({"lines": [{"hours": "8"}]}, "lines.0.hours", "int_type"),
])
def test_a_value_of_the_wrong_json_type_is_refused_naming_the_field(body, field, code):
    """Lax validation would store "yes", "on", "1" or 1 as true and "12" as 12: what the client never said."""
    response = _typed_client().post("/t", json=body)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    [error] = response.json()["errors"]
    assert (error["field"], error["code"]) == (field, code)
    assert error["message_zh"] and error["message_en"] != "invalid value"


def test_strings_still_carry_dates_uuids_enums_and_money():
    worker = "3f2b8c1e-0000-4000-8000-000000000001"
    response = _typed_client().post("/t", json={
        "taxable": False, "committee": None, "units": 3, "amount": "1.50", "on": "2025-03-01", "worker": worker,
        "kind": "heating", "lines": [{"hours": 8}], "years": [2024, 2025]})
    assert response.status_code == 200, response.text
    assert response.json() == {"taxable": False, "committee": None, "units": 3, "amount": "1.50",
                               "on": "2025-03-01", "worker": worker, "kind": "heating", "lines": [{"hours": 8}],
                               "years": [2024, 2025]}
    assert _typed_client().post("/t", json={"amount": 7}).json()["amount"] == "7"


def test_a_spreadsheet_import_validates_its_text_cells_laxly():
    # Cells are text, like a query string: the import asks for lax validation explicitly.
    row = Typed.model_validate({"taxable": "no", "units": "2", "lines": [{"hours": "8"}]}, strict=False)
    assert (row.taxable, row.units, row.lines[0].hours) == (False, 2, 8)
    with pytest.raises(ValidationError):
        Typed.model_validate({"units": "2"})
