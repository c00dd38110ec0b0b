"""The Python codec against the shared QR payload vectors (the JavaScript codec reads the same file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from web import qr_payload

VECTORS = json.loads((Path(__file__).parent / "vectors" / "qr_payload.json").read_text(encoding="utf-8"))


def test_the_field_order_is_the_specs():
    assert list(qr_payload.KEYS) == VECTORS["keys"]


@pytest.mark.parametrize("vector", VECTORS["golden"], ids=[v["name"] for v in VECTORS["golden"]])
def test_golden_vectors_decode_exactly(vector):
    assert qr_payload.decode(vector["text"]) == vector["fields"]


@pytest.mark.parametrize("vector", VECTORS["reject"], ids=[v["text"][:30] for v in VECTORS["reject"]])
def test_bad_texts_are_rejected_with_the_right_reason(vector):
    with pytest.raises(qr_payload.PayloadError) as caught:
        qr_payload.decode(vector["text"])
    assert caught.value.code == vector["code"]


@pytest.mark.parametrize("vector", VECTORS["normalise"], ids=[v["name"] for v in VECTORS["normalise"]])
def test_normalisation(vector):
    values, problems = qr_payload.normalise(vector["input"])
    assert problems == []
    for key, expected in vector["output"].items():
        assert values[key] == expected


@pytest.mark.parametrize("vector", VECTORS["invalid"], ids=[v["name"] for v in VECTORS["invalid"]])
def test_validation(vector):
    _, problems = qr_payload.normalise(vector["input"])
    assert qr_payload.Problem(vector["field"], vector["code"]) in problems


@pytest.mark.parametrize("vector", VECTORS["check_digits"], ids=[v["number"] for v in VECTORS["check_digits"]])
def test_insurer_number_check_digit_and_type(vector):
    assert qr_payload.insurer_number_is_valid(vector["number"]) is vector["valid"]
    assert qr_payload.insurance_type_from_number(vector["number"]) == vector["ins_type"]


@pytest.mark.parametrize("vector", VECTORS["records"], ids=[v["name"] for v in VECTORS["records"]])
def test_records_round_trip(vector):
    values, problems = qr_payload.normalise(vector["record"])
    assert problems == []
    text = qr_payload.encode(values, "https://example.invalid/r#")
    assert qr_payload.decode(text) == values
    assert qr_payload.problems_in(values) == []


def test_digit_groups_have_the_specs_lengths():
    for size in range(1, 12):
        digits = qr_payload.bytes_to_digits(bytes(range(size)))
        assert len(digits) % 10 in (0, 3, 5, 8)
        assert qr_payload.digits_to_bytes(digits) == bytes(range(size))


def test_extra_trailing_fields_are_ignored_and_missing_ones_are_empty():
    import zlib

    tsv = "\t".join(["林", "", "", "", "19800412"] + [""] * 13 + ["20251123", "future field"])
    text = "v1." + qr_payload.bytes_to_digits(bytes([1]) + zlib.compress(tsv.encode()))
    assert qr_payload.decode(text)["signed_on"] == "20251123"
    short = "v1." + qr_payload.bytes_to_digits(bytes([1]) + zlib.compress("林".encode()))
    assert qr_payload.decode(short)["signed_on"] == ""


@pytest.mark.parametrize("vector", VECTORS["copy_text"], ids=[v["name"] for v in VECTORS["copy_text"]])
def test_copy_text_for_the_receipt_computer(vector):
    from web.declaration import copy_text

    assert copy_text(vector["values"]) == vector["text"]


@pytest.mark.parametrize("vector", VECTORS["unreadable"], ids=[v["name"] for v in VECTORS["unreadable"]])
def test_a_well_formed_qr_with_bad_values_shows_only_what_could_be_read(vector):
    shown, unreadable = qr_payload.readable(qr_payload.decode(vector["text"]))
    assert unreadable == vector["unreadable"]
    assert {key: value for key, value in shown.items() if value} == vector["readable"]


@pytest.mark.parametrize("vector", VECTORS["hostile"], ids=[v["text"][:40] for v in VECTORS["hostile"]])
def test_hostile_texts_are_refused_or_shown_in_part_as_in_javascript(vector):
    try:
        values = qr_payload.decode(vector["text"])
    except qr_payload.PayloadError as error:
        assert error.code == vector.get("code")
        return
    assert qr_payload.readable(values)[1] == vector["unreadable"]
