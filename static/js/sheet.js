/*
 * Fills the 申立書 sheet (web/templates/components/sheet.html) with decoded values on the device,
 * and makes the plain text for the receipt computer, exactly as web/declaration.py does.
 * Values are only ever set as text.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.MochimonoSheet = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var ERAS = [["令和", 20190501], ["平成", 19890108], ["昭和", 19261225], ["大正", 19120730], ["明治", 18680125]];
  var CODES = {
    sex: { "1": "男", "2": "女" },
    ins_type: { "1": "社保", "2": "国保", "7": "後期", "8": "その他", "9": "わからない" },
    card_issued: { "1": "1か月以内", "2": "それより前" },
    copay: { "3": "3割", "2": "2割", "1": "1割", "0": "わからない" },
    relation: { "0": "本人", "1": "配偶者", "2": "子", "3": "父母", "9": "その他" }
  };

  /** `19800412` → `昭和55年4月12日`; `202404` → `2024年4月`; `2024` → `2024年`. */
  function displayDate(value) {
    if (value.length === 8) {
      var number = +value;
      for (var i = 0; i < ERAS.length; i++) {
        if (number >= ERAS[i][1]) {
          var year = +value.slice(0, 4) - Math.floor(ERAS[i][1] / 10000) + 1;
          return ERAS[i][0] + (year === 1 ? "元" : year) + "年" + +value.slice(4, 6) + "月" + +value.slice(6) + "日";
        }
      }
      return "";
    }
    if (value.length === 6) return value.slice(0, 4) + "年" + +value.slice(4) + "月";
    if (value.length === 4) return value + "年";
    return "";
  }

  function displayZip(value) { return value.length === 7 ? value.slice(0, 3) + "-" + value.slice(3) : value; }

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

  function fill(sheet, values) {
    sheet.querySelectorAll("[data-field]").forEach(function (element) {
      var value = values[element.getAttribute("data-field")] || "";
      if (element.hasAttribute("data-code")) {
        var on = value === element.getAttribute("data-code");
        element.classList.toggle("checked", on);
        element.textContent = on ? "■" : "□";
        return;
      }
      var format = element.getAttribute("data-format");
      if (format === "wareki" || format === "issued") value = displayDate(value);
      else if (format === "zip") value = displayZip(value);
      element.textContent = value;
    });
  }

  function clear(sheet) { fill(sheet, {}); }

  return { fill: fill, clear: clear, copyText: copyText, displayDate: displayDate };
});
