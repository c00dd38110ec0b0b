"""The question pages' forms, made from the declarations in web/questions.py.

Each question becomes a WTForms form; `QuestionForm.validate` reads every shown field into the
guide's vocabulary (format problems: a missing choice, a date that does not exist) and then runs
the same cross-field checks as the API (web/answers.check_constraints), so a page and the API
cannot disagree about what is valid.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from functools import cache
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, SelectMultipleField, StringField, widgets

from web import answers as vocab
from web import numbers, questions
from web.questions import DATE_MESSAGES, QUESTION_BY_ID, SHORT_YEAR, Field, Question, shown
from web.ruby import lazy_base_text
from web.wareki import WarekiError, from_wareki, to_wareki

ERA_CHOICES = [(choice.value, lazy_base_text(choice.label)) for choice in questions.ERA_CHOICES]


class DateParts:
    """Reads a 年・月・日 group (with an optional era) into a date, or says what is wrong with it."""

    def __init__(self, era: str | None, year: str | None, month: str | None, day: str | None):
        self.era = era or "western"
        self.parts = [(part or "").strip(numbers.EDGE_SPACES) for part in (year, month, day)]

    @property
    def empty(self) -> bool:
        return not any(self.parts)

    def read(self) -> date:
        """Raises ValueError with one of: incomplete, not_a_number, invalid, outside_era,
        short_year (a western year under 1000, e.g. a 令和 year typed with 西暦), out_of_range."""
        if not all(self.parts):
            raise ValueError("incomplete")
        year, month, day = numbers.read_date_parts(self.parts)
        if self.era != "western":
            try:
                return numbers.checked_date(from_wareki(self.era, year, month, day))
            except WarekiError:
                raise ValueError("outside_era" if 1 <= month <= 12 and 1 <= day <= 31 else "invalid") from None
        if year < 1000:
            raise ValueError("short_year")
        try:
            return numbers.checked_date(date(year, month, day))
        except ValueError as exc:
            raise ValueError(numbers.date_problem(exc)) from None


def split_date(value: date | None, era: str = "western") -> dict[str, str]:
    if value is None:
        return {"era": era, "year": "", "month": "", "day": ""}
    year = value.year
    if era != "western":
        era_obj, year = to_wareki(value)
        era = era_obj.key
    return {"era": era, "year": str(year), "month": str(value.month), "day": str(value.day)}


def date_message(code: str, with_era: bool) -> Any:
    return SHORT_YEAR[with_era] if code == "short_year" else DATE_MESSAGES[code]


def printable(value: Any) -> Any:
    """Typed text without control characters, surrogates or noncharacters: a page may show it
    again, and HTML cannot hold those."""
    if not isinstance(value, str):
        return value
    return "".join(
        ch
        for ch in value
        if ch in "\t\n\r"
        or not (unicodedata.category(ch) in ("Cc", "Cs") or 0xFDD0 <= ord(ch) <= 0xFDEF or (ord(ch) & 0xFFFE) == 0xFFFE)
    )


def wtforms_fields(f: Field) -> dict[str, Any]:
    """The WTForms fields behind one declared field."""
    choices = [(choice.value, choice.label) for choice in f.choices]
    if f.kind == "radio":
        return {f.name: RadioField(f.label, choices=choices, validate_choice=False)}
    if f.kind == "checkboxes":
        return {
            f.name: SelectMultipleField(
                f.label,
                choices=choices,
                widget=widgets.ListWidget(prefix_label=False),
                option_widget=widgets.CheckboxInput(),
                validate_choice=False,
            )
        }
    if f.kind == "number":
        return {f.name: StringField(f.label)}
    fields: dict[str, Any] = {
        f"{f.name}_year": StringField(_l("年")),
        f"{f.name}_month": StringField(_l("月")),
        f"{f.name}_day": StringField(_l("日")),
    }
    if f.era:
        fields[f"{f.name}_era"] = SelectField(_l("西暦または元号"), choices=ERA_CHOICES, default=f.default_era)
    return fields


class TypedTextForm(FlaskForm):
    """A form whose every field drops characters HTML cannot hold (see `printable`) as it reads
    what was sent, so a page that shows the input again stays valid."""

    class Meta:
        def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Any:
            filters = unbound_field.kwargs.get("filters", ())
            unbound_field.kwargs["filters"] = (printable, *[f for f in filters if f is not printable])
            return unbound_field.bind(form=form, **options)


class QuestionForm(TypedTextForm):
    """A question page. After `validate()`, `answers` holds the guide keys it set and `ui` the
    display-only choices to keep (such as the era the user typed in)."""

    question: Question

    def __init__(self, *args: Any, today: date, context: dict[str, Any] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.today = today
        self.context = context or {}
        self.answers: dict[str, Any] = {}
        self.ui: dict[str, str] = {}

    def error_field(self, f: Field) -> Any:
        """The WTForms field that carries a declared field's error (a date's year box)."""
        return self[f"{f.name}_year" if f.kind == "date" else f.name]

    def fail(self, f: Field, message: Any) -> None:
        self.error_field(f).errors.append(str(message))

    def validate(self, extra_validators: Any = None) -> bool:
        super().validate(extra_validators)
        self.answers, self.ui = {}, {}
        for f in self.question.fields:
            self.ui.update({name: self[name].data or "" for name in f.ui_names if name in self})
        self.infer_revealing_choices()
        for f in self.question.fields:
            if shown(self.question, f, self.ui):
                self.read_field(f)
        self.check_one_of()
        if not self.errors:
            self.check_constraints()
        return not self.errors

    def infer_revealing_choices(self) -> None:
        """A date typed under a choice that was not ticked (all fields show without JavaScript)
        means that choice, when it is the only one with something typed."""
        for f in self.question.fields:
            if f.kind != "radio" or self.ui.get(f.name) or not self.question.revealing(f.name):
                continue
            typed = [
                g.shown_when[1]
                for g in self.question.fields
                if g.shown_when and g.shown_when[0] == f.name and self.typed(g)
            ]
            if len(typed) == 1:
                self.ui[f.name] = typed[0]

    def typed(self, f: Field) -> bool:
        names = [f"{f.name}_{part}" for part in ("year", "month", "day")] if f.kind == "date" else [f.name]
        return any((self[name].data or "").strip(numbers.EDGE_SPACES) for name in names if name in self)

    def read_field(self, f: Field) -> None:
        value = self.field_value(f)
        if value is None:
            if f.required and not self.error_field(f).errors:
                self.fail(f, f.required)
        elif f.key:
            self.answers[f.key] = value

    def field_value(self, f: Field) -> Any:
        """The field's answer in the guide's vocabulary; None when empty or wrong (wrong: an error
        is recorded)."""
        data = self.ui.get(f.name) if f.key is None else (self[f.name].data if f.name in self else None)
        if f.kind == "radio":
            valid = data in {choice.value for choice in f.choices}
            return data if valid else None
        if f.kind == "checkboxes":
            items = [item for item in data or [] if item in {choice.value for choice in f.choices}]
            if not items or len(items) != len(data or []):
                return None
            if f.exclusive in items and len(items) > 1:
                self.fail(f, f.exclusive_error)
                return None
            return [item for item in items if item != f.exclusive]
        if f.kind == "number":
            if not (data or "").strip(numbers.EDGE_SPACES):
                return None
            number, problem = numbers.read_digits(data, len(str(f.maximum)))
            if number is None or number > (f.maximum or 0):
                self.fail(f, f.number_errors[0] if problem == "not_a_number" else f.number_errors[1])
                return None
            return number
        return self.date_value(f)

    def date_value(self, f: Field) -> str | None:
        parts = DateParts(
            self[f"{f.name}_era"].data if f.era else "western",
            self[f"{f.name}_year"].data,
            self[f"{f.name}_month"].data,
            self[f"{f.name}_day"].data,
        )
        if parts.empty:
            return None
        try:
            return parts.read().isoformat()
        except ValueError as exc:
            self.fail(f, date_message(str(exc), f.era))
            return None

    def check_one_of(self) -> None:
        if self.question.one_of is None or self.errors:
            return
        names, message = self.question.one_of
        fields = [f for f in self.question.fields if f.name in names]
        if not any(f.key in self.answers for f in fields):
            self.fail(fields[0], message)

    def check_constraints(self) -> None:
        """The API's cross-field checks over the answers so far and this page's."""
        merged = {key: value for key, value in self.context.items() if key not in self.question.keys}
        merged.update(self.answers)
        for key, message in vocab.constraint_messages(merged, self.today, self.question.keys):
            self.fail(next(f for f in self.question.fields if f.key == key), message)

    @classmethod
    def prefill(cls, answers: dict[str, Any], ui: dict[str, str]) -> dict[str, Any]:
        """The form data that shows kept answers again."""
        values: dict[str, Any] = {}
        for f in cls.question.fields:
            if f.key is None:
                values[f.name] = ui.get(f.name)
            elif f.kind == "date":
                era = ui.get(f"{f.name}_era", f.default_era) if f.era else "western"
                parts = split_date(vocab.parse_iso_date(answers.get(f.key)), era)
                values.update({f"{f.name}_{part}": text for part, text in parts.items() if f.era or part != "era"})
            elif f.kind == "checkboxes":
                if f.key in answers:
                    values[f.name] = answers[f.key] or [f.exclusive]
            elif answers.get(f.key) is not None:
                values[f.name] = str(answers[f.key])
        return values


@cache
def form_class(question_id: str) -> type[QuestionForm]:
    question = QUESTION_BY_ID[question_id]
    attributes: dict[str, Any] = {"question": question}
    for f in question.fields:
        attributes.update(wtforms_fields(f))
    return type(f"{question_id.title()}Form", (QuestionForm,), attributes)
