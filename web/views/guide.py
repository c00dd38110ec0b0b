"""The question flow: one question per page, then "check your answers", then the guide.

Every step is a POST to the same URL carrying the answers so far (web/flow.py); nothing is kept
on the server, in the URL or in cookies.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Response, abort, render_template, request

from web import flow, numbers
from web.answers import parse_answers
from web.calendar import guide_calendar
from web.clinic import current as clinic_settings
from web.engine import make_guide
from web.feedback.fields import context_of_guide
from web.flow import CHECK, MAX_PEOPLE, STEP_BY_ID, FlowState, TamperedState
from web.i18n import localized_blueprint
from web.present import guide_document
from web.questions import QUESTION_BY_ID
from web.result_view import result_view
from web.summary import answer_rows, people_rows, person_text
from web.timeutil import today_in_tokyo

bp = localized_blueprint("guide", __name__, "/guide")


@bp.record_once
def share_questions(setup: Any) -> None:
    setup.app.jinja_env.globals["QUESTION_BY_ID"] = QUESTION_BY_ID


def render_question(
    state: FlowState, step_id: str, form: Any = None, changing: bool = False, status: int = 200, draft: Any = None
) -> Any:
    """A question page; `draft` is what the user had typed but not yet sent (kept across a
    language switch)."""
    step = STEP_BY_ID[step_id]
    today = today_in_tokyo()
    if form is None:
        data = step.form.prefill(state.answers, state.ui)
        if step_id == "visit" and "visit_date" not in state.answers:
            # The next person of a family most likely comes the same day as the one before.
            earlier = [person.answers["visit_date"] for person in state.people if "visit_date" in person.answers]
            day = date.fromisoformat(earlier[-1]) if earlier else today
            data.update(visit_year=str(day.year), visit_month=str(day.month), visit_day=str(day.day))
        form = step.form(formdata=draft, data=data, today=today, context=state.answers)
    body = render_template(
        "pages/guide/question.html",
        form=form,
        state=state,
        step=step_id,
        changing=changing,
        who=state.answers.get("visitor", "me"),
        has_previous=flow.previous_step(state, step_id) is not None or bool(state.people),
        people=people_rows(state),
    )
    return body, status


def render_check(state: FlowState, status: int = 200) -> Any:
    body = render_template(
        "pages/guide/check.html",
        state=state,
        rows=answer_rows(state),
        step=CHECK,
        people=people_rows(state),
        number=len(state.people) + 1,
        max_people=MAX_PEOPLE,
    )
    return body, status


def guide_for(answers: Any) -> Any:
    """The guide for these answers, with the facts of the clinic whose link the user came by."""
    clinic = clinic_settings()
    return make_guide(answers, clinic.facts() if clinic else None)


def render_result(state: FlowState) -> Any:
    parsed = parse_answers(state.guide_request(), today_in_tokyo())
    if parsed.answers is None:
        return render_check(state, 422)
    if state.people:
        return render_family_result(state)
    guide = guide_for(parsed.answers)
    view = result_view(guide, guide_document(guide))
    return render_template(
        "pages/guide/result.html", state=state, view=view, step="result", feedback_fields=context_of_guide(guide)
    )


def render_family_result(state: FlowState) -> Any:
    """Several people in one result: each person's view, with what that person's own forms carry
    (their 申立書 and calendar buttons post that person's answers only)."""
    today = today_in_tokyo()
    people = []
    for number, person in enumerate(state.everyone(), start=1):
        answers = parse_answers(person.guide_request(), today).answers
        if answers is None:  # every person was checked when read (FlowState.from_form)
            abort(400)
        guide = guide_for(answers)
        people.append(
            {
                "number": number,
                "text": person_text(person),
                "view": result_view(guide, guide_document(guide)),
                "hidden": person.hidden_html(),
            }
        )
    return render_template("pages/guide/result.html", state=state, people=people, step="result")


@bp.get("")
def first_question() -> Any:
    return render_question(FlowState(), flow.STEPS[0].id)


@bp.post("")
def answer() -> Any:
    """Handle one press of a flow button: next, back, change an answer, show the result."""
    today = today_in_tokyo()
    try:
        state = FlowState.from_form(request.form, today)
    except TamperedState:
        return render_template("pages/guide/lost.html"), 400
    current = request.form.get("step", "")
    nav = request.form.get("nav", "next")
    changing = request.form.get("changing") == "1"

    if nav == "stay":
        return show(state, current, changing, draft=request.form)
    if nav == "back" and current == "result":
        return show(state, CHECK, changing)  # 「回答を見直す」: the answers, everyone kept
    if nav == "back":
        previous = flow.previous_step(state, current)
        if previous is None and state.people:
            return render_check(state.take_back_last())
        return render_question(state, previous) if previous else render_template("pages/start.html")
    if nav == "add":
        return add_person(state, current, changing)
    if nav.startswith("remove:"):
        index = numbers.read_int(nav[len("remove:") :], 1)
        if index is None or not 1 <= index <= len(state.people):
            return render_template("pages/guide/lost.html"), 400
        return show(state.without_person(index - 1), current, changing)
    if nav.startswith("change:") and nav[len("change:") :] in STEP_BY_ID:
        return render_question(state, nav[len("change:") :], changing=True)
    if nav == "result":
        return render_result(state) if state.is_complete() else show(state, current, changing)
    if current not in STEP_BY_ID:
        abort(400)

    step = STEP_BY_ID[current]
    form = step.form(today=today, context=state.answers)
    if not form.validate():
        return render_question(state, current, form=form, changing=changing, status=422)
    state.record(step, form.answers, form.ui)
    following = flow.next_step(state, current, changing)
    if following == CHECK:
        return render_check(state)
    return render_question(state, following, changing=changing)


def add_person(state: FlowState, current: str, changing: bool) -> Any:
    """「もう一人追加」: keep the finished person and ask the questions again for the next."""
    if not state.is_complete() or parse_answers(state.guide_request(), today_in_tokyo()).errors:
        return show(state, current, changing)
    if len(state.everyone()) >= MAX_PEOPLE:
        return render_check(state, 422)
    return render_question(state.add_person(), flow.STEPS[0].id)


def show(state: FlowState, current: str, changing: bool, draft: Any = None) -> Any:
    """Show `current` again (after a language switch, say) without reading any new answer; what
    the user had typed on the page is shown again as it was."""
    if current in STEP_BY_ID:
        return render_question(state, current, changing=changing, draft=draft)
    if current == "result" and state.is_complete():
        return render_result(state)
    if current == CHECK and state.is_complete():
        return render_check(state)
    return render_question(state, flow.STEPS[0].id)


@bp.post("/calendar.ics")
def calendar() -> Any:
    """Calendar reminders for the coming dates of the timeline, made on request and not kept."""
    try:
        state = FlowState.from_form(request.form, today_in_tokyo())
    except TamperedState:
        abort(400)
    parsed = parse_answers(state.guide_request(), today_in_tokyo())
    if parsed.answers is None:
        abort(400)
    document = guide_document(guide_for(parsed.answers))
    response = Response(guide_calendar(document), mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'attachment; filename="mochimono.ics"'
    return response
