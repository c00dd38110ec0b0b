"""The words of the guide: item names, reasons, warnings and timeline labels, keyed by the ids
and text keys that web/rules/rules.yaml and web/engine.py use.

Japanese is the source language, so each msgid is the Japanese text; `N_` only marks it for
extraction and `gettext` translates it when a page or an API response is made.
"""

from __future__ import annotations

from web.i18n import fast_gettext as gettext


def N_(text: str) -> str:  # noqa: N802 - the name pybabel looks for
    return text


ITEM_NAMES = {
    "mynumber_card": N_("マイナンバーカード（マイナ保険証）"),
    "smartphone": N_("スマホのマイナ保険証"),
    "kakuninsho": N_("資格確認書"),
    "oshirase": N_("資格情報のお知らせ"),
    "mynaportal_screen": N_("マイナポータルの資格情報画面（または保存したPDF）"),
    "subsidy_cert": N_("医療証・受給者証（紙）"),
    "elderly_cert": N_("高齢受給者証"),
    "welfare_ticket": N_("医療券"),
    "moushitatesho": N_("被保険者資格申立書（このアプリで用意できます）"),
    "paper_card": N_("健康保険証（紙）"),
}

TEXTS = {
    # Why each item is on the list.
    "why.myna_card": N_(
        "保険証として登録したマイナンバーカードで、保険に入っていることを確認できます。カード本体を持って行ってください。"
    ),
    "why.myna_card_unregistered_maybe": N_(
        "保険証として登録済みなら使えます。登録済みかどうかはマイナポータルで確認できます。"
    ),
    "why.myna_card_lapsed": N_("電子証明書が切れて保険証としては使えませんが、受付で確認の手がかりになります。"),
    "why.smartphone": N_(
        "スマホが使える医療機関では、スマホだけで受付できます。対応していない医療機関もあるので、カードも持って行きます。"
    ),
    "why.kakuninsho_valid": N_("有効期限内の資格確認書で、保険に入っていることを確認できます。コピーは使えません。"),
    "why.kakuninsho_check_expiry": N_(
        "資格確認書に印刷された有効期限を確認してください。期限内なら使えます。コピーは使えません。"
    ),
    "why.kakuninsho_elderly_which": N_(
        "2026年8月1日以降に使えるのは、新しく届いた資格確認書です。2026年7月31日までのものは使えません。"
    ),
    "why.elderly_cert": N_("70〜74歳で高齢受給者証が別に届いている方は、資格確認書と一緒に出してください。"),
    "why.paper_card_transition": N_(
        "2024年12月1日までに発行された保険証は、印刷された有効期限まで使えます（住所や保険が変わった場合を除く）。"
    ),
    "why.paper_card_tolerance": N_(
        "期限切れの保険証は、医療機関によっては一時的な取り扱いで受け付けてもらえることがあります。"
    ),
    "why.oshirase_tolerance": N_(
        "この時期は、お知らせだけでも医療機関によっては受け付けてもらえることがありました。必ずではありません。"
    ),
    "why.subsidy_cert": N_(
        "子ども医療証などの受給者証は、ほとんどがマイナ保険証とつながっていません。紙の医療証を出さないと、いったん通常の負担になります。都道府県の外では使えないことが多いので、領収書を保管してください。"
    ),
    "why.welfare_ticket": N_("生活保護の医療扶助は、紙の医療券で受診します。"),
    "why.welfare_card": N_(
        "医療扶助のオンライン資格確認に対応した医療機関では、登録済みのマイナンバーカードを医療券の代わりに使えます。"
    ),
    "why.backup_oshirase": N_(
        "カードリーダーや確認がうまくいかないとき、マイナンバーカードと一緒に見せると保険を確認してもらえます。"
    ),
    "why.backup_oshirase_70": N_(
        "カードリーダーがうまくいかないとき、カードと一緒に見せます。70歳以上のお知らせは毎年7月31日が期限なので、最新のものを持って行ってください。"
    ),
    "why.backup_mynaportal": N_(
        "スマホでマイナポータルの「医療保険の資格情報」画面を開いて見せると、お知らせの代わりになります。"
    ),
    "why.backup_moushitatesho": N_(
        "どうしても確認できないときは、マイナンバーカードと申立書で、通常の負担割合で受診できます。"
    ),
    # Warnings: what is wrong, then what to do.
    "w.before_coverage": N_("2024年12月1日以前の受診日については、このアプリのルールは対応していません。"),
    "w.beyond_horizon": N_(
        "この受診日は、ルールを確認した日から1年以上先です。それまでにルールが変わっているかもしれません。"
    ),
    "w.welfare_contact": N_("生活保護の方は、受診の前に担当のケースワーカーに連絡してください。"),
    "w.other_scheme": N_("自衛官などの制度や公費のみの方は、オンライン資格確認の対象外のことがあります。"),
    "w.turned_75": N_("75歳の誕生日からは、会社や市町村の保険ではなく後期高齢者医療に加入します。"),
    "w.smartphone_bring_card": N_("スマホのマイナ保険証は、専用の読み取り機がある医療機関でしか使えません。"),
    "w.registration_unknown": N_(
        "マイナンバーカードが保険証として登録されているかわかりません。登録されていないと保険証として使えません。"
    ),
    "w.not_registered": N_(
        "マイナンバーカードが保険証として登録されていないため、保険証としては使えません。登録していない方には、保険者から資格確認書が届きます。"
    ),
    "w.ecert_renew_soon": N_(
        "電子証明書の有効期限（%(ecert_expiry)s）が近づいています。期限の3か月前から更新できます。"
    ),
    "w.ecert_grace": N_(
        "電子証明書の有効期限（%(ecert_expiry)s）が過ぎています。%(ecert_grace_end)sまではマイナ保険証として使えますが、その後は使えなくなります。"
    ),
    "w.ecert_lapsed": N_(
        "電子証明書の期限切れから3か月以上たったため、マイナ保険証の登録が解除されています。保険者から資格確認書が届くはずですが、届く時期は保険者によって違います。"
    ),
    "w.child_auth": N_("お子さんは顔認証がうまくいかないことがよくあります。"),
    "w.child_auth_infant": N_("1歳未満で申請したマイナンバーカードには顔写真がないため、顔認証はできません。"),
    "w.elderly_kakuninsho_2026": N_(
        "後期高齢者医療の一斉の資格確認書は2026年7月31日で期限が切れました。その後に何が届くかは広域連合によって違います。"
    ),
    "w.kakuninsho_expired": N_("資格確認書の有効期限（%(kakuninsho_expiry)s）が過ぎているため、使えません。"),
    "w.kakuninsho_expired_elderly": N_(
        "資格確認書の有効期限（%(kakuninsho_expiry)s）が過ぎています。マイナ保険証をお持ちの方（84歳以下）には、新しい資格確認書ではなく資格情報のお知らせが届いていることが多いです。"
    ),
    "w.paper_card_tolerance": N_(
        "古い健康保険証は期限が切れています。一時的な取り扱いで受け付ける医療機関もありますが、必ずではありません。"
    ),
    "w.paper_card_not_accepted": N_("古い健康保険証は現在使えない扱いです。"),
    "w.oshirase_tolerance": N_(
        "資格情報のお知らせだけでは、本来は保険の確認ができません。この時期は一時的に受け付ける医療機関もありましたが、必ずではありません。"
    ),
    "w.oshirase_not_alone": N_(
        "資格情報のお知らせだけでは保険の確認ができません。マイナンバーカードと一緒に使うものです。"
    ),
    "w.subsidy_linked": N_(
        "お住まいの市区町村は医療証をマイナ保険証で確認できますが、対応している医療機関はまだ限られています。"
    ),
    "w.subsidy_linked_needs_card": N_(
        "医療証の情報をマイナ保険証で確認する仕組みは、マイナ保険証で受付したときだけ使えます。"
    ),
    "w.subsidy_not_linked": N_("医療証・受給者証はマイナ保険証では確認できません。"),
    "w.reader_failure_plan": N_(
        "カードリーダーが動かない、「資格無効」と出る、暗証番号を忘れた、といったときの手順を確認しておきましょう。"
    ),
    "w.no_valid_proof": N_(
        "今お持ちのものだけでは、保険に入っていることを確認できません。医療費を全額（10割）払うよう求められるおそれがあります。"
    ),
    "a.ask_insurer": N_(
        "最新の取り扱いは、ご加入の保険者（資格確認書・資格情報のお知らせに記載の保険者）またはお住まいの市区町村にご確認ください。"
    ),
    "a.ask_koiki": N_(
        "何が届いたかを確認し、わからないときはお住まいの都道府県の後期高齢者医療広域連合か市区町村の窓口に問い合わせてください。お知らせだけが届いた場合は、マイナ保険証と一緒に持って行きます。"
    ),
    "a.welfare_contact": N_("その月の最初の受診の前に、ケースワーカーに連絡してください。"),
    "a.check_registration": N_(
        "マイナポータルで登録状況を確認してください。登録していない場合は、保険者から届いた資格確認書を持って行きます。"
    ),
    "a.not_registered": N_(
        "届いた資格確認書を持って行ってください。届いていなければ、受診の前に保険者に問い合わせてください。"
    ),
    "a.renew_ecert": N_(
        "市区町村の窓口で電子証明書を更新してください（オンラインではできません）。更新したら、カードリーダーで保険証の利用登録をし直してください。"
    ),
    "a.ecert_lapsed": N_(
        "資格確認書が届いていれば持って行ってください。届いていなければ、受診の前に保険者（会社の健保、協会けんぽ、または市区町村）に問い合わせ、電子証明書を更新してください。"
    ),
    "a.child_auth": N_(
        "保護者がお子さんの4桁の暗証番号を確認しておきましょう。受付の人に「目視モード」で確認してもらうこともできます。"
    ),
    "a.smartphone_bring_card": N_(
        "スマホに対応していない医療機関もあるので、カード本体も持って行きましょう。初めての医療機関では特にです。"
    ),
    "a.kakuninsho_expired": N_(
        "マイナ保険証をお持ちならそれを使ってください。お持ちでなければ、受診の前に保険者に新しい資格確認書を問い合わせてください。"
    ),
    "a.get_valid_proof": N_("マイナ保険証か資格確認書を持って行ってください。"),
    "a.oshirase_not_alone": N_(
        "マイナンバーカードと一緒に持って行ってください。カードをなくした・再発行中の場合は、保険者に資格確認書を申請できます。"
    ),
    "a.subsidy_bring_paper": N_("紙の医療証・受給者証も必ず持って行ってください。"),
    "a.reader_failure_plan": N_(
        "資格情報のお知らせかマイナポータルの画面をカードと一緒に見せます。それでもだめなら被保険者資格申立書を書けば、通常の負担割合で受診できます。"
    ),
    "a.no_valid_proof": N_(
        "受診の前に、保険者に資格確認書を問い合わせるか、マイナポータルで保険の情報を確認してください。全額払った場合も、領収書があれば2年以内に保険者に請求して払い戻しを受けられます（療養費）。"
    ),
}

