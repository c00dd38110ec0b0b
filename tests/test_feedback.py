"""'Was this right?': the form under a result and the 申立書 QR, what is stored (and what never is),
the abuse limits, the migrations and the report, against SQLite and, when TEST_DATABASE_URL names
one, PostgreSQL (CI sets it; there a missing PostgreSQL fails instead of skipping)."""

from __future__ import annotations

import csv
import io
import logging
import os
from datetime import date
from pathlib import Path

import pytest
from checks import check_page
from conftest import BrowserLikeClient, Flow, soup_of
from sqlalchemy import inspect, select, text
from test_declaration import post as post_declaration
from werkzeug.datastructures import MultiDict

from app import create_app
from web.answers import parse_answers
from web.engine import Guide, load_rules, make_guide
from web.feedback.fields import Record
from web.feedback.store import Store, feedback

STORED_COLUMNS = {
    "id",
    "received_on",
    "answer",
    "rule_ids",
    "verdict",
    "visit_month",
    "insurance",
    "age_band",
    "lang",
    "rules_as_of",
    "text",
}
# A child of 4 with a 資格確認書 of unknown expiry, seen on 2026-11-23.
ANSWERS = (
    {"who": "child"},
    {"birth_year": "2022", "birth_month": "3", "birth_day": "9"},
    {"insurance": "national"},
    {"holds": ["kakuninsho"]},
    {"kakuninsho_known": "unknown"},
    {"visit_year": "2026", "visit_month": "11", "visit_day": "23"},
)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """A store made afresh for one test (and removed after it)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'feedback.sqlite3'}"
        return
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must test the feedback store against PostgreSQL: TEST_DATABASE_URL is not set")
        pytest.skip("TEST_DATABASE_URL is not set (PostgreSQL)")
    cleaner = Store(url, migrate_on_first_use=False)
    cleaner.downgrade("base")
    yield url
    cleaner.downgrade("base")
    cleaner.engine.dispose()


def app_on(url: str, **config):
    app = create_app({"TESTING": True, "DATABASE_URL": url, "FEEDBACK_MIGRATE_ON_FIRST_USE": True, **config})
    app.test_client_class = BrowserLikeClient
    return app


def result_of(client, lang="ja") -> Flow:
    walk = Flow(client, lang)
    for answer in ANSWERS:
        walk.press(**answer)
    assert walk.press("result").status_code == 200
    return walk


def feedback_form(response) -> MultiDict:
    """What a browser posts from the page's feedback form (its hidden fields; no answer yet)."""
    form = soup_of(response).select_one("form[data-feedback]")
    assert form is not None, "no feedback form on the page"
    return MultiDict([(field["name"], field.get("value", "")) for field in form.select("input[type=hidden]")])


def send(client, response, lang="ja", **fields):
    data = feedback_form(response)
    for name, value in fields.items():
        data[name] = value
    return client.post(f"/{lang}/feedback", data=data)


def stored_rows(app) -> list[dict]:
    app.extensions["feedback"].ensure_schema()
    with app.extensions["feedback"].engine.connect() as connection:
        return [dict(row) for row in connection.execute(select(feedback)).mappings()]


def every_stored_value(app) -> str:
    """Every cell of every table in the database, as one text (the alembic table included)."""
    engine = app.extensions["feedback"].engine
    cells = []
    with engine.connect() as connection:
        for table in inspect(engine).get_table_names():
            for row in connection.execute(text(f'SELECT * FROM "{table}"')):
                cells.extend(str(value) for value in row)
    return "\n".join(cells)


