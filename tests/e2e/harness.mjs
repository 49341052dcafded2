// Shared by the browser journeys: the real server on a free port, and Debian's Chromium.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = join(ROOT, 'tests/e2e/screenshots');
export const DEMO_PASSWORD = 'Demo@2024';

export const BIN = process.env.CHARTERPASS_BIN ?? join(ROOT, 'target/debug/charterpass');

/** Starts `charterpass serve --demo` (without `--demo` when `demo` is false) with a fresh data
 * folder (or `dataDir`, which is then kept); resolves once it listens. */
export async function startServer(extraArgs = [], { dataDir, demo = true } = {}) {
  const owned = dataDir === undefined;
  dataDir ??= mkdtempSync(join(tmpdir(), 'charterpass-e2e-'));
  const child = spawn(
    BIN,
    ['serve', ...(demo ? ['--demo'] : []), '--addr', '127.0.0.1:0', '--data-dir', dataDir, '--dist', process.env.CHARTERPASS_DIST ?? join(ROOT, 'dist'), ...extraArgs],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const base = await new Promise((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`charterpass exited with ${code} before listening`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = line.match(/^charterpass listening on (http:\/\/\S+)$/);
      if (m) ok(m[1]);
    });
  });
  return {
    base,
    dataDir,
    async stop() {
      child.kill('SIGINT');
      await new Promise((ok) => (child.exitCode !== null ? ok() : child.once('exit', ok)));
      if (owned) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Content-Security-Policy violations seen since the last test ended (any page, any context). */
const cspViolations = [];

// Every journey runs under the server's CSP (crates/server/src/headers.rs) and fails when the
// browser blocks anything: each test file imports this harness, so this hook covers its tests.
afterEach(() => {
  const seen = cspViolations.splice(0);
  assert.deepEqual(seen, [], `Content-Security-Policy violations:\n${seen.join('\n')}`);
});

/** Takes the CSP violations seen so far (for a test that provokes one on purpose). */
export function takeCspViolations() {
  return cspViolations.splice(0);
}

/** Reports every CSP violation of `context`'s pages (the DOM event) and workers (the console). */
async function watchCsp(context) {
  await context.exposeBinding('__charterpassCspViolation', ({ page }, text) => {
    cspViolations.push(`${page?.url()}: ${text}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__charterpassCspViolation(
        `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  context.on('console', (msg) => {
    if (/Content[- ]Security[- ]Policy/i.test(msg.text())) cspViolations.push(`console: ${msg.text()}`);
  });
}

/** A JSON client of the API signed in as a demo account (for setting up filings); its calls
 * answer `{ status, json }`. */
export async function apiAs(base, username) {
  const login = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`log-in as ${username}: ${login.status}`);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  return async (method, path, body) => {
    const response = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: await response.json().catch(() => null) };
  };
}

/** Launches headless Chromium with the flags this closed network needs; every context it opens
 * (also through `browser.newPage`) reports CSP violations to the hook above. */
export async function launchBrowser(extraArgs = []) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ...extraArgs,
    ],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await watchCsp(context);
    return context;
  };
  return browser;
}

/** Collects console errors and uncaught exceptions of a page. */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  return errors;
}

/** Signs in through the log-in form and waits for the role's area. */
export async function signIn(page, base, username, home) {
  await page.goto(`${base}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${base}${home}`);
}

/** Waits until the service worker controls the page and has stored the offline shell of a
 * bundle (its area, e.g. '/driver', or '/' for the start bundle). */
export async function shellStored(page, key) {
  await page.waitForFunction(
    (k) => navigator.serviceWorker.controller !== null
      && caches.open('charterpass-shell-v2').then((c) => c.match(k)).then(Boolean),
    key,
  );
}

/** Saves a screenshot under the git-ignored screenshots folder and returns its path. */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
