"""The guide API against its contract (guide-api-v1.md) and its own OpenAPI document."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource

from web import answers
from web.engine import load_rules

CASES = json.loads((Path(__file__).parent / "vectors" / "engine_cases.json").read_text(encoding="utf-8"))["cases"]
GOOD = {
    "visit_date": "2026-11-23",
    "birth_date": "1980-05-05",
    "insurance": "employee",
    "holds": ["mynumber_card", "oshirase"],
    "mynumber_registered": "yes",
    "ecert_expiry": "2027-01-10",
}


@pytest.fixture
def spec(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def schema_validator(spec, name):
    registry = Registry().with_resource("urn:spec", Resource.opaque(spec))
    return jsonschema.Draft202012Validator({"$ref": f"urn:spec#/components/schemas/{name}"}, registry=registry)


def post(client, body, **headers):
    return client.post(
        "/api/v1/guide",
        data=body if isinstance(body, (bytes, str)) else json.dumps(body),
        headers={"Content-Type": "application/json", **headers},
    )


def test_a_good_request_gets_the_guide_in_japanese_by_default(client, spec):
    response = post(client, GOOD)
    assert response.status_code == 200
    body = response.get_json()
    schema_validator(spec, "Guide").validate(body)
    assert body["verdict"] == "ok"
    assert [item["id"] for item in body["bring"]] == ["mynumber_card"]
    assert body["bring"][0]["label"] == "マイナンバーカード（マイナ保険証）"
    assert body["rules_as_of"] == "2026-11-23"
    assert {source["id"] for source in body["sources"]} >= {"kyotoihou_31234"}


def test_labels_follow_accept_language_and_ids_do_not(client):
    english = post(client, GOOD, **{"Accept-Language": "en-GB,en;q=0.9"}).get_json()
    japanese = post(client, GOOD).get_json()
    assert english["bring"][0]["label"].startswith("My Number card")
    assert [w["id"] for w in english["warnings"]] == [w["id"] for w in japanese["warnings"]]
    assert "2027" in english["warnings"][0]["message"]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_every_engine_case_answers_valid_json_with_the_same_verdict(client, spec, case):
    response = post(client, case["request"])
    assert response.status_code == 200
    schema_validator(spec, "Guide").validate(response.get_json())
    assert response.get_json()["verdict"] == case["expect"]["verdict"]
    schema_validator(spec, "GuideRequest").validate(case["request"])


def test_visit_date_defaults_to_today_in_tokyo(client, monkeypatch):
    from datetime import date

    monkeypatch.setattr("web.views.api.today_in_tokyo", lambda: date(2026, 6, 1))
    body = post(client, {k: v for k, v in GOOD.items() if k != "visit_date"}).get_json()
    assert body["visit_date"] == "2026-06-01"


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        ("{not json", "application/json", 400, "invalid_json"),
        ("[" * 100000, "application/json", 413, "too_large"),
        (json.dumps(GOOD), "text/plain", 415, "unsupported_media_type"),
        (json.dumps(GOOD), "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
        ("[" * 50 + "]" * 50, "application/json", 422, "not_an_object"),
        ("[" * 5000 + "]" * 5000, "application/json", 400, "invalid_json"),  # deeper than the parser goes
    ],
)
def test_transport_errors(client, spec, body, content_type, status, code):
    response = client.post("/api/v1/guide", data=body, headers={"Content-Type": content_type})
    assert response.status_code == status
    schema_validator(spec, "Errors").validate(response.get_json())
    assert response.get_json()["errors"][0]["code"] == code


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"colour": "blue"}, "colour", "unknown_key"),
        ({"insurance": "private"}, "insurance", "invalid_choice"),
        ({"insurance": None}, "insurance", "required"),
        ({"holds": "mynumber_card"}, "holds", "wrong_type"),
        ({"holds": ["passport"]}, "holds", "invalid_choice"),
        ({"visit_date": "2026-02-30"}, "visit_date", "invalid_date"),
        ({"visit_date": "20261123"}, "visit_date", "invalid_date"),
        ({"visit_date": 20261123}, "visit_date", "wrong_type"),
        ({"birth_date": "2027-01-01"}, "birth_date", "after_visit"),
        ({"birth_date": "1900-01-01"}, "birth_date", "out_of_range"),
        ({"birth_date": None, "age": 121}, "age", "out_of_range"),
        ({"birth_date": None, "age": -1}, "age", "out_of_range"),
        ({"birth_date": None, "age": "40"}, "age", "wrong_type"),
        ({"birth_date": None, "age": True}, "age", "wrong_type"),
        ({"birth_date": None}, "birth_date", "required"),
        ({"mynumber_registered": "maybe"}, "mynumber_registered", "invalid_choice"),
        ({"subsidy_linked": 1}, "subsidy_linked", "invalid_choice"),
        ({"card_issued": "1970-01-01"}, "card_issued", "before_birth"),
        ({"kakuninsho_expiry": "31/07/2027"}, "kakuninsho_expiry", "invalid_date"),
    ],
)
def test_invalid_fields_are_422_naming_the_field(client, spec, change, field, code):
    body = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    response = post(client, body, **{"Accept-Language": "en"})
    assert response.status_code == 422
    payload = response.get_json()
    schema_validator(spec, "Errors").validate(payload)
    assert {"field": field, "code": code} in [{"field": e["field"], "code": e["code"]} for e in payload["errors"]]
    assert all(
        error["message"] and not any("\u3040" <= ch <= "\u30ff" for ch in error["message"])
        for error in payload["errors"]
    )


def test_every_invalid_field_is_reported_at_once(client):
    response = post(client, {"insurance": "x", "holds": ["y"], "visit_date": "z", "extra": 1})
    fields = {error["field"] for error in response.get_json()["errors"]}
    assert fields == {"insurance", "holds", "visit_date", "extra", "birth_date"}


@pytest.mark.parametrize("body", ["null", "1", '"text"', "true", "{}", '{"holds": [null]}', '{"age": 1e400}'])
def test_odd_json_never_gives_a_5xx(client, body):
    assert post(client, body).status_code in (400, 422)


def test_the_openapi_document_names_exactly_the_codes_enums(spec):
    schemas = spec["components"]["schemas"]
    request = schemas["GuideRequest"]["properties"]
    assert set(request) == set(answers.KEYS)
    assert request["insurance"]["enum"] == list(answers.INSURANCE_TYPES)
    assert request["holds"]["items"]["enum"] == list(answers.HOLDS)
    from web.guide_text import ITEM_NAMES, TIMELINE_LABELS

    assert set(schemas["Item"]["properties"]["id"]["enum"]) == set(ITEM_NAMES)
    assert set(schemas["TimelineEntry"]["properties"]["id"]["enum"]) == set(TIMELINE_LABELS)
    warning_ids = {rule["then"]["warn"]["id"] for rule in load_rules()["rules"] if "warn" in rule["then"]}
    assert warning_ids == set(schemas["Warning"]["properties"]["id"]["enum"])
