"""One patient's answers, shared by the benchmarks that walk the question flow."""

from __future__ import annotations

import re

ANSWERS = [
    {"who": "me"},
    {"birth_era": "showa", "birth_year": "55", "birth_month": "5", "birth_day": "5"},
    {"insurance": "national"},
    {"holds": ["mynumber_card", "oshirase", "subsidy_cert"]},
    {"registered": "yes"},
    {"card_auth": "pin"},
    {"ecert_known": "expiry", "expiry_year": "2027", "expiry_month": "1", "expiry_day": "10"},
    {"linked": "no"},
    {"visit_year": "2026", "visit_month": "11", "visit_day": "23"},
]
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def hidden_fields(html: str, marker: str = 'class="flow-form"') -> list[tuple[str, str]]:
    """The hidden fields of the form whose tag holds `marker`: what a browser posts back."""
    form = html.split(marker, 1)[1].split("</form>", 1)[0]
    return HIDDEN.findall(form)


def with_answer(fields: list[tuple[str, str]], answer: dict) -> list[tuple[str, str]]:
    for key, value in answer.items():
        fields = fields + ([(key, item) for item in value] if isinstance(value, list) else [(key, value)])
    return fields
