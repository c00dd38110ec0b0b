"""The 申立書 in a real browser: a phone makes the QR without sending anything, the reception
tablet reads it (keyboard-wedge input, and the camera through Chromium's fake camera fed with the
symbol), and the printed form shows the same values. axe-core finds nothing on any page."""

from __future__ import annotations

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import CHROMIUM, FLAGS, PHONE, expect
from PIL import Image
from qr_images import read_qr

from web import i18n, qr_payload

TYPED = {
    "family": "髙﨑",
    "given": "𠮷子",
    "family_kana": "たかさき",
    "birth_year": "55",
    "birth_month": "4",
    "birth_day": "12",
    "tel": "090-1234-5678",
}
SECRETS = ["髙﨑", "%E9%AB%99", "𠮷子", "タカサキ", "たかさき", "09012345678", "1234-5678", "19800412", "1540001"]
TABLET = {"width": 1024, "height": 768}


def no_violations(page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def make_qr_on_phone(browser, server, lang):
    context = browser.new_context(viewport=PHONE, service_workers="block")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{server}/{lang}/moushitatesho")
    no_violations(page)
    sent = []
    page.on("request", lambda request: sent.append((request.url, request.post_data or "")))
    for field, value in TYPED.items():
        page.locator(f"#{field}").fill(value)
    page.locator("#birth_era").select_option("showa")
    page.locator("#zip").fill("1540001")
    page.locator("[data-zip-lookup]").click()
    expect(page.locator("#address")).to_have_value(re.compile("^東京都世田谷区池尻"))
    page.locator("#address").fill("東京都世田谷区池尻3丁目21番5号")
    page.locator("#declaration-form button[value=make]").click()
    page.locator("#qr-view").wait_for(state="visible")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    no_violations(page)
    page.locator("#show-staff").click()
    assert "昭和55年4月12日" in page.locator("#staff-view").inner_text()
    no_violations(page)
    for url, body in sent:
        for secret in SECRETS:
            assert secret not in url and secret not in body, (url, secret)
    assert [url for url, _ in sent if "/static/postal/" in url] == [f"{server}/static/postal/1.json"]
    picture = Image.open(io.BytesIO(page.locator("#qr-box svg").screenshot()))
    text = read_qr(picture)
    context.close()
    return text


@pytest.mark.parametrize("lang", i18n.LOCALES)
def test_the_phone_makes_the_qr_and_sends_none_of_it(browser, server, lang):
    text = make_qr_on_phone(browser, server, lang)
    values = qr_payload.decode(text)
    assert (values["family"], values["given"], values["family_kana"], values["birth"]) == (
        "髙﨑",
        "𠮷子",
        "タカサキ",
        "19800412",
    )
    assert text.startswith(f"{server}/r#v1.")


def test_reception_reads_a_wedge_scan_and_prints_the_same_values(browser, server):
    text = make_qr_on_phone(browser, server, "ja")
    context = browser.new_context(viewport=TABLET, service_workers="block")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{server}/ja/reception")
    no_violations(page)
    sent = []
    page.on("request", lambda request: sent.append(request.url))
    page.locator("#qr_text").fill(text)
    page.locator("#qr_text").press("Enter")
    page.locator("#result").wait_for(state="visible")
    sheet = page.locator("#result [data-sheet]").inner_text()
    for expected in ("髙﨑", "𠮷子", "タカサキ", "昭和55年4月12日", "154-0001", "09012345678"):
        assert expected in sheet
    assert "氏名: 髙﨑 𠮷子" in page.locator("#copy-text").input_value()
    assert sent == []
    no_violations(page)
    page.emulate_media(media="print")
    no_violations(page)
    pdf = page.pdf(format="A4")
    assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1
    page.emulate_media(media="screen")
    page.locator("#clear").click()
    assert page.locator("#result").is_hidden()
    assert "髙﨑" not in page.content()
    context.close()


def test_reception_forgets_the_patient_after_two_idle_minutes(browser, server):
    values, _ = qr_payload.normalise({"family": "鈴木", "birth": "19991231", "signed_on": "20261123"})
    context = browser.new_context(viewport=TABLET, service_workers="block")
    page = context.new_page()
    page.clock.install()
    page.goto(f"{server}/ja/reception")
    page.locator("#qr_text").fill(qr_payload.encode(values, f"{server}/r#"))
    page.locator("#qr_text").press("Enter")
    page.locator("#result").wait_for(state="visible")
    page.clock.run_for(119_000)
    assert page.locator("#result").is_visible()
    page.clock.run_for(2_000)
    assert page.locator("#result").is_hidden()
    assert "鈴木" not in page.locator("body").inner_text()
    context.close()


def test_reception_reads_the_qr_through_the_camera(playwright, tmp_path, server):
    """Chromium's fake camera shows the symbol; with no BarcodeDetector on desktop Linux, the
    self-hosted ZXing WebAssembly reader decodes it."""
    values, _ = qr_payload.normalise(
        {
            "family": "佐藤",
            "given": "ひなた",
            "birth": "20220615",
            "signed_on": "20261123",
            "signer": "佐藤 美咲",
            "relation": "3",
        }
    )
    text = qr_payload.encode(values, f"{server}/r#")
    from web import qr_symbol

    symbol = Image.open(io.BytesIO(qr_symbol.png(text, box_size=6))).convert("L")
    frame = Image.new("L", (1280, 720), 255)
    frame.paste(symbol, ((1280 - symbol.width) // 2, (720 - symbol.height) // 2))
    video = tmp_path / "qr.y4m"
    with video.open("wb") as out:
        out.write(b"YUV4MPEG2 W1280 H720 F10:1 Ip A1:1 C420jpeg\n")
        for _ in range(10):
            out.write(b"FRAME\n" + frame.tobytes() + bytes([128]) * (640 * 360 * 2))
    camera_flags = [
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    ]
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS + camera_flags)
    try:
        context = browser.new_context(viewport=TABLET, service_workers="block", permissions=["camera"])
        context.set_default_timeout(30_000)
        page = context.new_page()
        page.goto(f"{server}/ja/reception")
        assert page.evaluate("'BarcodeDetector' in window") is False
        page.locator("#start-camera").click()
        page.locator("#result").wait_for(state="visible")
        assert "佐藤" in page.locator("#result [data-sheet]").inner_text()
        assert "令和4年6月15日" in page.locator("#result [data-sheet]").inner_text()
    finally:
        browser.close()


def test_the_landing_page_reads_the_fragment_and_removes_it(browser, server):
    values, _ = qr_payload.normalise({"family": "鈴木", "given": "一", "birth": "19991231", "signed_on": "20261123"})
    text = qr_payload.encode(values, f"{server}/r#")
    context = browser.new_context(viewport=PHONE, service_workers="block")
    page = context.new_page()
    sent = []
    page.on("request", lambda request: sent.append(request.url))
    page.goto(text)
    page.locator("#landing-result").wait_for(state="visible")
    assert page.url == f"{server}/r"
    assert "鈴木" in page.locator("#landing-result").inner_text()
    digits = text.split("v1.")[1]
    assert not [url for url in sent if digits[:20] in url]
    no_violations(page)
    page.go_back()
    assert page.url == "about:blank"  # the entry with the fragment was replaced, not kept
    context.close()
