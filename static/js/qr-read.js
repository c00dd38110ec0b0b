/*
 * Reading a 申立書 QR text (qr-payload-v1.md §1–§2), on the reception tablet and the /r page.
 * Builds on static/js/qr-payload.js; the same spec as web/qr_payload.py decode.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory(require("./qr-payload.js"));
  else root.MochimonoQRRead = factory(root.MochimonoQR);
})(typeof self !== "undefined" ? self : this, function (codec) {
  "use strict";
  var MAX_INFLATED = 4096, VERSION = codec.VERSION, KEYS = codec.KEYS, PayloadError = codec.PayloadError;
  var PAYLOAD_TAIL = /v([0-9]+)\.([0-9]+)$/;
  var EDGE_SPACES = codec.EDGE_SPACES, streamThrough = codec.streamThrough, normalise = codec.normalise;

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

  /**
   * The decoded values safe to show, and the keys of those an encoder would have refused (as
   * web/qr_payload.py readable): refused fields are left empty, merely unnormalised ones kept.
   */
  function readable(values) {
    var refused = {};
    problemsIn(values).forEach(function (p) { if (p.code !== "not_normalised") refused[p.field] = true; });
    var shown = {}, unreadable = [];
    KEYS.forEach(function (key) {
      shown[key] = refused[key] ? "" : (values[key] || "");
      if (refused[key]) unreadable.push(key);
    });
    return { values: shown, unreadable: unreadable };
  }

  return { decode: decode, problemsIn: problemsIn, readable: readable, digitsToBytes: digitsToBytes };
});
