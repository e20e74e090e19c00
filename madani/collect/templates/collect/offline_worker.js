{% load static %}{% get_static_prefix as static_prefix %}// Madani's offline web forms. Served at the forms' address, it works over the whole site in the page's
// language (its scope, allowed by the Service-Worker-Allowed header of collect.views.offline_worker), so that
// every page that shows a web form — a survey, a session's attendance form, a needs assessment, a test — opens
// again with no connection. It keeps only what a form page asks it to keep (the page, the engine, the scripts
// and styles); nothing else is ever stored. Pages are asked to the network first (a form changed on the
// server is seen as soon as there is a connection; the kept copy of a form page is refreshed then), and
// answered from here when the network is gone; kept static files come from here first (their names carry a
// content hash). Other requests do not pass here, nor do submissions: they wait in IndexedDB (webform.js).
// Signing out deletes what is kept here (madani.js), not the submissions still waiting to be sent.
const CACHE = 'madani-forms-v1';
const STATIC = new URL('{{ static_prefix|escapejs }}', self.location.href).href;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  const keep = (event.data && event.data.keep) || [];
  const same = keep.filter((url) => new URL(url).origin === self.location.origin);
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(same.map((url) =>
    fetch(url, { credentials: 'same-origin' }).then((response) => response.ok ? cache.put(url, response) : null)
      .catch(() => null)))));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(fetch(request).then((response) => {
      if (response.ok) {
        const copy = response.clone();
        event.waitUntil(caches.open(CACHE).then((cache) => cache.match(request.url, { ignoreVary: true })
          .then((kept) => kept && cache.put(request.url, copy))));
      }
      return response;
    }).catch(() => caches.match(request.url, { ignoreVary: true, ignoreSearch: false })
      .then((kept) => kept || Response.error())));
    return;
  }
  if (!request.url.startsWith(STATIC)) return;
  event.respondWith(caches.match(request.url, { ignoreVary: true }).then((kept) => kept || fetch(request)));
});
