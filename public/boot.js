// Starts a bundle's wasm app in place of Trunk's inline loader, so the pages run under a
// Content-Security-Policy without inline script (crates/server/src/headers.rs). Trunk writes this
// script's tag (Trunk.toml, pattern_script) with the bundle's JS glue and wasm in data attributes.

// The offline app shell (public/sw.js): each bundle's page opens without a network once opened.
if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => {});

const tag = document.querySelector('script[data-js][data-wasm]');
const glue = await import(tag.dataset.js);
await glue.default({ module_or_path: tag.dataset.wasm });
