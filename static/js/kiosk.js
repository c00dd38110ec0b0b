/*
 * Kiosk mode (the clinic's waiting-room tablet, web/clinic.py): strangers use one tablet one after
 * another, so after a set idle time (body[data-kiosk-idle], seconds) the page asks "まだお使いですか？"
 * with a countdown, then resets; "次の方へ" (and "start over") reset at once.
 *
 * A reset leaves nothing behind: it empties the page, clears this origin's Web Storage (the app
 * keeps nothing there, this only makes sure), and replaces the current history entry with the
 * tablet's start page, so the page with answers is not in the history. Earlier entries hold no
 * answers: the question pages are swapped in by htmx without history entries, and pages reached by
 * a plain POST are `no-store` (web/security.py) and never cached by the service worker.
 *
 * Loaded on kiosk pages and on the pages the service worker shows offline; it does nothing on a
 * page that is not in kiosk mode. htmx swaps the whole body, so everything is looked up when
 * needed and listeners sit on the document.
 */
(function () {
  "use strict";
  var COUNTDOWN = 20; // seconds of warning before the reset (less when the idle time is short)
  var last = Date.now();
  var resetting = false;

  /*
   * The tablet's start page and idle time. Pages rendered in kiosk mode carry them on <body>.
   * Offline, the service worker answers a kiosk address with the cached page of that path, which
   * was stored without settings; the address itself still has them (?c-kiosk=1&…), so they are
   * read from it then. Null when this page is not in kiosk mode.
   */
  function settings() {
    var body = document.body, query = new URLSearchParams(window.location.search);
    if (body.hasAttribute("data-kiosk-start")) {
      return { start: body.getAttribute("data-kiosk-start"), idle: parseInt(body.getAttribute("data-kiosk-idle"), 10) || 90 };
    }
    if (query.get("c-kiosk") !== "1") return null;
    var lang = document.documentElement.lang === "en" ? "en" : "ja";
    var idle = parseInt(query.get("c-idle"), 10);
    return { start: "/" + lang + "/kiosk" + window.location.search, idle: idle >= 30 && idle <= 600 ? idle : 90 };
  }

  // Offline, the cached start page's links lack this tablet's settings: give them the address's.
  function keepSettingsInLinks() {
    var query = new URLSearchParams(window.location.search);
    if (query.get("c-kiosk") !== "1") return;
    document.querySelectorAll("a[data-kiosk-link]").forEach(function (link) {
      link.search = window.location.search;
    });
  }

  function dialog() { return document.getElementById("kiosk-idle"); }
  function warning(idle) { return Math.min(COUNTDOWN, Math.floor(idle / 3)); }

  function autofillOff() {
    document.querySelectorAll("form, input, select, textarea").forEach(function (element) {
      element.setAttribute("autocomplete", "off");
    });
  }

  function reset() {
    if (resetting) return;
    resetting = true;
    var start = settings().start;
    document.querySelectorAll("form").forEach(function (form) { form.reset(); });
    document.body.replaceChildren();
    try { window.sessionStorage.clear(); window.localStorage.clear(); } catch (e) { /* storage blocked */ }
    window.location.replace(start);
  }

  function activity() {
    var open = dialog();
    if (open && open.open) return; // only "続ける" answers the question
    last = Date.now();
  }

  function keepGoing() {
    last = Date.now();
    var open = dialog();
    if (open && open.open) open.close();
  }

  function tick() {
    if (resetting || !settings()) return;
    var idle = settings().idle, elapsed = (Date.now() - last) / 1000, box = dialog();
    if (elapsed >= idle) { reset(); return; }
    var left = Math.ceil(idle - elapsed);
    if (left > warning(idle) || !box) return;
    var seconds = box.querySelector(".kiosk-seconds");
    seconds.textContent = seconds.getAttribute("data-template").replace("{s}", String(left));
    if (!box.open) box.showModal();
  }

  ["pointerdown", "keydown", "input", "wheel", "touchstart"].forEach(function (type) {
    document.addEventListener(type, activity, { capture: true, passive: true });
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest("#kiosk-continue")) { keepGoing(); return; }
    var link = event.target.closest("[data-kiosk-reset]");
    if (link && settings()) { event.preventDefault(); reset(); }
  });
  // Escape closes the dialog: the person is still there.
  document.addEventListener("cancel", function (event) {
    if (event.target === dialog()) keepGoing();
  }, true);
  if (!settings()) return;
  document.addEventListener("htmx:afterSettle", autofillOff);
  document.addEventListener("DOMContentLoaded", autofillOff);
  // A page brought back from the back/forward cache may be the previous person's: start afresh.
  window.addEventListener("pageshow", function (event) { if (event.persisted) reset(); });
  autofillOff();
  keepSettingsInLinks();
  window.setInterval(tick, 1000);
})();
