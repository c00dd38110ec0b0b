"""The 申立書 pages without JavaScript, the reception tablet's server path, /r and the CLI."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from checks import check_page
from conftest import soup_of
from qr_images import read_qr, svg_to_image
from werkzeug.datastructures import MultiDict

from web import qr_payload

VECTORS = json.loads((Path(__file__).parent / "vectors" / "qr_payload.json").read_text(encoding="utf-8"))
FILLED = {
    "action": "make",
    "ins_type": "1",
    "insurer_no": "01130012",
    "insurer_name": "全国健康保険協会 東京支部",
    "employer": "株式会社サンプル商事",
    "card_issued_choice": "2",
    "card_issued_date": "",
    "copay": "3",
    "family": "髙﨑",
    "given": "𠮷子",
    "family_kana": "たかさき",
    "given_kana": "ﾖｼｺ",
    "birth_era": "showa",
    "birth_year": "５５",
    "birth_month": "4",
    "birth_day": "12",
    "sex": "2",
    "zip": "154-0001",
    "address": "東京都世田谷区池尻3丁目21番5号",
    "signed_era": "reiwa",
    "signed_year": "8",
    "signed_month": "11",
    "signed_day": "23",
    "signer": "",
    "relation": "0",
    "relation_text": "",
    "tel": "090-1234-5678",
}


def token(client, path="/ja/moushitatesho"):
    return soup_of(client.get(path)).select_one("input[name=csrf_token]")["value"]


def post(client, lang="ja", **changes):
    data = MultiDict({**FILLED, "csrf_token": token(client), **changes})
    return client.post(f"/{lang}/moushitatesho", data=data)


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("path", ["/moushitatesho", "/reception"])
def test_declaration_pages_pass_the_checker(client, lang, path):
    response = client.get(f"/{lang}{path}")
    assert response.status_code == 200
    check_page(response.get_data(as_text=True), lang)


def test_the_form_follows_the_forms_own_section_order(client):
    soup = soup_of(client.get("/ja/moushitatesho"))
    names = [
        field["name"]
        for field in soup.select("#declaration-form [name]")
        if field["name"] not in ("csrf_token", "action")
    ]
    order = [
        names.index(name)
        for name in (
            "ins_type",
            "insurer_name",
            "employer",
            "card_issued_choice",
            "copay",
            "family",
            "family_kana",
            "birth_year",
            "sex",
            "address",
            "signed_year",
            "signer",
            "relation",
            "tel",
        )
    ]
    assert order == sorted(order)


def test_without_javascript_the_server_draws_a_qr_that_a_real_decoder_reads(client, caplog):
    caplog.set_level(logging.DEBUG)
    response = post(client)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    check_page(html, "ja")
    svg = html[html.index("<svg") : html.index("</svg>") + 6]
    text = read_qr(svg_to_image(svg))
    assert text.startswith("https://localhost/r#v1.")
    values = qr_payload.decode(text)
    assert (values["family"], values["given"], values["family_kana"], values["given_kana"]) == (
        "髙﨑",
        "𠮷子",
        "タカサキ",
        "ヨシコ",
    )
    assert (values["birth"], values["zip"], values["tel"], values["signed_on"]) == (
        "19800412",
        "1540001",
        "09012345678",
        "20261123",
    )
    assert "昭和55年4月12日" in html and "154-0001" in html
    assert all("髙﨑" not in record.getMessage() and "1980" not in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize(
    ("lang", "changes", "message"),
    [
        ("ja", {"family": ""}, "氏（名字）を入力してください。"),
        ("en", {"family": ""}, "Enter the family name."),
        (
            "ja",
            {"birth_era": "showa", "birth_year": "64", "birth_month": "1", "birth_day": "8"},
            "その元号にはない日付です。元号と年を確かめてください。",
        ),
        (
            "en",
            {"birth_era": "western", "birth_year": "2100", "birth_month": "1", "birth_day": "1"},
            "The date of birth must be in the past.",
        ),
        ("ja", {"family_kana": "山田"}, "フリガナ（セイ）は、ひらがなかカタカナで入力してください。"),
        ("en", {"zip": "15400"}, "Enter the postcode as 7 digits."),
        ("ja", {"address": "あ" * 61}, "住所は60文字以内で入力してください。"),
        ("en", {"relation": "1", "relation_text": "叔母"}, 'To write the relationship, choose "Other".'),
        ("ja", {"insurer_no": "1234567"}, "保険者番号は6桁か8桁です。"),
    ],
)
def test_each_field_says_what_is_wrong(client, lang, changes, message):
    response = post(client, lang, **changes)
    assert response.status_code == 422
    soup = check_page(response.get_data(as_text=True), lang)
    summary = [link.get_text() for link in soup.select(".error-summary a")]
    assert message in summary
    link = soup.select(".error-summary a")[summary.index(message)]
    assert soup.select_one(link["href"]) is not None


def test_a_wrong_check_digit_warns_but_still_makes_the_qr(client):
    response = post(client, "en", insurer_no="01130013", ins_type="2")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "check digit" in text
    assert "The 保険者 (insurer) number suggests the insurance type is" in text


def test_postcode_fills_the_address_without_javascript(client):
    response = post(client, action="zip", zip="１５４－０００１", address="")
    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.select_one("#address")["value"] == "東京都世田谷区池尻"
    assert soup.select_one("#zip")["value"] == "1540001"
    missing = post(client, action="zip", zip="0000000")
    assert missing.status_code == 422
    assert "この郵便番号の住所が見つかりません。" in missing.get_data(as_text=True)


def test_coming_from_the_guide_prefills_the_insurance_type(client):
    response = client.post(
        "/ja/moushitatesho", data={"action": "prefill", "a-insurance": "elderly", "csrf_token": token(client)}
    )
    assert soup_of(response).select_one("input[name=ins_type][value='7']").has_attr("checked")


def test_the_qr_page_can_go_back_to_the_form_with_everything_kept(client):
    soup = soup_of(post(client))
    form = soup.select_one("form[action$='moushitatesho']")
    data = MultiDict([(field["name"], field.get("value", "")) for field in form.select("input[type=hidden]")])
    data["action"] = "edit"
    data["csrf_token"] = token(client)
    again = soup_of(client.post("/ja/moushitatesho", data=data))
    assert again.select_one("#family")["value"] == "髙﨑"
    assert again.select_one("#address")["value"] == "東京都世田谷区池尻3丁目21番5号"


@pytest.mark.parametrize("vector", VECTORS["golden"][:2], ids=["typical", "minimal"])
def test_reception_without_javascript_prints_the_golden_vectors(client, vector):
    response = client.post("/ja/reception", data={"qr_text": vector["text"], "csrf_token": token(client)})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    check_page(html, "ja")
    assert vector["fields"]["family"] in html
    soup = soup_of(response)
    assert soup.select_one("#copy-text").get_text().startswith(f"氏名: {vector['fields']['family']}")


@pytest.mark.parametrize("vector", VECTORS["reject"], ids=[v["code"] + str(i) for i, v in enumerate(VECTORS["reject"])])
def test_reception_explains_unreadable_codes_and_never_fails(client, vector):
    response = client.post("/en/reception", data={"qr_text": vector["text"], "csrf_token": token(client)})
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    check_page(text, "en")
    expected = "newer format" if vector["code"] == "version" else "could not be read"
    assert expected in text


def test_a_hostile_qr_is_shown_as_text_only(client):
    values, _ = qr_payload.normalise(
        {
            "family": "<script>x",
            "address": '"><img src=x onerror=alert(1)>',
            "birth": "19800412",
            "signed_on": "20261123",
        }
    )
    response = client.post(
        "/ja/reception",
        data={"qr_text": qr_payload.encode(values, "https://evil.example/r#"), "csrf_token": token(client)},
    )
    html = response.get_data(as_text=True)
    check_page(html, "ja")
    assert "<script>x" not in html and "&lt;script&gt;x" in html
    assert "<img src=x" not in html


def test_reception_may_use_the_camera_and_webassembly_but_nothing_else_changes(client):
    response = client.get("/ja/reception")
    assert response.headers["Content-Security-Policy"] == (
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
    assert response.headers["Permissions-Policy"] == (
        "camera=(self), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
    )
    assert "camera=()" in client.get("/ja/moushitatesho").headers["Permissions-Policy"]


def test_landing_page_has_no_data_of_its_own(client):
    response = client.get("/r", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    check_page(response.get_data(as_text=True), "en")


def test_cli_encodes_and_decodes(app, tmp_path):
    runner = app.test_cli_runner()
    record = VECTORS["records"][0]["record"]
    svg, png = tmp_path / "q.svg", tmp_path / "q.png"
    result = runner.invoke(
        args=["qr", "encode", "--svg", str(svg), "--png", str(png)], input=json.dumps(record, ensure_ascii=False)
    )
    assert result.exit_code == 0, result.output
    text = result.output.strip()
    from PIL import Image

    assert read_qr(Image.open(png)) == text
    assert read_qr(svg_to_image(svg.read_text(encoding="utf-8"))) == text
    decoded = runner.invoke(args=["qr", "decode", text])
    assert decoded.exit_code == 0
    assert json.loads(decoded.output)["family"] == "髙﨑"


@pytest.mark.parametrize(
    ("stdin", "args"),
    [
        ("not json", []),
        ("[1]", []),
        ('{"family": ""}', []),
        ('{"family": "林", "birth": "19800230", "signed_on": "20261123"}', []),
    ],
)
def test_cli_refuses_bad_records_with_status_2(app, stdin, args):
    result = app.test_cli_runner().invoke(args=["qr", "encode", *args], input=stdin)
    assert result.exit_code == 2
    assert "error" in result.output


def test_cli_decode_refuses_bad_text_with_status_2(app):
    for text in ("v2.0000000000", "v1.12345678901", "hello"):
        assert app.test_cli_runner().invoke(args=["qr", "decode", text]).exit_code == 2
