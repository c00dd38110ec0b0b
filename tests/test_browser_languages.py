"""Every offered language in a real browser: the whole guide with axe-core at 0 violations; every
page at 320 CSS px and at 200% text without sideways scrolling or cut-off content (WCAG 1.4.4,
1.4.10); the switcher without scripts; read aloud only where the device has a voice; each script
drawn by a system font made for it.

One browser and one page per test, reused from page to page, keep this fast."""

from __future__ import annotations

import os
import subprocess

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import PHONE
from test_pages import ADULT

from web import i18n

INFORMATION = ("/", "/reader-fails", "/about", "/offline", "/guide/offline", "/moushitatesho", "/reception")
# Content wider than the screen, or text cut off by its box: what a user at 320 px or 200% would lose.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = document.documentElement.scrollWidth > width;
  const out = [...document.querySelectorAll("main *, header *, footer *")].filter((e) => {
    const box = e.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || e.closest(".visually-hidden")) return false;
    const style = getComputedStyle(e);
    const clipped = style.overflowX === "hidden" && e.scrollWidth > e.clientWidth + 1;
    return box.right > width + 1 || clipped;
  }).map((e) => e.tagName + "." + e.className + ": " + (e.textContent || "").trim().slice(0, 40));
  return wide ? ["page scrolls sideways", ...out] : out;
}"""


def answer(page, values: dict) -> None:
    """Fill one question page by field names and values, in whatever language it is written."""
    for name, value in values.items():
        for one in value if isinstance(value, list) else [value]:
            field = page.locator(f"[name={name}]").first
            kind = field.get_attribute("type") or field.evaluate("e => e.tagName.toLowerCase()")
            if kind in ("radio", "checkbox"):
                page.locator(f"[name={name}][value={one}]").check()
            elif kind == "select":
                field.select_option(one)
            else:
                field.fill(one)


def press(page, nav: str) -> None:
    heading = page.locator("h1").inner_text()
    page.locator(f"form.flow-form button[name=nav][value={nav}]").first.click()
    page.locator("h1").filter(has_not_text=heading).wait_for()


def assert_accessible(page, axe: Axe) -> None:
    results = axe.run(page)
    assert results.violations_count == 0, page.url + "\n" + results.generate_report()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, service_workers="block")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("lang", i18n.LOCALES)
def test_the_whole_guide_in_each_language_passes_axe(phone, server, lang):
    axe = Axe()
    phone.goto(f"{server}/{lang}/guide")
    assert phone.locator("html").get_attribute("lang") == i18n.BY_CODE[lang].tag
    for values in ADULT:
        assert_accessible(phone, axe)
        answer(phone, values)
        press(phone, "next")
    assert_accessible(phone, axe)
    press(phone, "result")
    phone.wait_for_selector(".checklist")
    assert_accessible(phone, axe)
    assert phone.locator(".checklist li").count() == 2  # the card and its one backup paper
    assert phone.url.endswith(f"/{lang}/guide")


def check_reflow(page, where: str) -> None:
    for width, text in ((320, "100%"), (PHONE["width"], "200%")):
        page.set_viewport_size({"width": width, "height": PHONE["height"]})
        # 200% text through the CSSOM (allowed by the CSP, unlike a <style>), as a browser's text size does.
        page.evaluate("size => { document.documentElement.style.fontSize = size; }", text)
        lost = page.evaluate(OVERFLOW)
        assert not lost, f"{where} at {width}px, text {text}: {lost[:5]}"
        page.evaluate("() => { document.documentElement.style.fontSize = ''; }")


@pytest.mark.parametrize("lang", i18n.LOCALES)
def test_every_page_reflows_at_320_px_and_200_percent_text(phone, server, lang):
    for path in INFORMATION:
        phone.goto(f"{server}/{lang}{path}")
        check_reflow(phone, path)
    phone.goto(f"{server}/{lang}/guide")
    for values in ADULT:
        check_reflow(phone, phone.locator("h1").inner_text())
        answer(phone, values)
        press(phone, "next")
    check_reflow(phone, "check")
    press(phone, "result")
    phone.wait_for_selector(".checklist")
    check_reflow(phone, "result")


def test_the_language_switch_works_without_scripts_and_keeps_the_answer(browser, server):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/ja/guide")
    page.locator("[name=who][value=child]").check()
    other = next(code for code in i18n.LOCALES if code != "ja")
    page.locator("nav.language summary").click()
    page.locator(f"nav.language button[lang={i18n.BY_CODE[other].tag}]").click()
    page.wait_for_url(f"**/{other}/guide")
    assert page.locator("html").get_attribute("lang") == i18n.BY_CODE[other].tag
    assert page.locator("[name=who][value=child]").is_checked()
    context.close()


def test_the_language_switch_with_scripts_keeps_the_answer_and_the_page_says_its_language(phone, server):
    phone.goto(f"{server}/ja/guide")
    phone.wait_for_function("() => !!window.htmx")
    phone.locator("[name=who][value=child]").check()
    other = i18n.BY_CODE["zh-Hans" if "zh-Hans" in i18n.LOCALES else "en"]
    phone.locator("nav.language summary").click()
    phone.locator(f"nav.language button[lang={other.tag}]").click()
    phone.wait_for_function("tag => document.documentElement.lang === tag", arg=other.tag)
    assert phone.locator("[name=who][value=child]").is_checked()
    assert phone.locator("form.flow-form").get_attribute("action").startswith(f"/{other.code}/")


# A device's voices, and a synthesizer that notes what it is asked to say (a real one needs audio).
FAKE_VOICES = """
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
  Object.defineProperty(window.speechSynthesis, "getVoices", {value: () => VOICES});
  window.spoken = [];
  Object.defineProperty(window.speechSynthesis, "speak", {value: (u) => window.spoken.push([u.lang, u.text])});
