"""A clinic's settings: its name, what its reader supports, an opening-hours note, the languages it
offers, and the waiting-room tablet (kiosk) mode.

The settings travel in the clinic's link (`?c-name=…`) and, from page to page, as hidden fields of
the question forms under the same names; the server keeps nothing. They are not personal data,
and they are checked on every request by one WTForms form: values that do not validate are
dropped whole (the page works as for anyone), and the values kept are escaped like any text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from flask import g, request, url_for
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException
from wtforms import Form, IntegerField, RadioField, SelectMultipleField, StringField, widgets
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from web.i18n import LOCALE_NAMES, LOCALES

PREFIX = "c"
NAME_MAX = 40
HOURS_MAX = 80
IDLE_DEFAULT = 90
IDLE_MIN, IDLE_MAX = 30, 600
# Angle brackets have no place in a clinic's name, and refusing them keeps pasted markup out.
REFUSED = frozenset("<>")
NAME_LABEL = _l("医療機関の名前")
YES_NO = [("yes", _l("はい")), ("no", _l("いいえ"))]


def plain_text(form: Form, field: Any) -> None:
    """One line of ordinary text: no control or format characters (newlines, bidi overrides,
    zero-width characters), no markup."""
    text = field.data or ""
    if any(unicodedata.category(char)[0] == "C" or char in REFUSED for char in text):
        # Shown again without the control characters, which cannot be written in a page at all.
        field.data = "".join(char for char in text if unicodedata.category(char)[0] != "C")
        raise ValidationError(_l("使えない文字が含まれています。"))


def stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class ClinicForm(Form):
    """The settings, as the clinic page asks for them and as every page reads them back."""

    name = StringField(
        NAME_LABEL,
        filters=[stripped],
        validators=[Length(max=NAME_MAX), plain_text],
    )
    phone = RadioField(
        _l("カードリーダーはスマホのマイナ保険証を読み取れますか"), choices=YES_NO, validators=[Optional()]
    )
    pmh = RadioField(
        _l("医療証・受給者証のオンライン確認（PMH）に対応していますか"), choices=YES_NO, validators=[Optional()]
    )
    hours = StringField(
        _l("受付時間のお知らせ（任意）"), filters=[stripped], validators=[Length(max=HOURS_MAX), plain_text]
    )
    lang = SelectMultipleField(
        _l("案内する言語"),
        choices=[(code, LOCALE_NAMES[code]) for code in LOCALES],
        option_widget=widgets.CheckboxInput(),
        widget=widgets.ListWidget(prefix_label=False),
        validators=[Optional()],
    )
    kiosk = StringField(validators=[Optional(), Length(max=1)])
    idle = IntegerField(
        _l("待合室のタブレットで、操作がないときに最初に戻るまでの秒数"),
        default=IDLE_DEFAULT,
        validators=[Optional(), NumberRange(IDLE_MIN, IDLE_MAX)],
    )

    def __init__(self, formdata: MultiDict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(formdata=formdata, prefix=PREFIX, **kwargs)


class ClinicSetupForm(ClinicForm):
    """On the clinic page the name is required (a tablet link may go without one)."""

    name = StringField(
        NAME_LABEL,
        filters=[stripped],
        validators=[DataRequired(_l("医療機関の名前を入力してください。")), Length(max=NAME_MAX), plain_text],
    )


@dataclass(frozen=True)
class Clinic:
    """Validated settings. `reads_phone` and `pmh` are "yes", "no" or "unknown" (not said)."""

    name: str
    reads_phone: str = "unknown"
    pmh: str = "unknown"
    hours: str = ""
    langs: tuple[str, ...] = LOCALES
    kiosk: bool = False
    idle: int = IDLE_DEFAULT

    @classmethod
    def from_form(cls, form: ClinicForm) -> Clinic:
        return cls(
            name=form.name.data,
            reads_phone=form.phone.data or "unknown",
            pmh=form.pmh.data or "unknown",
            hours=form.hours.data or "",
            langs=tuple(code for code in LOCALES if code in (form.lang.data or ())) or LOCALES,
            kiosk=form.kiosk.data == "1",
            idle=form.idle.data or IDLE_DEFAULT,
        )

    def pairs(self, kiosk: bool | None = None) -> list[tuple[str, str]]:
        """The settings as (name, value) pairs, for a link's query or hidden fields."""
        pairs = [(f"{PREFIX}-name", self.name)]
        pairs += [(f"{PREFIX}-phone", self.reads_phone)] if self.reads_phone != "unknown" else []
        pairs += [(f"{PREFIX}-pmh", self.pmh)] if self.pmh != "unknown" else []
        pairs += [(f"{PREFIX}-hours", self.hours)] if self.hours else []
        pairs += [(f"{PREFIX}-lang", code) for code in self.langs] if self.langs != LOCALES else []
        if self.kiosk if kiosk is None else kiosk:
            pairs += [(f"{PREFIX}-kiosk", "1")]
            pairs += [(f"{PREFIX}-idle", str(self.idle))] if self.idle != IDLE_DEFAULT else []
        return pairs

    def query(self, kiosk: bool | None = None) -> str:
        return urlencode(self.pairs(kiosk))

    def hidden_html(self) -> Markup:
        return Markup("").join(
            Markup('<input type="hidden" name="{}" value="{}">').format(name, value) for name, value in self.pairs()
        )

    def facts(self) -> dict[str, str]:
        """What the engine's rules may test about this clinic (web/engine.py)."""
        return {"reads_phone": self.reads_phone, "pmh": self.pmh}


def read_settings(values: MultiDict[str, str]) -> Clinic | None:
    """The settings in a request's query or form, or None when there are none or they do not
    validate (hostile or broken values are dropped whole, never half-used)."""
    if not any(key.startswith(f"{PREFIX}-") for key in values):
        return None
    form = ClinicForm(values)
    return Clinic.from_form(form) if form.validate() else None


def current() -> Clinic | None:
    """This request's clinic settings (read once)."""
    if "clinic" not in g:
        try:
            g.clinic = read_settings(request.values)
        except HTTPException:  # the form itself was refused (too large): an error page is shown
            g.clinic = None
    return g.clinic


def start_url() -> str:
    """Where "start over" goes: the tablet's language chooser in kiosk mode, else the questions."""
    clinic = current()
    if clinic is not None and clinic.kiosk:
        return f"{url_for('kiosk.start', lang=clinic.langs[0])}?{clinic.query()}"
    return with_settings(url_for("guide.first_question"))


def with_settings(url: str, kiosk: bool | None = None) -> str:
    """`url` with this request's clinic settings in its query (unchanged without settings)."""
    clinic = current()
    if clinic is None:
        return url
    return f"{url}{'&' if '?' in url else '?'}{clinic.query(kiosk)}"


def offered_languages() -> tuple[str, ...]:
    """The languages a page lists: a clinic's link (and its tablet) offers the ones it chose."""
    clinic = current()
    return clinic.langs if clinic is not None else LOCALES


def init_app(app: Any) -> None:
    app.jinja_env.globals.update(
        clinic_settings=current, with_settings=with_settings, start_url=start_url, offered_languages=offered_languages
    )
