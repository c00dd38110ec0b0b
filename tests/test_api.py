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
    assert [item["id"] for item in body["bring"]] == ["mynumber_card", "oshirase"]
    assert body["bring"][0]["label"] == "マイナンバーカード（マイナ保険証）"
    assert response.headers["Content-Language"] == "ja"
    assert body["rules_as_of"] == "2026-11-23"
    assert {source["id"] for source in body["sources"]} >= {"kyotoihou_31234"}


def test_labels_follow_accept_language_and_ids_do_not(client):
    english = post(client, GOOD, **{"Accept-Language": "en-GB,en;q=0.9"}).get_json()
    japanese = post(client, GOOD).get_json()
    assert "(My Number card)" in english["bring"][0]["label"]
    assert [w["id"] for w in english["warnings"]] == [w["id"] for w in japanese["warnings"]]
    assert "2027" in english["warnings"][0]["message"]


def texts_of(body: dict) -> list[tuple[str, str]]:
    """Every (where, text) of a guide that a person reads: labels, whys, messages and actions."""
    found = []
    for kind in ("bring", "backup", "timeline"):
        for entry in body[kind]:
            found += [(f"{kind}.{entry['id']}.{key}", entry[key]) for key in ("label", "why") if key in entry]
    for warning in body["warnings"]:
        found += [(f"warning.{warning['id']}.{key}", warning[key]) for key in ("message", "action")]
    return found


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_every_text_of_every_case_is_in_the_language_asked_for(client, case):
    japanese = post(client, case["request"])
    english = post(client, case["request"], **{"Accept-Language": "en"})
    assert (japanese.headers["Content-Language"], english.headers["Content-Language"]) == ("ja", "en")
    assert "Accept-Language" in english.headers["Vary"]
    ja_texts, en_texts = texts_of(japanese.get_json()), texts_of(english.get_json())
    assert [where for where, _ in ja_texts] == [where for where, _ in en_texts]
    for (where, ja_text), (_, en_text) in zip(ja_texts, en_texts, strict=True):
        assert en_text and en_text != ja_text, where
        assert "%(" not in en_text and "%(" not in ja_text, where  # every date a text names was filled in


@pytest.mark.parametrize(
    ("accept", "language"),
    [("fr, en;q=0.5", "en"), ("en-US", "en"), ("ja, en;q=0.9", "ja"), ("fr", "ja"), ("zz-ZZ", "ja"), ("", "ja")],
)
def test_accept_language_picks_the_best_match_and_content_language_says_it(client, accept, language):
    response = post(client, GOOD, **{"Accept-Language": accept})
    assert response.headers["Content-Language"] == language
    default = post(client, GOOD)
    assert (response.get_json() == default.get_json()) == (language == "ja")


def test_errors_also_say_their_language(client):
    response = post(client, {"insurance": "x"}, **{"Accept-Language": "en"})
    assert response.status_code == 422
    assert response.headers["Content-Language"] == "en"


@pytest.mark.parametrize(
    "case", [c for c in CASES if "says" in c["expect"] or "not_says" in c["expect"]], ids=lambda c: c["name"]
)
def test_warnings_say_what_the_facts_say(client, case):
    """The changed meanings of v1.1 (and the carer's advice) in the words a user reads, in Japanese."""
    warnings = {w["id"]: w["message"] + w["action"] for w in post(client, case["request"]).get_json()["warnings"]}
    for warning_id, phrases in case["expect"].get("says", {}).items():
        assert all(phrase in warnings[warning_id] for phrase in phrases), (warning_id, warnings[warning_id])
    for warning_id, phrases in case["expect"].get("not_says", {}).items():
        assert not any(phrase in warnings[warning_id] for phrase in phrases), (warning_id, warnings[warning_id])


def test_a_card_holder_checklist_marks_its_one_backup_paper(client, spec):
    body = post(client, {**GOOD, "visit_date": "2026-11-23", "ecert_expiry": "2029-05-05"}).get_json()
    assert [(item["id"], item.get("backup", False)) for item in body["bring"]] == [
        ("mynumber_card", False),
        ("oshirase", True),
    ]
    schema_validator(spec, "Guide").validate(body)


def test_v1_1_request_keys_are_taken_and_named_in_errors(client):
    face = post(client, {**GOOD, "card_auth": "face", "card_expiry": "2030-01-01"}).get_json()
    assert "face_auth_card" in [w["id"] for w in face["warnings"]]
    assert ["card_expiry", "2030-01-01"] in [[e["id"], e["date"]] for e in face["timeline"]]


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
        ({"birth_date": "1901-01-01"}, "birth_date", "out_of_range"),
        ({"birth_date": "1890-01-01"}, "birth_date", "date_out_of_range"),
        ({"ecert_expiry": "9999-12-31"}, "ecert_expiry", "date_out_of_range"),
        ({"ecert_expiry": "2015-12-31"}, "ecert_expiry", "implausible_expiry"),
        ({"kakuninsho_expiry": "2039-01-01"}, "kakuninsho_expiry", "implausible_expiry"),
        ({"card_issued": "2027-01-01"}, "card_issued", "after_visit"),
        ({"birth_date": None, "age": 121}, "age", "out_of_range"),
        ({"birth_date": None, "age": -1}, "age", "out_of_range"),
        ({"birth_date": None, "age": "40"}, "age", "wrong_type"),
        ({"birth_date": None, "age": True}, "age", "wrong_type"),
        ({"birth_date": None}, "birth_date", "required"),
        ({"mynumber_registered": "maybe"}, "mynumber_registered", "invalid_choice"),
        ({"subsidy_linked": 1}, "subsidy_linked", "invalid_choice"),
        ({"card_issued": "1970-01-01"}, "card_issued", "before_birth"),
        ({"kakuninsho_expiry": "31/07/2027"}, "kakuninsho_expiry", "invalid_date"),
        ({"card_auth": "fingerprint"}, "card_auth", "invalid_choice"),
        ({"card_auth": True}, "card_auth", "invalid_choice"),
        ({"card_expiry": "2030-02-30"}, "card_expiry", "invalid_date"),
        ({"card_expiry": 2030}, "card_expiry", "wrong_type"),
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
    assert request["card_auth"]["enum"] == list(answers.CARD_AUTH)
    from web.guide_text import ITEM_NAMES, TIMELINE_LABELS

    assert set(schemas["Item"]["properties"]["id"]["enum"]) == set(ITEM_NAMES)
    assert set(schemas["TimelineEntry"]["properties"]["id"]["enum"]) == set(TIMELINE_LABELS)
    warning_ids = {rule["then"]["warn"]["id"] for rule in load_rules()["rules"] if "warn" in rule["then"]}
    assert warning_ids == set(schemas["Warning"]["properties"]["id"]["enum"])
