"""Offline after one visit (Chromium with service workers): the whole flow, the 申立書 QR and the
reception page work with the network cut; what cannot work says so; a deploy brings new rules;
and no cache holds an answer."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from browser import CHROMIUM, FLAGS, PHONE
from PIL import Image
from qr_images import read_qr

from web import i18n, qr_payload

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from budget import PRECACHE_BUDGET, precache_weight, service_worker_list  # noqa: E402

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
    )


def open_reception_once(page, server):
    """A clinic opens its reception page once online; the service worker then keeps its files."""
    page.goto(f"{server}/ja/reception")
    page.wait_for_function("caches.match('/__mochimono-reception').then(Boolean)")


def test_offline_after_one_visit_gives_the_same_guide_and_a_working_qr(page, server):
    online = online_checklist(page, server)
    open_reception_once(page, server)
    page.goto(f"{server}/ja/")
    page.context.set_offline(True)
    page.reload()
    assert page.locator("h1").inner_text() == "受診のときに持って行くものを調べる"
    page.get_by_role("link", name="はじめる").click()
    page.locator("#offline-guide").wait_for()
    assert offline_checklist(page) == online
    assert online[0] == ["マイナンバーカード（マイナ保険証）"]

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

    cached = page.evaluate("""async () => {
        const out = [];
        for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const request of await cache.keys()) {
                const response = await cache.match(request);
                const type = response.headers.get('Content-Type') || '';
                if (type.includes('wasm') || type.includes('image')) continue;
                out.push([request.url, await response.text()]);
            }
        }
        return out;
    }""")
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
    assert offline_checklist(page)[0] == ["マイナンバーカード（マイナ保険証）"]
    assert "2026年12月1日" in page.locator("#offline-result .meta").inner_text()


def test_a_patients_phone_precaches_the_patient_path_within_the_budget(client):
    script = client.get("/sw.js").get_data(as_text=True)

    def get(url):
        response = client.get(url)
        assert response.status_code == 200, url
        return response.data

    sizes = precache_weight(script, get)
    assert sum(sizes.values()) <= PRECACHE_BUDGET, sorted(sizes.items(), key=lambda item: -item[1])
    for lang in i18n.LOCALES:
        assert {f"/{lang}/", f"/{lang}/guide/offline", f"/{lang}/moushitatesho"} <= set(sizes)
    reception = service_worker_list(script, "RECEPTION")
    assert not set(reception) & set(sizes)
    assert any(".wasm" in url for url in reception) and not any(".wasm" in url for url in sizes)
    assert {f"/{lang}/reception" for lang in i18n.LOCALES} <= set(reception)


def test_the_service_worker_follows_the_shipped_languages(client, monkeypatch):
    monkeypatch.setattr(i18n, "LOCALES", ("ja", "en", "xx"))
    monkeypatch.setattr("web.views.offline.LOCALES", i18n.LOCALES)
    script = client.get("/sw.js").get_data(as_text=True)
    assert service_worker_list(script, "LOCALES") == ["ja", "en", "xx"]
    assert "/xx/guide/offline" in service_worker_list(script, "PRECACHE")
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
