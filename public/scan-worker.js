// The inspector's scan worker (src/scanner/worker.rs starts it as a module worker, or
// public/boot.js does with the page): it runs the inspector bundle's own wasm, so the decoder is
// downloaded once, with the page. The page's first message names the bundle's JS glue (only a glue
// in this script's own folder is accepted) and hands over the page's compiled WebAssembly.Module,
// so it is not compiled a second time; boot.js sends the glue at once with `null` for the module,
// which follows in a second message once compiled, so the glue is imported meanwhile.
const message = () => new Promise((resolve) => {
  self.addEventListener('message', (event) => resolve(event.data), { once: true });
});
const first = await message();
const [named, carried] = Array.isArray(first) ? [String(first[0]), first[1]] : [String(first), undefined];
const glue = new URL(named, self.location.href);
const folder = new URL('./', self.location.href);
if (glue.origin !== folder.origin || !glue.pathname.startsWith(folder.pathname)
    || !glue.pathname.endsWith('.js')) {
  throw new Error('scan worker: unexpected glue URL');
}
const importing = import(glue.href);
const compiled = carried === null ? (await message())?.[1] : carried;
const bundle = await importing;
await bundle.default({
  module_or_path: compiled instanceof WebAssembly.Module ? compiled : glue.href.replace(/\.js$/, '_bg.wasm'),
});
bundle.scan_worker();
