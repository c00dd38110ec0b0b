"""The pictures of the papers in a real browser on a phone: each one loads under the CSP, has an
accessible name, keeps the space reserved for it, and the page does not scroll sideways."""

from __future__ import annotations

import pytest
from browser import PHONE

from web.questions import QUESTION_BY_ID

NEXT = {"ja": "次へ", "en": "Continue"}


@pytest.mark.parametrize("width", [PHONE["width"], 320])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_holdings_pictures_load_with_names_and_no_sideways_scroll(browser, server, lang, width):
    context = browser.new_context(viewport={**PHONE, "width": width}, service_workers="block")
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.goto(f"{server}/{lang}/guide")
    page.locator("#who-0").check()
    page.get_by_role("button", name=NEXT[lang], exact=True).click()
    page.locator("#age").fill("40")
    page.get_by_role("button", name=NEXT[lang], exact=True).click()
    page.locator("#insurance-0").check()
    page.get_by_role("button", name=NEXT[lang], exact=True).click()
    page.locator("#holds-0").wait_for()

    images = page.locator("img.paper-picture")
    declared = [name for choice in QUESTION_BY_ID["holds"].fields[0].choices for name in choice.pictures]
    assert images.count() == len(declared)
    reserved = [box["height"] for box in (images.nth(i).bounding_box() for i in range(images.count()))]
    for i in range(images.count()):
        image = images.nth(i)
        image.scroll_into_view_if_needed()
        page.wait_for_function("image => image.complete && image.naturalWidth > 0", arg=image.element_handle())
        name = image.get_attribute("alt")
        assert name and page.get_by_role("img", name=name, exact=True).count() == 1
        assert image.bounding_box()["height"] == pytest.approx(reserved[i], abs=1), "the page moved as it loaded"
        assert image.bounding_box()["width"] > 40, "too small to recognise"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert problems == [], problems
    context.close()
