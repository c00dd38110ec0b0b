"""Lint is part of the test suite, so the README's test command (and so CI) fails on it."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_finds_no_lint_errors_including_the_complexity_limit():
    result = ruff("check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted_as_ruff_formats_it():
    result = ruff("format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_file_keeps_a_merge_conflict_marker():
    """Jinja ignores text outside blocks in a child template, so a left-over conflict can hide there."""
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    if not tracked:  # not a git checkout (e.g. a copied tree): nothing to compare with
        tracked = [str(path.relative_to(ROOT)) for path in ROOT.rglob("*") if ".venv" not in path.parts]
    marked = []
    for name in tracked:
        path = ROOT / name
        if not path.is_file() or path.suffix in {".png", ".wasm", ".mo", ".ico", ".gz", ".br"}:
            continue
        lines = path.read_text(encoding="utf-8", errors="ignore").splitlines()
        if any(line.startswith(("<<<<<<< ", ">>>>>>> ")) or line == "=======" for line in lines):
            marked.append(name)
    assert marked == []
