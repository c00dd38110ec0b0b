"""QR version at level M for typical, long and worst-case-at-the-caps 申立書 records.

Targets (issue "申立書 QR"): typical and long ≤ V13, worst ≤ V20. The baseline is the spec's
minimal record, drawn in the same run; ratios compare module counts (what a camera must resolve).
Run: .venv/bin/python bench/qr_versions.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from records import long, minimal, typical, worst  # noqa: E402

from web import qr_payload, qr_symbol  # noqa: E402

PREFIX = "https://mochimono.example/r#"
TARGETS = {"typical": 13, "long": 13, "worst": 20}


def measure(record: dict[str, str]) -> tuple[int, int, int, str, int]:
    values, problems = qr_payload.normalise(record)
    assert not problems, problems
    text = qr_payload.encode(values, PREFIX)
    at_m = qr_symbol.fitted(text, qr_symbol.ERROR_CORRECT_M)
    chosen = qr_symbol.make_symbol(text)
    return len(text), at_m.version if at_m else 99, chosen.version, qr_symbol.level_of(chosen), chosen.modules_count


def main() -> int:
    base = measure(minimal())
    print(f"{'record':<9} {'chars':>6} {'V at M':>7} {'drawn':>9} {'modules':>8} {'× baseline':>11} {'target':>7}")
    print(f"{'minimal':<9} {base[0]:>6} {base[1]:>7} {f'V{base[2]}-{base[3]}':>9} {base[4]:>8} {1.0:>11.2f} {'':>7}")
    failed = False
    for name, record in (("typical", typical()), ("long", long()), ("worst", worst())):
        chars, at_m, version, level, modules = measure(record)
        ok = at_m <= TARGETS[name]
        failed |= not ok
        print(
            f"{name:<9} {chars:>6} {at_m:>7} {f'V{version}-{level}':>9} {modules:>8} {modules / base[4]:>11.2f} "
            f"{'≤V' + str(TARGETS[name]):>5} {'ok' if ok else 'MISSED'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
