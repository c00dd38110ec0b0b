"""Family mode in a real browser on a phone with JavaScript: a parent adds two children and
themselves with 「もう一人追加」, uses the browser's Back once on the way (nobody is lost), and
gets one result with everyone, accessible (axe) and printable with each person on a fresh page."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from browser import PHONE, expect


def test_a_parent_adds_two_children_and_themselves(browser, server):
    context = browser.new_context(viewport=PHONE, service_workers="block")
    context.set_default_timeout(15_000)
    page = context.new_page()
    axe = Axe()
    page.goto(f"{server}/ja/guide")

    def answer(action) -> None:
        heading = page.locator("h1").inner_text()
        action()
        page.get_by_role("button", name="次へ", exact=True).click()
        page.locator("h1").filter(has_not_text=heading).wait_for()

    def birth(year: str, month: str, day: str):
        return lambda: (
            page.locator("#birth_year").fill(year),
            page.locator("#birth_month").fill(month),
            page.locator("#birth_day").fill(day),
        )

    def add_another() -> None:
        page.get_by_role("button", name="もう一人追加").click()
        page.get_by_label("子ども", exact=True).wait_for()

    # 1: a 3-year-old with a 資格確認書 and a 医療証 that is not linked.
    answer(lambda: page.get_by_label("子ども", exact=True).check())
    answer(birth("2023", "6", "15"))
    answer(lambda: page.get_by_label("会社の健康保険").check())
    answer(
        lambda: (
            page.locator("input[name=holds][value=kakuninsho]").check(),
            page.locator("input[name=holds][value=subsidy_cert]").check(),
        )
    )
    answer(lambda: page.get_by_label("わからない", exact=True).check())
    answer(lambda: page.get_by_label("いいえ", exact=True).check())
    answer(
        lambda: (
            page.locator("#visit_year").fill("2026"),
            page.locator("#visit_month").fill("11"),
            page.locator("#visit_day").fill("23"),
        )
    )
    add_another()
    # 2: an 8-year-old with a 資格確認書.
    expect(page.locator(".people-added")).to_contain_text("1人目: 子ども・2023年生まれ")
    answer(lambda: page.get_by_label("子ども", exact=True).check())
    answer(birth("2018", "4", "2"))
    answer(lambda: page.get_by_label("会社の健康保険").check())
    answer(lambda: page.locator("input[name=holds][value=kakuninsho]").check())
    answer(lambda: page.get_by_label("わからない", exact=True).check())
    assert page.locator("#visit_day").input_value() == "23"  # the day of the one before
    answer(lambda: None)
    add_another()
    # The browser's Back once: the second child's answers, as they were; nobody is lost.
    page.go_back()
    expect(page.locator("h1")).to_have_text("回答を確認してください")
    expect(page.locator(".people-added li")).to_have_count(1)
    expect(page.locator(".summary-list")).to_contain_text("2018年4月2日")
    check_page_axe(page, axe)
    add_another()
    # 3: the parent, by age.
    expect(page.locator(".people-added li")).to_have_count(2)
    answer(lambda: page.get_by_label("自分", exact=True).check())
    answer(lambda: page.locator("#age").fill("45"))
    answer(lambda: page.get_by_label("国民健康保険").check())
    answer(lambda: page.locator("input[name=holds][value=kakuninsho]").check())
    answer(lambda: page.get_by_label("わからない", exact=True).check())
    answer(lambda: None)
    expect(page.locator(".people-added")).to_contain_text("2人目: 子ども・2018年生まれ")
    page.get_by_role("button", name="持ち物を見る").click()

    sections = page.locator("section.person-result")
    expect(sections).to_have_count(3)
    headings = [sections.nth(i).locator("h2").first.inner_text() for i in range(3)]
    assert headings == ["1人目 子ども・2023年生まれ", "2人目 子ども・2018年生まれ", "3人目 自分・45歳"]
    bring = page.locator("section.family-bring")
    assert "医療証" in bring.locator("ol").nth(0).inner_text()
    assert "医療証" not in bring.locator("ol").nth(1).inner_text()
    check_page_axe(page, axe)

    # Printed together: each person's result starts a new page.
    page.emulate_media(media="print")
    breaks = page.evaluate(
        "[...document.querySelectorAll('section.person-result')].map(s => getComputedStyle(s).breakBefore)"
    )
    assert breaks == ["page", "page", "page"]
    assert page.locator("#person-1-form").is_hidden() and page.locator(".start-over").is_hidden()
    context.close()


def check_page_axe(page, axe) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()
