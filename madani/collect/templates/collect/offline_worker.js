// Madani's offline web forms (served at the forms' address so that it controls their pages). A form page
// tells this worker which files it needs (the page, the engine, the scripts and styles); they are kept
// here, and answered from here when the network is gone. Pages are asked to the network first (a form
// changed on the server is seen as soon as there is a connection); other kept files come from here first
// (their names carry a content hash). Submissions do not pass here: they wait in IndexedDB (webform.js).
const CACHE = 'madani-forms-v1';

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
      if (response.ok && new URL(request.url).pathname.endsWith('/fill/')) {
        const copy = response.clone();
        caches.open(CACHE).then((cache) => cache.put(request.url, copy));
      }
      return response;
    }).catch(() => caches.match(request.url, { ignoreVary: true, ignoreSearch: false })
      .then((kept) => kept || Response.error())));
    return;
  }
  event.respondWith(caches.match(request.url, { ignoreVary: true }).then((kept) => kept || fetch(request)));
});
