"""Where a page's time goes: cProfile over the result page and the question pages, in-process
(Flask's test client, no network), so the figures are the server's own cost per request.

Prints the mean CPU time per request of each page, the number of Python function calls, gettext
calls and Jinja macro calls per request (counts do not depend on the machine's load), and the
profile's top entries by own time.
Run: .venv/bin/python bench/profile_pages.py [--top N]
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from walk import ANSWERS  # noqa: E402
from werkzeug.datastructures import MultiDict  # noqa: E402

from app import create_app  # noqa: E402
from web import observability  # noqa: E402

BASE = "https://localhost"
HEADERS = {"Referer": BASE + "/"}  # the CSRF check over HTTPS wants a same-origin Referer


def hidden_fields(html: str) -> list[tuple[str, str]]:
    form = html.split('class="flow-form"', 1)[1].split("</form>", 1)[0]
    return re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)


def requests_of_the_flow(client) -> dict[str, list[tuple[str, str]]]:
    """The body of each POST a patient makes: one per question page, then the result."""
    html = client.get("/ja/guide", base_url=BASE).get_data(as_text=True)
    bodies = {}
    for number, answer in enumerate(ANSWERS):
        fields = hidden_fields(html) + [("nav", "next")]
        for key, value in answer.items():
            fields += [(key, item) for item in value] if isinstance(value, list) else [(key, value)]
        bodies[f"question {number + 2}"] = fields
        html = client.post("/ja/guide", data=MultiDict(fields), base_url=BASE, headers=HEADERS).get_data(as_text=True)
    bodies["result"] = hidden_fields(html) + [("nav", "result")]
    return bodies


def main() -> int:
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 25
    app = create_app()
    # The access log's cost stays in the figures; its lines go nowhere.
    for handler in observability.access_log.handlers:
        handler.setStream(open(os.devnull, "w"))  # noqa: SIM115
    client = app.test_client()
    bodies = requests_of_the_flow(client)
    rounds = 200

    def result() -> None:
        response = client.post("/ja/guide", data=MultiDict(bodies["result"]), base_url=BASE, headers=HEADERS)
        assert response.status_code == 200 and b'class="checklist' in response.data

    def questions() -> None:
        assert client.get("/ja/guide", base_url=BASE).status_code == 200
        for name, body in bodies.items():
            if name != "result":
                assert client.post("/ja/guide", data=MultiDict(body), base_url=BASE, headers=HEADERS).status_code == 200

    for name, run, per_round in (("result page", result, 1), ("question pages", questions, len(ANSWERS) + 1)):
        run()  # warm caches, as a long-running worker has them
        # CPU time of this process, not wall time: the machine is shared, and waiting for a core is
        # not the page's cost.
        start = time.process_time()
        for _ in range(rounds):
            run()
        mean = (time.process_time() - start) / rounds / per_round
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(rounds):
            run()
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        calls = {func[2]: stat[1] for func, stat in stats.stats.items()}  # type: ignore[attr-defined]
        function_calls = stats.total_calls / rounds / per_round  # type: ignore[attr-defined]
        gettext_calls = sum(n for f, n in calls.items() if "gettext" in f) / rounds / per_round
        macro_calls = sum(n for f, n in calls.items() if f == "_invoke") / rounds / per_round
        print(f"\n== {name}: {mean * 1000:.2f} ms CPU per request (unprofiled, in-process, mean of {rounds} rounds)")
        print(
            f"   per request: {function_calls:.0f} Python function calls, {gettext_calls:.0f} gettext calls, "
            f"{macro_calls:.0f} Jinja macro calls"
        )
        stats.sort_stats("tottime").print_stats(top)
        lines = out.getvalue().splitlines()
        header = next(i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
        print("\n".join(line.replace(str(ROOT) + "/", "") for line in lines[header:] if line.strip()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
