/*
 * Mochimono's service worker. /sw.js fills in this deploy's version, languages, precache list,
 * reception files and rules URL, so every deploy installs a new worker with its own rules, and a new
 * language needs no edit here.
 *
 * A patient's phone keeps only the patient's path: the shared files (PRECACHE) and the pages and
 * words of the languages it has been used in (LANGUAGE_PAGES; the language of the page that
 * installed the worker, then any other opened online). The reception files (the QR reader
 * and its WebAssembly) are kept once the reception page has been opened on the device, and again
 * by every later worker on that device, so a clinic's tablet stays usable offline across deploys.
 *
 * Privacy: only the precache list (pages without answers, static files, rules, words) and the
 * postal-code files are ever stored. Pages that show answers are POST responses and are never
 * cached; when the network is down they are answered by the offline pages instead.
 */
"use strict";
var VERSION = "__VERSION__";
var LOCALES = __LOCALES__;
var PRECACHE = __PRECACHE__;
var LANGUAGE_PAGES = __LANGUAGE_PAGES__;
var RECEPTION = __RECEPTION__;
var RULES = "__RULES__";
var CACHE = "mochimono-" + VERSION;
var POSTAL = "mochimono-postal";
var META = "/__mochimono-meta";
var RECEPTION_MARK = "/__mochimono-reception";
var LANGUAGE_MARK = "/__mochimono-language/";
var LANG = "(" + LOCALES.join("|") + ")";

function keepReception(cache) {
  return cache.addAll(RECEPTION).then(function () {
    return cache.put(RECEPTION_MARK, new Response("1"));
  });
}

function keepLanguage(cache, lang) {
  if (!LANGUAGE_PAGES[lang]) return Promise.resolve();
  return cache.addAll(LANGUAGE_PAGES[lang]).then(function () {
    return cache.put(LANGUAGE_MARK + lang, new Response("1"));
  });
}

/** The languages to keep at install: those used before on this device, and the open pages'. */
function languagesInUse() {
  var marked = Object.keys(LANGUAGE_PAGES).map(function (lang) {
    return caches.match(LANGUAGE_MARK + lang).then(function (used) { return used ? lang : null; });
  });
  var open = self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (windows) {
    return windows.map(function (client) { return languageOf(new URL(client.url)); });
  });
  return Promise.all(marked.concat([open])).then(function (found) {
    var langs = [].concat.apply([], found).filter(function (lang, i, all) { return lang && all.indexOf(lang) === i; });
    return langs.length ? langs : ["ja"];
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return cache.addAll(PRECACHE).then(function () {
        var meta = { version: VERSION, rules: RULES, fetched: Date.now() };
        return cache.put(META, new Response(JSON.stringify(meta), { headers: { "Content-Type": "application/json" } }));
      }).then(function () {
        return languagesInUse().then(function (langs) {
          return Promise.all(langs.map(function (lang) { return keepLanguage(cache, lang); }));
        });
      }).then(function () {
        // A device that has used the reception page before keeps it across deploys.
        return caches.match(RECEPTION_MARK).then(function (used) { return used && keepReception(cache); });
      });
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name !== CACHE && name !== POSTAL;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function languageOf(url) {
  var match = new RegExp("^/" + LANG + "(/|$)").exec(url.pathname);
  return match ? match[1] : "ja";
}

function offlinePage(url) {
  var lang = languageOf(url);
  var guide = new RegExp("^/" + LANG + "/guide(/|$)").test(url.pathname);
  // The page in this language if the device keeps it, else in a language it keeps.
  var candidates = [lang].concat(Object.keys(LANGUAGE_PAGES)).map(function (code) {
    return "/" + code + (guide ? "/guide/offline" : "/offline");
  });
  return candidates.reduce(function (found, path) {
    return found.then(function (page) { return page || caches.match(path, { cacheName: CACHE }); });
  }, Promise.resolve(null)).then(function (page) {
    return page || new Response("offline", { status: 503, headers: { "Content-Type": "text/plain" } });
  });
}

function cacheFirst(request, cacheName, keep) {
  return caches.match(request, { cacheName: cacheName }).then(function (hit) {
    if (hit) return hit;
    return fetch(request).then(function (response) {
      if (keep && response.ok) {
        var copy = response.clone();
        caches.open(cacheName).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request, url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Network only: a page is never stored from here, so answers never reach a cache. Opening the
    // reception page online keeps the reception list (fetched afresh, never this response).
    if (request.method === "GET" && RECEPTION.indexOf(url.pathname) >= 0) {
      event.waitUntil(caches.open(CACHE).then(keepReception).catch(function () {}));
    }
    // A language opened online is kept too (once), so it works offline from then on.
    var lang = languageOf(url);
    event.waitUntil(caches.match(LANGUAGE_MARK + lang, { cacheName: CACHE }).then(function (kept) {
      return kept || caches.open(CACHE).then(function (cache) { return keepLanguage(cache, lang); });
    }).catch(function () {}));
    event.respondWith(fetch(request).catch(function () {
      if (request.method === "GET") {
        return caches.match(url.pathname, { cacheName: CACHE }).then(function (page) {
          return page || offlinePage(url);
        });
      }
      return offlinePage(url);
    }));
    return;
  }
  if (request.method !== "GET") return;
  if (url.pathname === META) {
    event.respondWith(caches.match(META, { cacheName: CACHE }).then(function (hit) {
      return hit || new Response("{}", { headers: { "Content-Type": "application/json" } });
    }));
  } else if (url.pathname.indexOf("/static/postal/") === 0) {
    event.respondWith(cacheFirst(request, POSTAL, true));
  } else if (PRECACHE.indexOf(url.pathname + url.search) >= 0 || RECEPTION.indexOf(url.pathname + url.search) >= 0 ||
             url.pathname === "/rules.json" || new RegExp("^/" + LANG + "/guide-texts\\.json$").test(url.pathname)) {
    event.respondWith(cacheFirst(request, CACHE, false));
  }
});
