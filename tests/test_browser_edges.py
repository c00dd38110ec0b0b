"""Issue 9 in a real browser at 360×740: forms that always answer, `hidden` that always hides,
date inputs on one line, and Back and Forward that keep answers without storing them."""

from __future__ import annotations

import pytest
from browser import PHONE
from test_declaration import VECTORS

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


def submit_declaration(browser, server, birth, javascript):
    """Submit the 申立書 with a name and `birth`; return the error summary's items as shown."""
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
    # Without JavaScript the server's summary takes focus through `autofocus`.
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert page.locator(".form-group.has-error #birth_year").count() == 1
    if javascript:
        assert page.locator("#qr-view").is_hidden()
    assert errors == []
    items = summary.locator("li").all_inner_texts()
    context.close()
    return items


@pytest.mark.parametrize(
    "birth",
    [
        {"birth_era": "showa", "birth_year": "", "birth_month": "", "birth_day": ""},
        {"birth_era": "western", "birth_year": "2000", "birth_month": "2", "birth_day": "30"},
        {"birth_era": "showa", "birth_year": "99", "birth_month": "1", "birth_day": "1"},
        {"birth_era": "western", "birth_year": "１９8²", "birth_month": "1", "birth_day": "1"},
        {"birth_era": "western", "birth_year": "8", "birth_month": "1", "birth_day": "1"},
    ],
    ids=["empty", "30-february", "showa-99", "superscript", "year-8"],
)
def test_the_declaration_reports_a_bad_birth_date_as_the_server_does_with_the_summary_focused(browser, server, birth):
    with_script = submit_declaration(browser, server, birth, javascript=True)
    without = submit_declaration(browser, server, birth, javascript=False)
    assert with_script and sorted(with_script) == sorted(without)


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


def answer_three_questions(page, server):
    page.goto(f"{server}/ja/guide")
    steps = [
        lambda: page.get_by_label("自分", exact=True).check(),
        lambda: (
            page.locator("#birth_year").fill("1980"),
            page.locator("#birth_month").fill("5"),
            page.locator("#birth_day").fill("5"),
        ),
        lambda: page.get_by_label("会社の健康保険").check(),
    ]
    for step in steps:
        heading = page.locator("h1").inner_text()
        step()
        page.get_by_role("button", name="次へ", exact=True).click()
        page.locator("h1").filter(has_not_text=heading).wait_for()


def move(page, direction):
    heading = page.locator("h1").inner_text()
    page.go_back() if direction == "back" else page.go_forward()
    page.locator("h1").filter(has_not_text=heading).wait_for()


def test_back_twice_and_forward_once_keep_every_answer(browser, server):
    context, page = new_page(browser)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    answer_three_questions(page, server)
    assert page.locator("input[name=holds]").count() > 0  # the fourth question
    move(page, "back")
    assert page.get_by_label("会社の健康保険").is_checked()
    move(page, "back")
    assert [page.locator(f"#birth_{part}").input_value() for part in ("year", "month", "day")] == ["1980", "5", "5"]
    move(page, "forward")
    assert page.get_by_label("会社の健康保険").is_checked()
    assert page.locator("form.flow-form input[name=a-birth_date]").get_attribute("value") == "1980-05-05"
    # Going on from there keeps the answers too, and the page's own Back walks the same history.
    page.get_by_role("button", name="次へ", exact=True).click()
    page.locator("input[name=holds]").first.wait_for()
    assert page.locator("form.flow-form input[name=a-insurance]").get_attribute("value") == "employee"
    page.get_by_role("button", name="戻る", exact=True).click()
    page.get_by_label("会社の健康保険").wait_for()
    assert page.get_by_label("会社の健康保険").is_checked()
    assert page.locator("#answers-gone").is_hidden()
    assert errors == []

    # Nothing outside the page holds an answer: not the address, history, storage or caches.
    assert page.url == f"{server}/ja/guide"
    assert page.evaluate("JSON.stringify(history.state)") in ('{"flow":2}', '{"flow":3}')
    # htmx keeps the path it is on (`/ja/guide`) in sessionStorage; nothing else is there.
    stored = page.evaluate("JSON.stringify([{...sessionStorage}, {...localStorage}])")
    assert stored in ("[{},{}]", '[{"htmx-current-path-for-history":"/ja/guide"},{}]'), stored
    cached = page.evaluate(
        """async () => {
          const found = [];
          for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const request of await cache.keys()) found.push(await (await cache.match(request)).text());
          }
          return found;
        }"""
    )
    assert not [text for text in cached if "1980-05-05" in text or "employee" in text]

    # A reload forgets the answers, and the first question says so.
    page.reload()
    page.get_by_label("自分", exact=True).wait_for()
    assert page.locator("#answers-gone").is_visible()
    assert not page.get_by_label("自分", exact=True).is_checked()
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_reception_names_the_fields_a_bad_qr_holds_and_shows_the_rest(browser, server, javascript):
    """Issue 9: a birth date `CANARY73` and a signed-on date `2` crashed the reception sheet."""
    vector = next(v for v in VECTORS["unreadable"] if v["name"] == "bad birth and signed-on dates")
    context, page = new_page(browser, javascript, viewport={"width": 1024, "height": 768})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/ja/reception")
    page.locator("#qr_text").fill(vector["text"])
    page.get_by_role("button", name="読み取る", exact=True).click()
    summary = page.locator(".error-summary:visible")
    summary.wait_for()
    assert "正しい被保険者資格申立書ではありません" in summary.inner_text()
    assert "生年月日" in summary.inner_text() and "記入日" in summary.inner_text()
    assert "山田" in page.locator("[data-sheet]").inner_text()
    assert "CANARY73" not in page.content()
    if javascript:
        assert page.evaluate("document.activeElement.id") == "scan-error"
    assert errors == []
    context.close()


def test_an_older_check_page_shown_by_back_shows_the_answers_as_they_are_now(browser, server):
    context, page = new_page(browser)
    answer_three_questions(page, server)
    rest = [
        lambda: page.get_by_label("マイナンバーカード", exact=True).check(),
        lambda: page.get_by_label("はい", exact=True).check(),
        lambda: page.get_by_label("わからない", exact=True).check(),  # a 顔認証 card?
        lambda: page.get_by_label("わからない", exact=True).check(),  # the e-certificate's expiry
        lambda: None,  # the visit date is filled in with today
    ]
    for step in rest:
        heading = page.locator("h1").inner_text()
        step()
        page.get_by_role("button", name="次へ", exact=True).click()
        page.locator("h1").filter(has_not_text=heading).wait_for()
    assert "会社の健康保険" in page.locator("main").inner_text()
    page.locator("button[value='change:insurance']").click()
    page.get_by_label("国民健康保険").check()
    page.get_by_role("button", name="次へ", exact=True).click()
    page.locator("button[value='change:insurance']").wait_for()
    assert "国民健康保険" in page.locator("main").inner_text()
    move(page, "back")
    move(page, "back")
    page.locator("main", has_text="国民健康保険").wait_for()
    assert "会社の健康保険" not in page.locator("main").inner_text()
    context.close()
