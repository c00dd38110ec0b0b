"""The question flow: one question per page, then "check your answers", then the guide.

Every step is a POST to the same URL carrying the answers so far (web/flow.py); nothing is kept
on the server, in the URL or in cookies.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import icalendar
from flask import Response, abort, render_template, request
from flask_babel import gettext

from web import flow
from web.answers import parse_answers
from web.engine import make_guide
from web.flow import CHECK, STEP_BY_ID, FlowState, TamperedState
from web.guide_text import ITEM_NAMES, SEVERITY_NAMES, TIMELINE_LABELS, VERDICTS
from web.i18n import localized_blueprint
from web.present import guide_document
from web.questions import QUESTION_BY_ID
from web.ruby import base_text
from web.summary import answer_rows
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
            data.update(visit_year=str(today.year), visit_month=str(today.month), visit_day=str(today.day))
        form = step.form(formdata=draft, data=data, today=today, context=state.answers)
    body = render_template(
        "pages/guide/question.html",
        form=form,
        state=state,
        step=step_id,
        changing=changing,
        who=state.ui.get("who", "me"),
        has_previous=flow.previous_step(state, step_id) is not None,
    )
    return body, status


def render_check(state: FlowState) -> Any:
    return render_template("pages/guide/check.html", state=state, rows=answer_rows(state), step=CHECK)


def render_result(state: FlowState) -> Any:
    parsed = parse_answers(state.guide_request(), today_in_tokyo())
    if parsed.answers is None:
        return render_check(state), 422
    guide = make_guide(parsed.answers)
    document = guide_document(guide, parsed.answers)
    return render_template(
        "pages/guide/result.html",
        state=state,
        guide=document,
        verdict_text=gettext(VERDICTS[guide.verdict]),
        names_ja=ITEM_NAMES,
        severity_names={key: gettext(value) for key, value in SEVERITY_NAMES.items()},
        has_future_dates=any(not entry["past"] for entry in document["timeline"]),
        step="result",
    )


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
    if nav == "back":
        previous = flow.previous_step(state, current)
        return render_question(state, previous) if previous else render_template("pages/start.html")
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
    """Calendar reminders for the future dates of the timeline, made on request and not kept."""
    try:
        state = FlowState.from_form(request.form, today_in_tokyo())
    except TamperedState:
        abort(400)
    parsed = parse_answers(state.guide_request(), today_in_tokyo())
    if parsed.answers is None:
        abort(400)
    guide = make_guide(parsed.answers)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Mochimono//受診もちものナビ//JA")
    cal.add("version", "2.0")
    for entry in guide.timeline:
        if entry.past:
            continue
        event = icalendar.Event()
        event.add("uid", f"{entry.id}-{entry.date.isoformat()}@mochimono")
        event.add("summary", base_text(gettext(TIMELINE_LABELS[entry.id])))
        event.add("dtstart", entry.date)
        event.add("dtend", entry.date + timedelta(days=1))
        event.add("dtstamp", guide.rules_as_of)
        cal.add_component(event)
    response = Response(cal.to_ical(), mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'attachment; filename="mochimono.ics"'
    return response
