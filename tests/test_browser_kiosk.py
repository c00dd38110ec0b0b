"""The waiting-room tablet (kiosk mode) in a real browser at tablet size, with a fake clock: it warns
and resets when left alone on a question, the result and the 申立書 QR; "次の方へ" resets at once;
after a reset the next person finds no previous answer in the page, the history (Back), Web
Storage, the service worker's caches or the form autofill."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import cached_texts, expect

TABLET = {"width": 800, "height": 1280}
IDLE = 60  # seconds, set in the kiosk link
WARNING = 20  # the dialog shows this many seconds before the reset (static/js/kiosk.js)
KIOSK = f"/ja/kiosk?c-name=%E3%81%95%E3%81%8F%E3%82%89%E5%86%85%E7%A7%91&c-phone=no&c-kiosk=1&c-idle={IDLE}"
# What the previous person typed, in every form it could take in a page or a stored response.
SECRETS = ["2021-06-15", "2021", "2029-06-15", "鈴木", "すずき", "09087654321", "8765-4321", "池尻", "1540001"]


@pytest.fixture
def tablet(browser):
    context = browser.new_context(viewport=TABLET, service_workers="block")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.clock.install()
    yield page
    context.close()


def answer(page, action) -> None:
    heading = page.locator("h1").inner_text()
    action()
    page.get_by_role("button", name="次へ", exact=True).click()
    page.locator("h1").filter(has_not_text=heading).wait_for()


def start(page, server) -> None:
    page.goto(server + KIOSK)
    page.get_by_role("link", name="日本語", exact=True).click()
    page.get_by_label("子ども", exact=True).wait_for()


def to_result(page, server) -> None:
    """A parent answers for a child who holds the smartphone card and a 医療証."""
    start(page, server)
    answer(page, lambda: page.get_by_label("子ども", exact=True).check())
    answer(
        page,
        lambda: (
            page.locator("#birth_year").fill("2021"),
            page.locator("#birth_month").fill("6"),
            page.locator("#birth_day").fill("15"),
        ),
    )
    answer(page, lambda: page.get_by_label("会社の健康保険").check())
    answer(page, lambda: page.get_by_label("スマホのマイナ保険証", exact=True).check())
    answer(page, lambda: page.get_by_label("はい", exact=True).check())
    answer(
        page,
        lambda: (
            page.get_by_label("有効期限を入力する").check(),
            page.locator("#expiry_year").fill("2029"),
            page.locator("#expiry_month").fill("6"),
            page.locator("#expiry_day").fill("15"),
        ),
    )
    answer(
        page,
        lambda: (
            page.locator("#visit_year").fill("2026"),
            page.locator("#visit_month").fill("11"),
            page.locator("#visit_day").fill("23"),
        ),
    )
    page.get_by_role("button", name="持ち物を見る").click()
    page.locator(".checklist").wait_for()


def to_qr(page, server) -> None:
    to_result(page, server)
    page.get_by_role("button", name="被保険者資格申立書を用意する").click()
    page.locator("#family").fill("鈴木")
    page.locator("#given").fill("花子")
    page.locator("#family_kana").fill("すずき")
    page.locator("#given_kana").fill("はなこ")
    page.locator("#birth_era").select_option("reiwa")
    page.locator("#birth_year").fill("3")
    page.locator("#birth_month").fill("6")
    page.locator("#birth_day").fill("15")
    page.locator("#zip").fill("1540001")
    page.locator("#address").fill("東京都世田谷区池尻3丁目21番5号")
    page.locator("#tel").fill("090-8765-4321")
    page.locator("#declaration-form button[value=make]").click()
    page.locator("#qr-view").wait_for(state="visible")
    page.locator("#show-staff").click()
    expect(page.locator("#staff-view")).to_contain_text("鈴木")


def assert_fresh_start(page) -> None:
    """On the tablet's start page, with nothing of the previous person anywhere in the page."""
    page.get_by_role("link", name="日本語", exact=True).wait_for()
    assert re.search(r"/ja/kiosk\?", page.url)
    html = page.content()
    assert not [secret for secret in SECRETS if secret in html]
    # htmx notes the current page's address in sessionStorage: that address never holds an answer.
    stored = page.evaluate("[...Object.entries(sessionStorage), ...Object.entries(localStorage)]")
    assert [key for key, _ in stored] in ([], ["htmx-current-path-for-history"])
    assert not [secret for secret in SECRETS for _, value in stored if secret in value]


