"""The JavaScript codec: its own vector tests (Node's test runner) and encode-in-one,
decode-in-the-other against the Python codec."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from web import qr_payload

HERE = Path(__file__).parent
VECTORS = json.loads((HERE / "vectors" / "qr_payload.json").read_text(encoding="utf-8"))


def run_cli(node: str, mode: str, items: list) -> list:
    result = subprocess.run(
        [node, str(HERE / "js" / "codec_cli.mjs"), mode],
        input=json.dumps(items),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(result.stdout)


def test_the_javascript_codec_passes_the_shared_vectors(node):
    result = subprocess.run([node, "--test", str(HERE / "js")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "# fail 0" in result.stdout


def records() -> list[dict]:
    return [vector["record"] for vector in VECTORS["records"]] + [
        {key: value for key, value in vector["input"].items()} for vector in VECTORS["normalise"]
    ]


def test_python_encodes_and_javascript_decodes(node):
    values = [qr_payload.normalise(record)[0] for record in records()]
    texts = [qr_payload.encode(value, "https://example.invalid/r#") for value in values]
    assert run_cli(node, "decode", texts) == values


def test_javascript_encodes_and_python_decodes(node):
    texts = run_cli(node, "encode", records())
    assert [qr_payload.decode(text) for text in texts] == [qr_payload.normalise(record)[0] for record in records()]


def test_both_reject_the_same_texts_for_the_same_reasons(node):
    texts = [vector["text"] for vector in VECTORS["reject"]]
    assert [item["error"] for item in run_cli(node, "decode", texts)] == [
        vector["code"] for vector in VECTORS["reject"]
    ]
