// Service worker of the rider app: keeps the app shell (page, manifest, icon) for starting offline; API calls
// (/v1/...) always go to the network, because offers and bookings must never come from a cache.
const SHELL = "dm-rider-shell-v1";
const FILES = ["/app/", "/app/manifest.webmanifest", "/app/icon.svg"];
self.addEventListener("install", event => {
  event.waitUntil(caches.open(SHELL).then(cache => cache.addAll(FILES)).then(() => self.skipWaiting()));
});
self.addEventListener("activate", event => {
  event.waitUntil(caches.keys().then(keys => Promise.all(keys.filter(k => k !== SHELL).map(k => caches.delete(k)))).then(() => self.clients.claim()));
});
self.addEventListener("fetch", event => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || !FILES.includes(url.pathname)) return;
  // Network first (a new version wins), the cached shell when offline.
  event.respondWith(fetch(event.request).then(response => {
    const copy = response.clone();
    caches.open(SHELL).then(cache => cache.put(event.request, copy));
    return response;
  }).catch(() => caches.match(event.request)));
});
