/*
 * The 申立書 QR payload, v1 (shared/domain/qr-payload-v1.md): normalise, validate, encode, decode.
 * The same spec as web/qr_payload.py; tests/vectors/qr_payload.json is run against both.
 * Works in browsers (window.MochimonoQR) and in Node (require) for the shared tests.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.MochimonoQR = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var VERSION = 1;
  var MAX_INFLATED = 4096;
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
  var ERAS = {
    "明治": [[1868, 1, 25], [1912, 7, 29]], "大正": [[1912, 7, 30], [1926, 12, 24]],
    "昭和": [[1926, 12, 25], [1989, 1, 7]], "平成": [[1989, 1, 8], [2019, 4, 30]], "令和": [[2019, 5, 1], null]
  };
  var PAYLOAD_TAIL = /v([0-9]+)\.([0-9]+)$/;

  function PayloadError(code) { this.name = "PayloadError"; this.code = code; this.message = code; }
  PayloadError.prototype = Object.create(Error.prototype);

  function length(text) { return Array.from(text).length; }
  function pad(n, width) { var s = String(n); while (s.length < width) s = "0" + s; return s; }
  function stamp(y, m, d) { return pad(y, 4) + pad(m, 2) + pad(d, 2); }

  function realDate(y, m, d) {
    var day = new Date(Date.UTC(2000, m - 1, d));
    day.setUTCFullYear(y);
    return m >= 1 && m <= 12 && day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
  }

  function toKatakana(text) {
    return text.normalize("NFKC").replace(/[ぁ-ゖゝゞ]/g, function (ch) {
      return String.fromCharCode(ch.charCodeAt(0) + 0x60);
    }).replace(SPACES, "");
  }

  function isKatakana(text) { return /^[゠-ヿ]*$/.test(text); }

  function normaliseDate(text) {
    var compact = text.normalize("NFKC").replace(SPACES, "");
    var wareki = WAREKI_DATE.exec(compact);
    if (wareki) {
      var era = ERAS[wareki[1]];
      var year = era[0][0] + (wareki[2] === "元" ? 1 : parseInt(wareki[2], 10)) - 1;
      var month = parseInt(wareki[3], 10), day = parseInt(wareki[4], 10);
      var value = stamp(year, month, day);
      var first = stamp.apply(null, era[0]), last = era[1] ? stamp.apply(null, era[1]) : "99999999";
      if (wareki[2] === "0" || !realDate(year, month, day) || value < first || value > last) return [text, "outside_era"];
      return [value, null];
    }
    var digits = compact.replace(NUMBER_SEPARATORS, "");
    if (!/^[0-9]{8}$/.test(digits)) return [digits, "bad_date"];
    if (!realDate(+digits.slice(0, 4), +digits.slice(4, 6), +digits.slice(6))) return [digits, "bad_date"];
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

  /** Apply §4 to a record with the spec's keys: {values, problems: [{field, code}]}. */
  function normalise(record) {
    var values = {}, problems = [];
    Object.keys(record).forEach(function (key) {
      if (KEYS.indexOf(key) < 0) problems.push({ field: key, code: "unknown_key" });
    });
    FIELDS.forEach(function (field) {
      var raw = record[field.key];
      var text = raw === undefined || raw === null ? "" : String(raw);
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
      if (problem) problems.push({ field: field.key, code: problem });
      values[field.key] = text;
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

  function digitsToBytes(digits) {
    var full = Math.floor(digits.length / 10), rest = digits.length % 10;
    var tailBytes = { 0: 0, 3: 1, 5: 2, 8: 3 }[rest];
    if (tailBytes === undefined) throw new PayloadError("length");
    var out = [];
    function push(value, count) {
      for (var i = count - 1; i >= 0; i--) out.push(Math.floor(value / Math.pow(256, i)) % 256);
    }
    for (var index = 0; index < full; index++) {
      var value = parseInt(digits.slice(index * 10, index * 10 + 10), 10);
      if (value >= 4294967296) throw new PayloadError("overflow");
      push(value, 4);
    }
    if (tailBytes) {
      var tail = parseInt(digits.slice(full * 10), 10);
      if (tail >= Math.pow(2, 8 * tailBytes)) throw new PayloadError("overflow");
      push(tail, tailBytes);
    }
    return new Uint8Array(out);
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

  /** The fields of a QR text; rejects with PayloadError (code) when its structure is wrong. */
  function decode(text) {
    return Promise.resolve().then(function () {
      var hash = text.indexOf("#");
      var payload = (hash >= 0 ? text.slice(hash + 1) : text).replace(EDGE_SPACES, "");
      var match = PAYLOAD_TAIL.exec(payload);
      if (!match) throw new PayloadError("format");
      if (match[1] !== String(VERSION)) throw new PayloadError("version");
      var binary = digitsToBytes(match[2]);
      if (!binary.length || binary[0] !== VERSION) throw new PayloadError("version");
      return streamThrough(binary.slice(1), new DecompressionStream("deflate"), MAX_INFLATED).catch(function (error) {
        throw error instanceof PayloadError ? error : new PayloadError("zlib");
      });
    }).then(function (inflated) {
      var tsv;
      try {
        tsv = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(inflated);
      } catch (error) {
        throw new PayloadError("utf8");
      }
      var parts = tsv.split("\t"), values = {};
      KEYS.forEach(function (key, index) { values[key] = index < parts.length ? parts[index] : ""; });
      return values;
    });
  }

  /** What an encoder following §4 would have refused or changed in decoded values. */
  function problemsIn(values) {
    var result = normalise(values), seen = {};
    result.problems.forEach(function (p) { seen[p.field] = true; });
    KEYS.forEach(function (key) {
      if (!seen[key] && result.values[key] !== values[key]) result.problems.push({ field: key, code: "not_normalised" });
    });
    return result.problems;
  }

  return {
    KEYS: KEYS, FIELDS: FIELDS, PayloadError: PayloadError, normalise: normalise, encode: encode, decode: decode,
    problemsIn: problemsIn, readDate: normaliseDate, insurerNumberIsValid: insurerNumberIsValid,
    insuranceTypeFromNumber: insuranceTypeFromNumber,
    bytesToDigits: bytesToDigits, digitsToBytes: digitsToBytes
  };
});
