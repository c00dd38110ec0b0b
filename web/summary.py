"""The "check your answers" rows: each question asked, the answer in words, and its step.

The words come from the question declarations (web/questions.py): a choice shows its label, a
date its day (with the 和暦 when the question offers eras), a number its format.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import gettext

from web.answers import parse_iso_date
from web.flow import FlowState
from web.i18n import format_day, text_html
from web.questions import QUESTION_BY_ID, Field, Question, shown
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
