"""The question flow: which questions, in which order, and which are asked only when an earlier
answer makes them matter. Also how answers travel between pages.

The server keeps nothing between requests. Every question page carries the answers given so far
as hidden fields of its POST form (never in the URL), and every request checks them again with
the same validation as the API. Closing the page or pressing "start over" forgets everything.

Family mode (「もう一人追加」): the people already finished travel the same way, each under its own
prefix (`p1-a-age`, `p1-done`, …), and each is checked on every request like the person being
answered, and must be complete.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from web import numbers
from web.answers import KEYS, parse_answers
from web.engine import holds_condition
from web.forms import QuestionForm, form_class
from web.questions import CARD_ITEMS, QUESTIONS, UI_NAMES, UI_VALUES, Question


@dataclass(frozen=True)
class Step:
    """A question as the flow sees it: its page's form, the keys it answers, when it is asked."""

    question: Question

    @property
    def id(self) -> str:
        return self.question.id

    @property
    def form(self) -> type[QuestionForm]:
        return form_class(self.question.id)

    @property
    def sets(self) -> tuple[str, ...]:
        return self.question.keys

    @property
    def asked_if(self) -> dict[str, Any] | None:
        return self.question.asked_if


STEPS: tuple[Step, ...] = tuple(Step(question) for question in QUESTIONS)
STEP_BY_ID = {step.id: step for step in STEPS}
UI_KEYS = UI_NAMES
CHECK = "check"
MAX_PEOPLE = 6  # in one result: a carer with the family; more would be a long page to print


class TamperedState(ValueError):
    """The carried answers do not validate: the page was edited or is from another version."""


