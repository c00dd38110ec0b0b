"""The device's validator (static/js/answers.js) reads form inputs exactly as the server's question
forms do: the same answers, the same problems with the same words, on shared inputs."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict

from app import create_app
from web.forms import form_class
from web.questions import device_document

HERE = Path(__file__).parent
CASES = json.loads((HERE / "vectors" / "question_inputs.json").read_text(encoding="utf-8"))["cases"]
TODAY = date(2026, 11, 23)


def server_reading(app, case: dict) -> dict:
    """What the question page makes of the inputs: the answers, or each problem on its field."""
    with app.test_request_context("/ja/"):
        return read_on_server(case)


def read_on_server(case: dict) -> dict:
    formdata = MultiDict()
    for name, value in case["inputs"].items():
        formdata.setlist(name, value if isinstance(value, list) else [value])
    form = form_class(case["question"])(
        formdata=formdata, today=TODAY, context=case.get("before", {}), meta={"csrf": False}
    )
    if form.validate():
        return {"answers": form.answers, "problems": []}
    problems = [{"name": name, "message": message} for name, messages in form.errors.items() for message in messages]
    return {"answers": None, "problems": problems}


@pytest.fixture(scope="module")
def device_readings(node) -> list[dict]:
    """Every case read by the device, each given only its question's definition (as the offline
    page asks it) and the answers before it; one node run for all."""
    with create_app({"TESTING": True}).test_request_context("/ja/"):
        definitions = device_document()
    runs = []
    for case in CASES:
        questions = [{**q, "asked_if": None} for q in definitions["questions"] if q["id"] == case["question"]]
        runs.append(
            {
                "definitions": {**definitions, "questions": questions},
                "inputs": case["inputs"],
                "today": TODAY.isoformat(),
                "known": case.get("before", {}),
            }
        )
    result = subprocess.run(
        [node, str(HERE / "js" / "answers_cli.mjs")], input=json.dumps(runs), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    readings = []
    for run, reading in zip(runs, json.loads(result.stdout), strict=True):
        if reading["problems"]:
            readings.append({"answers": None, "problems": reading["problems"]})
            continue
        keys = {f["key"] for q in run["definitions"]["questions"] for f in q["fields"] if f["key"]}
        answers = {k: v for k, v in reading["answers"].items() if k in keys and k not in run["known"]}
        readings.append({"answers": answers, "problems": []})
    return readings


@pytest.mark.parametrize(
    "index", range(len(CASES)), ids=[f"{c['question']}-{json.dumps(c['inputs'], ensure_ascii=False)}" for c in CASES]
)
def test_the_device_reads_each_question_as_the_server_does(app, device_readings, index):
    assert device_readings[index] == server_reading(app, CASES[index])
