"""Every question of the guide, declared once.

A question is a list of fields; a field knows the guide (API) key it answers, its words, its
choices, when it is shown, and what it needs. From these declarations come the question pages and
their validation (web/forms.py), the order and conditions of the flow (web/flow.py), the "check
your answers" rows (web/summary.py), the API's vocabulary and validator (web/answers.py), the
OpenAPI enums (web/views/api.py) and, as JSON, the offline page's questions (static/js/offline-guide.js).

Adding a question: declare it in QUESTIONS (and the API key in answers.Answers if it is new), add its
rules and texts, translate, add engine cases.

Cross-field checks (a birth date after the visit, say) are CONSTRAINTS: data evaluated by the
server (answers.check_constraints) and by the device (offline-guide.js), each with the message to
show on the field of whichever question the user is answering.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from web.numbers import MAX_DATE, MIN_DATE
from web.wareki import ERAS


def years_old(age: int) -> str:
    """An age in words; plural-aware (English says "1 year old", "2 years old")."""
    return ngettext("%(num)s歳", "%(num)s歳", age)


HAS_CARD = {"fact": "has_card", "is": True}
# What makes the flow's fact `has_card`: a マイナンバーカード in either form.
CARD_ITEMS = ("mynumber_card", "smartphone")
YES_NO_UNKNOWN_VALUES = ("yes", "no", "unknown")
MAX_AGE = 120
# The years a date field may name (web/numbers.py keeps every date inside, so date arithmetic never
# leaves the calendar).
MIN_YEAR, MAX_YEAR = MIN_DATE.year, MAX_DATE.year


@dataclass(frozen=True)
class Choice:
    value: str
    label: Any
    hint: Any = None
    pictures: tuple[str, ...] = ()  # ids in web/pictures.py PICTURES, drawn beside the choice


@dataclass(frozen=True)
class Field:
    """One answer on a question page.

    kind: radio, checkboxes, date (年・月・日, with an era select when `era`), number.
    key: the guide key it answers; None for display-only answers (kept as `u-<name>`).
    shown_when: (radio name, value) in the same question that reveals this field; hidden, its
    value is ignored.
    """

    name: str
    kind: str
    key: str | None = None
    label: Any = None
    hint: Any = None
    choices: tuple[Choice, ...] = ()
    required: Any = None
    era: bool = False
    default_era: str = "western"
    shown_when: tuple[str, str] | None = None
    exclusive: str | None = None  # checkboxes: the choice meaning "none of these"
    exclusive_error: Any = None
    maximum: int | None = None  # number
    number_errors: tuple[Any, Any] = ()  # number: (not a number, out of range)
    # How the check page shows the value: a pattern with %(day)s, or a function of the value.
    answer_format: Any = None
    default: str | None = None  # the API's value when the key is not given
    pictures: tuple[str, ...] = ()  # ids in web/pictures.py PICTURES, drawn under the hint

    @property
    def ui_names(self) -> tuple[str, ...]:
        """The display-only values this field keeps between pages."""
        if self.key is None:
            return (self.name,)
        return (f"{self.name}_era",) if self.era else ()

    @property
    def api_values(self) -> tuple[str, ...]:
        return tuple(choice.value for choice in self.choices if choice.value != self.exclusive)

    def label_of(self, value: str | None) -> Any:
        return next((choice.label for choice in self.choices if choice.value == value), None)


@dataclass(frozen=True)
class Question:
    id: str
    title: Any
    summary: Any  # the row name on the check page
    fields: tuple[Field, ...]
    hint: Any = None
    lead: Any = None
    titles_by_who: dict[str, Any] = field(default_factory=dict)
    asked_if: dict[str, Any] | None = None
    one_of: tuple[tuple[str, ...], Any] | None = None  # (field names, message): at least one answered

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields if f.key)

    def title_for(self, who: str | None) -> Any:
        return self.titles_by_who.get(who or "me", self.title)

    def revealing(self, name: str) -> bool:
        """Whether the radio `name` reveals other fields (its own answer then says little)."""
        return any(f.shown_when and f.shown_when[0] == name for f in self.fields)


@dataclass(frozen=True)
class Constraint:
    """`key` must not be after (`not_after`) or before (`not_before`) the date `other`, or name an
    age over `years` on `other` (`age_at_most`). `other` may be "today" (the visit's default)."""

    key: str
    op: str
    other: str
    code: str
    messages: dict[str, Any]
    years: int | None = None


def date_field(name: str, key: str, label: Any, **options: Any) -> Field:
    return Field(name, "date", key, label=label, **options)


YES_NO_UNKNOWN = (Choice("yes", _l("はい")), Choice("no", _l("いいえ")), Choice("unknown", _l("わからない")))
YES_NO_REQUIRED = _l("「はい」「いいえ」「わからない」から選んでください。")
EXPIRY_OR_UNKNOWN = _l("有効期限を入力するか、「わからない」を選んでください。")

QUESTIONS: tuple[Question, ...] = (
    Question(
        "who",
        title=_l("受診するのはどなたですか"),
        summary=_l("受診する人"),
        fields=(
            Field(
                "who",
                "radio",
                "visitor",
                hint=_l("お子さんや家族の受診の準備にも使えます。"),
                choices=(
                    Choice("me", _l("自分")),
                    Choice("child", _l("子ども")),
                    Choice("care", _l("付き添う相手（家族など）")),
                ),
                required=_l("受診する人を選んでください。"),
                default="me",
            ),
        ),
    ),
    Question(
        "birth",
        title=_l("あなたの生年月日を入力してください"),
        titles_by_who={
            "child": _l("お子さんの生年月日を入力してください"),
            "care": _l("受診する方の生年月日を入力してください"),
        },
        summary=_l("生年月日（または年齢）"),
        lead=_l("年齢によって、負担割合や必要なものが変わります。"),
        fields=(
            date_field(
                "birth",
                "birth_date",
                _l("生年月日"),
                hint=_l("西暦か元号を選んでください。例: 昭和 55 年 5 月 5 日、または 西暦 1980 年 5 月 5 日"),
                era=True,
            ),
            Field(
                "age",
                "number",
                "age",
                label=_l("生年月日がわからない場合は、年齢"),
                hint=_l("年齢だけでは、誕生日で変わる日付は表示できません。"),
                maximum=MAX_AGE,
                number_errors=(
                    _l("年齢は数字で入力してください。"),
                    _l("年齢は0から120までの数字で入力してください。"),
                ),
                answer_format=years_old,
            ),
        ),
        one_of=(("birth", "age"), _l("生年月日を入力してください。わからない場合は年齢を入力してください。")),
    ),
    Question(
        "insurance",
        title=_l("どの保険に入っていますか"),
        summary=_l("保険の種類"),
        fields=(
            Field(
                "insurance",
                "radio",
                "insurance",
                hint=_l("資格確認書や資格情報のお知らせの「保険者名称」を見るとわかります。"),
                choices=(
                    Choice(
                        "employee",
                        _l("会社の健康保険（協会けんぽ・健康保険組合・共済組合・船員保険）"),
                        _l(
                            "会社やその家族の保険。「全国健康保険協会」「○○健康保険組合」「○○共済組合」などと書いてあります。"
                        ),
                    ),
                    Choice(
                        "national",
                        _l("国民健康保険（市区町村・国保組合）"),
                        _l("自営業・退職した方など。「○○市」「○○区」や「○○国民健康保険組合」と書いてあります。"),
                    ),
                    Choice(
                        "elderly",
                        _l("後期高齢者医療（75歳以上など）"),
                        _l(
                            "75歳以上の方（65〜74歳で障害の認定を受けた方も）。"
                            "「○○県後期高齢者医療広域連合」と書いてあります。"
                        ),
                    ),
                    Choice("welfare", _l("生活保護（医療扶助）"), _l("生活保護を受けていて、医療券で受診している方。")),
                    Choice(
                        "other",
                        _l("その他（自衛官、公費のみなど）"),
                        _l("自衛官の方や、公費だけで受診している方など。"),
                    ),
                    Choice("unknown", _l("わからない")),
                ),
                required=_l("保険の種類を選んでください。わからない場合は「わからない」を選んでください。"),
            ),
        ),
    ),
    Question(
        "holds",
        title=_l("持っているものをすべて選んでください"),
        titles_by_who={"child": _l("お子さん本人の分で、持っているものをすべて選んでください")},
        summary=_l("持っているもの"),
        fields=(
            Field(
                "holds",
                "checkboxes",
                "holds",
                hint=_l("手元にあるもの、届いたものを選んでください。"),
                choices=(
                    Choice(
                        "mynumber_card",
                        _l("マイナンバーカード"),
                        _l("顔写真のついたプラスチックのカード。"),
                        pictures=("mynumber_card",),
                    ),
                    Choice(
                        "smartphone",
                        _l("スマホのマイナ保険証"),
                        _l("iPhone や Android にマイナンバーカードを入れて、保険証として使えるようにしたもの。"),
                        pictures=("smartphone",),
                    ),
                    Choice(
                        "kakuninsho",
                        _l("資格確認書"),
                        _l("保険者から届いたカードやはがき。「資格確認書」と書いてあり、これだけで受診できます。"),
                        pictures=("kakuninsho", "kakuninsho_sheet"),
                    ),
                    Choice(
                        "oshirase",
                        _l("資格情報のお知らせ"),
                        _l(
                            "A4 の紙（切り取れるカード付き）。「資格情報のお知らせ」と書いてあり、"
                            "資格確認書に似ていますが、これだけでは受診できません。"
                        ),
                        pictures=("oshirase",),
                    ),
                    Choice(
                        "paper_card",
                        _l("古い健康保険証（紙・プラスチック）"),
                        _l("「健康保険被保険者証」と書いてある、以前の保険証。"),
                        pictures=("paper_card",),
                    ),
                    Choice(
                        "subsidy_cert",
                        _l("医療証・受給者証"),
                        _l("子ども医療証、ひとり親・障害者の医療証、難病・小児慢性の受給者証など。"),
                        pictures=("subsidy_cert",),
                    ),
                    Choice(
                        "elderly_cert",
                        _l("高齢受給者証"),
                        _l("70〜74歳の方に届く、負担割合が書いてある証。"),
                        pictures=("elderly_cert",),
                    ),
                    Choice(
                        "welfare_ticket",
                        _l("医療券（生活保護）"),
                        _l("生活保護の医療扶助で受診するための券。"),
                        pictures=("welfare_ticket",),
                    ),
                    Choice("none", _l("どれも持っていない")),
                ),
                required=_l("持っているものを選んでください。何もない場合は「どれも持っていない」を選んでください。"),
                exclusive="none",
                exclusive_error=_l("「どれも持っていない」と、ほかのものを一緒に選ぶことはできません。"),
            ),
        ),
    ),
    Question(
        "registered",
        title=_l("マイナンバーカードを保険証として登録していますか"),
        summary=_l("マイナンバーカードの保険証登録"),
        asked_if=HAS_CARD,
        fields=(
            Field(
                "registered",
                "radio",
                "mynumber_registered",
                hint=_l(
                    "医療機関のカードリーダーや、マイナポータル・コンビニなどで登録します。"
                    "「資格情報のお知らせ」が届いていれば、登録済みです。"
                ),
                choices=YES_NO_UNKNOWN,
                required=YES_NO_REQUIRED,
                default="unknown",
            ),
        ),
    ),
    Question(
        "card_auth",
        title=_l("マイナンバーカードは「顔認証マイナンバーカード」ですか"),
        summary=_l("顔認証マイナンバーカード"),
        asked_if={"fact": "holds", "has": "mynumber_card"},
        fields=(
            Field(
                "card_auth",
                "radio",
                "card_auth",
                hint=_l(
                    "暗証番号（数字4けた）を決めずに作ったカードです。施設に入っている方やお子さんのために、"
                    "家族が申し込んでいることがあります。暗証番号を決めた覚えがあれば「いいえ」です。"
                ),
                choices=(
                    Choice("face", _l("はい（暗証番号がないカード）"), pictures=("face_card",)),
                    Choice("pin", _l("いいえ（暗証番号があるカード）")),
                    Choice("unknown", _l("わからない")),
                ),
                required=_l("「はい」「いいえ」「わからない」から選んでください。"),
                default="unknown",
            ),
        ),
    ),
    Question(
        "ecert",
        title=_l("電子証明書の有効期限はいつですか"),
        summary=_l("電子証明書の有効期限"),
        asked_if=HAS_CARD,
        fields=(
            Field(
                "ecert_known",
                "radio",
                hint=_l(
                    "マイナンバーカードの表面、右下あたりの「電子証明書の有効期限」の欄に西暦で書いてあります。"
                    "カードの有効期限とは別です。"
                ),
                pictures=("mynumber_card",),
                choices=(
                    Choice("expiry", _l("有効期限を入力する")),
                    Choice("issued", _l("かわりにカードの発行日を入力する")),
                    Choice("unknown", _l("わからない")),
                ),
                required=EXPIRY_OR_UNKNOWN,
            ),
            date_field(
                "expiry",
                "ecert_expiry",
                _l("電子証明書の有効期限（西暦）"),
                hint=_l("例: 2029 年 3 月 15 日"),
                shown_when=("ecert_known", "expiry"),
                required=_l("電子証明書の有効期限を入力してください。"),
            ),
            date_field(
                "issued",
                "card_issued",
                _l("カードの発行日（西暦）"),
                hint=_l("発行日から計算した有効期限は、目安として表示します。"),
                shown_when=("ecert_known", "issued"),
                required=_l("カードの発行日を入力してください。"),
                answer_format=_l("カードの発行日: %(day)s"),
            ),
            date_field(
                "card_expiry",
                "card_expiry",
                _l("カードの有効期限（わかれば）"),
                hint=_l(
                    "カードの表面に「○○○○年○月○日まで有効」と西暦で書いてあります。電子証明書の有効期限とは別です。"
                    "わからなければ空けておいてください。"
                ),
                answer_format=_l("カードの有効期限: %(day)s"),
            ),
        ),
    ),
    Question(
        "kakuninsho",
        title=_l("資格確認書の有効期限はいつですか"),
        summary=_l("資格確認書の有効期限"),
        asked_if={"fact": "holds", "has": "kakuninsho"},
        fields=(
            Field(
                "kakuninsho_known",
                "radio",
                hint=_l(
                    "資格確認書に「有効期限」として印刷されています。"
                    "国民健康保険や後期高齢者医療では、7月31日までのものが多いです。"
                ),
                pictures=("kakuninsho", "kakuninsho_sheet"),
                choices=(Choice("expiry", _l("有効期限を入力する")), Choice("unknown", _l("わからない"))),
                required=EXPIRY_OR_UNKNOWN,
            ),
            date_field(
                "kexpiry",
                "kakuninsho_expiry",
                _l("印刷されている有効期限"),
                hint=_l("例: 令和 9 年 7 月 31 日。資格確認書の表面の「有効期限」の欄に印刷されています。"),
                era=True,
                default_era="reiwa",
                shown_when=("kakuninsho_known", "expiry"),
                required=_l("資格確認書の有効期限を入力してください。"),
            ),
        ),
    ),
    Question(
        "subsidy",
        title=_l("お住まいの市区町村は、医療証をマイナ保険証で確認できると案内していますか"),
        summary=_l("医療証とマイナ保険証の連携"),
        asked_if={"fact": "holds", "has": "subsidy_cert"},
        fields=(
            Field(
                "linked",
                "radio",
                "subsidy_linked",
                hint=_l(
                    "市区町村のお知らせやホームページに「医療証の提示が不要に」などと書かれていれば「はい」です。"
                    "多くの市区町村はまだ対応していません。"
                ),
                choices=YES_NO_UNKNOWN,
                required=YES_NO_REQUIRED,
                default="unknown",
            ),
        ),
    ),
    Question(
        "visit",
        title=_l("いつ受診しますか"),
        summary=_l("受診日"),
        fields=(
            date_field(
                "visit",
                "visit_date",
                None,
                hint=_l("今日の日付が入っています。別の日に受診する場合は変えてください。"),
                required=_l("受診する日を入力してください。"),
            ),
        ),
    ),
)

# Expiry dates printed on cards and letters: none before the cards began (2016), and none more than
# 12 years after the visit (cards run at most 10 years, 資格確認書 at most 5).
EARLIEST_EXPIRY = "2016-01-01"
EXPIRY_YEARS_AHEAD = 12


def expiry_constraints(key: str) -> tuple[Constraint, ...]:
    return (
        Constraint(
            key,
            "not_before",
            EARLIEST_EXPIRY,
            "implausible_expiry",
            {key: _l("有効期限は2016年以降の日付です。カードや書類に印刷されている日付を確かめてください。")},
        ),
        Constraint(
            key,
            "within_years_after",
            "visit_date",
            "implausible_expiry",
            {
                key: _l(
                    "有効期限が受診日より12年以上先になっています。カードや書類に印刷されている日付を確かめてください。"
                ),
                "visit_date": _l("受診日と有効期限が12年以上離れています。受診日を確かめてください。"),
            },
            years=EXPIRY_YEARS_AHEAD,
        ),
    )


CONSTRAINTS: tuple[Constraint, ...] = (
    Constraint(
        "birth_date",
        "not_after",
        "visit_date",
        "after_visit",
        {
            "birth_date": _l("生年月日は今日より前の日付を入力してください。"),
            "visit_date": _l("受診日が生年月日より前になっています。"),
        },
    ),
    Constraint(
        "birth_date",
        "age_at_most",
        "visit_date",
        "out_of_range",
        {
            "birth_date": _l("生年月日を確かめてください（120歳までです）。"),
            "visit_date": _l("受診日を確かめてください（120歳までです）。"),
        },
        years=MAX_AGE,
    ),
    Constraint(
        "card_issued",
        "not_before",
        "birth_date",
        "before_birth",
        {
            "card_issued": _l("発行日が生年月日より前になっています。"),
            "birth_date": _l("生年月日がカードの発行日より後になっています。"),
        },
    ),
    Constraint(
        "card_issued",
        "not_after",
        "visit_date",
        "after_visit",
        {
            "card_issued": _l("発行日は今日より前の日付を入力してください。"),
            "visit_date": _l("受診日がカードの発行日より前になっています。"),
        },
    ),
    *expiry_constraints("ecert_expiry"),
    *expiry_constraints("kakuninsho_expiry"),
    *expiry_constraints("card_expiry"),
)

DATE_MESSAGES = {
    "incomplete": _l("年・月・日をすべて入力してください。"),
    "not_a_number": _l("年・月・日は数字で入力してください。"),
    "invalid": _l("実在する日付を入力してください。"),
    "outside_era": _l("その元号にはない日付です。元号と年を確かめてください。"),
    "out_of_range": _l("1900年から2200年までの日付を入力してください。"),
}
SHORT_YEAR = (
    _l("西暦の年は4けたで入力してください（例: 2026）。"),
    _l("西暦の年は4けたで入力してください（例: 2026）。令和などの年なら、西暦ではなく元号を選んでください。"),
)
ERA_CHOICES = (Choice("western", _l("西暦")),) + tuple(Choice(era.key, era.kanji) for era in reversed(ERAS))

QUESTION_BY_ID = {question.id: question for question in QUESTIONS}
FIELDS_BY_KEY = {f.key: f for question in QUESTIONS for f in question.fields if f.key}
UI_NAMES = tuple(name for question in QUESTIONS for f in question.fields for name in f.ui_names)
# What each display-only value may be: a key-less radio's choices, or an era.
UI_VALUES = {
    name: {choice.value for choice in (f.choices if name == f.name else ERA_CHOICES)}
    for question in QUESTIONS
    for f in question.fields
    for name in f.ui_names
}


def shown(question: Question, f: Field, ui: dict[str, str]) -> bool:
    return f.shown_when is None or ui.get(f.shown_when[0]) == f.shown_when[1]


def device_document() -> dict[str, Any]:
    """The declarations as data for the device, in the request's language (offline-guide.js)."""

    def text(value: Any) -> str | None:
        return None if value is None else str(value)

    def field_data(f: Field) -> dict[str, Any]:
        return {
            "name": f.name,
            "kind": f.kind,
            "key": f.key,
            "required": text(f.required),
            "era": f.era,
            "shown_when": f.shown_when,
            "choices": [{"value": choice.value} for choice in f.choices],
            "exclusive": f.exclusive,
            "exclusive_error": text(f.exclusive_error),
            "maximum": f.maximum,
            "default": f.default,
            "number_errors": [str(message) for message in f.number_errors],
        }

    return {
        "questions": [
            {
                "id": q.id,
                "asked_if": q.asked_if,
                "one_of": [list(q.one_of[0]), str(q.one_of[1])] if q.one_of else None,
                "fields": [field_data(f) for f in q.fields],
            }
            for q in QUESTIONS
        ],
        "constraints": [
            {
                "key": c.key,
                "op": c.op,
                "other": c.other,
                "years": c.years,
                "messages": {key: str(message) for key, message in c.messages.items()},
            }
            for c in CONSTRAINTS
        ],
        "date_messages": {code: str(message) for code, message in DATE_MESSAGES.items()},
        "short_year": [str(message) for message in SHORT_YEAR],
        "limits": {"min_year": MIN_YEAR, "max_year": MAX_YEAR},
        "card_items": list(CARD_ITEMS),
    }