"""


# The offline guide (questions and result on one page) loads read aloud after its first scripts.
@pytest.mark.parametrize("path", ["/ja/guide", "/ja/guide/offline"])
@pytest.mark.parametrize(("voices", "shown"), [([], False), (["en-US", "zh-TW", "ja-JP"], True)])
def test_read_aloud_appears_only_with_a_voice_for_the_page_language(browser, server, voices, shown, path):
    context = browser.new_context(viewport=PHONE, service_workers="block")
    voice_objects = ",".join(f'{{lang: "{tag}", name: "{tag}"}}' for tag in voices)
    context.add_init_script(f"const VOICES = [{voice_objects}];" + FAKE_VOICES)
    page = context.new_page()
    page.goto(f"{server}{path}")
    page.wait_for_load_state("networkidle")
    button = page.locator("[data-read-aloud] button")
    assert button.is_visible() == shown
    if shown:
        button.click()
        spoken = page.evaluate("window.spoken")
        assert spoken and {lang for lang, _ in spoken} == {"ja-JP"}
        text = " ".join(text for _, text in spoken)
        assert page.locator("h1").inner_text() in text and "読み上げる" not in text
    context.close()


# The system font (Debian's Noto packages, no web fonts) that must draw each script.
SCRIPT_FONTS = {
    "ja": "Noto Sans CJK JP",
    "ja-easy": "Noto Sans CJK JP",
    "zh-Hans": "Noto Sans CJK SC",
    "zh-Hant": "Noto Sans CJK TC",
    "ko": "Noto Sans CJK KR",
    "ne": "Noto Sans Devanagari",
    "my": "Noto Sans Myanmar",
}


def platform_fonts(page, selector: str) -> set[str]:
    """The installed fonts Chromium drew the element's text with (none when a glyph is missing)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    assert fonts and not [font for font in fonts if font["isCustomFont"]], fonts
    return {font["familyName"] for font in fonts}


@pytest.mark.parametrize("lang", [code for code in SCRIPT_FONTS if code in i18n.LOCALES])
def test_each_script_is_drawn_by_a_system_font_made_for_it(phone, server, lang):
    installed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    if not all(font in installed for font in SCRIPT_FONTS.values()):
        if os.environ.get("CI") == "true":
            pytest.fail("the Noto fonts are not installed, and CI must check them")
        pytest.skip("apt-get install fonts-noto-cjk fonts-noto-core")
    phone.goto(f"{server}/{lang}/reader-fails")
    assert SCRIPT_FONTS[lang] in platform_fonts(phone, "h1")
    if not i18n.BY_CODE[lang].japanese:
        # A Japanese name in the page (lang="ja") is drawn with Japanese glyphs, not the page's.
        assert platform_fonts(phone, 'main span[lang="ja"]') == {"Noto Sans CJK JP"}
