"""One simulated patient for bench/load.py (locust): the start page, every question, the result and
the calendar file, with think time between pages, and again from the start. Run by bench/load.py,
which starts the server and reads what this file records (LOAD_RECORD)."""

from __future__ import annotations

import json
import os
import sys
import time
from urllib.parse import urlencode

from locust import FastHttpUser, between, events, task

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from walk import ANSWERS, hidden_fields, with_answer  # noqa: E402

RECORD: list[tuple[float, str, bool, float]] = []


@events.request.add_listener
def record(request_type, name, response_time, response_length, exception, **kwargs):  # noqa: ANN001, ANN201
    RECORD.append((time.time(), name, exception is None, response_time))


@events.user_error.add_listener
def record_error(user_instance, exception, tb, **kwargs):  # noqa: ANN001, ANN201
    """A walk that broke off (an unexpected page, say) counts as a failure too."""
    RECORD.append((time.time(), "walk broke off", False, 0.0))


@events.quitting.add_listener
def save(environment, **kwargs):  # noqa: ANN001, ANN201
    with open(os.environ["LOAD_RECORD"], "w", encoding="utf-8") as out:
        json.dump(RECORD, out)


class Patient(FastHttpUser):
    # LOAD_THINK=0: no think time, to saturate the server (bench/load.py --saturate).
    wait_time = between(1, 3) if os.environ.get("LOAD_THINK", "1") != "0" else between(0, 0)

    def post(self, path: str, fields: list[tuple[str, str]], name: str):  # noqa: ANN201
        # The CSRF cookie is `__Host-`/Secure: a browser sends it to http://127.0.0.1 (loopback is a
        # secure context), the client's cookie jar does not, so it is carried by hand.
        headers = {"Cookie": self.cookie, "Content-Type": "application/x-www-form-urlencoded"}
        return self.client.post(path, data=urlencode(fields), name=name, headers=headers, catch_response=True)

    @task
    def whole_flow(self) -> None:
        with self.client.get("/ja/", name="start", catch_response=True) as response:
            if "はじめる" not in response.text:
                response.failure("start page without its link")
        self.wait()
        first = self.client.get("/ja/guide", name="question 1")
        self.cookie = (first.headers.get("Set-Cookie") or "").split(";", 1)[0]
        html = first.text
        for number, answer in enumerate(ANSWERS, start=2):
            self.wait()
            fields = with_answer(hidden_fields(html) + [("nav", "next")], answer)
            name = f"question {number}" if number <= len(ANSWERS) else "check"
            with self.post("/ja/guide", fields, name) as response:
                html = response.text or ""
                if response.status_code != 200 or 'class="flow-form"' not in html:
                    response.failure(f"{name}: status {response.status_code}")
                    return
        self.wait()
        with self.post(
            "/ja/guide", hidden_fields(html, 'class="flow-form"') + [("nav", "result")], "result"
        ) as response:
            html = response.text or ""
            if 'class="checklist' not in html:
                response.failure("no checklist")
                return
        self.wait()
        with self.post("/ja/guide/calendar.ics", hidden_fields(html, 'id="result-form"'), "calendar.ics") as response:
            if not (response.content or b"").startswith(b"BEGIN:VCALENDAR"):
                response.failure("no calendar")
