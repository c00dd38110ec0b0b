"""Offline after one visit (Chromium with service workers): the whole flow, the 申立書 QR and the
reception page work with the network cut; what cannot work says so; a deploy brings new rules;
and no cache holds an answer."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import icalendar
import pytest
from browser import CHROMIUM, FLAGS, PHONE, cached_texts
from conftest import soup_of
from PIL import Image
from qr_images import read_qr
from test_pages import ADULT, answer_all
from test_result import LAPSED
from werkzeug.datastructures import MultiDict

from web import i18n, qr_payload

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from budget import PRECACHE_BUDGET, language_pages, precache_weight, service_worker_list  # noqa: E402

NAME, GIVEN, BIRTH = "髙﨑", "𠮷子", ("1967", "3", "21")


@pytest.fixture
def page(playwright, server):
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
    context = browser.new_context(viewport=PHONE)
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.goto(f"{server}/ja/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    if not page.evaluate("!!navigator.serviceWorker.controller"):
        page.reload()
    assert page.evaluate("!!navigator.serviceWorker.controller")
    yield page
    browser.close()


def online_checklist(page, server):
    """The step-by-step flow, online."""
    page.goto(f"{server}/ja/guide")
    steps = [
        lambda: page.get_by_label("自分", exact=True).check(),
        lambda: (
            page.locator("#birth_year").fill(BIRTH[0]),
            page.locator("#birth_month").fill(BIRTH[1]),
            page.locator("#birth_day").fill(BIRTH[2]),
        ),
        lambda: page.get_by_label("国民健康保険（市区町村・国保組合）").check(),
        lambda: (
            page.get_by_label("マイナンバーカード", exact=True).check(),
            page.get_by_label("資格情報のお知らせ", exact=True).check(),
        ),
        lambda: page.get_by_label("はい", exact=True).check(),
        lambda: page.locator("input[name=card_auth][value=pin]").check(),
        lambda: (
            page.get_by_label("有効期限を入力する").check(),
            page.locator("#expiry_year").fill("2027"),
            page.locator("#expiry_month").fill("1"),
            page.locator("#expiry_day").fill("10"),
        ),
        lambda: (
            page.locator("#visit_year").fill("2026"),
            page.locator("#visit_month").fill("11"),
            page.locator("#visit_day").fill("23"),
        ),
    ]
    for step in steps:
        heading = page.locator("h1").inner_text()
        step()
        page.get_by_role("button", name="次へ", exact=True).click()
        page.locator("h1").filter(has_not_text=heading).wait_for()
    page.get_by_role("button", name="持ち物を見る").click()
    page.locator(".checklist").wait_for()
    return (
        page.locator(".checklist li strong").all_inner_texts(),
        page.locator(".warnings .severity").count(),
        page.locator(".timeline .when").all_inner_texts(),
        squeezed(page.locator(".result").inner_text()),
        pictures(page.locator(".result")),
    )


def offline_checklist(page):
    page.get_by_label("自分", exact=True).check()
    page.locator("#birth_year").fill(BIRTH[0])
    page.locator("#birth_month").fill(BIRTH[1])
    page.locator("#birth_day").fill(BIRTH[2])
    page.get_by_label("国民健康保険（市区町村・国保組合）").check()
    page.get_by_label("マイナンバーカード", exact=True).check()
    page.get_by_label("資格情報のお知らせ", exact=True).check()
    page.locator("input[name=registered][value=yes]").check()
    page.locator("input[name=card_auth][value=pin]").check()
    page.locator("input[name=ecert_known][value=expiry]").check()
    page.locator("#expiry_year").fill("2027")
    page.locator("#expiry_month").fill("1")
    page.locator("#expiry_day").fill("10")
    page.locator("#visit_year").fill("2026")
    page.locator("#visit_month").fill("11")
    page.locator("#visit_day").fill("23")
    page.locator("#offline-guide button[type=submit]").click()
    page.locator("#offline-result").wait_for(state="visible")
    return (
        page.locator("#offline-result .checklist li strong").all_inner_texts(),
        page.locator("#offline-result .warnings .severity").count(),
        page.locator("#offline-result .timeline .when").all_inner_texts(),
        squeezed(page.locator("#offline-result .result").inner_text()),
        pictures(page.locator("#offline-result .result")),
    )


def pictures(result):
    """The pictures beside the items, as drawn: file, text alternative and reserved size."""
    return result.locator("li img").evaluate_all(
        "imgs => imgs.map(img => [img.getAttribute('src'), img.alt, +img.getAttribute('width'),"
        " +img.getAttribute('height'), img.loading])"
    )


def open_reception_once(page, server):
    """A clinic opens its reception page once online; the service worker then keeps its files."""
    page.goto(f"{server}/ja/reception")
    page.wait_for_function("caches.match('/__mochimono-reception').then(Boolean)")


def test_offline_after_one_visit_gives_the_same_guide_and_a_working_qr(page, server):
    online = online_checklist(page, server)
    open_reception_once(page, server)
    page.goto(f"{server}/en/")  # English opened once online: its pages are kept too
    page.wait_for_function("caches.match('/__mochimono-language/en').then(Boolean)")
    page.goto(f"{server}/ja/")
    page.context.set_offline(True)
    page.reload()
    assert page.locator("h1").inner_text() == "受診のときに持って行くものを調べる"
    page.get_by_role("link", name="はじめる").click()
    page.locator("#offline-guide").wait_for()
    assert offline_checklist(page) == online
    assert online[0] == ["マイナンバーカード（マイナ保険証）", "資格情報のお知らせ"]  # the card and its one backup
    with page.expect_download() as download:  # the calendar is made on the device, offline too
        page.locator("#offline-result [data-calendar]").click()
    events = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes()).walk("VEVENT")
    assert [event.decoded("DTSTART").isoformat() for event in events] == ["2027-01-10", "2027-04-30"]

    page.goto(f"{server}/ja/moushitatesho")
    page.locator("#family").fill(NAME)
    page.locator("#given").fill(GIVEN)
    page.locator("#birth_year").fill("42")
    page.locator("#birth_month").fill("3")
    page.locator("#birth_day").fill("21")
    page.locator("#declaration-form button[value=make]").click()
    page.locator("#qr-view").wait_for(state="visible")
    text = read_qr(Image.open(io.BytesIO(page.locator("#qr-box svg").screenshot())))
    assert qr_payload.decode(text)["family"] == NAME

    page.goto(f"{server}/ja/reception")
    page.locator("#qr_text").fill(text)
    page.locator("#qr_text").press("Enter")
    page.locator("#result").wait_for(state="visible")
    assert NAME in page.locator("#result [data-sheet]").inner_text()
    assert "昭和42年3月21日" in page.locator("#result [data-sheet]").inner_text()

    page.goto(f"{server}/ja/reader-fails")
    assert page.locator("h1").inner_text() == "カードリーダーで確認できないとき"
    page.goto(f"{server}/en/about")
    assert page.locator("h1").inner_text() == "About this app"

    page.goto(f"{server}/ja/somewhere-new")
    assert page.locator("h1").inner_text() == "インターネットにつながっていません"
    page.goto(f"{server}/vi/about")  # never opened in Vietnamese: the offline page still answers
    assert page.locator("h1").inner_text() in ("インターネットにつながっていません", "You are offline")

    cached = cached_texts(page)
    assert len(cached) > 20
    # htmx keeps the current page's path (never an answer: answers are not in URLs) in sessionStorage.
    storage = page.evaluate("[Object.entries(localStorage), Object.entries(sessionStorage)]")
    assert storage[0] == [] and [key for key, _ in storage[1]] in ([], ["htmx-current-path-for-history"]), storage
    for url, body in cached:
        for secret in (NAME, GIVEN, "1967", "19670321", "2027-01-10", "昭和42年3月21日"):
            assert secret not in body and secret not in url, (url, secret)


def test_a_new_deploy_brings_new_rules_to_the_device(page, server, monkeypatch):
    rules_as_of = json.loads(page.evaluate("fetch('/rules.json').then(r => r.text())"))["rules_as_of"]
    assert rules_as_of == "2026-11-23"
    from web.views import offline

    changed = json.loads(offline.rules_json())
    changed["rules_as_of"] = "2026-12-01"
    monkeypatch.setattr(offline, "rules_json", lambda: json.dumps(changed).encode())
    page.evaluate("""async () => {
        const changed = new Promise(resolve => navigator.serviceWorker.addEventListener('controllerchange', resolve));
        await (await navigator.serviceWorker.getRegistration()).update();
        await changed;
    }""")
    page.context.set_offline(True)
    page.goto(f"{server}/ja/guide/offline")
    assert (
        json.loads(page.evaluate("fetch(document.getElementById('offline-guide').dataset.rules).then(r => r.text())"))[
            "rules_as_of"
        ]
        == "2026-12-01"
    )
    assert offline_checklist(page)[0] == ["マイナンバーカード（マイナ保険証）", "資格情報のお知らせ"]
    assert "2026年12月1日" in page.locator("#offline-result .meta").inner_text()


def test_a_patients_phone_precaches_the_patient_path_within_the_budget(client):
    script = client.get("/sw.js").get_data(as_text=True)

    def get(url):
        response = client.get(url)
        assert response.status_code == 200, url
        return response.data

    sizes = precache_weight(script, get)
    assert sum(sizes.values()) <= PRECACHE_BUDGET, sorted(sizes.items(), key=lambda item: -item[1])
    languages = language_pages(script)
    assert set(languages) == set(i18n.LOCALES)
    for lang, pages in languages.items():
        assert {f"/{lang}/", f"/{lang}/guide/offline", f"/{lang}/moushitatesho"} <= set(pages)
    reception = service_worker_list(script, "RECEPTION")
    assert not set(reception) & set(sizes)
    assert any(".wasm" in url for url in reception) and not any(".wasm" in url for url in sizes)
    assert {f"/{lang}/reception" for lang in i18n.LOCALES} <= set(reception)


def test_the_service_worker_follows_the_shipped_languages(client, monkeypatch):
    monkeypatch.setattr(i18n, "LOCALES", ("ja", "en", "xx"))
    monkeypatch.setattr("web.views.offline.LOCALES", i18n.LOCALES)
    script = client.get("/sw.js").get_data(as_text=True)
    assert service_worker_list(script, "LOCALES") == ["ja", "en", "xx"]
    assert "/xx/guide/offline" in language_pages(script)["xx"]
    assert "(ja|en)" not in script


def test_a_phone_keeps_no_reception_files_until_the_reception_page_is_opened(page, server):
    def cached_urls():
        return page.evaluate("""async () => {
            const cache = await caches.open((await caches.keys()).find(name => name !== 'mochimono-postal'));
            return (await cache.keys()).map(request => new URL(request.url).pathname);
        }""")

    assert not [url for url in cached_urls() if "zxing" in url or "reception" in url]
    open_reception_once(page, server)
    assert [url for url in cached_urls() if "/zxing_reader." in url and url.endswith(".wasm")]
    page.context.set_offline(True)
    page.goto(f"{server}/ja/reception")
    assert page.locator("#qr_text").is_visible()
    wasm = page.evaluate("""() => fetch(document.getElementById('reception-script').dataset.zxingWasm)
        .then(r => r.arrayBuffer()).then(b => b.byteLength)""")
    assert wasm > 900_000


def test_the_manifest_makes_the_app_installable(client):
    for lang, name in (("ja", "受診もちものナビ"), ("en", "Mochimono clinic checklist")):
        response = client.get(f"/{lang}/manifest.webmanifest")
        manifest = response.get_json(force=True)
        assert manifest["name"] == name and manifest["start_url"] == f"/{lang}/"
        assert manifest["display"] == "standalone" and manifest["lang"] == lang
        sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]}
        assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
        for icon in manifest["icons"]:
            assert client.get(icon["src"]).status_code == 200


def test_the_service_worker_is_never_cached_by_http_and_changes_with_the_rules(client, monkeypatch):
    first = client.get("/sw.js")
    assert first.headers["Cache-Control"] == "no-cache"
    assert first.headers["Service-Worker-Allowed"] == "/"
    from web.views import offline

    monkeypatch.setattr(offline, "rules_json", lambda: b'{"rules_as_of": "2027-01-01"}')
    assert client.get("/sw.js").data != first.data


def test_old_rules_on_the_device_ask_to_reconnect(page, server):
    banner = page.locator("#stale-banner")
    assert banner.is_hidden()
    page.evaluate("""async () => {
        for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            const meta = await cache.match('/__mochimono-meta');
            if (!meta) continue;
            const old = Object.assign(await meta.json(), {fetched: Date.now() - 31 * 24 * 3600 * 1000});
            await cache.put('/__mochimono-meta', new Response(JSON.stringify(old)));
        }
    }""")
    page.context.set_offline(True)
    page.goto(f"{server}/ja/reader-fails")
    banner.wait_for(state="visible")
    assert (
        banner.inner_text()
        == "この端末にあるルールは30日以上前のものです。インターネットにつないで、このページを開き直してください。"
    )


OFFLINE_PATHS = {
    "資格確認書 with its printed expiry": (
        {
            "who": "care",
            "birth_era": "showa",
            "birth_year": "20",
            "birth_month": "3",
            "birth_day": "1",
            "insurance": "elderly",
            "holds": ["kakuninsho"],
            "kakuninsho_known": "expiry",
            "kexpiry_era": "reiwa",
            "kexpiry_year": "9",
            "kexpiry_month": "7",
            "kexpiry_day": "31",
        },
        {
            "birth_date": "1945-03-01",
            "insurance": "elderly",
            "holds": ["kakuninsho"],
            "kakuninsho_expiry": "2027-07-31",
        },
    ),
    "a child's 医療証": (
        {
            "who": "child",
            "age": "4",
            "insurance": "employee",
            "holds": ["mynumber_card", "subsidy_cert"],
            "registered": "yes",
            "card_auth": "unknown",
            "ecert_known": "unknown",
            "linked": "no",
        },
        {
            "age": 4,
            "insurance": "employee",
            "holds": ["mynumber_card", "subsidy_cert"],
            "mynumber_registered": "yes",
            "subsidy_linked": "no",
        },
    ),
    "the card's issue date instead of the e-certificate's expiry": (
        {
            "who": "me",
            "birth_year": "1980",
            "birth_month": "5",
            "birth_day": "5",
            "insurance": "national",
            "holds": ["mynumber_card"],
            "registered": "yes",
            "card_auth": "pin",
            "ecert_known": "issued",
            "issued_year": "2016",
            "issued_month": "4",
            "issued_day": "1",
        },
        {
            "birth_date": "1980-05-05",
            "insurance": "national",
            "holds": ["mynumber_card"],
            "mynumber_registered": "yes",
            "card_auth": "pin",
            "card_issued": "2016-04-01",
        },
    ),
}


def fill_offline(page, inputs: dict) -> None:
    for name, value in {**inputs, "visit_year": "2026", "visit_month": "11", "visit_day": "23"}.items():
        if isinstance(value, list):
            for item in value:
                page.locator(f"input[name={name}][value={item}]").check()
        elif page.locator(f"input[type=radio][name={name}]").count():
            page.locator(f"input[name={name}][value={value}]").check()
        elif page.locator(f"select[name={name}]").count():
            page.locator(f"select[name={name}]").select_option(value)
        else:
            page.locator(f"[name={name}]").fill(value)


@pytest.mark.parametrize("path", list(OFFLINE_PATHS))
def test_offline_guide_paths_match_the_server(page, server, client, path):
    inputs, request = OFFLINE_PATHS[path]
    expected = client.post("/api/v1/guide", json={**request, "visit_date": "2026-11-23"}).get_json()
    page.goto(f"{server}/ja/guide/offline")
    page.context.set_offline(True)
    page.reload()
    page.locator("#offline-guide").wait_for()
    fill_offline(page, inputs)
    page.locator("#offline-guide button[type=submit]").click()
    page.locator("#offline-result").wait_for(state="visible")
    result = page.locator("#offline-result")
    assert result.locator(".checklist li strong").all_inner_texts() == [item["label"] for item in expected["bring"]]
    assert result.locator(".warnings li").count() == len(expected["warnings"])
    assert result.locator(".timeline li").count() == len(expected["timeline"])
    assert result.locator(".verdict").get_attribute("class").endswith(expected["verdict"])


def answer_offline(page, answers: list[dict]) -> None:
    """The step-by-step flow's answers, typed into the one-page offline guide and submitted."""
    fill_offline(page, {name: value for answer in answers for name, value in answer.items()})
    page.locator("#offline-guide button[type=submit]").click()
    page.locator("#offline-result").wait_for(state="visible")