def guide_of_the_case() -> Guide:
    """The same case through the engine directly: the rules and the verdict the record must name."""
    request = {"visit_date": "2026-11-23", "birth_date": "2022-03-09", "insurance": "national"}
    parsed = parse_answers({**request, "holds": ["kakuninsho"]}, date(2026, 11, 23))
    assert parsed.answers is not None
    return make_guide(parsed.answers)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_wrong_result_is_reported_in_two_taps_and_kept_under_its_rules(app, client, lang):
    walk = result_of(client, lang)
    page = check_page(walk.response.get_data(as_text=True), lang)
    question = "この案内は合っていましたか？" if lang == "ja" else "Was this guidance right?"
    assert page.select_one("form[data-feedback] legend").get_text(strip=True) == question

    thanks = send(client, walk.response, lang, answer="no", text="受付で別の紙を求められた")
    assert thanks.status_code == 200
    check_page(thanks.get_data(as_text=True), lang)
    [row] = stored_rows(app)
    assert set(row) == STORED_COLUMNS
    assert row["answer"] == "no"
    guide = guide_of_the_case()
    assert guide.applied_rules and row["rule_ids"].split() == guide.applied_rules
    assert row["verdict"] == guide.verdict
    assert (row["visit_month"], row["insurance"], row["age_band"], row["lang"]) == ("2026-11", "national", "0-5", lang)
    assert row["rules_as_of"] == load_rules()["rules_as_of"]
    assert row["text"] == "受付で別の紙を求められた"


def test_the_result_form_carries_no_answer_only_the_kind_of_case(client):
    walk = result_of(client)
    assert set(feedback_form(walk.response)) == {
        "csrf_token",
        "rule_ids",
        "verdict",
        "visit_month",
        "insurance",
        "age_band",
        "rules_as_of",
    }
    assert "2022" not in "".join(feedback_form(walk.response).values())  # the birth date stays out


def test_without_an_answer_the_form_comes_back_with_its_context_and_text(app, client):
    walk = result_of(client)
    response = send(client, walk.response, text="ことば")
    assert response.status_code == 422
    page = check_page(response.get_data(as_text=True), "ja")
    assert page.select_one(".error-summary a")["href"] == "#feedback-answer-yes"
    assert page.select_one("#feedback-text").get_text() == "ことば"
    again = feedback_form(response)
    assert again["rule_ids"] == feedback_form(walk.response)["rule_ids"]
    assert stored_rows(app) == []
    assert send(client, response, answer="yes").status_code == 200
    assert [row["answer"] for row in stored_rows(app)] == ["yes"]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_declaration_qr_page_asks_too_and_is_reported_apart(app, client, lang):
    qr_page = post_declaration(client, lang)
    assert qr_page.status_code == 200
    check_page(qr_page.get_data(as_text=True), lang)
    assert send(client, qr_page, lang, answer="no").status_code == 200
    [row] = stored_rows(app)
    assert (row["rule_ids"], row["verdict"], row["age_band"]) == ("", None, None)
    report = app.test_cli_runner().invoke(args=["feedback", "report"])
    assert "(申立書 QR)" in report.output


def test_the_form_with_javascript_is_on_the_declaration_page_too(client):
    page = soup_of(client.get("/ja/moushitatesho"))
    assert page.select_one("#qr-view form[data-feedback]") is not None


CANARIES = (
    "CANARY-UA-7f3e",
    "203.0.113.77",
    "198.51.100.99",
    "CANARY-COOKIE-91ab",
    "CANARY-NAME-山田",
    "CANARY-RULE-x",
    "CANARY-VERDICT",
    "090-7777-3333",
    "7777",
    "3333",
    "150-8877",
    "8877",
    "39393939",
    "1961",
    "CANARYSYMBOL",
    "canary@example.com",
)


def test_canaries_are_neither_stored_nor_logged(database_url, caplog):
    app = app_on(database_url, TRUSTED_PROXIES=1)
    client = app.test_client()
    client.set_cookie("tracker", "CANARY-COOKIE-91ab", domain="localhost")
    walk = result_of(client)
    data = feedback_form(walk.response)
    data["answer"] = "no"
    data["text"] = (
        "電話 090-7777-3333 〒150-8877 保険者番号 39393939 1961年4月5日生 記号 CANARYSYMBOL canary@example.com"
    )
    data["rule_ids"] += " CANARY-RULE-x"
    data["verdict"] = "CANARY-VERDICT"
    data.add("name", "CANARY-NAME-山田")
    data.add("a-birth_date", "1961-04-05")
    headers = {"User-Agent": "CANARY-UA-7f3e", "X-Forwarded-For": "203.0.113.77", "Referer": "https://localhost/"}
    caplog.set_level(logging.DEBUG)
    response = client.post("/ja/feedback", data=data, headers=headers, environ_base={"REMOTE_ADDR": "198.51.100.99"})
    assert response.status_code == 200

    [row] = stored_rows(app)
    assert row["answer"] == "no" and row["verdict"] is None
    assert "CANARY" not in row["rule_ids"] and row["rule_ids"]
    assert row["text"] == "電話 [phone] [postcode] [insurer-no] [date]生 [insurer-no] [email]"
    stored, logged = every_stored_value(app), caplog.text
    assert "Running upgrade" in logged  # the capture works: the store was made during this request
    assert [canary for canary in CANARIES if canary in stored] == []
    assert [canary for canary in CANARIES if canary in logged] == []
    app.extensions["feedback"].engine.dispose()


