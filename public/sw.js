// Offline support for the eligibility check: after the first visit, the check page, its
// WebAssembly and styles come from this cache when the network is gone. Network first, so a
// new release is used as soon as it is reachable. Nothing a resident types is ever cached:
// the check sends no requests with answers. Pages are cached as a signed-out visitor gets them
// (fetched without cookies): a signed-in copy would show the resident's account to whoever uses
// the device offline next (L8).
const CACHE = 'dongxihu-check-v2';
const PRECACHE = ['/check', '/pkg/dongxihu.js', '/pkg/dongxihu.wasm', '/pkg/dongxihu.css', '/favicon.svg', '/manifest.webmanifest'];
const PAGES = ['/check'];
const signedOut = (path) => new Request(path, { credentials: 'omit' });
const CACHEABLE = (url) => url.origin === self.location.origin && (PRECACHE.includes(url.pathname) || url.pathname.startsWith('/pkg/'));

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(PRECACHE.map(signedOut))).then(() => self.skipWaiting()));
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
  const page = PAGES.includes(url.pathname);
  event.respondWith(
    fetch(req)
      .then((res) => {
        if (res.ok && !page) {
          const copy = res.clone();
          caches.open(CACHE).then((c) => c.put(url.pathname, copy));
        } else if (res.ok) {
          // The page as served to this resident is theirs; the cache keeps a signed-out copy.
          event.waitUntil(
            fetch(signedOut(url.pathname))
              .then((plain) => plain.ok && caches.open(CACHE).then((c) => c.put(url.pathname, plain)))
              .catch(() => {}),
          );
        }
        return res;
      })
      .catch(() => caches.match(url.pathname).then((hit) => hit || Response.error())),
  );
});
