// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  function focusPage() {
    // After a swapped page, put focus where a screen reader user needs it: the error summary or the page.
    var target = document.querySelector("[data-focus]") || document.getElementById("main");
    if (target) target.focus();
  }

  function enablePrint() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    enablePrint();
    if (document.querySelector("[data-focus]")) focusPage();
  });

  function afterNewPage() {
    enablePrint();
    window.scrollTo(0, 0);
    focusPage();
  }
  document.addEventListener("htmx:afterSettle", afterNewPage);
  // htmx swaps the body only, so a page in another language (the language switch) brings its
  // `lang` from its own <html>: screen readers, fonts and dates follow it.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var found = /<html[^>]*\slang="([^"]+)"/.exec(event.detail.serverResponse || "");
    if (found) document.documentElement.lang = found[1];
  });
  // A question page shown again by Back or Forward (static/js/flow-history.js).
  document.addEventListener("mochimono:restored", afterNewPage);

  // Offline or network failure during a boosted submit: fall back to an ordinary submission, so the
  // browser (or the service worker) shows a real page instead of nothing happening.
  document.addEventListener("htmx:sendError", function (event) {
    var form = event.detail.elt.closest("form");
    if (form) {
      form.removeAttribute("hx-boost");
      HTMLFormElement.prototype.submit.call(form);
    }
  });

  // The service worker makes the app work offline; it also says when the rules it keeps are old.
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
    // Only a page the worker controls can ask it when its rules were fetched.
    if (navigator.serviceWorker.controller) {
      fetch("/__mochimono-meta").then(function (response) { return response.json(); }).then(function (meta) {
        if (meta.fetched && Date.now() - meta.fetched > 30 * 24 * 60 * 60 * 1000) {
          var banner = document.getElementById("stale-banner");
          if (banner) banner.hidden = false;
        }
      }).catch(function () {});
    }
  }

  // A page restored from the back/forward cache may show the previous patient's answers on a
  // shared tablet: load it afresh instead.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) window.location.reload();
  });
})();
