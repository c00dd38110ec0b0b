"""The 申立書 QR payload, v1 (shared/domain/qr-payload-v1.md): normalise, validate, encode, decode.

static/js/qr-payload.js implements the same spec for the phone and the reception tablet; the
vectors in tests/vectors/qr_payload.json are run against both. Pure Python, no Flask.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass
from datetime import date

from web.numbers import in_range
from web.wareki import ERAS, WarekiError, from_wareki

VERSION = 1
MAX_INFLATED = 4096
TAB = "\t"


@dataclass(frozen=True)
class Field:
    key: str
    kind: str  # text, kana, date, digits, code, issued
    max: int
    required: bool = False
    codes: tuple[str, ...] = ()


FIELDS: tuple[Field, ...] = (
    Field("family", "text", 10, required=True),
    Field("given", "text", 10),
    Field("family_kana", "kana", 20),
    Field("given_kana", "kana", 20),
    Field("birth", "date", 8, required=True),
    Field("sex", "code", 1, codes=("1", "2")),
    Field("zip", "digits", 7),
    Field("address", "text", 60),
    Field("tel", "digits", 13),
    Field("ins_type", "code", 1, codes=("1", "2", "7", "8", "9")),
    Field("insurer_no", "digits", 8),
    Field("insurer_name", "text", 30),
    Field("employer", "text", 40),
    Field("card_issued", "issued", 8),
    Field("copay", "code", 1, codes=("3", "2", "1", "0")),
    Field("signer", "text", 20),
    Field("relation", "code", 1, codes=("0", "1", "2", "3", "9")),
    Field("relation_text", "text", 10),
    Field("signed_on", "date", 8, required=True),
)
KEYS = tuple(field.key for field in FIELDS)
FIELD_BY_KEY = {field.key: field for field in FIELDS}

# One explicit set of white space, so that the JavaScript codec strips exactly the same characters
# (Python's and JavaScript's own notions of "space" differ at the edges).
SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
SPACES = re.compile(f"[{SPACE}]")
EDGE_SPACES = re.compile(f"^[{SPACE}]+|[{SPACE}]+$")
# Separators people type in numbers: hyphens, dashes, minus, the katakana prolonged sound mark (a
# common slip on Japanese keyboards), slashes, dots, parentheses and spaces.
NUMBER_SEPARATORS = re.compile(f"[{SPACE}\\-‐‑‒–—―−ー－()（）/.]")
WAREKI_DATE = re.compile(r"^(明治|大正|昭和|平成|令和)(元|[0-9]{1,2})年([0-9]{1,2})月([0-9]{1,2})日$")
ERA_KEY_BY_KANJI = {era.kanji: era.key for era in ERAS}
PAYLOAD_TAIL = re.compile(r"v([0-9]+)\.([0-9]+)$")


class PayloadError(ValueError):
    """The QR text cannot be read; `code` says why (see ERROR_CODES)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


ERROR_CODES = ("format", "version", "length", "overflow", "zlib", "too_large", "utf8")


@dataclass(frozen=True)
class Problem:
    field: str
    code: str  # required, too_long, invalid, not_kana, not_digits, bad_date, outside_era, relation_text_without_other


