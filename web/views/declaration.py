"""The 申立書: the form on the patient's phone, the QR, the reception tablet and the /r landing page.

With JavaScript, the phone makes the QR itself and these views only serve empty pages; the POST
handlers are for phones without JavaScript. Nothing here logs or keeps what was typed.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request
from flask_babel import gettext

from web import declaration, qr_payload, qr_symbol
from web.declaration import GENERIC, MESSAGES, WARNINGS, DeclarationForm
from web.forms import printable
from web.i18n import localized_blueprint
from web.postal import address_for
from web.qr_payload import PayloadError, Problem
from web.timeutil import today_in_tokyo

bp = localized_blueprint("declaration", __name__, "/moushitatesho")
reception = localized_blueprint("reception", __name__, "/reception")
landing = Blueprint("landing", __name__)


def qr_prefix() -> str:
    return request.host_url + "r#"


def render_form(form: DeclarationForm, status: int = 200, warnings: list[str] | None = None) -> Any:
    messages = {f"{field}.{code}": str(text) for (field, code), text in MESSAGES.items()}
    messages["generic"] = str(GENERIC)
    messages.update({f"warning.{key}": str(text) for key, text in WARNINGS.items()})
    return render_template(
        "pages/declaration/form.html", form=form, messages=messages, warnings=warnings or [], qr_prefix=qr_prefix()
    ), status


@bp.get("")
def new() -> Any:
    form = DeclarationForm(formdata=None)
    form.prefill_today(today_in_tokyo())
    return render_form(form)


@bp.post("")
def submit() -> Any:
    """Make the QR on the server (no JavaScript), look up an address, or start from the guide."""
    action = request.form.get("action", "make")
    if action == "prefill":
        form = DeclarationForm(formdata=None)
        form.ins_type.data = declaration.INS_TYPE_FROM_GUIDE.get(request.form.get("a-insurance", ""), "9")
        form.prefill_today(today_in_tokyo())
        return render_form(form)
    form = DeclarationForm()
    if action == "edit":
        return render_form(form)
    if action == "zip":
        code, problem = qr_payload.normalise_field(qr_payload.FIELD_BY_KEY["zip"], form.zip.data or "")
        found = address_for(code) if code and not problem else None
        if found is None:
            form.show_problems([Problem("zip", problem or "not_found")])
            return render_form(form, 422)
        form.zip.data, form.address.data = code, found
        return render_form(form)
    if not form.validate():
        return render_form(form, 422)
    values, problems = form.check(today_in_tokyo())
    if problems:
        form.show_problems(problems)
        return render_form(form, 422)
    text = qr_payload.encode(values, qr_prefix())
    try:
        symbol = qr_symbol.svg(text, gettext("被保険者資格申立書のQRコード"))
    except qr_symbol.SymbolTooLarge:
        form.address.errors = [gettext("入力が長すぎてQRコードにできません。住所や名称を短くしてください。")]
        return render_form(form, 422)
    return render_template(
        "pages/declaration/qr.html", symbol=symbol, values=values, form=form, warnings=declaration.warnings_for(values)
    )


def render_reception(values: dict[str, str] | None = None, problem: str | None = None, **context: Any) -> str:
    """The reception page; a scanned value is shown without characters HTML cannot hold."""
    return render_template(
        "pages/declaration/reception.html",
        values={key: printable(value) for key, value in values.items()} if values else values,
        problem=problem,
        field_labels={key: str(label) for key, label in declaration.FIELD_LABELS.items()},
        **context,
    )


@reception.get("")
def scan() -> Any:
    return render_reception()


@reception.post("")
def read_pasted() -> Any:
    """The reception tablet without JavaScript: staff paste or scan the QR text into a form."""
    text = request.form.get("qr_text", "")
    try:
        values = qr_payload.decode(text)
    except PayloadError as error:
        if error.code == "version":
            message = gettext("新しい形式のQRです。アプリを更新してください。")
        else:
            message = gettext("QRコードを読み取れませんでした。もう一度読み取ってください。")
        return render_reception(problem=message), 422
    shown, unreadable = qr_payload.readable(values)
    if unreadable:
        return render_reception(
            values=shown,
            problem=gettext(
                "このQRコードは、正しい被保険者資格申立書ではありません。読み取れた項目だけを表示しています。"
            ),
            unreadable=declaration.field_labels(unreadable),
        ), 422
    return render_reception(values=values, doubtful=bool(qr_payload.problems_in(values)))


@landing.get("/r")
def holder() -> Any:
    """Where a phone camera app lands: the page reads the fragment on the device."""
    return render_template("pages/declaration/landing.html")


def register_filters(app: Any) -> None:
    app.jinja_env.filters.update(
        wareki=declaration.display_date, zipcode=declaration.display_zip, copytext=declaration.copy_text
    )
