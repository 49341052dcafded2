// Starts a bundle's wasm app in place of Trunk's inline loader, so the pages run under a
// Content-Security-Policy without inline script (crates/server/src/headers.rs). Trunk writes this
// script's tag (Trunk.toml, pattern_script) with the bundle's JS glue and wasm in data attributes.

// The offline app shell (public/sw.js): each bundle's page opens without a network once opened.
if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => {});

const tag = document.querySelector('script[data-js][data-wasm]');
// The wasm is compiled while it downloads, beside the glue's import. The fetch carries the
// integrity of Trunk's preload link, so the preloaded response is the one used (a preload is only
// matched by a request with the same integrity; otherwise the wasm would download twice).
const preload = [...document.querySelectorAll('link[rel=preload][as=fetch]')]
  .find((link) => link.getAttribute('href') === tag.dataset.wasm);
const compiled = WebAssembly.compileStreaming(fetch(tag.dataset.wasm, {
  credentials: 'same-origin',
  integrity: preload?.integrity ?? '',
})).catch(() => fetch(tag.dataset.wasm).then((r) => r.arrayBuffer()).then(WebAssembly.compile));

// The inspector's scan worker (inspector.html names it) starts now, beside the page's own
// start-up, and gets the compiled module as soon as there is one; the scanner adopts it
// (src/scanner/worker.rs) instead of starting its own once the page is mounted.
const scan = document.querySelector('meta[name="charterpass-scan-worker"]');
if (scan && 'Worker' in window) {
  try {
    startScanning(scan.content);
  } catch (early) {
    // The scanner starts its own worker and asks for the camera itself once mounted.
  }
}

function startScanning(script) {
  const worker = new Worker(script, { type: 'module' });
  worker.addEventListener('message', (event) => {
    if (Array.isArray(event.data) && event.data[0] === 'ready') worker.charterpassReady = true;
  }, { once: true });
  worker.addEventListener('error', () => { worker.charterpassFailed = true; }, { once: true });
  // The glue now (the worker imports it meanwhile), the module once compiled (public/scan-worker.js).
  worker.postMessage([tag.dataset.js, null]);
  compiled.then((module) => worker.postMessage([tag.dataset.js, module]), () => {
    worker.postMessage([tag.dataset.js, undefined]);
  });
  window.charterpassScanWorker = worker;
  // The camera is asked for now too, with src/scanner/camera.rs's constraints: it starts while the
  // page mounts. Camera::open takes this request (a refusal is reported there, not here).
  const camera = navigator.mediaDevices?.getUserMedia({
    audio: false,
    video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
  });
  camera?.catch(() => {});
  if (camera) window.charterpassCamera = camera;
}

const glue = await import(tag.dataset.js);
await glue.default({ module_or_path: compiled });
