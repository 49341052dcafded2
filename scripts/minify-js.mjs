// Trunk post-build hook (Trunk.toml): in a release build, minifies the bundle's JavaScript with
// terser — wasm-bindgen's glue, boot.js, the scan worker and the service worker — and rewrites the
// page's integrity hashes of the changed files. Debug builds keep readable JavaScript.
//
// The glue is half of a bundle's JavaScript and its comments and long local names are most of
// that; terser takes the inspector's page 3.3 KB gzipped lighter (make size). Trunk's own
// --minify cannot parse the glue.
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { minify } from 'terser';

if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);
const dir = process.env.TRUNK_STAGING_DIR;
const page = join(dir, 'index.html');

// The service worker is a classic script; everything else is an ES module.
const CLASSIC = new Set(['sw.js']);
const integrity = (text) => `sha384-${createHash('sha384').update(text).digest('base64')}`;

let html = await readFile(page, 'utf8');
for (const name of (await readdir(dir)).filter((f) => f.endsWith('.js'))) {
  const path = join(dir, name);
  const source = await readFile(path, 'utf8');
  const { code } = await minify(source, {
    module: !CLASSIC.has(name),
    compress: { passes: 2 },
    format: { comments: false },
  });
  await writeFile(path, code);
  html = html.replaceAll(integrity(source), integrity(code));
}
await writeFile(page, html);
