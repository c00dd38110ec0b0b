"""Issue 9 in a real browser at 360×740: forms that always answer, `hidden` that always hides,
date inputs on one line, and Back and Forward that keep answers without storing them."""

from __future__ import annotations

import pytest
from browser import PHONE

PAGES = [
    "/ja/",
    "/en/",
    "/ja/guide",
    "/ja/reader-fails",
    "/ja/about",
    "/ja/moushitatesho",
    "/ja/reception",
    "/r",
    "/ja/offline",
    "/ja/guide/offline",
]
VISIBLE_HIDDEN = """() => [...document.querySelectorAll('[hidden]')]
  .filter((element) => getComputedStyle(element).display !== 'none')
  .map((element) => element.outerHTML.slice(0, 80))"""


def new_page(browser, javascript=True, viewport=PHONE):
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript, service_workers="block")
    context.set_default_timeout(15_000)
    return context, context.new_page()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_nothing_with_hidden_is_visible_on_any_page(browser, server, javascript):
    context, page = new_page(browser, javascript)
    for path in PAGES:
        page.goto(server + path)
        assert page.evaluate(VISIBLE_HIDDEN) == [], path
    context.close()


@pytest.mark.parametrize(
    "birth",
    [
        {"birth_era": "showa", "birth_year": "", "birth_month": "", "birth_day": ""},
        {"birth_era": "western", "birth_year": "2000", "birth_month": "2", "birth_day": "30"},
        {"birth_era": "showa", "birth_year": "99", "birth_month": "1", "birth_day": "1"},
        {"birth_era": "western", "birth_year": "１９8²", "birth_month": "1", "birth_day": "1"},
    ],
    ids=["empty", "30-february", "showa-99", "superscript"],
)
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_declaration_reports_a_bad_birth_date_with_the_summary_focused(browser, server, birth, javascript):
    context, page = new_page(browser, javascript)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/ja/moushitatesho")
    page.locator("#family").fill("山田")
    page.locator("#birth_era").select_option(birth["birth_era"])
    for name in ("birth_year", "birth_month", "birth_day"):
        page.locator(f"#{name}").fill(birth[name])
    page.locator("#declaration-form button[value=make]").click()
    summary = page.locator(".error-summary:visible")
    summary.wait_for()
    assert summary.locator("li").count() >= 1
    assert "生年月日" in summary.inner_text() or "元号" in summary.inner_text()
    assert page.locator(".form-group.has-error #birth_year").count() == 1
    # Without JavaScript the server's summary takes focus through `autofocus`.
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    if javascript:
        assert page.locator("#qr-view").is_hidden()
    assert errors == []
    context.close()


@pytest.mark.parametrize("width", [320, 360])
@pytest.mark.parametrize("path", ["/ja/moushitatesho", "/en/moushitatesho"])
def test_date_inputs_fit_on_one_line(browser, server, width, path):
    context, page = new_page(browser, viewport={"width": width, "height": 740})
    page.goto(server + path)
    bottoms = page.evaluate(
        """() => [...document.querySelectorAll('.date-input')].map((group) =>
          [...group.querySelectorAll('input, select')].map((field) =>
            Math.round(field.getBoundingClientRect().bottom)))"""
    )
    assert bottoms and all(len(set(row)) == 1 for row in bottoms), bottoms
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()
