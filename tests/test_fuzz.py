"""Hostile input to every POST route: never a server error (issue 9).

Hypothesis sends each route what a form or a script could: the page's own field names with
hostile values (non-ASCII digits, 5,000-digit numbers, dates at years 1 and 9999, 和暦 years typed
as Western years, control characters), the hidden answers a page carries, and QR payloads that are
well formed but hold bad values. Every request carries a valid CSRF token, so each reaches the
code behind the token check. Schemathesis does the same for the API from its OpenAPI document.

In the suite the run is small and derandomized (the same inputs every time, about a minute with
everything else); `make fuzz` runs many more (FUZZ_EXAMPLES) and prints the outcome per route.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from typing import Any

import pytest
import schemathesis
from conftest import BrowserLikeClient, soup_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict
from wtforms.fields.core import UnboundField

from app import create_app
from web import flow, qr_payload
from web.answers import KEYS as ANSWER_KEYS
from web.declaration import DeclarationForm

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
OUTCOMES: dict[str, Counter] = defaultdict(Counter)

# What people and scripts type into number and date fields.
HOSTILE = [
    "",
    " ",
    "0",
    "00",
    "8",
    "55",
    "１２",
    "²",
    "١٢٣",
    "𐩀",
    "৪",
    "9" * 5000,
    "1" * 20,
    "-1",
    "+5",
    "1e5",
    "1.5",
    "0x10",
    "\x00",
    "\u3000",
    "0001-01-01",
    "9999-12-31",
    "1900-01-01",
    "2200-12-31",
    "2026-02-30",
    "20261123",
    "元",
    "<script>",
    "CANARY73",
    "昭和99年1月1日",
]
hostile_text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12), st.from_regex(r"\A[0-9]{1,6}\Z"))
iso_dates = st.one_of(
    st.dates().map(lambda day: day.isoformat()),
    st.sampled_from(["0001-01-01", "0001-01-02", "9999-12-31", "9999-12-01", "1900-01-01", "2200-12-31"]),
)


def field_names(form_class: type) -> list[str]:
    return [name for name in dir(form_class) if isinstance(getattr(form_class, name, None), UnboundField)]


GUIDE_FIELDS = sorted({name for step in flow.STEPS for name in field_names(step.form)})
STEP_IDS = [step.id for step in flow.STEPS] + ["check", "result", "", "nowhere"]
NAVS = ["next", "back", "stay", "result", "", "change:", "change:nowhere"] + [f"change:{s.id}" for s in flow.STEPS]
DECLARATION_FIELDS = field_names(DeclarationForm)


@pytest.fixture(scope="module")
def client():
    """One client for the module, with the CSRF check on and a token read from a page."""
    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": True})
    app.test_client_class = BrowserLikeClient
    test_client = app.test_client()
    test_client.token = soup_of(test_client.get("/ja/guide")).select_one("input[name=csrf_token]")["value"]
    yield test_client
    for route, counts in sorted(OUTCOMES.items()):
        total = sum(counts.values())
        print(f"\n{route}: {total} inputs, " + ", ".join(f"{code}: {n}" for code, n in sorted(counts.items())))  # noqa: T201 (make fuzz reports these)


def send(client: Any, route: str, path: str, data: list[tuple[str, str]]) -> None:
    response = client.post(path, data=MultiDict([("csrf_token", client.token), *data]))
    OUTCOMES[route][response.status_code] += 1
    assert response.status_code < 500, (path, data)
    assert response.status_code != 400 or "csrf" not in response.get_data(as_text=True).lower()


# A complete set of answers, as the last question page carries them: most inputs start from it
# and change a few fields, so that they reach the engine and the pages behind the first check.
VALID_ANSWERS = {
    "a-birth_date": "1980-05-05",
    "a-insurance": "employee",
    "a-holds": "mynumber_card",
    "a-mynumber_registered": "yes",
    "a-ecert_expiry": "2027-01-10",
    "a-card_issued": "2020-01-10",
    "a-kakuninsho_expiry": "2027-07-31",
    "a-visit_date": "2026-11-23",
    "u-who": "me",
    "done": "who,birth,insurance,holds,registered,ecert,visit",
}


def carried_answers() -> st.SearchStrategy[list[tuple[str, str]]]:
    """The hidden fields a question page carries: plausible answers with some made hostile."""
    value = st.one_of(iso_dates, hostile_text, st.sampled_from(["employee", "yes", "unknown", "mynumber_card", "120"]))
    names = st.sampled_from([f"a-{key}" for key in ANSWER_KEYS] + ["u-who", "u-birth_era", "u-kexpiry_era", "done"])
    changes = st.dictionaries(names, value, max_size=3)
    valid = changes.map(lambda changed: list({**VALID_ANSWERS, **changed}.items()))
    return st.one_of(
        st.just([]), st.just(list(VALID_ANSWERS.items())), valid, st.lists(st.tuples(names, value), max_size=8)
    )


def form_fields(names: list[str]) -> st.SearchStrategy[list[tuple[str, str]]]:
    era = st.sampled_from(["western", "showa", "heisei", "reiwa", "meiji", "taisho", "", "nowhere"])
    pair = st.one_of(
        st.tuples(st.sampled_from(names), hostile_text),
        st.tuples(st.sampled_from([name for name in names if name.endswith("_era")] or names), era),
    )
    return st.lists(pair, max_size=12)


# Mostly a question's own fields with its own step, so that the input reaches its validation.
step_and_fields = st.one_of(
    st.sampled_from(flow.STEPS).flatmap(lambda step: st.tuples(st.just(step.id), form_fields(field_names(step.form)))),
    st.tuples(st.sampled_from(STEP_IDS), form_fields(GUIDE_FIELDS)),
)


@pytest.mark.parametrize("lang", ["ja", "en"])
@FUZZ
@given(step_fields=step_and_fields, nav=st.sampled_from(NAVS), carried=carried_answers())
def test_the_guide_never_fails(client, lang, step_fields, nav, carried):
    step, fields = step_fields
    nav = "next" if nav == "" else nav
    send(client, "POST /<lang>/guide", f"/{lang}/guide", [("step", step), ("nav", nav), *carried, *fields])


@FUZZ
@given(carried=carried_answers())
def test_the_calendar_never_fails(client, carried):
    send(client, "POST /<lang>/guide/calendar.ics", "/ja/guide/calendar.ics", carried)


@FUZZ
@given(
    action=st.sampled_from(["make", "zip", "edit", "prefill", "", "nowhere"]),
    fields=form_fields(DECLARATION_FIELDS + ["a-insurance"]),
)
def test_the_declaration_never_fails(client, action, fields):
    send(client, "POST /<lang>/moushitatesho", "/ja/moushitatesho", [("action", action), *fields])


VALID_RECORD = {"family": "山田", "given": "花子", "birth": "19800412", "sex": "2", "signed_on": "20261123"}
payload_values = st.one_of(
    st.just(VALID_RECORD),
    st.dictionaries(st.sampled_from(qr_payload.KEYS), hostile_text, max_size=3).map(
        lambda bad: {**VALID_RECORD, **bad}
    ),
    st.fixed_dictionaries({}, optional={key: hostile_text for key in qr_payload.KEYS}),
)
qr_texts = st.one_of(
    payload_values.map(lambda values: qr_payload.encode(values, "https://example.invalid/r#")),
    hostile_text,
    st.from_regex(r"\Av1\.[0-9]{0,60}\Z").map(str),
)


@FUZZ
@given(text=qr_texts)
def test_the_reception_sheet_never_fails(client, text):
    send(client, "POST /<lang>/reception", "/ja/reception", [("qr_text", text)])


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), hostile_text, iso_dates),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


VALID_BODY = {
    "birth_date": "1980-05-05",
    "insurance": "employee",
    "holds": ["mynumber_card"],
    "visit_date": "2026-11-23",
}


@FUZZ
@given(
    body=st.one_of(
        st.dictionaries(st.sampled_from(list(ANSWER_KEYS)), json_values, max_size=2).map(
            lambda bad: {**VALID_BODY, **bad}
        ),
        st.dictionaries(st.sampled_from(list(ANSWER_KEYS)), iso_dates, max_size=4).map(
            lambda bad: {**VALID_BODY, **bad}
        ),
        st.dictionaries(st.sampled_from(list(ANSWER_KEYS) + ["x"]), json_values, max_size=10),
    )
)
def test_the_api_never_fails(client, body):
    response = client.post("/api/v1/guide", json=body)
    OUTCOMES["POST /api/v1/guide (hypothesis)"][response.status_code] += 1
    assert response.status_code < 500, body


@FUZZ
@given(text=qr_texts)
def test_the_python_decoder_only_raises_payload_errors(text):
    try:
        values = qr_payload.decode(text)
    except qr_payload.PayloadError:
        return
    shown, unreadable = qr_payload.readable(values)
    still_refused = {p.field for p in qr_payload.problems_in(shown) if p.code not in ("required", "not_normalised")}
    assert still_refused == set(), "what is shown is itself valid"
    assert set(unreadable) <= set(qr_payload.KEYS)


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", create_app({"TESTING": True}))


@schema.parametrize()
@FUZZ
def test_the_api_never_fails_on_anything_its_openapi_document_allows(case):
    response = case.call()
    OUTCOMES[f"{case.operation.method.upper()} {case.operation.path} (schemathesis)"][response.status_code] += 1
    assert response.status_code < 500, case.body


@FUZZ
@given(
    bodies=st.one_of(
        st.lists(st.dictionaries(st.sampled_from(list(ANSWER_KEYS)), json_values, max_size=2), max_size=12).map(
            lambda bads: [{**VALID_BODY, **bad} for bad in bads]
        ),
        json_values,
    )
)
def test_the_list_api_never_fails(client, bodies):
    response = client.post("/api/v1/guides", json=bodies)
    OUTCOMES["POST /api/v1/guides (hypothesis)"][response.status_code] += 1
    assert response.status_code < 500, bodies


FEEDBACK_FIELDS = ("answer", "text", "rule_ids", "verdict", "visit_month", "insurance", "age_band", "rules_as_of")


@FUZZ
@given(
    fields=st.dictionaries(st.sampled_from(FEEDBACK_FIELDS), hostile_text | st.sampled_from(["yes", "no", "unclear"]))
)
def test_the_feedback_form_never_fails(client, fields):
    send(client, "POST /<lang>/feedback", "/ja/feedback", list(fields.items()))


def test_every_post_route_is_fuzzed():
    """A new POST route must join the fuzz tests above."""
    fuzzed = {
        "/<lang>/guide",
        "/<lang>/guide/calendar.ics",
        "/<lang>/moushitatesho",
        "/<lang>/reception",
        "/api/v1/guide",
        "/api/v1/guides",
        "/<lang>/feedback",
    }
    app = create_app({"TESTING": True})
    assert {rule.rule for rule in app.url_map.iter_rules() if "POST" in (rule.methods or ())} == fuzzed
