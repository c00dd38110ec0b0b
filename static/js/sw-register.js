// Installs the service worker (offline use) and says when the rules kept on this device are old.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator)) return;
  var STALE_MS = 30 * 24 * 60 * 60 * 1000;
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function () {});
  fetch("/__mochimono-meta").then(function (response) { return response.json(); }).then(function (meta) {
    if (meta.fetched && Date.now() - meta.fetched > STALE_MS) {
      var banner = document.getElementById("stale-banner");
      if (banner) banner.hidden = false;
    }
  }).catch(function () {});
})();