def squeezed(text: str) -> str:
    """Text without whitespace: a browser's layout and an HTML parser space words differently."""
    return re.sub(r"\s+", "", text)


GRACE_WITH_BACKUPS = [
    {"holds": ["mynumber_card", "oshirase", "subsidy_cert"]} if "holds" in answer else answer for answer in ADULT
]
GRACE_WITH_BACKUPS[-2:-1] = [
    {"ecert_known": "expiry", "expiry_year": "2026", "expiry_month": "10", "expiry_day": "1"},
    {"linked": "no"},
]


@pytest.mark.parametrize(
    ("lang", "answers"),
    [
        ("ja", ADULT),
        ("en", ADULT),
        ("en", GRACE_WITH_BACKUPS),
        ("ja", LAPSED),
        ("ja-easy", LAPSED),
        ("zh-Hant", LAPSED),
    ],
    ids=[
        "ja-renew-now",
        "en-renew-now",
        "en-grace-past-dates",
        "ja-lapsed-hard-words",
        "ja-easy-furigana",
        "zh-Hant-japanese-terms",
    ],
)
def test_the_device_shows_the_servers_result_word_for_word(browser, server, flow, lang, answers):
    """The offline guide fills the same macros as the server's result page: same parts, same words,
    same order, and the calendar it makes on the device has the server's events."""
    walk = answer_all(flow, answers, lang)
    result = walk.press("result")
    soup = soup_of(result)
    on_server = soup.select_one(".result")
    button = soup.select_one("button[formaction$='calendar.ics']")
    fields = MultiDict([(f["name"], f.get("value", "")) for f in soup.select("form#result-form input[type=hidden]")])
    server_ics = walk.client.post(button["formaction"], data=fields).get_data() if button else None

    page = browser.new_page(viewport=PHONE)
    page.goto(f"{server}/{lang}/guide/offline")
    answer_offline(page, answers)
    on_device = page.locator("#offline-result .result")
    assert squeezed(on_device.inner_text()) == squeezed(on_server.get_text())
    assert on_device.locator(".term-note").count() == len(on_server.select(".term-note"))
    # やさしい日本語: the same readings, as ruby (never the catalog's ｜《》 syntax).
    # The Japanese words marked lang="ja" in a page in another language (web/japanese_parts.py).
    marked = on_device.locator('span[lang="ja"]:visible').all_inner_texts()
    assert squeezed("|".join(marked)) == squeezed(
        "|".join(span.get_text() for span in on_server.select('span[lang="ja"]'))
    )
    assert lang.startswith("ja") or len(marked) > len(on_device.locator(".ja-name").all())
    # (BeautifulSoup leaves readings out of get_text(), so they are compared on their own.)
    assert on_device.locator("rt:visible").all_inner_texts() == [str(rt.string) for rt in on_server.select("rt")]
    assert not re.search("[｜《》]", on_device.inner_text())
    assert pictures(on_device) == [
        [img["src"], img["alt"], int(img["width"]), int(img["height"]), img["loading"]]
        for img in on_server.select("li img")
    ]
    assert on_device.locator("[data-list=past] li").count() == len(on_server.select("[data-list=past] li"))
    if server_ics is None:
        assert not on_device.locator("[data-calendar]").is_visible()
    else:
        with page.expect_download() as download:
            on_device.locator("[data-calendar]").click()
        device_ics = Path(download.value.path()).read_bytes()
        server_events = [event.to_ical() for event in icalendar.Calendar.from_ical(server_ics).walk("VEVENT")]
        device_events = [event.to_ical() for event in icalendar.Calendar.from_ical(device_ics).walk("VEVENT")]
        assert device_events == server_events and len(device_events) >= 1
    page.close()


