/*
 * Fills the 申立書 sheet (web/templates/components/sheet.html) with decoded values on the device,
 * writing dates as web/declaration.py does.
 * Values are only ever set as text.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory(require("./wareki.js"));
  else root.MochimonoSheet = factory(root.MochimonoWareki);
})(typeof self !== "undefined" ? self : this, function (wareki) {
  "use strict";

  /** `19800412` → `昭和55年4月12日`; `202404` → `2024年4月`; `2024` → `2024年`. */
  function displayDate(value) {
    if (value.length === 8) return wareki.toWareki(value);
    if (value.length === 6) return value.slice(0, 4) + "年" + +value.slice(4) + "月";
    if (value.length === 4) return value + "年";
    return "";
  }

  function displayZip(value) { return value.length === 7 ? value.slice(0, 3) + "-" + value.slice(3) : value; }

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

  return { fill: fill, clear: clear, displayDate: displayDate, displayZip: displayZip };
});
