/*
 * 和暦 on the device: the five modern eras with the boundaries of web/wareki.py (the QR payload
 * spec's), shared by the QR codec, the 申立書 sheet and the offline guide.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.MochimonoWareki = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";
  // Newest first: [kanji, first day, last day or null], as YYYYMMDD.
  var ERAS = [["令和", "20190501", null], ["平成", "19890108", "20190430"], ["昭和", "19261225", "19890107"],
    ["大正", "19120730", "19261224"], ["明治", "18680125", "19120729"]];
  // The era keys the forms send (web/wareki.py, web/forms.py ERA_CHOICES).
  var KANJI_BY_KEY = { reiwa: "令和", heisei: "平成", showa: "昭和", taisho: "大正", meiji: "明治" };

  function pad(n, width) { var s = String(n); while (s.length < width) s = "0" + s; return s; }

  function realDate(y, m, d) {
    var day = new Date(Date.UTC(y, m - 1, d));
    return m >= 1 && m <= 12 && day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
  }

  /** YYYYMMDD for an era date, or null when that day is not in the era. */
  function fromWareki(kanji, year, month, day) {
    for (var i = 0; i < ERAS.length; i++) {
      if (ERAS[i][0] !== kanji) continue;
      var y = +ERAS[i][1].slice(0, 4) + year - 1, value = pad(y, 4) + pad(month, 2) + pad(day, 2);
      if (year < 1 || !realDate(y, month, day) || value < ERAS[i][1] || (ERAS[i][2] && value > ERAS[i][2])) return null;
      return value;
    }
    return null;
  }

  /** `19800412` → `昭和55年4月12日`. */
  function toWareki(value) {
    for (var i = 0; i < ERAS.length; i++) {
      if (value >= ERAS[i][1]) {
        var year = +value.slice(0, 4) - +ERAS[i][1].slice(0, 4) + 1;
        return ERAS[i][0] + (year === 1 ? "元" : year) + "年" + +value.slice(4, 6) + "月" + +value.slice(6) + "日";
      }
    }
    return "";
  }

  return { KANJI_BY_KEY: KANJI_BY_KEY, fromWareki: fromWareki, toWareki: toWareki, realDate: realDate };
});