def test_the_rate_limit_counts_each_client_and_keeps_no_address(tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    app = app_on(f"sqlite:///{tmp_path / 'f.sqlite3'}", FEEDBACK_RATE_LIMIT="2 per minute")
    client = app.test_client()
    walk = result_of(client)
    here = {"REMOTE_ADDR": "192.0.2.10"}
    statuses = [send_from(client, walk.response, here).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    limited = send_from(client, walk.response, here)
    assert limited.status_code == 429
    assert "短い時間に多く送られました" in limited.get_data(as_text=True)
    assert send_from(client, walk.response, {"REMOTE_ADDR": "192.0.2.11"}).status_code == 200
    assert len(stored_rows(app)) == 3
    [limiter] = app.extensions["limiter"]
    keys = " ".join(limiter.storage.storage.keys())
    assert keys and "192.0.2" not in keys
    assert "exceeded" in caplog.text and "192.0.2" not in caplog.text


def send_from(client, response, environ):
    data = feedback_form(response)
    data["answer"] = "yes"
    return client.post("/ja/feedback", data=data, environ_base=environ)


def test_csrf_is_required(app, client):
    walk = result_of(client)
    data = feedback_form(walk.response)
    data["answer"] = "no"
    del data["csrf_token"]
    assert client.post("/ja/feedback", data=data).status_code == 400
    assert stored_rows(app) == []


def test_a_body_over_the_cap_is_refused_before_reading(app, client):
    walk = result_of(client)
    response = send(client, walk.response, answer="no", text="あ" * 6000)
    assert response.status_code == 413
    assert stored_rows(app) == []


def test_a_long_text_is_kept_to_500_characters(app, client):
    walk = result_of(client)
    assert send(client, walk.response, answer="unclear", text="か" * 800).status_code == 200
    assert stored_rows(app)[0]["text"] == "か" * 500


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("verdict", "maybe"),
        ("visit_month", "2026-11-23"),
        ("visit_month", "2026-13"),
        ("insurance", "<script>"),
        ("age_band", "40"),
        ("rules_as_of", "2999-01-01"),
        ("rules_as_of", "yesterday"),
    ],
)
def test_hidden_fields_outside_their_vocabulary_are_dropped(app, client, field, value):
    walk = result_of(client)
    assert send(client, walk.response, answer="yes", **{field: value}).status_code == 200
    assert stored_rows(app)[0][field] is None


@pytest.mark.parametrize("answer", ["", "maybe", "yes;DROP TABLE feedback"])
def test_only_the_three_answers_are_taken(app, client, answer):
    walk = result_of(client)
    assert send(client, walk.response, answer=answer).status_code == 422
    assert stored_rows(app) == []


def test_a_get_or_an_unknown_language_is_no_server_error(client):
    assert client.get("/ja/feedback").status_code == 405
    assert client.post("/xx/feedback", data={}).status_code in (400, 404)


def test_migrations_go_up_and_down(database_url):
    store = Store(database_url, migrate_on_first_use=False)
    store.upgrade()
    schema = inspect(store.engine)
    assert {column["name"] for column in schema.get_columns("feedback")} == STORED_COLUMNS
    assert [index["name"] for index in schema.get_indexes("feedback")] == ["ix_feedback_received_on"]
    store.downgrade("base")
    assert "feedback" not in inspect(store.engine).get_table_names()
    store.upgrade()
    store.add(record("yes", "myna_card"), date(2026, 11, 30))
    assert len(list(store.since(None))) == 1
    store.downgrade("base")
    store.engine.dispose()


