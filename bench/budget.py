"""The byte budget of a page, shared by bench/pages.py (over HTTP) and tests/test_budget.py (CI)."""

from __future__ import annotations

import gzip
import json
import re
import urllib.parse
from collections.abc import Callable

# Issue "offline PWA": compressed HTML ≤ 14 KB (first visit, start page), CSS ≤ 20 KB, our own JS
# ≤ 10 KB beyond htmx and the QR and decoder libraries (static/vendor/), no third party, no fonts.
# Images (the pictures of the papers, issue "reach"): ≤ 16 KB, all of a page's pictures together.
BUDGET = {"html": 14 * 1024, "css": 20 * 1024, "own_js": 10 * 1024, "img": 16 * 1024}
LIBRARIES = "/static/vendor/"


def resources(html: str) -> list[str]:
    urls = re.findall(r'<script[^>]+src="([^"]+)"', html)
    # Links the browser fetches (stylesheet, icons, manifest); `alternate` ones only name pages.
    urls += [href for rel, href in re.findall(r'<link rel="([^"]+)"[^>]*href="([^"]+)"', html) if rel != "alternate"]
    urls += re.findall(r'<img[^>]+src="([^"]+)"', html)
    return urls


def page_weight(html: bytes, get: Callable[[str], bytes]) -> dict[str, object]:
    """gzip -9 sizes of the page and what it loads, requests, third-party hosts and web fonts."""
    urls = resources(html.decode())
    third = sorted({urllib.parse.urlsplit(url).netloc for url in urls if urllib.parse.urlsplit(url).netloc})
    weight: dict[str, object] = {
        "html": len(gzip.compress(html, 9)),
        "css": 0,
        "own_js": 0,
        "lib_js": 0,
        "img": 0,
        "requests": 1 + len(urls),
        "third_party": third,
        "fonts": 0,
    }
    for url in urls:
        if urllib.parse.urlsplit(url).netloc:
            continue
        path, body = urllib.parse.urlsplit(url).path, get(url)
        size = len(gzip.compress(body, 9))
        if path.endswith(".css"):
            weight["css"] += size  # type: ignore[operator]
            weight["fonts"] += body.count(b"@font-face")  # type: ignore[operator]
        elif path.endswith(".js"):
            weight["lib_js" if path.startswith(LIBRARIES) else "own_js"] += size  # type: ignore[operator]
        elif re.search(r"\.(svg|png|jpe?g|webp|gif|avif)$", path):
            weight["img"] += size  # type: ignore[operator]
        elif re.search(r"\.(woff2?|ttf|otf)$", path):
            weight["fonts"] += 1  # type: ignore[operator]
    return weight


def over_budget(weight: dict[str, object]) -> list[str]:
    over = [key for key, limit in BUDGET.items() if weight[key] > limit]  # type: ignore[operator]
    return over + (["third_party"] if weight["third_party"] else []) + (["fonts"] if weight["fonts"] else [])


# Issue "scale": everything a patient's phone downloads for offline use at install (the service
# worker's precache list), gzip -9, in all; the reception files are not part of it.
PRECACHE_BUDGET = 120 * 1024


def service_worker_list(script: str, name: str) -> list[str]:
    """A URL list that /sw.js was filled with (`var PRECACHE = [...];`)."""
    match = re.search(rf"^var {name} = (\[.*?\]);$", script, re.M)
    assert match, f"/sw.js has no {name} list"
    return json.loads(match.group(1))


def language_pages(script: str) -> dict[str, list[str]]:
    """Each language's pages and words, which a device keeps once it is used in that language."""
    match = re.search(r"^var LANGUAGE_PAGES = (\{.*?\});$", script, re.M)
    assert match, "/sw.js has no LANGUAGE_PAGES"
    return json.loads(match.group(1))


def precache_weight(script: str, get: Callable[[str], bytes]) -> dict[str, int]:
    """gzip -9 size of each URL a phone keeps at install: the shared files and the pages of one
    language, the heaviest (a phone used in one language keeps that one)."""
    shared = {url: len(gzip.compress(get(url), 9)) for url in service_worker_list(script, "PRECACHE")}
    per_language = [{url: len(gzip.compress(get(url), 9)) for url in urls} for urls in language_pages(script).values()]
    return {**shared, **max(per_language, key=lambda sizes: sum(sizes.values()))}