TIMELINE_LABELS = {
    "ecert_renewal_opens": N_("電子証明書の更新ができるようになる日"),
    "ecert_expiry": N_("電子証明書の有効期限"),
    "ecert_grace_end": N_("マイナ保険証として使える最後の日（期限切れ後の猶予の終わり）"),
    "kakuninsho_expiry": N_("資格確認書の有効期限"),
    "preschool_end": N_("未就学（2割負担）の終わり"),
    "copay_70": N_("70〜74歳の負担割合（2割など）になる日"),
    "elderly_75": N_("75歳の誕生日：後期高齢者医療が始まる日"),
}

VERDICTS = {
    "ok": N_("今お持ちのものを持って行けば、通常の負担割合で受診できます。"),
    "check": N_("保険者や市区町村にしかわからないことがあります。下の注意を読んで、問い合わせてください。"),
    "at_risk": N_("このままでは、医療費を全額（10割）払うことになるおそれがあります。受診の前に準備してください。"),
}

SEVERITY_NAMES = {
    "high": N_("重要"),
    "medium": N_("注意"),
    "info": N_("参考"),
}


def text(key: str, **params: str) -> str:
    """The translated text for a rules text key, with its placeholders filled in."""
    return gettext(TEXTS[key], **params)


FIELD_ERRORS = {
    "not_an_object": N_("本文は JSON オブジェクトにしてください。"),
    "unknown_key": N_("この項目は使えません。"),
    "wrong_type": N_("値の型が正しくありません。"),
    "invalid_date": N_("日付は YYYY-MM-DD の形の、実在する日付にしてください。"),
    "date_out_of_range": N_("日付は1900-01-01から2200-12-31までにしてください。"),
    "out_of_range": N_("年齢は0から120までにしてください。"),
    "after_visit": N_("生年月日が受診日より後になっています。"),
    "before_birth": N_("カードの発行日が生年月日より前になっています。"),
    "required": N_("この項目は必須です。"),
    "invalid_choice": N_("決められた値から選んでください。"),
}