@pytest.mark.parametrize("lang", i18n.LOCALES)
def test_each_language_works_offline_after_one_visit(page, server, lang):
    """A phone that opened the guide once in its language answers it offline, in that language,
    with the glossary's Japanese names beside the words staff read, and axe finds nothing."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{server}/{lang}/guide")
    page.wait_for_function(f"caches.match('/__mochimono-language/{lang}').then(Boolean)")
    # Under load Chromium showed the mark to the page a moment before the page it follows (about one
    # run in ten); a phone goes offline later than that.
    page.wait_for_function(f"caches.match('/{lang}/guide/offline').then(Boolean)")
    page.context.set_offline(True)
    page.goto(f"{server}/{lang}/guide/offline")
    assert page.locator("html").get_attribute("lang") == i18n.BY_CODE[lang].tag
    answer_offline(page, ADULT)
    result = page.locator("#offline-result")
    labels = result.locator(".checklist li strong").evaluate_all(
        "items => items.map(item => { const c = item.cloneNode(true);"
        " c.querySelectorAll('rt').forEach(rt => rt.remove()); return c.textContent; })"
    )  # as written, without the furigana readings
    assert len(labels) == 2 and "資格情報のお知らせ" in labels[1], labels
    assert not re.search("[｜《》]", result.inner_text())
    assert Axe().run(page).violations_count == 0
