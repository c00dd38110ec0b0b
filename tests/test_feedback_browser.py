"""'Was this right?' in a real browser on a phone-sized screen: with JavaScript the page stays and
the answer is sent in place (offline it waits in the page's memory and goes when the connection
returns); without JavaScript the form is an ordinary one. axe-core finds no violations."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import PHONE
from test_browser_declaration import TYPED
from test_feedback import stored_rows

# A 40-year-old with a 資格確認書 of unknown expiry, seen on 2026-11-23 (answered by field names).
STEPS = (
    lambda page: page.check("input[name=who][value=me]"),
    lambda page: page.fill("#age", "40"),
    lambda page: page.check("input[name=insurance][value=employee]"),
    lambda page: page.check("input[name=holds][value=kakuninsho]"),
    lambda page: page.check("input[name=kakuninsho_known][value=unknown]"),
    lambda page: (page.fill("#visit_year", "2026"), page.fill("#visit_month", "11"), page.fill("#visit_day", "23")),
)
SENT = {"ja": "送信しました。ありがとうございました。", "en": "Sent. Thank you."}


def open_result(browser, server, lang="ja", javascript=True, block_ours=False):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript, service_workers="block")
    context.set_default_timeout(15_000)
    if block_ours:
        context.route("**/static/js/feedback.*", lambda route: route.abort())  # any fingerprint
    page = context.new_page()
    page.goto(f"{server}/{lang}/guide")
    for step in STEPS:
        heading = page.locator("h1").inner_text()
        step(page)
        page.locator("button[name=nav][value=next]").click()
        page.locator("h1").filter(has_not_text=heading).wait_for()
    page.locator("button[name=nav][value=result]").click()
    page.wait_for_selector(".checklist")
    return context, page


def no_violations(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_with_javascript_the_answer_is_sent_and_the_result_stays(browser, server, app, lang):
    context, page = open_result(browser, server, lang)
    no_violations(page)
    form = page.locator("form[data-feedback]")
    form.locator("button[type=submit]").click()
    assert form.locator("[data-feedback-status]").inner_text() != ""  # "choose an answer", nothing sent
    form.locator("input[value=no]").check()
    form.locator("textarea").fill("窓口で 090-1111-2222 に電話と言われた")
    form.locator("button[type=submit]").click()
    form.locator("[data-feedback-status]", has_text=SENT[lang]).wait_for()
    assert page.locator(".checklist").is_visible() and page.url.endswith(f"/{lang}/guide")
    no_violations(page)
    [row] = stored_rows(app)
    assert (row["answer"], row["text"], row["lang"]) == ("no", "窓口で [phone] に電話と言われた", lang)
    context.close()


STORED_ON_DEVICE = """async () => JSON.stringify({
    local: Object.entries(localStorage), session: Object.entries(sessionStorage),
    databases: (await indexedDB.databases()).map((db) => db.name), caches: await caches.keys(),
})"""


def test_offline_the_answer_waits_in_the_page_only_and_goes_when_back_online(browser, server, app):
    context, page = open_result(browser, server)
    form = page.locator("form[data-feedback]")
    form.locator("input[value=unclear]").check()
    form.locator("textarea").fill("オフラインのひとこと")
    before = page.evaluate(STORED_ON_DEVICE)
    context.set_offline(True)
    form.locator("button[type=submit]").click()
    form.locator("[data-feedback-status]", has_text="インターネットにつながっていません").wait_for()
    assert stored_rows(app) == []
    assert page.evaluate(STORED_ON_DEVICE) == before  # nothing written to storage or a cache
    assert "オフライン" not in before
    context.set_offline(False)
    form.locator("[data-feedback-status]", has_text=SENT["ja"]).wait_for()
    assert [(row["answer"], row["text"]) for row in stored_rows(app)] == [("unclear", "オフラインのひとこと")]
    context.close()


def test_without_javascript_the_form_posts_and_thanks(browser, server, app):
    context, page = open_result(browser, server, javascript=False)
    page.locator("form[data-feedback] button[type=submit]").click()
    page.wait_for_selector(".error-summary")  # no answer chosen: the form again, with the error
    page.locator("#feedback-answer-yes").check()
    page.locator("form[data-feedback] button[type=submit]").click()
    page.get_by_role("heading", name="ありがとうございました").wait_for()
    assert [row["answer"] for row in stored_rows(app)] == ["yes"]
    context.close()


def test_the_pages_without_javascript_pass_axe(browser, server, app):
    """axe needs scripts, so this run keeps them but blocks ours: the form is the plain one."""
    context, page = open_result(browser, server, block_ours=True)
    page.locator("form[data-feedback] button[type=submit]").click()
    page.wait_for_selector(".error-summary")
    no_violations(page)
    page.locator("#feedback-answer-no").check()
    page.locator("form[data-feedback] button[type=submit]").click()
    page.get_by_role("heading", name="ありがとうございました").wait_for()
    no_violations(page)
    context.close()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_declaration_qr_asks_too_with_javascript(browser, server, app, lang):
    context = browser.new_context(viewport=PHONE, service_workers="block")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{server}/{lang}/moushitatesho")
    for field, value in TYPED.items():
        page.locator(f"#{field}").fill(value)
    page.locator("#birth_era").select_option("showa")
    page.locator("#zip").fill("1540001")
    page.locator("#address").fill("東京都世田谷区池尻3丁目21番5号")
    page.locator("#declaration-form button[value=make]").click()
    page.locator("#qr-view").wait_for(state="visible")
    form = page.locator("#qr-view form[data-feedback]")
    form.wait_for()
    no_violations(page)
    form.locator("input[value=yes]").check()
    form.locator("button[type=submit]").click()
    form.locator("[data-feedback-status]", has_text=SENT[lang]).wait_for()
    [row] = stored_rows(app)
    assert (row["answer"], row["verdict"], row["rule_ids"]) == ("yes", None, "")
    context.close()
