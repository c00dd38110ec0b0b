"""The 被保険者資格申立書 form: its fields in the form's own order, and how its answers become a
QR payload record (web/qr_payload.py does the normalising and checking, as the phone does).
"""

from __future__ import annotations

import re
from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, StringField

from web.forms import ERA_CHOICES, DateParts, TypedTextForm, split_date
from web.qr_payload import FIELD_BY_KEY, Problem, insurance_type_from_number, insurer_number_is_valid, normalise

INS_TYPES = [
    ("1", _l("社保（会社の健康保険）")),
    ("2", _l("国保（国民健康保険）")),
    ("7", _l("後期（後期高齢者医療）")),
    ("8", _l("その他")),
    ("9", _l("わからない")),
]
ISSUED = [("1", _l("1か月以内")), ("2", _l("それより前")), ("", _l("わからない"))]
COPAY = [("3", _l("3割")), ("2", _l("2割")), ("1", _l("1割")), ("0", _l("わからない"))]
SEX = [("1", _l("男")), ("2", _l("女"))]
RELATION = [("0", _l("本人")), ("1", _l("配偶者")), ("2", _l("子")), ("3", _l("父母")), ("9", _l("その他"))]
INS_TYPE_FROM_GUIDE = {"employee": "1", "national": "2", "elderly": "7", "welfare": "8", "other": "8", "unknown": "9"}

# One sentence for each field and problem, so each can be translated whole.
MESSAGES = {
    ("family", "required"): _l("氏（名字）を入力してください。"),
    ("family", "too_long"): _l("氏は10文字以内で入力してください。"),
    ("given", "too_long"): _l("名は10文字以内で入力してください。"),
    ("family_kana", "not_kana"): _l("フリガナ（セイ）は、ひらがなかカタカナで入力してください。"),
    ("family_kana", "too_long"): _l("フリガナ（セイ）は20文字以内で入力してください。"),
    ("given_kana", "not_kana"): _l("フリガナ（メイ）は、ひらがなかカタカナで入力してください。"),
    ("given_kana", "too_long"): _l("フリガナ（メイ）は20文字以内で入力してください。"),
    ("birth", "required"): _l("生年月日を入力してください。"),
    ("birth", "bad_date"): _l("生年月日に実在する日付を入力してください。"),
    ("birth", "outside_era"): _l("その元号にはない日付です。元号と年を確かめてください。"),
    ("birth", "future"): _l("生年月日は今日より前の日付を入力してください。"),
    ("zip", "not_digits"): _l("郵便番号は数字7桁で入力してください。"),
    ("zip", "invalid"): _l("郵便番号は数字7桁で入力してください。"),
    ("zip", "not_found"): _l("この郵便番号の住所が見つかりません。住所を入力してください。"),
    ("address", "too_long"): _l("住所は60文字以内で入力してください。"),
    ("tel", "not_digits"): _l("電話番号は数字で入力してください。"),
    ("tel", "too_long"): _l("電話番号は13桁以内で入力してください。"),
    ("insurer_no", "not_digits"): _l("保険者番号は数字で入力してください。"),
    ("insurer_no", "invalid"): _l("保険者番号は6桁か8桁です。"),
    ("insurer_name", "too_long"): _l("保険者名は30文字以内で入力してください。"),
    ("employer", "too_long"): _l("事業所名は40文字以内で入力してください。"),
    ("card_issued", "invalid"): _l("交付を受けた時期は、例のように年・年月・年月日で入力してください。"),
    ("card_issued", "bad_date"): _l("交付を受けた時期に実在する日付を入力してください。"),
    ("card_issued", "outside_era"): _l("その元号にはない日付です。元号と年を確かめてください。"),
    ("signer", "too_long"): _l("記入者の名前は20文字以内で入力してください。"),
    ("relation_text", "too_long"): _l("関係は10文字以内で入力してください。"),
    ("relation_text", "relation_text_without_other"): _l("関係を書くときは「その他」を選んでください。"),
    ("signed_on", "required"): _l("記入日を入力してください。"),
    ("signed_on", "bad_date"): _l("記入日に実在する日付を入力してください。"),
    ("signed_on", "outside_era"): _l("その元号にはない日付です。元号と年を確かめてください。"),
}
GENERIC = _l("この項目を確かめてください。")
WARNINGS = {
    "check_digit": _l("保険者番号の確認用の数字が合いません。番号をご確認ください（このまま進めることもできます）。"),
    "ins_type": _l("保険者番号からは、保険の種類が「%(suggested)s」のようです。保険の種類をご確認ください。"),
}

# Where each payload key is entered: the field that shows its error.
ERROR_FIELD = {"birth": "birth_year", "signed_on": "signed_year", "card_issued": "card_issued_date"}


