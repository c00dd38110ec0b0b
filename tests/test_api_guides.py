"""POST /api/v1/guides: several people in one go, each entry checked by the /guide validator."""

from __future__ import annotations

import json

import pytest
from test_api import GOOD, schema_validator, spec  # noqa: F401 (spec is a fixture)

CHILD = {
    "visit_date": "2026-11-23",
    "birth_date": "2022-04-10",
    "insurance": "employee",
    "holds": ["kakuninsho", "subsidy_cert"],
    "kakuninsho_expiry": "2027-07-31",
}
PARENT_75 = {"visit_date": "2026-11-23", "birth_date": "1950-01-02", "insurance": "elderly", "holds": []}


def post_list(client, body, **headers):
    return client.post(
        "/api/v1/guides",
        data=body if isinstance(body, (bytes, str)) else json.dumps(body),
        headers={"Content-Type": "application/json", **headers},
    )


def single(client, request):
    return client.post("/api/v1/guide", data=json.dumps(request), headers={"Content-Type": "application/json"})


def test_a_family_gets_one_guide_each_in_order_the_same_as_one_by_one(client, spec):  # noqa: F811
    family = [GOOD, CHILD, PARENT_75]
    response = post_list(client, family)
    assert response.status_code == 200
    body = response.get_json()
    schema_validator(spec, "Guides").validate(body)
    assert body["guides"] == [single(client, person).get_json() for person in family]
    assert [guide["age_on_visit"] for guide in body["guides"]] == [46, 4, 76]
    assert [item["id"] for item in body["guides"][1]["bring"]] == ["kakuninsho", "subsidy_cert"]
    assert body["guides"][2]["verdict"] == "at_risk"


def test_each_entry_is_validated_and_every_error_names_its_entry(client):
    response = post_list(client, [GOOD, {"insurance": "x", "visit_date": "z"}, {**CHILD, "age": 500}])
    assert response.status_code == 422
    fields = {(error["field"], error["code"]) for error in response.get_json()["errors"]}
    assert fields == {
        ("[1].insurance", "invalid_choice"),
        ("[1].visit_date", "invalid_date"),
        ("[1].birth_date", "required"),
        ("[2].age", "out_of_range"),
    }


def test_the_same_errors_as_the_single_form_for_one_entry(client):
    bad = {"insurance": "x", "holds": ["y"], "extra": 1}
    one = {(error["field"], error["code"]) for error in single(client, bad).get_json()["errors"]}
    listed = {(error["field"], error["code"]) for error in post_list(client, [bad]).get_json()["errors"]}
    assert listed == {(f"[0].{field}", code) for field, code in one}


@pytest.mark.parametrize("body", ["[]", "{}", "null", '"x"', json.dumps([GOOD] * 11), "[1, null]", "[[]]"])
def test_not_a_list_of_people_is_a_422_never_a_5xx(client, body):
    response = post_list(client, body)
    assert response.status_code == 422
    assert response.get_json()["errors"]


def test_transport_errors_are_those_of_the_single_form(client):
    assert post_list(client, "[", **{}).status_code == 400
    assert post_list(client, json.dumps([GOOD]), **{"Content-Type": "text/plain"}).status_code == 415
    assert post_list(client, "[" + " " * 17_000 + "]").status_code == 413


def test_labels_follow_accept_language(client):
    english = post_list(client, [GOOD, CHILD], **{"Accept-Language": "en"})
    assert english.headers["Vary"] == "Accept-Language"
    assert (
        english.get_json()["guides"][0]["bring"][0]["label"]
        == "マイナンバーカード (My Number card) as マイナ保険証 (My Number card used as a health insurance card)"
    )