def to_katakana(text: str) -> str:
    """Hiragana to katakana, half-width to full-width, spaces removed."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(chr(ord(ch) + 0x60) if "ぁ" <= ch <= "ゖ" or ch in "ゝゞ" else ch for ch in text)
    return SPACES.sub("", text)


def is_katakana(text: str) -> bool:
    return all("゠" <= ch <= "ヿ" for ch in text)


def normalise_date(text: str) -> tuple[str, str | None]:
    """`YYYYMMDD` from `19800412`, `1980-04-12`, full-width digits or `昭和55年4月12日`."""
    compact = SPACES.sub("", unicodedata.normalize("NFKC", text))
    wareki = WAREKI_DATE.match(compact)
    if wareki:
        era, year, month, day = wareki.groups()
        try:
            value = from_wareki(ERA_KEY_BY_KANJI[era], 1 if year == "元" else int(year), int(month), int(day))
        except WarekiError:
            return text, "outside_era"
        return value.strftime("%Y%m%d"), None
    digits = NUMBER_SEPARATORS.sub("", compact)
    if not re.fullmatch(r"[0-9]{8}", digits):
        return digits, "bad_date"
    try:
        day = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return digits, "bad_date"
    return digits, None if in_range(day) else "bad_date"


def normalise_issued(text: str) -> tuple[str, str | None]:
    digits = NUMBER_SEPARATORS.sub("", unicodedata.normalize("NFKC", text))
    if digits in ("", "1", "2"):
        return digits, None
    if len(digits) == 8:
        return normalise_date(digits)
    if re.fullmatch(r"[0-9]{6}", digits) and 1 <= int(digits[4:]) <= 12:
        return digits, None
    if re.fullmatch(r"[0-9]{4}", digits):
        return digits, None
    if WAREKI_DATE.match(SPACES.sub("", unicodedata.normalize("NFKC", text))):
        return normalise_date(text)
    return digits, "invalid"


def normalise_field(field: Field, text: str) -> tuple[str, str | None]:
    """§4 for one field: the value to encode, and what is wrong with it (None when nothing)."""
    problem: str | None = None
    if field.kind == "text":
        text = EDGE_SPACES.sub("", re.sub(r"[\t\r\n]", " ", text))
    elif field.kind == "kana":
        text = to_katakana(text)
        if text and not is_katakana(text):
            problem = "not_kana"
    elif field.kind == "digits":
        text = NUMBER_SEPARATORS.sub("", unicodedata.normalize("NFKC", text))
        if text and not re.fullmatch(r"[0-9]+", text):
            problem = "not_digits"
        elif field.key == "zip" and text and len(text) != 7:
            problem = "invalid"
        elif field.key == "insurer_no" and text and len(text) not in (6, 8):
            problem = "invalid"
    elif field.kind == "date":
        text, problem = normalise_date(text) if SPACES.sub("", text) else ("", None)
    elif field.kind == "issued":
        text, problem = normalise_issued(text)
    elif field.kind == "code":
        text = EDGE_SPACES.sub("", unicodedata.normalize("NFKC", text))
        if text and text not in field.codes:
            problem = "invalid"
    if problem is None and field.required and not text:
        problem = "required"
    if problem is None and len(text) > field.max:
        problem = "too_long"
    return text, problem


def normalise(record: dict[str, object]) -> tuple[dict[str, str], list[Problem]]:
    """Apply §4 to a record with the spec's keys; return the values to encode and every problem.

    Unknown keys are problems too, so that a misspelt key is not silently dropped.
    """
    values: dict[str, str] = {}
    problems = [Problem(str(key), "unknown_key") for key in record if key not in FIELD_BY_KEY]
    for field in FIELDS:
        raw = record.get(field.key)
        text, problem = normalise_field(field, "" if raw is None else str(raw))
        if problem:
            problems.append(Problem(field.key, problem))
        values[field.key] = text
    if values["relation_text"] and values["relation"] != "9":
        problems.append(Problem("relation_text", "relation_text_without_other"))
    return values, problems


def insurer_number_is_valid(number: str) -> bool:
    """The mod-10 check digit: weights 2,1,2,… from the right of the digits before the last."""
    if not re.fullmatch(r"[0-9]{6}|[0-9]{8}", number):
        return False
    total = 0
    for position, digit in enumerate(reversed(number[:-1])):
        product = int(digit) * (2 if position % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10 == int(number[-1])


def insurance_type_from_number(number: str) -> str | None:
    """6 digits: 国保 (2); a 39 prefix: 後期 (7); other 8 digits: 社保 (1)."""
    if re.fullmatch(r"[0-9]{6}", number):
        return "2"
    if re.fullmatch(r"39[0-9]{6}", number):
        return "7"
    if re.fullmatch(r"[0-9]{8}", number):
        return "1"
    return None


def bytes_to_digits(data: bytes) -> str:
    out = []
    for start in range(0, len(data), 4):
        group = data[start : start + 4]
        width = {4: 10, 3: 8, 2: 5, 1: 3}[len(group)]
        out.append(str(int.from_bytes(group, "big")).zfill(width))
    return "".join(out)


def digits_to_bytes(digits: str) -> bytes:
    full, rest = divmod(len(digits), 10)
    tail_bytes = {0: 0, 3: 1, 5: 2, 8: 3}.get(rest)
    if tail_bytes is None:
        raise PayloadError("length")
    out = bytearray()
    for index in range(full):
        value = int(digits[index * 10 : index * 10 + 10])
        if value >= 2**32:
            raise PayloadError("overflow")
        out += value.to_bytes(4, "big")
    if tail_bytes:
        value = int(digits[full * 10 :])
        if value >= 2 ** (8 * tail_bytes):
            raise PayloadError("overflow")
        out += value.to_bytes(tail_bytes, "big")
    return bytes(out)


def encode(values: dict[str, str], prefix: str) -> str:
    """The QR text for already normalised, valid values (see `normalise`)."""
    fields = [values.get(key, "") for key in KEYS]
    while fields and not fields[-1]:
        fields.pop()
    binary = bytes([VERSION]) + zlib.compress(TAB.join(fields).encode("utf-8"), 9)
    return f"{prefix}v{VERSION}.{bytes_to_digits(binary)}"


def decode(text: str) -> dict[str, str]:
    """The fields of a QR text, or PayloadError when its structure is wrong (§2's reject list).

    Field values are returned as they are; `problems_in` says which an encoder would have refused,
    so that a reader can warn about them. They are only ever shown as text.
    """
    payload = text.split("#", 1)[1] if "#" in text else text
    match = PAYLOAD_TAIL.search(EDGE_SPACES.sub("", payload))
    if not match:
        raise PayloadError("format")
    if match.group(1) != str(VERSION):
        raise PayloadError("version")
    binary = digits_to_bytes(match.group(2))
    if not binary or binary[0] != VERSION:
        raise PayloadError("version")
    inflater = zlib.decompressobj()
    try:
        inflated = inflater.decompress(binary[1:], MAX_INFLATED + 1)
    except zlib.error:
        raise PayloadError("zlib") from None
    if len(inflated) > MAX_INFLATED:
        raise PayloadError("too_large")
    if not inflater.eof or inflater.unused_data:
        raise PayloadError("zlib")
    try:
        tsv = inflated.decode("utf-8")
    except UnicodeDecodeError:
        raise PayloadError("utf8") from None
    parts = tsv.split(TAB)[: len(KEYS)]
    return dict(zip(KEYS, parts + [""] * (len(KEYS) - len(parts)), strict=True))


def problems_in(values: dict[str, str]) -> list[Problem]:
    """What an encoder following §4 would have refused or changed in decoded values."""
    normalised, problems = normalise(values)
    changed = [Problem(key, "not_normalised") for key in KEYS if normalised[key] != values[key]]
    return problems + [problem for problem in changed if problem.field not in {p.field for p in problems}]


def readable(values: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """The decoded values safe to show, and the keys of those an encoder would have refused.

    A QR can be well formed and still hold values no app of ours writes (a birth date `CANARY73`);
    those fields are left empty, so a page shows only what could be read and names the rest.
    Values that are merely not normalised (`not_normalised`) are kept as they are.
    """
    refused = {problem.field for problem in problems_in(values) if problem.code != "not_normalised"}
    unreadable = [key for key in KEYS if key in refused]
    return {key: "" if key in refused else values.get(key, "") for key in KEYS}, unreadable
