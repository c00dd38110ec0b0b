/*
 * Mochimono's service worker. /sw.js fills in this deploy's version, precache list and rules URL,
 * so every deploy installs a new worker with its own rules.
 *
 * Privacy: only the precache list (pages without answers, static files, rules, words) and the
 * postal-code files are ever stored. Pages that show answers are POST responses and are never
 * cached; when the network is down they are answered by the offline pages instead.
 */
"use strict";
var VERSION = "__VERSION__";
var PRECACHE = __PRECACHE__;
var RULES = "__RULES__";
var CACHE = "mochimono-" + VERSION;
var POSTAL = "mochimono-postal";
var META = "/__mochimono-meta";

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return cache.addAll(PRECACHE).then(function () {
        var meta = { version: VERSION, rules: RULES, fetched: Date.now() };
        return cache.put(META, new Response(JSON.stringify(meta), { headers: { "Content-Type": "application/json" } }));
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
  var match = /^\/(ja|en)(\/|$)/.exec(url.pathname);
  return match ? match[1] : "ja";
}

function offlinePage(url) {
  var lang = languageOf(url);
  var path = /^\/(ja|en)\/guide(\/|$)/.test(url.pathname) ? "/" + lang + "/guide/offline" : "/" + lang + "/offline";
  return caches.match(path, { cacheName: CACHE }).then(function (page) {
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
    // Network only: a page is never stored from here, so answers never reach a cache.
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
  } else if (PRECACHE.indexOf(url.pathname + url.search) >= 0 || url.pathname === "/rules.json" ||
             /^\/(ja|en)\/guide-texts\.json$/.test(url.pathname)) {
    event.respondWith(cacheFirst(request, CACHE, false));
  }
});