def assert_back_shows_nothing(page) -> None:
    """Back, as far as the history goes, never shows an answer of the previous person."""
    for _ in range(page.evaluate("history.length")):
        page.go_back(wait_until="load")
        # The reset replaced the page it left (location.replace): Back meets only pages reached
        # by a plain link, the start page and the first question, both with the tablet's settings
        # (kiosk mode stays on), and neither holds an answer.
        assert page.url == "about:blank" or re.search(r"/ja/(kiosk|guide)\?c-name=", page.url), page.url
        html = page.content()
        assert not [secret for secret in SECRETS if secret in html], page.url
        assert not page.locator(".checklist, #qr-view:visible, input[name=a-birth_date]").count(), page.url
        if page.url != "about:blank":  # still the tablet: its idle reset and "次の方へ" keep working
            assert page.evaluate("document.body.hasAttribute('data-kiosk-start')"), page.url


def idle_until_reset(page) -> None:
    """Wait out the idle time: silence, then the announced dialog with its countdown, then the reset."""
    dialog = page.get_by_role("alertdialog", name="まだお使いですか？")
    page.clock.run_for((IDLE - WARNING - 2) * 1000)
    expect(dialog).to_be_hidden()
    page.clock.run_for(3000)
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(re.compile(r"あと (19|20) 秒"))
    expect(page.get_by_role("button", name="続ける")).to_be_focused()
    page.clock.run_for(WARNING * 1000)
    page.wait_for_url(re.compile(r"/ja/kiosk\?"))


def test_idle_on_a_question_warns_and_continue_keeps_the_page(tablet, server):
    page = tablet
    start(page, server)
    answer(page, lambda: page.get_by_label("子ども", exact=True).check())
    page.locator("#birth_year").fill("2021")
    page.clock.run_for((IDLE - WARNING + 1) * 1000)
    dialog = page.get_by_role("alertdialog", name="まだお使いですか？")
    expect(dialog).to_be_visible()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.get_by_role("button", name="続ける").click()
    expect(dialog).to_be_hidden()
    expect(page.locator("#birth_year")).to_have_value("2021")  # still there: the person is using it
    idle_until_reset(page)  # counted afresh from "続ける"
    assert_fresh_start(page)
    assert_back_shows_nothing(page)


def test_idle_on_the_result_resets_and_back_cannot_reach_it(tablet, server):
    page = tablet
    to_result(page, server)
    assert "さくら内科 で受診するときの持ち物です。" in page.locator("main").inner_text()
    idle_until_reset(page)
    assert_fresh_start(page)
    assert_back_shows_nothing(page)


def test_idle_on_the_qr_resets_and_back_cannot_reach_it(tablet, server):
    page = tablet
    to_qr(page, server)
    idle_until_reset(page)
    assert_fresh_start(page)
    assert_back_shows_nothing(page)


@pytest.mark.parametrize("where", ["result", "qr"])
def test_next_person_resets_at_once(tablet, server, where):
    page = tablet
    (to_result if where == "result" else to_qr)(page, server)
    page.get_by_role("link", name="次の方へ").click()
    assert_fresh_start(page)
    assert_back_shows_nothing(page)


def test_back_after_a_reset_stays_in_kiosk_mode_after_a_plain_post(tablet, server):
    """A slow tablet: the first answer is sent before htmx has taken the form over, as a plain POST
    whose address the page keeps. Back after the reset must not reach that address without the
    tablet's settings (a first question outside kiosk mode)."""
    page = tablet
    start(page, server)
    page.wait_for_function("() => !!window.htmx")  # a deferred script: it may arrive after the page is shown
    page.evaluate("document.querySelector('form.flow-form').setAttribute('hx-boost', 'false')")
    page.evaluate("htmx.process(document.body)")
    answer(page, lambda: page.get_by_label("子ども", exact=True).check())
    assert "c-kiosk=1" in page.url  # the plain POST's address
    answer(
        page,
        lambda: (
            page.locator("#birth_year").fill("2021"),
            page.locator("#birth_month").fill("6"),
            page.locator("#birth_day").fill("15"),
        ),
    )
    page.get_by_role("link", name="最初からやり直す（入力を消す）").click()
    assert_fresh_start(page)
    assert_back_shows_nothing(page)


def test_next_person_after_a_family_leaves_none_of_them(tablet, server):
    """Family mode on the tablet: two people in one result, then "次の方へ" forgets both."""
    page = tablet
    to_result(page, server)  # the first person: the 2021 child
    page.get_by_role("button", name="回答を見直す").click()
    page.get_by_role("button", name="もう一人追加").click()
    answer(page, lambda: page.get_by_label("子ども", exact=True).check())
    answer(
        page,
        lambda: (
            page.locator("#birth_year").fill("2019"),
            page.locator("#birth_month").fill("4"),
            page.locator("#birth_day").fill("2"),
        ),
    )
    assert "1人目: 子ども・2021年生まれ" in page.locator(".people-added").inner_text()
    answer(page, lambda: page.get_by_label("国民健康保険").check())
    answer(page, lambda: page.get_by_label("資格確認書", exact=True).check())
    answer(page, lambda: page.get_by_label("わからない", exact=True).check())  # its expiry
    answer(page, lambda: None)  # the visit day: the first person's, offered
    page.get_by_role("button", name="持ち物を見る").click()
    expect(page.locator("section.person-result")).to_have_count(2)
    page.get_by_role("link", name="次の方へ").click()
    assert_fresh_start(page)
    assert "2019-04-02" not in page.content()
    assert_back_shows_nothing(page)


