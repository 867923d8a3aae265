// Service worker: pages already opened (lessons, an open quiz) stay readable offline.
// Network first, so people always get the newest page when the line is up. Assets (CSS,
// scripts, fonts) carry a version in their URL and come from the cache: the server fills in
// their URLs below, so a changed file makes a new worker and a new cache.
"use strict";
var STATIC = "static-__VERSION__";
var PAGES = "pages-v1";
var ASSETS = "__ASSETS__";
var OFFLINE_PAGES = [/^\/modules\/\d+$/, /^\/attempts\/\d+\/take$/, /^\/courses(\/\d+)?$/,
                     /^\/placement$/, /^\/help\/password$/];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(STATIC).then(function (cache) { return cache.addAll(ASSETS); }));
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name !== STATIC && name !== PAGES;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("message", function (event) {
  if (event.data === "forget-pages") { caches.delete(PAGES); }  // on sign-in/out
});

function isOfflinePage(url) {
  return url.origin === self.location.origin &&
    OFFLINE_PAGES.some(function (re) { return re.test(url.pathname); });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin === self.location.origin && ASSETS.indexOf(url.pathname + url.search) >= 0) {
    event.respondWith(caches.match(request).then(function (hit) {
      return hit || fetch(request);
    }));
    return;
  }
  if (!isOfflinePage(url)) { return; }
  event.respondWith(fetch(request).then(function (response) {
    if (response.ok && !response.redirected) {
      var copy = response.clone();
      caches.open(PAGES).then(function (cache) { cache.put(request, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(request).then(function (hit) {
      return hit || new Response("<h1>ออฟไลน์ (offline)</h1><p>หน้านี้ยังไม่เคยเปิดขณะออนไลน์</p>",
        { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
    });
  }));
});
