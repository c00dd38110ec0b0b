"""Operations without personal data: the access log and the metrics name routes and statuses,
never what a patient typed; metrics are not served by the app; every response has a request id."""

from __future__ import annotations

import io
import json
import logging

import pytest
from conftest import carried_fields, soup_of
from prometheus_client import REGISTRY, generate_latest

from web import observability

CANARY = "カナリア7319canary"


@pytest.fixture
def access_lines():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(observability.JsonLines())
    observability.access_log.addHandler(handler)
    yield stream
    observability.access_log.removeHandler(handler)


def every_field(form) -> dict[str, str]:
    """Every named field of a form, filled with the canary (the CSRF token kept)."""
    data = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        keep = field["name"] == "csrf_token" or field.get("type") == "hidden"
        data[field["name"]] = field.get("value", "") if keep else CANARY
    return data


def test_a_canary_typed_into_every_form_and_the_api_reaches_no_log_line_and_no_metric(
    client, flow, access_lines, caplog
):
    caplog.set_level(logging.DEBUG)
    walk = flow("ja")
    for _ in range(12):  # every question page, each answered with the canary, then validly
        fields = every_field(walk.soup.select_one("form.flow-form"))
        client.post("/ja/guide", data={**fields, "nav": "next"})
        if walk.step == "visit":
            break
        walk.press(**{"who": "me", "age": "40", "insurance": "employee", "holds": ["kakuninsho"]})
    data = carried_fields(walk.soup)
    data.update({"notes": CANARY, "nav": "result"})
    client.post("/ja/guide", data=data)
    client.post("/ja/guide/calendar.ics", data={**carried_fields(walk.soup), "extra": CANARY})
    for page in ("/ja/moushitatesho", "/ja/reception"):
        for form in soup_of(client.get(page)).select("form[method=post]"):
            client.post(form["action"], data=every_field(form))
    client.post(
        "/api/v1/guide", json={key: CANARY for key in ("who", "birth_date", "insurance", "holds", "visit_date")}
    )
    client.post("/api/v1/guide", data=CANARY, content_type="application/json")
    client.get(f"/ja/{CANARY}", query_string={"q": CANARY}, headers={"X-Request-ID": CANARY})

    lines = access_lines.getvalue().splitlines()
    assert len(lines) >= 15
    records = [json.loads(line) for line in lines]
    assert {"request_id", "route", "status", "duration_ms"} <= set(records[0])
    assert "guide.answer" in {record["route"] for record in records}
    everything = "\n".join(lines + [record.getMessage() for record in caplog.records])
    assert CANARY not in everything and "canary" not in everything.lower()
    metrics = generate_latest(REGISTRY).decode()
    assert 'route="guide.answer"' in metrics
    assert "canary" not in metrics.lower() and "カナリア" not in metrics


def test_metrics_are_not_served_by_the_app(client):
    for path in ("/metrics", "/ja/metrics"):
        assert client.get(path, follow_redirects=True).status_code == 404


def test_every_response_carries_a_request_id_and_a_proxys_id_is_kept(client):
    given = "0123456789abcdef0123456789abcdef"
    assert client.get("/healthz", headers={"X-Request-ID": given}).headers["X-Request-ID"] == given
    made = client.get("/healthz", headers={"X-Request-ID": "not an id"}).headers["X-Request-ID"]
    assert made != "not an id" and len(made) == 32


def test_readiness_checks_that_the_rules_load(client, monkeypatch):
    assert client.get("/readyz").status_code == 200

    def broken():
        raise ValueError("rules.yaml does not parse")

    monkeypatch.setattr(observability, "load_rules", broken)
    assert client.get("/readyz").status_code == 500
