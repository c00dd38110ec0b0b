"""The "check your answers" rows: each question asked, the answer in words, and its step."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from web import forms
from web.answers import parse_iso_date
from web.flow import FlowState
from web.i18n import format_day
from web.wareki import format_wareki

QUESTION_NAMES = {
    "who": _l("受診する人"),
    "birth": _l("生年月日（または年齢）"),
    "insurance": _l("保険の種類"),
    "holds": _l("持っているもの"),
    "registered": _l("マイナンバーカードの保険証登録"),
    "ecert": _l("電子証明書の有効期限"),
    "kakuninsho": _l("資格確認書の有効期限"),
    "subsidy": _l("医療証とマイナ保険証の連携"),
    "visit": _l("受診日"),
}


@dataclass(frozen=True)
class Row:
    step: str
    question: str
    answer: str


def choice_label(choices: list, value: str | None) -> str:
    return next((str(label) for key, label in choices if key == value), gettext("未回答"))


def day_text(value: str | None, with_wareki: bool = False) -> str:
    day = parse_iso_date(value)
    if day is None:
        return gettext("わからない")
    text = format_day(day)
    return f"{text}（{format_wareki(day)}）" if with_wareki else text


def answer_text(state: FlowState, step: str) -> str:
    answers, ui = state.answers, state.ui
    if step == "who":
        return choice_label(forms.WhoForm.who.kwargs["choices"], ui.get("who"))
    if step == "birth":
        if "age" in answers:
            return gettext("%(age)s歳", age=answers["age"])
        return day_text(answers.get("birth_date"), with_wareki=True)
    if step == "insurance":
        return choice_label(forms.INSURANCE_CHOICES, answers.get("insurance"))
    if step == "holds":
        held = answers.get("holds") or ["none"]
        return gettext("、").join(choice_label(forms.HOLDS_CHOICES, item) for item in held)
    if step == "registered":
        return choice_label(forms.YES_NO_UNKNOWN, answers.get("mynumber_registered"))
    if step == "ecert":
        if "card_issued" in answers:
            return gettext("カードの発行日: %(day)s", day=day_text(answers["card_issued"]))
        return day_text(answers.get("ecert_expiry"))
    if step == "kakuninsho":
        return day_text(answers.get("kakuninsho_expiry"), with_wareki=True)
    if step == "subsidy":
        return choice_label(forms.YES_NO_UNKNOWN, answers.get("subsidy_linked"))
    return day_text(answers.get("visit_date"))


def answer_rows(state: FlowState) -> list[Row]:
    return [Row(step.id, str(QUESTION_NAMES[step.id]), answer_text(state, step.id)) for step in state.asked_steps()]
