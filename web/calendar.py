"""Calendar reminders (.ics, RFC 5545) for the coming dates of a guide's timeline.

The device makes the same events offline (static/js/calendar.js) from the same data: `REMINDERS`
travels to it, translated, in guide-texts.json. tests/test_calendar.py runs both builders over
tests/vectors/calendar_cases.json and parses every event they make.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import icalendar

from web.guide_text import N_
from web.i18n import fast_gettext as gettext
from web.ruby import base_text, base_text_deep

# For each timeline date: what to do, and how many days ahead the alarm rings (at ALARM_HOUR,
# local time). An expiry warns two weeks ahead; the card itself three months ahead, as a new card
# takes about a month; a renewal window rings the day it opens.
REMINDERS = {
    "ecert_renewal_opens": (
        0,
        N_(
            "電子証明書の更新ができるようになりました。有効期限が切れる前に、市区町村の窓口で更新してください（オンラインではできません）。"
        ),
    ),
    "ecert_expiry": (
        14,
        N_(
            "電子証明書の有効期限です。まだ更新していなければ、市区町村の窓口で更新してください（オンラインではできません）。"
        ),
    ),
    "ecert_grace_end": (
        14,
        N_(
            "この日を過ぎると、マイナ保険証として使えなくなります。それまでに電子証明書を更新してください。更新しない場合は、保険者から届く資格確認書を持って行きます。"
        ),
    ),
    "kakuninsho_expiry": (
        14,
        N_(
            "資格確認書の有効期限です。新しい資格確認書か資格情報のお知らせが届いているか確かめてください。届いていなければ、保険者に問い合わせてください。"
        ),
    ),
    "card_expiry": (
        90,
        N_(
            "マイナンバーカード本体の有効期限です。新しいカードができるまで1か月ほどかかるので、早めに市区町村で手続きしてください。"
        ),
    ),
    "preschool_end": (
        14,
        N_("この日で未就学の負担割合（2割）が終わり、翌日から3割になります。医療証の内容も確かめてください。"),
    ),
    "copay_70": (
        14,
        N_("この日から窓口での負担割合が70〜74歳のもの（2割など）になります。保険者から届く書類を確かめてください。"),
    ),
    "elderly_75": (
        14,
        N_(
            "75歳の誕生日から後期高齢者医療に入り、それまでの保険は使えなくなります。広域連合から届く資格確認書などを確かめてください。"
        ),
    ),
}
ALARM_HOUR = 9
PRODID = "-//Mochimono//受診もちものナビ//JA"


def calendar_data() -> dict[str, Any]:
    """Everything both builders need, in the request's language; the device receives it in
    guide-texts.json, so the alarm offsets and words are defined only here."""
    return {
        "prodid": PRODID,
        "reminders": {
            key: {"trigger": alarm_trigger(days), "description": gettext(text)}
            for key, (days, text) in REMINDERS.items()
        },
    }


def alarm_trigger(days_before: int) -> str:
    """The alarm's offset from the start of the all-day event, as an RFC 5545 duration."""
    offset = timedelta(days=-days_before, hours=ALARM_HOUR)
    return icalendar.vDuration(offset).to_ical().decode()


def events(timeline: list[dict[str, Any]], labels: dict[str, str], data: dict[str, Any]) -> list[dict]:
    """One event per coming date: `timeline` as in the guide document, `labels` and `data` (from
    `calendar_data()`) in one language. The shape is the one static/js/calendar.js makes."""
    made = []
    for entry in timeline:
        if entry["past"]:
            continue
        day = date.fromisoformat(entry["date"])
        reminder = data["reminders"][entry["id"]]
        made.append(
            {
                "uid": f"{entry['id']}-{entry['date']}@mochimono",
                "start": entry["date"],
                "end": (day + timedelta(days=1)).isoformat(),
                "summary": labels[entry["id"]],
                "description": reminder["description"],
                "trigger": reminder["trigger"],
            }
        )
    return made


def to_ical(made: list[dict[str, Any]], rules_as_of: str, prodid: str = PRODID) -> bytes:
    """The calendar file. DTSTAMP must be UTC; the rules date (at midnight UTC) says which rules
    made these reminders and keeps the file the same for the same answers."""
    stamp = datetime.combine(date.fromisoformat(rules_as_of), time(0, 0), tzinfo=UTC)
    cal = icalendar.Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    for event in made:
        component = icalendar.Event()
        component.add("uid", event["uid"])
        component.add("dtstamp", stamp)
        component.add("dtstart", date.fromisoformat(event["start"]))
        component.add("dtend", date.fromisoformat(event["end"]))
        component.add("summary", event["summary"])
        component.add("description", event["description"])
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", event["summary"])
        alarm.add("trigger", icalendar.vDuration.from_ical(event["trigger"]))
        component.add_component(alarm)
        cal.add_component(component)
    return cal.to_ical()


def guide_calendar(document: dict[str, Any]) -> bytes:
    """The .ics for a guide document (web/present.py), in the request's language."""
    labels = {entry["id"]: base_text(entry["label"]) for entry in document["timeline"]}
    data = base_text_deep(calendar_data())  # a calendar is plain text: furigana readings go
    return to_ical(events(document["timeline"], labels, data), document["rules_as_of"], data["prodid"])
