"""What a patient's phone downloads for offline use on the first visit and after every deploy: the
service worker's precache list, each URL's gzip -9 size, against the budget; and, apart, what a
reception tablet adds the first time its reception page is opened.
Run: .venv/bin/python bench/precache.py
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from budget import PRECACHE_BUDGET, precache_weight, service_worker_list  # noqa: E402

from app import create_app  # noqa: E402
from web import observability  # noqa: E402


def main() -> int:
    client = create_app().test_client()
    observability.access_log.disabled = True  # this table only
    script = client.get("/sw.js").get_data(as_text=True)

    def get(url: str) -> bytes:
        response = client.get(url)
        assert response.status_code == 200, url
        return response.data

    sizes = precache_weight(script, get)
    print(f"{'precached URL (every device)':<58} {'gzip -9':>9}")
    for url, size in sorted(sizes.items(), key=lambda item: -item[1]):
        print(f"{url[:58]:<58} {size / 1024:>8.1f}K")
    total = sum(sizes.values())
    print(f"{'total: ' + str(len(sizes)) + ' URLs':<58} {total / 1024:>8.1f}K   budget ≤ {PRECACHE_BUDGET // 1024}K")
    reception = {url: len(gzip.compress(get(url), 9)) for url in service_worker_list(script, "RECEPTION")}
    print(
        f"\nkept once the reception page is opened: {len(reception)} URLs, {sum(reception.values()) / 1024:.1f}K gzip"
    )
    return 1 if total > PRECACHE_BUDGET else 0


if __name__ == "__main__":
    raise SystemExit(main())
