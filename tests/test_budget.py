"""The byte budget (sizes, not times) of the pages a user meets first; bench/pages.py measures the
same over HTTP with Lighthouse and throughput."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from budget import over_budget, page_weight  # noqa: E402


def fetcher(client):
    """Fetch what a page loads; a missing file is a failure, not a small error page."""

    def get(url: str) -> bytes:
        response = client.get(url)
        assert response.status_code == 200, url
        return response.data

    return get


@pytest.mark.parametrize(
    "path", ["/ja/", "/en/", "/ja/guide", "/ja/moushitatesho", "/ja/reception", "/r", "/ja/guide/offline"]
)
def test_pages_keep_the_byte_budget(client, path):
    response = client.get(path)
    assert response.status_code == 200
    weight = page_weight(response.data, fetcher(client))
    assert over_budget(weight) == [], weight


def test_the_holdings_question_with_its_pictures_keeps_the_byte_budget(flow):
    walk = flow("ja")
    for answer in ({"who": "me"}, {"age": "40"}, {"insurance": "employee"}):
        walk.press(**answer)
    assert walk.step == "holds"
    weight = page_weight(walk.response.data, lambda url: walk.client.get(url).data)
    assert weight["img"] > 0, "the pictures are counted"
    assert over_budget(weight) == [], weight


def test_the_result_page_keeps_the_byte_budget(flow):
    walk = flow("ja")
    for answer in (
        {"who": "me"},
        {"age": "40"},
        {"insurance": "employee"},
        {"holds": ["kakuninsho"]},
        {"kakuninsho_known": "unknown"},
        {"visit_year": "2026", "visit_month": "11", "visit_day": "23"},
    ):
        walk.press(**answer)
    result = walk.press("result")
    assert result.status_code == 200
    assert walk.soup.h1.get_text(strip=True) == "受診に持って行くもの", "the walk did not reach the result page"
    weight = page_weight(result.data, fetcher(walk.client))
    assert over_budget(weight) == [], weight
