/*
 * The 申立書 QR payload, v1 (shared/domain/qr-payload-v1.md): normalise, validate and encode, on the
 * patient's phone; static/js/qr-read.js decodes. The same spec as web/qr_payload.py, and
 * tests/vectors/qr_payload.json is run against both.
 * Works in browsers (window.MochimonoQR) and in Node (require) for the shared tests.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory(require("./wareki.js"));
  else root.MochimonoQR = factory(root.MochimonoWareki);
})(typeof self !== "undefined" ? self : this, function (wareki) {
  "use strict";

  var VERSION = 1;
  var FIELDS = [
    ["family", "text", 10, true], ["given", "text", 10], ["family_kana", "kana", 20], ["given_kana", "kana", 20],
    ["birth", "date", 8, true], ["sex", "code", 1, false, ["1", "2"]], ["zip", "digits", 7], ["address", "text", 60],
    ["tel", "digits", 13], ["ins_type", "code", 1, false, ["1", "2", "7", "8", "9"]], ["insurer_no", "digits", 8],
    ["insurer_name", "text", 30], ["employer", "text", 40], ["card_issued", "issued", 8],
    ["copay", "code", 1, false, ["3", "2", "1", "0"]], ["signer", "text", 20],
    ["relation", "code", 1, false, ["0", "1", "2", "3", "9"]], ["relation_text", "text", 10], ["signed_on", "date", 8, true]
  ].map(function (f) { return { key: f[0], kind: f[1], max: f[2], required: !!f[3], codes: f[4] || [] }; });
  var KEYS = FIELDS.map(function (f) { return f.key; });

  // Kept identical to web/qr_payload.py.
  var SPACE = "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";
  var SPACES = new RegExp("[" + SPACE + "]", "g");
  var EDGE_SPACES = new RegExp("^[" + SPACE + "]+|[" + SPACE + "]+$", "g");
  var NUMBER_SEPARATORS = new RegExp("[" + SPACE + "\\-‐‑‒–—―−ー－()（）/.]", "g");
  var WAREKI_DATE = /^(明治|大正|昭和|平成|令和)(元|[0-9]{1,2})年([0-9]{1,2})月([0-9]{1,2})日$/;

  function PayloadError(code) { this.name = "PayloadError"; this.code = code; this.message = code; }
  PayloadError.prototype = Object.create(Error.prototype);

  function length(text) { return Array.from(text).length; }
  function pad(n, width) { var s = String(n); while (s.length < width) s = "0" + s; return s; }
  var realDate = wareki.realDate;
  // The years every date of the app lies in (web/numbers.py MIN_DATE, MAX_DATE).
  var MIN_YEAR = 1900, MAX_YEAR = 2200;

  function toKatakana(text) {
    return text.normalize("NFKC").replace(/[ぁ-ゖゝゞ]/g, function (ch) {
      return String.fromCharCode(ch.charCodeAt(0) + 0x60);
    }).replace(SPACES, "");
  }

  function isKatakana(text) { return /^[゠-ヿ]*$/.test(text); }

  function normaliseDate(text) {
    var compact = text.normalize("NFKC").replace(SPACES, "");
    var era = WAREKI_DATE.exec(compact);
    if (era) {
      var value = wareki.fromWareki(era[1], era[2] === "元" ? 1 : +era[2], +era[3], +era[4]);
      return value ? [value, null] : [text, "outside_era"];
    }
    var digits = compact.replace(NUMBER_SEPARATORS, "");
    if (!/^[0-9]{8}$/.test(digits)) return [digits, "bad_date"];
    var year = +digits.slice(0, 4);
    if (year < MIN_YEAR || year > MAX_YEAR || !realDate(year, +digits.slice(4, 6), +digits.slice(6))) return [digits, "bad_date"];
    return [digits, null];
  }

  function normaliseIssued(text) {
    var digits = text.normalize("NFKC").replace(NUMBER_SEPARATORS, "");
    if (digits === "" || digits === "1" || digits === "2") return [digits, null];
    if (digits.length === 8) return normaliseDate(digits);
    if (/^[0-9]{6}$/.test(digits) && +digits.slice(4) >= 1 && +digits.slice(4) <= 12) return [digits, null];
    if (/^[0-9]{4}$/.test(digits)) return [digits, null];
    if (WAREKI_DATE.test(text.normalize("NFKC").replace(SPACES, ""))) return normaliseDate(text);
    return [digits, "invalid"];
  }

  /** §4 for one field: [the value to encode, what is wrong with it or null]. */
  function normaliseField(field, text) {
    var problem = null, result;
    if (field.kind === "text") {
      text = text.replace(/[\t\r\n]/g, " ").replace(EDGE_SPACES, "");
    } else if (field.kind === "kana") {
      text = toKatakana(text);
      if (text && !isKatakana(text)) problem = "not_kana";
    } else if (field.kind === "digits") {
      text = text.normalize("NFKC").replace(NUMBER_SEPARATORS, "");
      if (text && !/^[0-9]+$/.test(text)) problem = "not_digits";
      else if (field.key === "zip" && text && text.length !== 7) problem = "invalid";
      else if (field.key === "insurer_no" && text && text.length !== 6 && text.length !== 8) problem = "invalid";
    } else if (field.kind === "date") {
      if (text.replace(SPACES, "")) { result = normaliseDate(text); text = result[0]; problem = result[1]; }
      else text = "";
    } else if (field.kind === "issued") {
      result = normaliseIssued(text); text = result[0]; problem = result[1];
    } else if (field.kind === "code") {
      text = text.normalize("NFKC").replace(EDGE_SPACES, "");
      if (text && field.codes.indexOf(text) < 0) problem = "invalid";
    }
    if (!problem && field.required && !text) problem = "required";
    if (!problem && length(text) > field.max) problem = "too_long";
    return [text, problem];
  }

  /** The normalised value of one field by key: [value, problem or null]. */
  function normaliseValue(key, text) {
    return normaliseField(FIELDS[KEYS.indexOf(key)], text);
  }

  /** Apply §4 to a record with the spec's keys: {values, problems: [{field, code}]}. */
  function normalise(record) {
    var values = {}, problems = [];
    Object.keys(record).forEach(function (key) {
      if (KEYS.indexOf(key) < 0) problems.push({ field: key, code: "unknown_key" });
    });
    FIELDS.forEach(function (field) {
      var raw = record[field.key];
      var result = normaliseField(field, raw === undefined || raw === null ? "" : String(raw));
      if (result[1]) problems.push({ field: field.key, code: result[1] });
      values[field.key] = result[0];
    });
    if (values.relation_text && values.relation !== "9") {
      problems.push({ field: "relation_text", code: "relation_text_without_other" });
    }
    return { values: values, problems: problems };
  }

  function insurerNumberIsValid(number) {
    if (!/^([0-9]{6}|[0-9]{8})$/.test(number)) return false;
    var body = number.slice(0, -1).split("").reverse(), total = 0;
    body.forEach(function (digit, position) {
      var product = +digit * (position % 2 === 0 ? 2 : 1);
      total += Math.floor(product / 10) + (product % 10);
    });
    return (10 - (total % 10)) % 10 === +number.slice(-1);
  }

  function insuranceTypeFromNumber(number) {
    if (/^[0-9]{6}$/.test(number)) return "2";
    if (/^39[0-9]{6}$/.test(number)) return "7";
    if (/^[0-9]{8}$/.test(number)) return "1";
    return null;
  }

  function bytesToDigits(bytes) {
    var out = "", widths = { 1: 3, 2: 5, 3: 8, 4: 10 };
    for (var start = 0; start < bytes.length; start += 4) {
      var group = bytes.slice(start, start + 4), value = 0;
      for (var i = 0; i < group.length; i++) value = value * 256 + group[i];
      out += pad(value, widths[group.length]);
    }
    return out;
  }

  function streamThrough(bytes, transform, limit) {
    var writer = transform.writable.getWriter();
    writer.write(bytes).catch(function () {});
    writer.close().catch(function () {});
    var reader = transform.readable.getReader(), chunks = [], total = 0;
    function pump() {
      return reader.read().then(function (step) {
        if (step.done) return;
        total += step.value.length;
        if (limit && total > limit) {
          reader.cancel().catch(function () {});
          throw new PayloadError("too_large");
        }
        chunks.push(step.value);
        return pump();
      });
    }
    return pump().then(function () {
      var out = new Uint8Array(total), offset = 0;
      chunks.forEach(function (chunk) { out.set(chunk, offset); offset += chunk.length; });
      return out;
    });
  }

  /** The QR text for normalised, valid values. Resolves to a string. */
  function encode(values, prefix) {
    var fields = KEYS.map(function (key) { return values[key] || ""; });
    while (fields.length && !fields[fields.length - 1]) fields.pop();
    var utf8 = new TextEncoder().encode(fields.join("\t"));
    return streamThrough(utf8, new CompressionStream("deflate")).then(function (compressed) {
      var binary = new Uint8Array(compressed.length + 1);
      binary[0] = VERSION;
      binary.set(compressed, 1);
      return prefix + "v" + VERSION + "." + bytesToDigits(binary);
    });
  }

  return {
    VERSION: VERSION, KEYS: KEYS, FIELDS: FIELDS, PayloadError: PayloadError, normalise: normalise,
    normaliseValue: normaliseValue, encode: encode,
    streamThrough: streamThrough, insurerNumberIsValid: insurerNumberIsValid,
    insuranceTypeFromNumber: insuranceTypeFromNumber, bytesToDigits: bytesToDigits, EDGE_SPACES: EDGE_SPACES
  };
});