@dataclass
class FlowState:
    answers: dict[str, Any] = field(default_factory=dict)
    ui: dict[str, str] = field(default_factory=dict)
    answered: list[str] = field(default_factory=list)
    # The people finished before this one (family mode), in order; each has no `people` itself.
    people: list[FlowState] = field(default_factory=list)

    @classmethod
    def from_form(cls, form: MultiDict[str, str], today: date) -> FlowState:
        state = cls.one_from_form(form, today)
        while f"p{len(state.people) + 1}-done" in form:
            if len(state.people) + 1 >= MAX_PEOPLE:
                raise TamperedState("people")
            person = cls.one_from_form(form, today, f"p{len(state.people) + 1}-")
            if not person.is_complete() or parse_answers(person.guide_request(), today).errors:
                raise TamperedState("people")
            state.people.append(person)
        return state

    @classmethod
    def one_from_form(cls, form: MultiDict[str, str], today: date, prefix: str = "") -> FlowState:
        """One person's state, carried under `prefix`."""
        state = cls()
        for key in KEYS:
            name = f"{prefix}a-{key}"
            if key == "holds":
                if name in form:
                    state.answers["holds"] = [item for item in form.getlist(name) if item]
            elif form.get(name):
                value = form[name]
                if key == "age":
                    age = numbers.read_int(value, 3)
                    if age is None:
                        raise TamperedState(key)
                    state.answers[key] = age
                else:
                    state.answers[key] = value
        for key in UI_KEYS:
            if form.get(f"{prefix}u-{key}"):
                if form[f"{prefix}u-{key}"] not in UI_VALUES[key]:
                    raise TamperedState(key)
                state.ui[key] = form[f"{prefix}u-{key}"]
        state.answered = [step for step in form.get(f"{prefix}done", "").split(",") if step in STEP_BY_ID]
        placeholders = {"insurance": "unknown"} if "insurance" not in state.answers else {}
        if "birth_date" not in state.answers and "age" not in state.answers:
            placeholders["age"] = 0
        if parse_answers({**placeholders, **state.answers}, today).errors:
            raise TamperedState("answers")
        return state

    def hidden_fields(self, prefix: str = "") -> list[tuple[str, str]]:
        """(name, value) pairs to carry this state (and the people before it) in the next page's forms."""
        pairs: list[tuple[str, str]] = []
        for key, value in self.answers.items():
            if key == "holds":
                pairs.append((f"{prefix}a-holds", ""))  # so that "holds nothing" is still an answer
                pairs.extend((f"{prefix}a-holds", item) for item in value)
            else:
                pairs.append((f"{prefix}a-{key}", str(value)))
        pairs.extend((f"{prefix}u-{key}", value) for key, value in self.ui.items())
        pairs.append((f"{prefix}done", ",".join(self.answered)))
        for number, person in enumerate(self.people, start=1):
            pairs.extend(person.hidden_fields(f"p{number}-"))
        return pairs

    def hidden_html(self) -> Markup:
        """The hidden inputs that carry this state, built once (pages repeat them in several forms)."""
        return hidden_inputs(self.hidden_fields())

    def alone(self) -> FlowState:
        """This person without the people before them (for what is made per person)."""
        return FlowState(self.answers, self.ui, self.answered)

    def everyone(self) -> list[FlowState]:
        """Every person in the order they were added, this one last."""
        return [*self.people, self.alone()]

    def add_person(self) -> FlowState:
        """Keep this (finished) person and start the questions again for the next one."""
        return FlowState(people=self.everyone())

    def without_person(self, index: int) -> FlowState:
        """This state with the index-th earlier person (from 0) removed."""
        return FlowState(self.answers, self.ui, self.answered, self.people[:index] + self.people[index + 1 :])

    def take_back_last(self) -> FlowState:
        """Back from the first question of a new person: the one before is answered again."""
        last = self.people[-1]
        return FlowState(last.answers, last.ui, last.answered, self.people[:-1])

    def facts(self) -> dict[str, Any]:
        holds = set(self.answers.get("holds", []))
        return {"holds": holds, "has_card": bool(holds & set(CARD_ITEMS))}

    def is_asked(self, step: Step) -> bool:
        return step.asked_if is None or holds_condition(step.asked_if, self.facts())

    def asked_steps(self) -> list[Step]:
        return [step for step in STEPS if self.is_asked(step)]

    def record(self, step: Step, answers: dict[str, Any], ui: dict[str, str]) -> None:
        for key in step.sets:
            self.answers.pop(key, None)
        self.answers.update(answers)
        self.ui.update(ui)
        if step.id not in self.answered:
            self.answered.append(step.id)
        self.forget_unasked()

    def forget_unasked(self) -> None:
        """Drop answers to questions that no longer apply (holds changed), so they cannot count."""
        for step in STEPS:
            if not self.is_asked(step):
                for key in step.sets:
                    self.answers.pop(key, None)
                if step.id in self.answered:
                    self.answered.remove(step.id)

    def is_complete(self) -> bool:
        return all(step.id in self.answered for step in self.asked_steps())

    def guide_request(self) -> dict[str, Any]:
        return dict(self.answers)


def hidden_inputs(pairs: list[tuple[str, str]]) -> Markup:
    return Markup("").join(
        Markup('<input type="hidden" name="{}" value="{}">').format(name, value) for name, value in pairs
    )


def next_step(state: FlowState, current: str, changing: bool) -> str:
    """After answering `current`: the next question, or the check page.

    When the user came from the check page to change one answer, go back there unless the change
    made a new question necessary (GOV.UK "check answers" pattern).
    """
    asked = state.asked_steps()
    if changing:
        return next((step.id for step in asked if step.id not in state.answered), CHECK)
    ids = [step.id for step in asked]
    if current in ids and ids.index(current) + 1 < len(ids):
        return ids[ids.index(current) + 1]
    return next((step.id for step in asked if step.id not in state.answered), CHECK)


def previous_step(state: FlowState, current: str) -> str | None:
    """The question before `current` (None before the first, meaning the start page)."""
    ids = [step.id for step in state.asked_steps()]
    if current == CHECK:
        return ids[-1]
    if current not in ids or ids.index(current) == 0:
        return None
    return ids[ids.index(current) - 1]
