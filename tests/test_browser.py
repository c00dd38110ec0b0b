"""A new user answers the whole flow in a real browser on a phone-sized screen, in Japanese and
English, with JavaScript on and off; every page passes axe-core with no violations."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import PHONE

EXPECTED = {  # the card, the 医療証, and the card's one backup paper (facts §3.0)
    "ja": [
        "マイナンバーカード（マイナ保険証）",
        "医療証・受給者証（紙）",
        "マイナポータルの資格情報画面（または保存したPDF）",
    ],
    "en": [
        "マイナンバーカード (My Number card) as マイナ保険証 (My Number card used as a health insurance card)",
        "Medical subsidy certificate, paper: 医療証 (subsidy certificate) or 受給者証 (recipient certificate)",
        "マイナポータル (Mynaportal) insurance screen (or its saved PDF)",
    ],
}
TEXT = {
    "ja": {
        "start": "はじめる",
        "me": "子ども",
        "next": "次へ",
        "result": "持ち物を見る",
        "employee": "会社の健康保険",
        "card": "マイナンバーカード",
        "subsidy": "医療証・受給者証",
        "yes": "はい",
        "no": "いいえ",
        "expiry": "有効期限を入力する",
    },
    "en": {
        "start": "Start",
        "me": "My child",
        "next": "Continue",
        "result": "See what to bring",
        "employee": "Employer's health insurance",
        "card": "マイナンバーカード (My Number card)",
        "subsidy": "Medical subsidy certificate: 医療証 (subsidy certificate) or 受給者証 (recipient certificate)",
        "yes": "Yes",
        "no": "No",
        "expiry": "Enter the expiry date",
    },
}


def check_page(page, axe: Axe | None) -> None:
    """No sideways scrolling on a 360 px screen, and no axe-core violations (both need scripts,
    so the run with JavaScript off checks only that the flow works)."""
    if axe is None:
        return
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_parent_gets_the_checklist_for_a_child_on_a_phone(browser, server, lang, javascript):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript, service_workers="block")
    context.set_default_timeout(15_000)
    page = context.new_page()
    t = TEXT[lang]
    axe = Axe() if javascript else None
    page.goto(f"{server}/{lang}/")
    check_page(page, axe)
    page.get_by_role("link", name=t["start"]).click()
    page.wait_for_url(f"**/{lang}/guide")  # the first question, before the page is checked
    page.wait_for_load_state()

    def answer(action) -> None:
        check_page(page, axe)
        heading = page.locator("h1").inner_text()
        action()
        page.get_by_role("button", name=t["next"], exact=True).click()
        page.wait_for_load_state()
        page.locator("h1").filter(has_not_text=heading).wait_for()

    answer(lambda: page.get_by_label(t["me"], exact=True).check())
    answer(
        lambda: (
            page.locator("#birth_year").fill("2021"),
            page.locator("#birth_month").fill("6"),
            page.locator("#birth_day").fill("15"),
        )
    )
    answer(lambda: page.get_by_label(t["employee"]).check())
    answer(
        lambda: (page.get_by_label(t["card"], exact=True).check(), page.get_by_label(t["subsidy"], exact=True).check())
    )
    answer(lambda: page.get_by_label(t["yes"], exact=True).check())
    answer(lambda: page.locator("input[name=card_auth][value=pin]").check())
    answer(
        lambda: (
            page.get_by_label(t["expiry"]).check(),
            page.locator("#expiry_year").fill("2029"),
            page.locator("#expiry_month").fill("6"),
            page.locator("#expiry_day").fill("15"),
        )
    )
    answer(lambda: page.get_by_label(t["no"], exact=True).check())
    answer(
        lambda: (
            page.locator("#visit_year").fill("2026"),
            page.locator("#visit_month").fill("11"),
            page.locator("#visit_day").fill("23"),
        )
    )
    check_page(page, axe)
    page.get_by_role("button", name=t["result"]).click()
    page.wait_for_selector(".checklist")
    check_page(page, axe)
    items = page.locator(".checklist li strong").all_inner_texts()
    assert items == EXPECTED[lang]
    assert page.url.endswith(f"/{lang}/guide")  # the answers never went into the address
    context.close()


def test_errors_are_announced_and_focused_with_javascript(browser, server):
    context = browser.new_context(viewport=PHONE, service_workers="block")
    page = context.new_page()
    page.goto(f"{server}/ja/guide")
    page.get_by_role("button", name="次へ", exact=True).click()
    page.wait_for_selector(".error-summary")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    check_page(page, Axe())
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_choice_reveals_its_date_only_when_picked(browser, server, javascript):
    """GOV.UK conditional reveal on the e-certificate question: with JavaScript only the picked
    choice's date shows; without it every date shows, and a date typed without ticking its
    choice still counts."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript, service_workers="block")
    page = context.new_page()
    page.goto(f"{server}/ja/guide")
    for fill in (
        lambda: page.get_by_label("自分", exact=True).check(),
        lambda: page.locator("#age").fill("40"),
        lambda: page.get_by_label("国民健康保険（市区町村・国保組合）").check(),
        lambda: page.locator("input[value=mynumber_card]").check(),
        lambda: page.locator("input[name=registered][value=yes]").check(),
        lambda: page.locator("input[name=card_auth][value=pin]").check(),
    ):
        heading = page.locator("h1").inner_text()
        fill()
        page.get_by_role("button", name="次へ", exact=True).click()
        page.locator("h1").filter(has_not_text=heading).wait_for()
    issued = page.locator("#issued_year")
    issued.wait_for(state="hidden" if javascript else "visible")
    if javascript:
        page.locator("input[name=ecert_known][value=issued]").check()
        assert issued.is_visible() and not page.locator("#expiry_year").is_visible()
    else:
        page.locator("#expiry_year").fill("2027")
        page.locator("#expiry_month").fill("1")
        page.locator("#expiry_day").fill("10")
        page.get_by_role("button", name="次へ", exact=True).click()
        page.locator("h1", has_text="いつ受診しますか").wait_for()
    context.close()