def test_every_input_is_off_the_autofill_in_kiosk_mode(tablet, server):
    page = tablet
    start(page, server)
    answer(page, lambda: page.get_by_label("子ども", exact=True).check())
    assert page.locator("#flow-form").get_attribute("autocomplete") == "off"  # from the server, too
    off = (
        "[...document.querySelectorAll('input, select, textarea')].every(e => e.getAttribute('autocomplete') === 'off')"
    )
    page.wait_for_function(off)  # kiosk.js marks inputs once htmx has settled the new page
    page.goto(server + KIOSK)
    page.get_by_role("link", name="被保険者資格申立書を用意する").click()
    page.locator("#family").wait_for()
    page.wait_for_function(off)
    assert page.locator("#declaration-form").get_attribute("autocomplete") == "off"


def test_the_start_page_is_large_and_accessible(tablet, server):
    page = tablet
    page.goto(server + KIOSK)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    box = page.get_by_role("link", name="日本語", exact=True).bounding_box()
    assert box["height"] >= 80 and box["width"] >= 400


def test_nothing_of_a_person_reaches_the_service_worker_caches_and_the_kiosk_works_offline(browser, server):
    context = browser.new_context(viewport=TABLET)
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(server + KIOSK)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    if not page.evaluate("!!navigator.serviceWorker.controller"):
        page.reload()
    assert page.evaluate("!!navigator.serviceWorker.controller")
    to_qr(page, server)
    page.get_by_role("link", name="次の方へ").click()
    assert_fresh_start(page)
    cached = cached_texts(page)
    assert any(url.endswith("/ja/kiosk") for url, _ in cached)
    assert not [(url, secret) for url, body in cached for secret in SECRETS if secret in body or secret in url]

    # Offline, the tablet still starts, keeps its settings and resets itself when left alone.
    context.set_offline(True)
    page.clock.install()
    page.goto(server + KIOSK)
    page.get_by_role("link", name="日本語", exact=True).click()
    page.locator("#offline-guide").wait_for()
    assert "c-kiosk=1" in page.url and f"c-idle={IDLE}" in page.url
    page.get_by_label("子ども", exact=True).check()
    idle_until_reset(page)
    page.get_by_role("link", name="日本語", exact=True).wait_for()
    assert not page.locator("#offline-guide").count()
    context.close()


# Languages chosen for the poster: none (Japanese and English), the three longest scripts with the
# longest words (one sheet), and seven (three sheets of at most three, each a whole poster).
@pytest.mark.parametrize(
    ("langs", "sheets"), [((), 1), (("ja-easy", "my", "ne"), 1), (("ja", "en", "vi", "zh-Hans", "ko", "tl", "my"), 3)]
)
def test_the_poster_prints_each_sheet_on_one_a4_page_with_a_readable_qr(browser, server, langs, sheets):
    from io import BytesIO

    from PIL import Image
    from qr_images import read_qr

    context = browser.new_context(service_workers="block")
    page = context.new_page()
    name = "さくら内科クリニック・小児科・アレルギー科"  # a long name, at the 40-character cap
    hours = "受付は午前8時30分から11時30分まで、午後2時30分から5時30分まで。木曜午後・日曜・祝日は休診です。"[:80]
    page.goto(f"{server}/ja/clinic")
    page.locator("#c-name").fill(name)
    page.locator("#c-phone-1").check()
    page.locator("#c-pmh-0").check()
    page.locator("#c-hours").fill(hours)
    for code in langs:
        page.locator(f"input[name=c-lang][value={code}]").check()
    page.get_by_role("button", name="リンクとポスターを作る").click()
    link = page.locator("#patient-link").get_attribute("href")
    page.get_by_role("link", name="ポスターを開く（A4で印刷）").click()
    page.locator(".poster-qr svg").first.wait_for()
    assert read_qr(Image.open(BytesIO(page.locator(".poster-qr svg").first.screenshot()))) == link
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden() and page.locator("[data-print]").is_hidden()
    pdf = page.pdf(format="A4")
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == sheets
    assert page.locator(".poster").count() == sheets
    assert page.locator(".poster-part").count() == (len(langs) or 2)
    assert read_qr(Image.open(BytesIO(page.locator(".poster-qr svg").last.screenshot()))) == link
    context.close()
