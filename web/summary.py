"""The "check your answers" rows: each question asked, the answer in words, and its step.

The words come from the question declarations (web/questions.py): a choice shows its label, a
date its day (with the 和暦 when the question offers eras), a number its format.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext
from markupsafe import Markup

from web.answers import parse_iso_date
from web.flow import FlowState
from web.i18n import format_day, text_html
from web.questions import FIELDS_BY_KEY, QUESTION_BY_ID, Field, Question, shown
from web.wareki import format_wareki


@dataclass(frozen=True)
class Row:
    step: str
    question: str
    answer: str


def day_text(value: str | None, with_wareki: bool = False) -> str:
    day = parse_iso_date(value)
    if day is None:
        return gettext("わからない")
    text = format_day(day)
    return f"{text}（{format_wareki(day)}）" if with_wareki else text


def value_text(f: Field, value: Any) -> str:
    if f.kind == "date":
        text = day_text(value, with_wareki=f.era)
    elif f.kind == "checkboxes":
        text = gettext("、").join(str(f.label_of(item)) for item in value or [f.exclusive])
    elif f.kind == "radio":
        text = str(f.label_of(value) or gettext("未回答"))
    else:
        text = str(value)
    if callable(f.answer_format):
        return f.answer_format(value)
    return str(f.answer_format) % {"day": text} if f.answer_format else text


def answer_text(question: Question, answers: dict[str, Any], ui: dict[str, str]) -> str:
    """The answer in words; a radio that only reveals other fields lets them speak."""
    parts = []
    for f in question.fields:
        if not shown(question, f, ui) or question.revealing(f.name):
            continue
        value = answers.get(f.key) if f.key else ui.get(f.name)
        if value is not None:
            parts.append(value_text(f, value))
    return gettext("、").join(parts) or gettext("わからない")


def answer_rows(state: FlowState) -> list[Row]:
    return [
        Row(
            step.id,
            text_html(str(QUESTION_BY_ID[step.id].summary)),
            text_html(answer_text(step.question, state.answers, state.ui)),
        )
        for step in state.asked_steps()
    ]


def person_text(state: FlowState) -> str:
    """Who a person is, in a few words and nothing identifying (「子ども・2019年生まれ」): to tell
    the people of a family apart on the pages before and in the result."""
    who = str(FIELDS_BY_KEY["visitor"].label_of(state.answers.get("visitor", "me")))
    birth = parse_iso_date(state.answers.get("birth_date"))
    if birth is not None:
        return gettext("%(who)s・%(year)s年生まれ", who=who, year=birth.year)
    if state.answers.get("age") is not None:
        return gettext("%(who)s・%(age)s歳", who=who, age=state.answers["age"])
    return who


def people_rows(state: FlowState) -> list[Markup]:
    """「1人目: 子ども・2019年生まれ」 for each person added before the one being answered."""
    return [
        text_html(gettext("%(number)s人目: %(person)s", number=number, person=person_text(person)))
        for number, person in enumerate(state.people, start=1)
    ]
