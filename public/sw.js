// Offline app shell (离线可用): lets /driver and /verify open with no network.
//
// - Never touches /api/: API answers always come from the network, so nothing stale is ever
//   shown as fresh (the pages say so when they are offline).
// - Pages (navigations) are network-first; the last good index.html is the offline fallback.
// - Trunk's hashed files (name-<16 hex>.ext) never change, so they are cache-first; a new build
//   has new names, and storing a new index.html drops the files it no longer references.
// - Other same-origin files (the scan worker's fixed names) are network-first, cached for offline.
// - skipWaiting + clients.claim: a new version of this worker takes over at once.
const CACHE = 'charterpass-shell-v1';
const SHELL = '/index.html';
const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z0-9]+$/;
// The scanner's Web Worker: Trunk builds it under fixed names that index.html does not
// reference, so it is fetched with every fresh shell (network-first, cached for offline).
const WORKER_FILES = ['/scan-worker_loader.js', '/scan-worker.js', '/scan-worker_bg.wasm'];

/** The same-origin asset paths an index.html references (href/src and the module import). */
function assetsOf(html) {
  const paths = new Set();
  for (const m of html.matchAll(/["'](\/[A-Za-z0-9._\/-]+\.(?:js|wasm|css|svg|png|ico|woff2?))["']/g)) {
    paths.add(m[1]);
  }
  return [...paths];
}

/** Stores a fresh index.html and its assets; removes hashed files it no longer references. */
async function storeShell(cache, response) {
  const html = await response.clone().text();
  const assets = assetsOf(html);
  await cache.put(SHELL, response);
  await Promise.all(assets.map(async (path) => {
    if (!(await cache.match(path))) {
      const asset = await fetch(path, { cache: 'no-cache' });
      if (asset.ok) await cache.put(path, asset);
    }
  }));
  await Promise.all(WORKER_FILES.map(async (path) => {
    try {
      const asset = await fetch(path, { cache: 'no-cache' });
      if (asset.ok) await cache.put(path, asset);
    } catch (offline) {
      // Keep the copy we have.
    }
  }));
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (HASHED.test(path) && !assets.includes(path)) await cache.delete(request);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const response = await fetch(SHELL, { cache: 'no-cache' });
    if (response.ok) await storeShell(cache, response);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname === '/sw.js') return;

  if (request.mode === 'navigate') {
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      try {
        const response = await fetch(request);
        const html = (response.headers.get('content-type') || '').includes('text/html');
        if (response.ok && html) event.waitUntil(storeShell(cache, response.clone()));
        return response;
      } catch (offline) {
        return (await cache.match(SHELL)) || Response.error();
      }
    })());
    return;
  }

  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    if (HASHED.test(url.pathname)) {
      const cached = await cache.match(url.pathname);
      if (cached) return cached;
    }
    try {
      const response = await fetch(request);
      if (response.ok) await cache.put(url.pathname, response.clone());
      return response;
    } catch (offline) {
      return (await cache.match(url.pathname)) || Response.error();
    }
  })());
});
