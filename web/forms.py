"""One WTForms form per question page. Each knows how to read its answer into the guide's
vocabulary (`answers_from`) and how to show a kept answer again (`prefill`).

Labels and messages are whole Japanese sentences through lazy_gettext, so each field's message can
be translated on its own.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, SelectMultipleField, StringField, ValidationError, widgets
from wtforms.validators import StopValidation

from web import answers as vocab
from web import numbers
from web.dates import age_on
from web.wareki import ERAS, WarekiError, from_wareki, to_wareki

ERA_CHOICES = [("western", _l("西暦"))] + [(era.key, era.kanji) for era in reversed(ERAS)]
YES_NO_UNKNOWN = [("yes", _l("はい")), ("no", _l("いいえ")), ("unknown", _l("わからない"))]


class Chosen:
    """One of the field's own choices must be picked, with a message that says which question.

    Used instead of WTForms' built-in choice check, whose generic "Not a valid choice" would be
    shown as well as ours.
    """

    def __init__(self, message: Any):
        self.message = message

    def __call__(self, form: Any, field: Any) -> None:
        valid = {value for value, _ in field.choices}
        values = field.data if isinstance(field.data, list) else [field.data]
        if not values or not all(value in valid for value in values):
            raise StopValidation(str(self.message))


def normalise_digits(value: str | None) -> str:
    """Full-width digits (１２) and stray spaces are common on Japanese phone keyboards."""
    return unicodedata.normalize("NFKC", value or "").strip()


class DateParts:
    """Reads a 年・月・日 group (with an optional era) into a date, or says what is wrong with it."""

    def __init__(self, era: str, year: str | None, month: str | None, day: str | None):
        self.era = era or "western"
        self.parts = [(part or "").strip() for part in (year, month, day)]  # web/numbers.py reads the digits

    @property
    def empty(self) -> bool:
        return not any(self.parts)

    def read(self) -> date:
        """Raises ValueError with one of: incomplete, not_a_number, invalid, outside_era, out_of_range."""
        if not all(self.parts):
            raise ValueError("incomplete")
        year, month, day = numbers.read_date_parts(self.parts)
        if self.era == "western":
            try:
                return numbers.checked_date(date(year, month, day))
            except ValueError as exc:
                raise ValueError(numbers.date_problem(exc)) from None
        try:
            return numbers.checked_date(from_wareki(self.era, year, month, day))
        except WarekiError:
            if 1 <= month <= 12 and 1 <= day <= 31:
                raise ValueError("outside_era") from None
            raise ValueError("invalid") from None


def split_date(value: date | None, era: str = "western") -> dict[str, str]:
    if value is None:
        return {"era": era, "year": "", "month": "", "day": ""}
    year = value.year
    if era != "western":
        era_obj, year = to_wareki(value)
        era = era_obj.key
    return {"era": era, "year": str(year), "month": str(value.month), "day": str(value.day)}


DATE_MESSAGES = {
    "incomplete": _l("年・月・日をすべて入力してください。"),
    "not_a_number": _l("年・月・日は数字で入力してください。"),
    "invalid": _l("実在する日付を入力してください。"),
    "outside_era": _l("その元号にはない日付です。元号と年を確かめてください。"),
    "out_of_range": _l("1900年から2200年までの日付を入力してください。和暦で入力するときは、元号を選んでください。"),
}


class DateFormMixin:
    """A form with one date group named `prefix` (fields prefix_era, prefix_year, …)."""

    def read_date(self, prefix: str) -> tuple[date | None, str | None]:
        era_field = getattr(self, f"{prefix}_era", None)
        parts = DateParts(
            era_field.data if era_field is not None else "western",
            getattr(self, f"{prefix}_year").data,
            getattr(self, f"{prefix}_month").data,
            getattr(self, f"{prefix}_day").data,
        )
        if parts.empty:
            return None, None
        try:
            return parts.read(), None
        except ValueError as exc:
            return None, str(DATE_MESSAGES[str(exc)])


def date_fields(prefix: str, with_era: bool) -> dict[str, Any]:
    fields: dict[str, Any] = {
        f"{prefix}_year": StringField(_l("年")),
        f"{prefix}_month": StringField(_l("月")),
        f"{prefix}_day": StringField(_l("日")),
    }
    if with_era:
        fields[f"{prefix}_era"] = SelectField(_l("西暦または元号"), choices=ERA_CHOICES, default="western")
    return fields


class QuestionForm(FlaskForm, DateFormMixin):
    """Common shape: `answers_from()` returns the guide keys this page sets and `ui_from()` the
    display-only choices to keep (such as the era the user typed in)."""

    today: date

    def __init__(self, *args: Any, today: date, context: dict[str, Any] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.today = today
        self.context = context or {}

    def answers_from(self) -> dict[str, Any]:
        raise NotImplementedError

    def ui_from(self) -> dict[str, str]:
        return {}

    @classmethod
    def prefill(cls, answers: dict[str, Any], ui: dict[str, str]) -> dict[str, Any]:
        return {}


class WhoForm(QuestionForm):
    who = RadioField(
        _l("受診するのはどなたですか"),
        choices=[("me", _l("自分")), ("child", _l("子ども")), ("care", _l("家族など、付き添う人"))],
        validators=[Chosen(_l("受診する人を選んでください。"))],
        validate_choice=False,
    )

    def answers_from(self) -> dict[str, Any]:
        return {}

    def ui_from(self) -> dict[str, str]:
        return {"who": self.who.data}

    @classmethod
    def prefill(cls, answers: dict[str, Any], ui: dict[str, str]) -> dict[str, Any]:
        return {"who": ui.get("who")}


class BirthForm(QuestionForm):
    locals().update(date_fields("birth", with_era=True))
    age = StringField(_l("年齢"))

    def validate_age(self, field: StringField) -> None:
        birth, problem = self.read_date("birth")
        if problem:
            raise ValidationError(problem)
        if birth is not None:
            if birth > self.today:
                raise ValidationError(_l("生年月日は今日より前の日付を入力してください。"))
            if age_on(birth, self.today) > vocab.MAX_AGE:
                raise ValidationError(_l("生年月日を確かめてください（120歳までです）。"))
            return
        text = normalise_digits(field.data)
        if not text:
            raise ValidationError(_l("生年月日を入力してください。わからない場合は年齢を入力してください。"))
        age, problem = numbers.read_digits(field.data, 3)
        if problem == "not_a_number":
            raise ValidationError(_l("年齢は数字で入力してください。"))
        if age is None or not vocab.MIN_AGE <= age <= vocab.MAX_AGE:
            raise ValidationError(_l("年齢は0から120までの数字で入力してください。"))

    def answers_from(self) -> dict[str, Any]:
        birth, _ = self.read_date("birth")
        if birth is not None:
            return {"birth_date": birth.isoformat()}
        return {"age": numbers.read_int(self.age.data, 3)}

    def ui_from(self) -> dict[str, str]:
        return {"birth_era": self.birth_era.data or "western"}

    @classmethod
    def prefill(cls, answers: dict[str, Any], ui: dict[str, str]) -> dict[str, Any]:
        birth = vocab.parse_iso_date(answers.get("birth_date"))
        parts = split_date(birth, ui.get("birth_era", "western"))
        values = {f"birth_{key}": value for key, value in parts.items()}
        if answers.get("age") is not None:
            values["age"] = str(answers["age"])
        return values


INSURANCE_CHOICES = [
    ("employee", _l("会社の健康保険（協会けんぽ・健康保険組合・共済組合・船員保険）")),
    ("national", _l("国民健康保険（市区町村・国保組合）")),
    ("elderly", _l("後期高齢者医療（75歳以上など）")),
    ("welfare", _l("生活保護（医療扶助）")),
    ("other", _l("その他（自衛官、公費のみなど）")),
    ("unknown", _l("わからない")),
]


class InsuranceForm(QuestionForm):
    insurance = RadioField(
        _l("どの保険に入っていますか"),
        choices=INSURANCE_CHOICES,
        validators=[Chosen(_l("保険の種類を選んでください。わからない場合は「わからない」を選んでください。"))],
        validate_choice=False,
    )

    def answers_from(self) -> dict[str, Any]:
        return {"insurance": self.insurance.data}

    @classmethod
    def prefill(cls, answers: dict[str, Any], ui: dict[str, str]) -> dict[str, Any]:
        return {"insurance": answers.get("insurance")}


HOLDS_CHOICES = [
    ("mynumber_card", _l("マイナンバーカード")),
    ("smartphone", _l("スマホのマイナ保険証")),
    ("kakuninsho", _l("資格確認書")),
    ("oshirase", _l("資格情報のお知らせ")),
    ("paper_card", _l("古い健康保険証（紙・プラスチック）")),
    ("subsidy_cert", _l("医療証・受給者証")),
    ("elderly_cert", _l("高齢受給者証")),
    ("welfare_ticket", _l("医療券（生活保護）")),
    ("none", _l("どれも持っていない")),
]


class HoldsForm(QuestionForm):
    holds = SelectMultipleField(
        _l("持っているものをすべて選んでください"),
        choices=HOLDS_CHOICES,
        widget=widgets.ListWidget(prefix_label=False),
        option_widget=widgets.CheckboxInput(),
        validators=[
            Chosen(_l("持っているものを選んでください。何もない場合は「どれも持っていない」を選んでください。"))
        ],
        validate_choice=False,
    )

    def validate_holds(self, field: SelectMultipleField) -> None:
        if "none" in field.data and len(field.data) > 1:
            raise ValidationError(_l("「どれも持っていない」と、ほかのものを一緒に選ぶことはできません。"))

    def answers_from(self) -> dict[str, Any]:
        return {"holds": [item for item in self.holds.data if item != "none"]}

    @classmethod
    def prefill(cls, answers: dict[str, Any], ui: dict[str, str]) -> dict[str, Any]:
        if "holds" not in answers:
            return {}
        return {"holds": answers["holds"] or ["none"]}


class RegisteredForm(QuestionForm):
    registered = RadioField(
        _l("マイナンバーカードを保険証として登録していますか"),
        choices=YES_NO_UNKNOWN,
        validators=[Chosen(_l("「はい」「いいえ」「わからない」から選んでください。"))],
        validate_choice=False,
    )

    def answers_from(self) -> dict[str, Any]:
        return {"mynumber_registered": self.registered.data}

    @classmethod
    def prefill(cls, answers: dict[str, Any], ui: dict[str, str]) -> dict[str, Any]:
        return {"registered": answers.get("mynumber_registered")}


class EcertForm(QuestionForm):
    ecert_known = RadioField(
        _l("電子証明書の有効期限はいつですか"),
        choices=[
            ("expiry", _l("有効期限を入力する")),
            ("issued", _l("かわりにカードの発行日を入力する")),
            ("unknown", _l("わからない")),
        ],
        validators=[Chosen(_l("有効期限を入力するか、「わからない」を選んでください。"))],
        validate_choice=False,
    )
    locals().update(date_fields("expiry", with_era=False))
    locals().update(date_fields("issued", with_era=False))

    def validate_expiry_year(self, field: StringField) -> None:
        if self.ecert_known.data == "expiry":
            expiry, problem = self.read_date("expiry")
            if problem or expiry is None:
                raise ValidationError(problem or _l("電子証明書の有効期限を入力してください。"))

    def validate_issued_year(self, field: StringField) -> None:
        if self.ecert_known.data == "issued":
            issued, problem = self.read_date("issued")
            if problem or issued is None:
                raise ValidationError(problem or _l("カードの発行日を入力してください。"))
            if issued > self.today:
                raise ValidationError(_l("発行日は今日より前の日付を入力してください。"))
            birth = vocab.parse_iso_date(self.context.get("birth_date"))
            if birth is not None and issued < birth:
                raise ValidationError(_l("発行日が生年月日より前になっています。"))

    def answers_from(self) -> dict[str, Any]:
        if self.ecert_known.data == "expiry":
            return {"ecert_expiry": self.read_date("expiry")[0].isoformat()}  # type: ignore[union-attr]
        if self.ecert_known.data == "issued":
            return {"card_issued": self.read_date("issued")[0].isoformat()}  # type: ignore[union-attr]
        return {}

    def ui_from(self) -> dict[str, str]:
        return {"ecert_known": self.ecert_known.data}

    @classmethod
    def prefill(cls, answers: dict[str, Any], ui: dict[str, str]) -> dict[str, Any]:
        values = {"ecert_known": ui.get("ecert_known")}
        for prefix, key in (("expiry", "ecert_expiry"), ("issued", "card_issued")):
            parts = split_date(vocab.parse_iso_date(answers.get(key)))
            values.update({f"{prefix}_{name}": value for name, value in parts.items() if name != "era"})
        return values


class KakuninshoForm(QuestionForm):
    kakuninsho_known = RadioField(
        _l("資格確認書の有効期限はいつですか"),
        choices=[("expiry", _l("有効期限を入力する")), ("unknown", _l("わからない"))],
        validators=[Chosen(_l("有効期限を入力するか、「わからない」を選んでください。"))],
        validate_choice=False,
    )
    locals().update(date_fields("kexpiry", with_era=True))

    def validate_kexpiry_year(self, field: StringField) -> None:
        if self.kakuninsho_known.data == "expiry":
            expiry, problem = self.read_date("kexpiry")
            if problem or expiry is None:
                raise ValidationError(problem or _l("資格確認書の有効期限を入力してください。"))

    def answers_from(self) -> dict[str, Any]:
        if self.kakuninsho_known.data == "expiry":
            return {"kakuninsho_expiry": self.read_date("kexpiry")[0].isoformat()}  # type: ignore[union-attr]
        return {}

    def ui_from(self) -> dict[str, str]:
        return {"kakuninsho_known": self.kakuninsho_known.data, "kexpiry_era": self.kexpiry_era.data or "western"}

    @classmethod
    def prefill(cls, answers: dict[str, Any], ui: dict[str, str]) -> dict[str, Any]:
        parts = split_date(vocab.parse_iso_date(answers.get("kakuninsho_expiry")), ui.get("kexpiry_era", "western"))
        values = {f"kexpiry_{name}": value for name, value in parts.items()}
        values["kakuninsho_known"] = ui.get("kakuninsho_known")
        return values


class SubsidyForm(QuestionForm):
    linked = RadioField(
        _l("お住まいの市区町村は、医療証をマイナ保険証で確認できると案内していますか"),
        choices=YES_NO_UNKNOWN,
        validators=[Chosen(_l("「はい」「いいえ」「わからない」から選んでください。"))],
        validate_choice=False,
    )

    def answers_from(self) -> dict[str, Any]:
        return {"subsidy_linked": self.linked.data}

    @classmethod
    def prefill(cls, answers: dict[str, Any], ui: dict[str, str]) -> dict[str, Any]:
        return {"linked": answers.get("subsidy_linked")}


class VisitForm(QuestionForm):
    locals().update(date_fields("visit", with_era=False))

    def validate_visit_year(self, field: StringField) -> None:
        visit, problem = self.read_date("visit")
        if problem or visit is None:
            raise ValidationError(problem or _l("受診する日を入力してください。"))
        birth = vocab.parse_iso_date(self.context.get("birth_date"))
        if birth is not None and visit < birth:
            raise ValidationError(_l("受診日が生年月日より前になっています。"))
        if birth is not None and age_on(birth, visit) > vocab.MAX_AGE:
            raise ValidationError(_l("受診日を確かめてください（120歳までです）。"))

    def answers_from(self) -> dict[str, Any]:
        return {"visit_date": self.read_date("visit")[0].isoformat()}  # type: ignore[union-attr]

    @classmethod
    def prefill(cls, answers: dict[str, Any], ui: dict[str, str]) -> dict[str, Any]:
        visit = vocab.parse_iso_date(answers.get("visit_date"))
        return {f"visit_{name}": value for name, value in split_date(visit).items() if name != "era"}
