// Offline app shell (离线可用): each bundle's page (crates/core/src/bundle.rs) opens with no
// network once it has been opened online, so /driver and /verify work at the roadside.
//
// - Never touches /api/: API answers always come from the network, so nothing stale is ever
//   shown as fresh (the pages say so when they are offline).
// - Pages (navigations) are network-first; the last good HTML of each bundle is the offline
//   fallback, stored under the bundle's shell key with its assets (assets first, HTML last, so a
//   stored shell is always complete).
// - Except the inspector's /verify (AT_ONCE): at the roadside a round trip on a weak signal is the
//   longest wait of a repeat visit, so its stored shell opens at once, with its fixed-name files
//   (boot.js, the scan worker) from storage too, while the page is fetched behind it and stored as
//   usual: a new build takes effect on the next visit. The stored HTML and its files are one build.
// - Trunk's hashed files (name-<hex hash>.ext; Trunk drops leading zeros, so 12–16 digits) never change, so they are cache-first; a new build
//   has new names, and a bundle's hashed files its new page no longer references are dropped.
// - Other same-origin files (boot.js, the scan worker's fixed names) are network-first, cached for
//   offline (cache-first under an AT_ONCE shell's folder); a stored shell refreshes them.
// - Install (and activation) cache the shells of the pages open at that moment, so the page that
//   registered this worker works offline at once; a phone never fetches the other bundles.
// - skipWaiting + clients.claim: a new version of this worker takes over at once.
const CACHE = 'charterpass-shell-v2';
const HASHED = /-[0-9a-f]{12,16}(_bg)?\.[a-z0-9]+$/;
// The inspector's scan worker script (its wasm is the bundle's own, already among the shell's
// assets): a fixed name that inspector.html does not reference, fetched with every fresh shell.
const WORKER_FILES = ['/bundles/inspector/scan-worker.js'];
// The shells served from storage at once, each with its bundle's folder (core's Bundle::folder):
// every stored file there comes from storage too.
const AT_ONCE = { '/verify': '/bundles/inspector/' };

/** The shell key of the bundle serving `path`: its area, or '/' for the start bundle (the same
 * mapping as Bundle::serving in crates/core/src/bundle.rs; a narrower area first). */
const AREAS = ['/enterprise/plates', '/enterprise', '/review', '/admin', '/driver', '/verify'];
function shellOf(path) {
  return AREAS.find((area) => path === area || path.startsWith(`${area}/`)) || '/';
}

/** The same-origin asset paths an HTML page references (href/src and the module import). */
function assetsOf(html) {
  const paths = new Set();
  for (const m of html.matchAll(/["'](\/[A-Za-z0-9._\/-]+\.(?:js|wasm|css|svg|png|ico|woff2?))["']/g)) {
    paths.add(m[1]);
  }
  return [...paths];
}

/** Fetches `path` into the cache; keeps the stored copy when offline. */
async function refresh(cache, path) {
  try {
    const asset = await fetch(path, { cache: 'no-cache' });
    if (asset.ok) await cache.put(path, asset);
  } catch (offline) {
    // Keep the copy we have.
  }
}

/** The folder of a path: each bundle's files are in their own (core's Bundle::folder). */
const folderOf = (path) => path.slice(0, path.lastIndexOf('/') + 1);

/** Stores a fresh page as its bundle's shell, after its assets (the hashed ones once, the
 * fixed-name ones afresh); drops the bundle's old files. */
async function storeShell(cache, key, response) {
  const html = await response.clone().text();
  const assets = assetsOf(html);
  await Promise.all(assets.map(async (path) => {
    if (!HASHED.test(path) || !(await cache.match(path))) await refresh(cache, path);
  }));
  if (key === '/verify') await Promise.all(WORKER_FILES.map((path) => refresh(cache, path)));
  await cache.put(key, response);

  const folders = new Set(assets.filter((path) => HASHED.test(path)).map(folderOf));
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (HASHED.test(path) && folders.has(folderOf(path)) && !assets.includes(path)) {
      await cache.delete(request);
    }
  }
}

/** Stores the shells of the pages open now (those not stored yet, unless `all`). */
async function keepOpenPages(all) {
  const cache = await caches.open(CACHE);
  const pages = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const key of new Set(pages.map((page) => shellOf(new URL(page.url).pathname)))) {
    if (!all && (await cache.match(key))) continue;
    const response = await fetch(key, { cache: 'no-cache' });
    if (response.ok) await storeShell(cache, key, response);
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(keepOpenPages(true).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
    // Pages opened while this worker installed were not under it: keep theirs too.
    await keepOpenPages(false);
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname === '/sw.js') return;

  if (request.mode === 'navigate') {
    const key = shellOf(url.pathname);
    const fresh = fetch(request);
    const stored = caches.open(CACHE).then((cache) => cache.match(key));
    // The fresh page becomes the stored shell, whether it is shown now or on the next visit.
    event.waitUntil(fresh.then(async (response) => {
      const html = (response.headers.get('content-type') || '').includes('text/html');
      if (!response.ok || !html) return;
      const copy = response.clone(); // before the page reads the body
      await storeShell(await caches.open(CACHE), key, copy);
    }).catch(() => {}));
    event.respondWith((async () => {
      if (key in AT_ONCE) {
        const shell = await stored;
        if (shell) return shell;
      }
      try {
        return await fresh;
      } catch (offline) {
        return (await stored) || Response.error();
      }
    })());
    return;
  }

  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const atOnce = Object.values(AT_ONCE).some((folder) => url.pathname.startsWith(folder));
    if (HASHED.test(url.pathname) || atOnce) {
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
