// The inspector's scan worker (src/scanner/worker.rs starts it as a module worker): it runs the
// inspector bundle's own wasm, so the decoder is downloaded once, with the page. The page's first
// message names the bundle's JS glue (only a glue in this script's own folder is accepted) and
// hands over the page's compiled WebAssembly.Module, so it is not compiled a second time.
const [named, compiled] = await new Promise((resolve) => {
  self.addEventListener('message', (event) => {
    const data = event.data;
    resolve(Array.isArray(data) ? [String(data[0]), data[1]] : [String(data), null]);
  }, { once: true });
});
const glue = new URL(named, self.location.href);
const folder = new URL('./', self.location.href);
if (glue.origin !== folder.origin || !glue.pathname.startsWith(folder.pathname)
    || !glue.pathname.endsWith('.js')) {
  throw new Error('scan worker: unexpected glue URL');
}
const bundle = await import(glue.href);
await bundle.default({
  module_or_path: compiled instanceof WebAssembly.Module ? compiled : glue.href.replace(/\.js$/, '_bg.wasm'),
});
bundle.scan_worker();