class DeclarationForm(TypedTextForm):
    ins_type = RadioField(_l("保険種別"), choices=INS_TYPES, default="9", validate_choice=False)
    insurer_no = StringField(_l("保険者番号（わかれば）"))
    insurer_name = StringField(_l("保険者等名称"))
    employer = StringField(_l("事業所名"))
    card_issued_choice = RadioField(_l("保険証等の交付を受けた時期"), choices=ISSUED, default="", validate_choice=False)
    card_issued_date = StringField(_l("わかる範囲で（例: 2024年4月、令和6年4月1日）"))
    copay = RadioField(_l("一部負担金の割合"), choices=COPAY, default="0", validate_choice=False)
    family = StringField(_l("氏"))
    given = StringField(_l("名"))
    family_kana = StringField(_l("フリガナ（セイ）"))
    given_kana = StringField(_l("フリガナ（メイ）"))
    birth_era = SelectField(_l("西暦または元号"), choices=ERA_CHOICES, default="showa", validate_choice=False)
    birth_year = StringField(_l("年"))
    birth_month = StringField(_l("月"))
    birth_day = StringField(_l("日"))
    sex = RadioField(_l("性別"), choices=SEX, validate_choice=False)
    zip = StringField(_l("郵便番号"))
    address = StringField(_l("住所"))
    signed_era = SelectField(_l("西暦または元号"), choices=ERA_CHOICES, default="reiwa", validate_choice=False)
    signed_year = StringField(_l("年"))
    signed_month = StringField(_l("月"))
    signed_day = StringField(_l("日"))
    signer = StringField(_l("記入者の名前（患者本人でないとき）"))
    relation = RadioField(_l("患者との関係"), choices=RELATION, default="0", validate_choice=False)
    relation_text = StringField(_l("関係（その他のとき）"))
    tel = StringField(_l("連絡先電話番号"))

    def date_text(self, prefix: str) -> str:
        """The date as the codec reads it: `YYYYMMDD`, or what was typed so the codec can say why not."""
        parts = DateParts(
            getattr(self, f"{prefix}_era").data,
            getattr(self, f"{prefix}_year").data,
            getattr(self, f"{prefix}_month").data,
            getattr(self, f"{prefix}_day").data,
        )
        if parts.empty:
            return ""
        try:
            return parts.read().strftime("%Y%m%d")
        except ValueError as exc:
            return "era" if str(exc) == "outside_era" else "invalid"

    def record(self) -> dict[str, str]:
        """The payload record (qr-payload-v1.md §3 keys) before normalising."""
        issued = (self.card_issued_date.data or "").strip() or (self.card_issued_choice.data or "")
        return {
            "family": self.family.data or "",
            "given": self.given.data or "",
            "family_kana": self.family_kana.data or "",
            "given_kana": self.given_kana.data or "",
            "birth": self.date_text("birth"),
            "sex": self.sex.data or "",
            "zip": self.zip.data or "",
            "address": self.address.data or "",
            "tel": self.tel.data or "",
            "ins_type": self.ins_type.data or "",
            "insurer_no": self.insurer_no.data or "",
            "insurer_name": self.insurer_name.data or "",
            "employer": self.employer.data or "",
            "card_issued": issued,
            "copay": self.copay.data or "",
            "signer": self.signer.data or "",
            "relation": self.relation.data or "",
            "relation_text": self.relation_text.data or "",
            "signed_on": self.date_text("signed"),
        }

    def check(self, today: date) -> tuple[dict[str, str], list[Problem]]:
        """Normalise and validate as the phone does; the date groups add their own reasons."""
        values, problems = normalise(self.record())
        problems = [self.date_problem(problem) for problem in problems]
        if (
            not any(p.field == "birth" for p in problems)
            and values["birth"]
            and values["birth"] > today.strftime("%Y%m%d")
        ):
            problems.append(Problem("birth", "future"))
        return values, problems

    def date_problem(self, problem: Problem) -> Problem:
        if problem.field in ("birth", "signed_on") and problem.code == "bad_date":
            prefix = "birth" if problem.field == "birth" else "signed"
            if self.date_text(prefix) == "era":
                return Problem(problem.field, "outside_era")
        return problem

    def show_problems(self, problems: list[Problem]) -> None:
        for problem in problems:
            field = getattr(self, ERROR_FIELD.get(problem.field, problem.field))
            field.errors = list(field.errors) + [str(MESSAGES.get((problem.field, problem.code), GENERIC))]

    def prefill_today(self, today: date) -> None:
        parts = split_date(today, "reiwa")
        self.signed_era.data, self.signed_year.data = parts["era"], parts["year"]
        self.signed_month.data, self.signed_day.data = parts["month"], parts["day"]


