"""Calendar reminders (.ics): valid RFC 5545 with a UTC DTSTAMP, what to do, and an alarm ahead of
each date; the device's builder (static/js/calendar.js) makes the same events and the same file as
the server's (web/calendar.py) from the same data."""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from conftest import soup_of
from flask_babel import force_locale
from test_pages import ADULT, answer_all
from werkzeug.datastructures import MultiDict

from web.calendar import REMINDERS, calendar_data, events, to_ical
from web.guide_text import TIMELINE_LABELS
from web.i18n import fast_gettext as gettext

HERE = Path(__file__).parent
CASES = json.loads((HERE / "vectors" / "calendar_cases.json").read_text(encoding="utf-8"))["cases"]


def inputs(lang: str) -> list[dict]:
    """Each case with the words of `lang`, as the device would have them."""
    with force_locale(lang):
        data = calendar_data()
        labels = {key: gettext(text) for key, text in TIMELINE_LABELS.items()}
    return [
        {
            "name": case["name"],
            "timeline": case["timeline"],
            "labels": {entry["id"]: labels.get(entry["id"], entry["id"]) for entry in case["timeline"]},
            "data": data,
            "rules_as_of": case["rules_as_of"],
        }
        for case in CASES
    ]


def parsed_events(ics: bytes | str) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(ics)
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    return list(calendar.walk("VEVENT"))


def check_event(event: icalendar.Event, rules_as_of: str) -> None:
    """What RFC 5545 requires of an event, and what the user needs from it."""
    stamp = event.decoded("DTSTAMP")
    assert isinstance(stamp, datetime) and stamp.tzinfo is not None and stamp.utcoffset() == timedelta(0)
    assert stamp == datetime.fromisoformat(rules_as_of).replace(tzinfo=UTC)
    assert event["UID"] and event["SUMMARY"]
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert type(start) is date and end == start + timedelta(days=1)
    assert len(str(event["DESCRIPTION"])) > 20
    alarms = event.walk("VALARM")
    assert len(alarms) == 1
    alarm = alarms[0]
    assert str(alarm["ACTION"]) == "DISPLAY" and str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])
    trigger = alarm.decoded("TRIGGER")
    # Rings at 09:00 on the day or before it, never after the date has begun.
    assert trigger <= timedelta(hours=9) and trigger % timedelta(days=1) == timedelta(hours=9)


def properties(component: icalendar.Component) -> list:
    """Every property and subcomponent, unfolded and decoded, for comparing two files' events."""
    items = component.property_items(recursive=True)
    return sorted((name, value if isinstance(value, bytes) else value.to_ical()) for name, value in items)


def content_lines(ics: bytes) -> list[str]:
    """The file's lines, unfolded, in any order (icalendar writes properties in its own order)."""
    return sorted(ics.decode().replace("\r\n ", "").split("\r\n"))


def run_device(node: str, cases: list[dict]) -> list[dict]:
    result = subprocess.run(
        [node, str(HERE / "js" / "calendar_cli.mjs")],
        input=json.dumps(cases, ensure_ascii=False),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_server_makes_the_expected_events_each_valid_with_an_alarm(app, lang):
    with app.test_request_context(f"/{lang}/"):
        for case in inputs(lang):
            made = events(case["timeline"], case["labels"], case["data"])
            expected = next(c["expected"] for c in CASES if c["name"] == case["name"])
            assert [{k: e[k] for k in ("uid", "start", "end", "trigger")} for e in made] == expected, case["name"]
            parsed = parsed_events(to_ical(made, case["rules_as_of"], case["data"]["prodid"]))
            assert len(parsed) == len(expected)
            for event, wanted in zip(parsed, made, strict=True):
                check_event(event, case["rules_as_of"])
                assert str(event["DESCRIPTION"]) == wanted["description"]


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_device_makes_the_same_events_and_the_same_file(app, node, lang):
    with app.test_request_context(f"/{lang}/"):
        cases = inputs(lang)
        server = [events(c["timeline"], c["labels"], c["data"]) for c in cases]
        files = [to_ical(made, c["rules_as_of"], c["data"]["prodid"]) for made, c in zip(server, cases, strict=True)]
    device = run_device(node, cases)
    for case, made, file, on_device in zip(cases, server, files, device, strict=True):
        assert on_device["events"] == made, case["name"]
        on_server = parsed_events(file)
        for event, same in zip(parsed_events(on_device["ics"]), on_server, strict=True):
            check_event(event, case["rules_as_of"])
            assert properties(event) == properties(same), case["name"]
        assert all(len(line.encode()) <= 75 for line in on_device["ics"].split("\r\n")), case["name"]
        # The same content lines, escapes included (a parser forgives an unescaped comma; RFC 5545 does not).
        assert content_lines(on_device["ics"].encode()) == content_lines(file), case["name"]


def test_every_timeline_date_has_a_reminder():
    assert set(TIMELINE_LABELS) <= set(REMINDERS)


def test_the_calendar_download_is_valid_and_says_what_to_do(flow, client):
    walk = answer_all(flow, ADULT, "en")
    soup = soup_of(walk.press("result"))
    button = soup.select_one("button[formaction$='calendar.ics']")
    data = MultiDict(
        [(f["name"], f.get("value", "")) for f in soup.select(f"form#{button['form']} input[type=hidden]")]
    )
    response = client.post(button["formaction"], data=data)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert response.headers["Cache-Control"] == "no-store"
    parsed = parsed_events(response.get_data())
    # The renewal window opened in October: only the expiry and the end of the grace are ahead.
    assert [event.decoded("DTSTART") for event in parsed] == [date(2027, 1, 10), date(2027, 4, 30)]
    for event in parsed:
        check_event(event, "2026-11-23")
        assert event.walk("VALARM")[0].decoded("TRIGGER") == timedelta(days=-14, hours=9)
    assert "renew" in str(parsed[0]["DESCRIPTION"]).lower() or "更新" in str(parsed[0]["DESCRIPTION"])