def test_a_carer_prepares_the_visit_of_a_78_year_old_with_an_expired_kakuninsho(browser, server):
    """Issue "guidance second pass": the 後期 patient's one-year 資格確認書 ran out on 2026-07-31 and
    only the old paper card is left; the carer learns it is not enough, whom to ask, and that they
    can apply for a 資格確認書 on the patient's behalf (要配慮者)."""
    context = browser.new_context(viewport=PHONE, service_workers="block")
    context.set_default_timeout(15_000)
    page = context.new_page()
    axe = Axe()
    page.goto(f"{server}/ja/guide")

    def answer(action) -> None:
        check_page(page, axe)
        heading = page.locator("h1").inner_text()
        action()
        page.get_by_role("button", name="次へ", exact=True).click()
        page.locator("h1").filter(has_not_text=heading).wait_for()

    answer(lambda: page.get_by_label("付き添う相手（家族など）").check())
    assert page.locator("h1").inner_text() == "受診する方の生年月日を入力してください"
    answer(
        lambda: (
            page.locator("#birth_era").select_option("showa"),
            page.locator("#birth_year").fill("23"),
            page.locator("#birth_month").fill("5"),
            page.locator("#birth_day").fill("1"),
        )
    )
    answer(lambda: page.get_by_label("後期高齢者医療（75歳以上など）").check())
    answer(lambda: (page.locator("input[value=kakuninsho]").check(), page.locator("input[value=paper_card]").check()))
    assert page.locator("#kexpiry_era").input_value() == "reiwa"  # what such cards print
    answer(
        lambda: (
            page.get_by_label("有効期限を入力する").check(),
            page.locator("#kexpiry_year").fill("8"),
            page.locator("#kexpiry_month").fill("7"),
            page.locator("#kexpiry_day").fill("31"),
        )
    )
    answer(
        lambda: (
            page.locator("#visit_year").fill("2026"),
            page.locator("#visit_month").fill("11"),
            page.locator("#visit_day").fill("23"),
        )
    )
    assert "令和8年7月31日" in page.locator(".summary-list").inner_text()
    page.get_by_role("button", name="持ち物を見る").click()
    page.locator(".verdict").wait_for()
    check_page(page, axe)
    assert "verdict-at_risk" in page.locator(".verdict").get_attribute("class")
    assert page.locator(".checklist li").count() == 0
    warnings = page.locator(".warnings").inner_text()
    assert "資格確認書の有効期限（2026年7月31日）が過ぎているため、使えません。" in warnings
    assert "要配慮者" in warnings and "家族や介護している方が代わりに申請できます" in warnings
    assert "広域連合" in warnings
    context.close()