def test_the_embedded_store_is_made_on_first_use_and_a_configured_one_by_the_job(tmp_path, caplog):
    embedded = create_app({"TESTING": True}).extensions["feedback"]
    assert embedded.migrate_on_first_use and str(embedded.engine.url).endswith("/instance/feedback.sqlite3")
    # DATABASE_URL: the migration job (`flask feedback upgrade`) makes the schema, not a request.
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path / 'unmigrated.sqlite3'}"})
    app.test_client_class = BrowserLikeClient
    client = app.test_client()
    walk = result_of(client)
    response = send(client, walk.response, answer="no", text="まだ表がない")
    assert response.status_code == 503 and "今は受け付けられませんでした" in response.get_data(as_text=True)
    assert "feedback not stored: OperationalError" in caplog.text and "まだ表がない" not in caplog.text
    assert app.test_cli_runner().invoke(args=["feedback", "upgrade"]).exit_code == 0
    assert send(client, walk.response, answer="no").status_code == 200


def record(answer: str, *rule_ids: str, text: str | None = None, verdict: str | None = "check") -> Record:
    return Record(
        answer=answer,
        rule_ids=rule_ids,
        verdict=verdict,
        visit_month="2026-11",
        insurance="national",
        age_band="6-69",
        lang="ja",
        rules_as_of=date(2026, 11, 23),
        text=text,
    )


def seed(store: Store) -> None:
    old = date(2026, 10, 1)
    store.add(record("no", "myna_card", text="古い話"), old)
    for answer in ("yes", "yes", "yes", "no"):
        store.add(record(answer, "myna_card"), date(2026, 11, 20))
    store.add(record("no", "kakuninsho_valid", text="最初の話"), date(2026, 11, 21))
    store.add(record("no", "kakuninsho_valid", "myna_card", text="二番目の話"), date(2026, 11, 22))
    store.add(record("no", "kakuninsho_valid"), date(2026, 11, 23))
    store.add(record("unclear", "kakuninsho_valid", text="三番目の話"), date(2026, 11, 25))
    store.add(record("no", verdict=None, text="QRを読めなかった"), date(2026, 11, 26))


def test_the_report_puts_the_rules_with_most_no_first_with_the_latest_texts(database_url):
    app = app_on(database_url)
    seed(app.extensions["feedback"])
    runner = app.test_cli_runner()
    result = runner.invoke(args=["feedback", "report", "--since", "2026-11-01", "--texts", "2"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    table = [line.split() for line in lines[2:] if not line.startswith("    ")]
    assert table == [
        ["kakuninsho_valid", "3", "1", "0", "4"],
        ["myna_card", "2", "0", "3", "5"],
        ["(申立書", "QR)", "1", "0", "0", "1"],
    ]
    texts = [line.strip() for line in lines if line.startswith("    ")]
    assert texts[0] == "[2026-11-25 unclear check 2026-11 national 6-69 ja 2026-11-23] 三番目の話"
    assert texts[1].endswith("二番目の話") and texts[2].endswith("二番目の話")
    assert "古い話" not in result.output and "最初の話" not in result.output  # before --since; beyond --texts

    every = runner.invoke(args=["feedback", "report", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(every.output)))
    assert [(row["rule_id"], row["no"], row["total"]) for row in rows] == [
        ("myna_card", "3", "6"),
        ("kakuninsho_valid", "3", "4"),
        ("(申立書 QR)", "1", "1"),
    ]
    assert rows[0]["latest_texts"].splitlines()[-1].endswith("古い話")
    app.extensions["feedback"].engine.dispose()


def test_the_report_of_an_empty_store_and_a_bad_date(app):
    runner = app.test_cli_runner()
    assert "rule ids: 0" in runner.invoke(args=["feedback", "report"]).output
    assert runner.invoke(args=["feedback", "report", "--since", "23/11/2026"]).exit_code == 2


def test_ci_runs_the_store_tests_against_debians_postgresql():
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "postgresql" in ci and "pg_ctlcluster" in ci and "export TEST_DATABASE_URL=" in ci
