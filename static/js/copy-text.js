/*
 * The plain text of a 申立書 for typing into the receipt computer, exactly as
 * web/declaration.py copy_text makes it (tests/vectors/qr_payload.json holds examples for both).
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory(require("./sheet.js"));
  else root.MochimonoCopyText = factory(root.MochimonoSheet);
})(typeof self !== "undefined" ? self : this, function (sheet) {
  "use strict";
  var displayDate = sheet.displayDate, displayZip = sheet.displayZip;
  var CODES = {
    sex: { "1": "男", "2": "女" },
    ins_type: { "1": "社保", "2": "国保", "7": "後期", "8": "その他", "9": "わからない" },
    card_issued: { "1": "1か月以内", "2": "それより前" },
    copay: { "3": "3割", "2": "2割", "1": "1割", "0": "わからない" },
    relation: { "0": "本人", "1": "配偶者", "2": "子", "3": "父母", "9": "その他" }
  };

  function coded(values, key) {
    var value = values[key] || "";
    if (Object.prototype.hasOwnProperty.call(CODES[key], value)) return CODES[key][value];
    return key === "card_issued" ? displayDate(value) : value;
  }

  function day(values, key) {
    var v = values[key] || "";
    return v.length === 8 ? displayDate(v) + " (" + v.slice(0, 4) + "/" + v.slice(4, 6) + "/" + v.slice(6) + ")" : "";
  }

  function pair(a, b) { return ((a || "") + " " + (b || "")).trim(); }

  function copyText(values) {
    var relation = coded(values, "relation") + (values.relation_text ? "（" + values.relation_text + "）" : "");
    return [
      ["氏名", pair(values.family, values.given)], ["フリガナ", pair(values.family_kana, values.given_kana)],
      ["生年月日", day(values, "birth")], ["性別", coded(values, "sex")], ["郵便番号", displayZip(values.zip || "")],
      ["住所", values.address || ""], ["電話番号", values.tel || ""], ["保険種別", coded(values, "ins_type")],
      ["保険者番号", values.insurer_no || ""], ["保険者等名称", values.insurer_name || ""], ["事業所名", values.employer || ""],
      ["交付を受けた時期", coded(values, "card_issued")], ["一部負担金の割合", coded(values, "copay")],
      ["記入者", values.signer || ""], ["患者との関係", relation], ["記入日", day(values, "signed_on")]
    ].map(function (line) { return line[0] + ": " + line[1]; }).join("\n");
  }

  return { copyText: copyText };
});
