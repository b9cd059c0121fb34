// Offline support for the eligibility check: after the first visit, the check page, its
// WebAssembly and styles come from this cache when the network is gone. Network first, so a
// new release is used as soon as it is reachable. Nothing a resident types is ever cached:
// the check sends no requests with answers.
const CACHE = 'dongxihu-check-v1';
const PRECACHE = ['/check', '/pkg/dongxihu.js', '/pkg/dongxihu.wasm', '/pkg/dongxihu.css', '/favicon.svg', '/manifest.webmanifest'];
const CACHEABLE = (url) => url.origin === self.location.origin && (PRECACHE.includes(url.pathname) || url.pathname.startsWith('/pkg/'));

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || !CACHEABLE(url)) return;
  event.respondWith(
    fetch(req)
      .then((res) => {
        if (res.ok) {
          const copy = res.clone();
          caches.open(CACHE).then((c) => c.put(url.pathname, copy));
        }
        return res;
      })
      .catch(() => caches.match(url.pathname).then((hit) => hit || Response.error())),
  );
});