def warnings_for(values: dict[str, str]) -> list[str]:
    """Advice that does not block the QR: a failed check digit, an insurance type that disagrees."""
    number, found = values.get("insurer_no", ""), []
    if number and not insurer_number_is_valid(number):
        found.append(str(WARNINGS["check_digit"]))
    suggested = insurance_type_from_number(number) if number else None
    if suggested and values.get("ins_type") not in ("", "9", suggested):
        label = next(str(label) for code, label in INS_TYPES if code == suggested)
        found.append(str(WARNINGS["ins_type"]) % {"suggested": label})
    return found


# What the sheet calls each payload field, to name the ones a QR holds wrongly.
FIELD_LABELS = {
    "family": _l("氏名"),
    "given": _l("氏名"),
    "family_kana": _l("フリガナ"),
    "given_kana": _l("フリガナ"),
    "birth": _l("生年月日"),
    "sex": _l("性別"),
    "zip": _l("郵便番号"),
    "address": _l("住所"),
    "tel": _l("連絡先電話番号"),
    "ins_type": _l("保険種別"),
    "insurer_no": _l("保険者番号"),
    "insurer_name": _l("保険者等名称"),
    "employer": _l("事業所名"),
    "card_issued": _l("保険証の交付を受けた時期"),
    "copay": _l("一部負担金の割合"),
    "signer": _l("記入者（患者本人以外）"),
    "relation": _l("患者との関係"),
    "relation_text": _l("患者との関係"),
    "signed_on": _l("記入日"),
}


def field_labels(keys: list[str]) -> list[str]:
    """The sheet's names for payload keys, each once, in the sheet's order."""
    return list(dict.fromkeys(str(FIELD_LABELS[key]) for key in keys))


def field_max(key: str) -> int:
    return FIELD_BY_KEY[key].max


def display_date(value: str) -> str:
    """`19800412` → `昭和55年4月12日`; partial dates (`202404`, `2024`) as written on the form."""
    from web.wareki import format_wareki

    if not re.fullmatch(r"[0-9]{4}(?:[0-9]{2}(?:[0-9]{2})?)?", value):
        return ""  # decoded values are checked before they are shown; this only keeps a page up
    if len(value) == 8:
        try:
            return format_wareki(date(int(value[:4]), int(value[4:6]), int(value[6:])))
        except ValueError:
            return ""
    if len(value) == 6:
        return f"{value[:4]}年{int(value[4:])}月"
    return f"{value}年"


def display_zip(value: str) -> str:
    return f"{value[:3]}-{value[3:]}" if len(value) == 7 else value


COPY_CODES = {
    "sex": {"1": "男", "2": "女"},
    "ins_type": {"1": "社保", "2": "国保", "7": "後期", "8": "その他", "9": "わからない"},
    "card_issued": {"1": "1か月以内", "2": "それより前"},
    "copay": {"3": "3割", "2": "2割", "1": "1割", "0": "わからない"},
    "relation": {"0": "本人", "1": "配偶者", "2": "子", "3": "父母", "9": "その他"},
}


def copy_text(values: dict[str, str]) -> str:
    """Plain lines for typing into the receipt computer (static/js/sheet.js makes the same text;
    tests/vectors/qr_payload.json holds examples both must produce)."""

    def coded(key: str) -> str:
        value = values.get(key, "")
        return COPY_CODES[key].get(value, display_date(value) if key == "card_issued" else value)

    def day(key: str) -> str:
        value = values.get(key, "")
        return f"{display_date(value)} ({value[:4]}/{value[4:6]}/{value[6:]})" if len(value) == 8 else ""

    relation = coded("relation") + (f"（{values['relation_text']}）" if values.get("relation_text") else "")
    lines = [
        ("氏名", f"{values.get('family', '')} {values.get('given', '')}".strip()),
        ("フリガナ", f"{values.get('family_kana', '')} {values.get('given_kana', '')}".strip()),
        ("生年月日", day("birth")),
        ("性別", coded("sex")),
        ("郵便番号", display_zip(values.get("zip", ""))),
        ("住所", values.get("address", "")),
        ("電話番号", values.get("tel", "")),
        ("保険種別", coded("ins_type")),
        ("保険者番号", values.get("insurer_no", "")),
        ("保険者等名称", values.get("insurer_name", "")),
        ("事業所名", values.get("employer", "")),
        ("交付を受けた時期", coded("card_issued")),
        ("一部負担金の割合", coded("copay")),
        ("記入者", values.get("signer", "")),
        ("患者との関係", relation),
        ("記入日", day("signed_on")),
    ]
    return "\n".join(f"{label}: {value}" for label, value in lines)
