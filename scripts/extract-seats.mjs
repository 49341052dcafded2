#!/usr/bin/env node
// Regenerates crates/core/data/seats.tsv: the longitude and latitude of the seat of every
// prefecture-level division in crates/core/data/divisions.tsv, from PyPI's cpca 0.5.5 (MIT),
// file cpca/resources/adcodes.csv (adcode, name, longitude, latitude; 2020 data).
//
// Usage:
//   node scripts/extract-seats.mjs               # runs `pip download --no-deps cpca==0.5.5` in a temp dir
//   node scripts/extract-seats.mjs PATH.whl      # an already downloaded wheel
//
// Only the data is carried over (the coordinates of the divisions we ship), not the package's code.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE = "cpca==0.5.5";
const MEMBER = "cpca/resources/adcodes.csv";
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const divisions = join(repoRoot, "crates/core/data/divisions.tsv");
const output = join(repoRoot, "crates/core/data/seats.tsv");

function wheel() {
  if (process.argv[2]) return process.argv[2];
  const dir = mkdtempSync(join(tmpdir(), "cpca-"));
  execFileSync("pip", ["download", "--no-deps", "--quiet", PACKAGE, "-d", dir], { stdio: "inherit" });
  const found = readdirSync(dir).find((f) => f.endsWith(".whl"));
  if (!found) throw new Error(`pip download ${PACKAGE} left no wheel in ${dir}`);
  return join(dir, found);
}

// A wheel is a zip file; `unzip -p` prints one member.
const csv = execFileSync("unzip", ["-p", wheel(), MEMBER], { encoding: "utf8", maxBuffer: 16 << 20 });
const coordinates = new Map();
for (const line of csv.split(/\r?\n/).slice(1)) {
  if (!line) continue;
  const [adcode, name, longitude, latitude] = line.split(",");
  if (!/^\d{12}$/.test(adcode)) throw new Error(`unexpected adcode ${adcode}`);
  // Prefecture level only: PPCC00 followed by six zeros. Some rows have no coordinates.
  if (!adcode.endsWith("00000000") || adcode.endsWith("0000000000") || !longitude) continue;
  const lon = Number(longitude);
  const lat = Number(latitude);
  if (!(lon > 70 && lon < 140 && lat > 15 && lat < 55)) throw new Error(`${adcode} ${name}: ${longitude},${latitude} outside China`);
  coordinates.set(adcode.slice(0, 6), { name, lon, lat });
}

// Every prefecture-level division we ship (parent column not empty).
const prefectures = readFileSync(divisions, "utf8")
  .split("\n")
  .filter((l) => l && !l.startsWith("#"))
  .slice(1)
  .map((l) => l.split("\t"))
  .filter(([, , parent]) => parent);

// Divisions renamed after the source's data: the new code takes the old one's seat.
const RENAMED = {
  "540600": "542400", // 那曲市, until 2017 那曲地区 (same seat, 色尼区 = the former 那曲县)
};

const rows = [];
const missing = [];
for (const [code, name] of prefectures) {
  const seat = coordinates.get(code) ?? coordinates.get(RENAMED[code]);
  if (!seat) {
    missing.push(`${code} ${name}`);
    continue;
  }
  // Six decimals (about 0.1 m) as in the source; the seat's name as cpca spells it.
  rows.push([code, seat.lon.toFixed(6), seat.lat.toFixed(6), seat.name]);
}

const header = [
  "# Seats of the prefecture-level divisions of divisions.tsv: longitude and latitude (WGS-84 degrees as given).",
  `# Source: PyPI package ${PACKAGE} (MIT licence), file ${MEMBER} (2020 data). Only the data is carried over.`,
  "# Regenerate with: node scripts/extract-seats.mjs",
  `# Divisions without a row here have no seat in the source: ${missing.length ? missing.join(", ") : "none"}.`,
  "# Columns: code, longitude, latitude, name in the source. See README.md beside this file.",
  "code\tlongitude\tlatitude\tname",
];
writeFileSync(output, header.join("\n") + "\n" + rows.map((r) => r.join("\t")).join("\n") + "\n");
console.log(`wrote ${rows.length} seats to ${output}; ${missing.length} without a seat: ${missing.join(", ") || "none"}`);
