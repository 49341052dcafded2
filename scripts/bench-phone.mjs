// Phone-conditions benchmark of the inspector's /verify page: prints figures, asserts nothing.
//
//   node scripts/bench-phone.mjs [RUNS]     (scripts/bench-phone.sh builds what it needs first)
//
// The real server (CHARTERPASS_BIN, serving ./dist) with --demo; Debian's Chromium headless through
// playwright-core, each page under CPU throttling (CDP Emulation.setCPUThrottlingRate, 4x) and a
// slow 4G profile (CDP Network.emulateNetworkConditions: 1.6 Mbit/s down, 750 kbit/s up, 150 ms);
// Chromium's fake camera plays a 1280x720 video (CAMERA_FPS, default a phone camera's 30 frames a
// second) of a phone screen showing a freshly minted certificate (core's scan_y4m example, as the
// camera journey does); DIST serves another build's dist/ instead, to compare. Per run:
//  - cold: a new browser context (empty cache, no service worker): navigation to the verdict 真实有效;
//  - warm: a second visit in the same context once the service worker has stored the shell;
//  - loop: a third visit where every decoded text is handed to the page as a miss, so the camera
//    loop keeps decoding: decoded frames per second over LOOP_SECONDS, and each frame's time from
//    the page posting it to the worker's answer (transfer, grey conversion, decode).
// The service worker's own fetches (a network-first page, a refresh) are put on the same slow
// network through a browser-level DevTools session (a page's emulation does not cover them).
// Timestamps are the page's own performance.now() (0 = navigation start), recorded by an init
// script that wraps the page's Worker, WebAssembly.compileStreaming/instantiate and getUserMedia
// (no change to the app): the page's HTML and boot.js received, the wasm compiled and
// instantiated, the page mounted (its <h1>), the camera asked for and open, the worker's start
// and its "ready" (as the page's busy thread receives it), the first frame posted, the first
// text, and the verdict's first appearance in the DOM; downloads come from Resource Timing.
// VERBOSE=1 adds each warm visit's requests and long tasks; TRACE=<file> writes a Chrome trace of
// the first warm visit (chrome://tracing, Perfetto).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = process.env.CHARTERPASS_BIN ?? join(ROOT, 'target/release/charterpass');
const RUNS = Number(process.argv[2] ?? process.env.RUNS ?? 5);
const LOOP_SECONDS = Number(process.env.LOOP_SECONDS ?? 5);
const CPU_RATE = Number(process.env.CPU_RATE ?? 4);
// A phone camera's 30 frames a second (the rate bounds the distinct frames there are to decode).
const CAMERA_FPS = Number(process.env.CAMERA_FPS ?? 30);
// The app build to serve (another build's dist/, to compare).
const DIST = resolve(process.env.DIST ?? join(ROOT, 'dist'));
const NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6e6 / 8),
  uploadThroughput: (750e3 / 8),
};

/** Runs on every page before its scripts: wraps Worker to time the scan worker, watches for the
 * verdict. With `window.__benchLoop` set, texts are answered to the page as misses. */
function instrument() {
  const bench = { worker: null, ready: null, firstPost: null, firstText: null, verdict: null,
    compiled: null, instantiated: null, mounted: null, cameraAsked: null, camera: null,
    longTasks: [], frames: [], texts: 0 };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longTasks.push([Math.round(e.startTime), Math.round(e.duration)]);
  }).observe({ type: 'longtask', buffered: true });
  // The page's own wasm: compiled (boot.js's compileStreaming), instantiated (the glue's).
  const compileStreaming = WebAssembly.compileStreaming;
  WebAssembly.compileStreaming = (...args) => compileStreaming.apply(WebAssembly, args)
    .then((module) => { bench.compiled ??= performance.now(); return module; });
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = (...args) => instantiate.apply(WebAssembly, args)
    .then((result) => { bench.instantiated ??= performance.now(); return result; });
  const getUserMedia = navigator.mediaDevices?.getUserMedia;
  if (getUserMedia) {
    navigator.mediaDevices.getUserMedia = (...args) => (bench.cameraAsked ??= performance.now(),
      getUserMedia.apply(navigator.mediaDevices, args))
      .then((stream) => { bench.camera ??= performance.now(); return stream; });
  }
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options);
      bench.worker ??= performance.now();
      let posted = null;
      const post = this.postMessage.bind(this);
      this.postMessage = (data, transfer) => {
        if (Array.isArray(data) && typeof data[0] === 'number') { // a frame: [width, height, pixels]
          posted = performance.now();
          bench.firstPost ??= posted;
        }
        return post(data, transfer);
      };
      let handler = null;
      super.onmessage = (event) => {
        const now = performance.now();
        const kind = Array.isArray(event.data) ? event.data[0] : null;
        if (kind === 'ready') bench.ready ??= now;
        if ((kind === 'text' || kind === 'miss') && posted !== null) {
          bench.frames.push({ at: now, ms: now - posted, text: kind === 'text' });
          posted = null;
        }
        if (kind === 'text') {
          bench.firstText ??= now;
          bench.texts += 1;
          if (window.__benchLoop) {
            handler?.call(this, new MessageEvent('message', { data: ['miss', 'bench loop'] }));
            return;
          }
        }
        handler?.call(this, event);
      };
      Object.defineProperty(this, 'onmessage', {
        get: () => handler,
        set: (h) => { handler = h; },
      });
    }
  };
  new MutationObserver(() => {
    if (bench.mounted === null && document.querySelector('h1')) bench.mounted = performance.now();
    if (bench.verdict !== null) return;
    const verdict = document.querySelector('[aria-label="核验结论"]');
    if (verdict?.textContent.includes('真实有效')) bench.verdict = performance.now();
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'charterpass-bench-phone-'));
  const child = spawn(BIN, ['serve', '--demo', '--addr', '127.0.0.1:0', '--data-dir', dataDir,
    '--dist', DIST], { stdio: ['ignore', 'pipe', 'inherit'] });
  const base = await new Promise((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`charterpass exited with ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = line.match(/^charterpass listening on (http:\/\/\S+)$/);
      if (m) ok(m[1]);
    });
  });
  return {
    base, dataDir,
    async stop() {
      child.kill('SIGINT');
      await new Promise((ok) => (child.exitCode !== null ? ok() : child.once('exit', ok)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A Yunnan certificate signed with the server's own key, as the camera journey mints it. */
function mint(dataDir) {
  const hour = 3600 * 1000;
  const now = Date.now();
  return execFileSync(BIN, [
    'mint', '--data-dir', dataDir, '--province', '53',
    '--certificate-number', 'BC53-2024-000777', '--filing-number', 'BA53-2024-000777',
    '--plate', '云A12345', '--seats', '45',
    '--enterprise-name', '昆明滇池旅游客运有限公司', '--credit-code', '91530100MA6K7XQ127',
    '--origin', '530100', '--destination', '500100', '--waypoint', '520100',
    '--nbf', new Date(now - hour).toISOString(),
    '--trip-start', new Date(now - hour).toISOString(),
    '--trip-end', new Date(now + 24 * hour).toISOString(),
  ], { encoding: 'utf8' }).trim();
}

/** A new page of `context` under phone conditions. */
async function phonePage(context, { loop = false } = {}) {
  const page = await context.newPage();
  if (loop) await page.addInitScript(() => { window.__benchLoop = true; });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
  // The scan worker is a target of its own: throttle it too, through the (non-flat) session the
  // page's auto-attach gives it. What it answered is kept in workerThrottle.
  cdp.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
    if (targetInfo.type !== 'worker') return;
    const message = JSON.stringify({ id: 1, method: 'Emulation.setCPUThrottlingRate', params: { rate: CPU_RATE } });
    cdp.send('Target.sendMessageToTarget', { sessionId, message }).catch((e) => { workerThrottle.add(`error: ${e.message}`); });
  });
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const m = JSON.parse(message);
    if (m.id === 1) workerThrottle.add(m.error ? `refused: ${m.error.message}` : 'throttled');
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  return page;
}
const workerThrottle = new Set();

/** Puts every service worker of the browser on the same slow network as the pages: its own
 * fetches (a network-first navigation, a refresh) are not the page's, and a page's network
 * emulation does not cover them. What the workers answered is kept in swThrottle. */
async function throttleServiceWorkers(browser) {
  const cdp = await browser.newBrowserCDPSession();
  const seen = new Set();
  const attach = async ({ targetInfo }) => {
    if (targetInfo.type !== 'service_worker' || seen.has(targetInfo.targetId)) return;
    seen.add(targetInfo.targetId);
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: targetInfo.targetId, flatten: false });
    for (const [id, method, params] of [[1, 'Network.enable', {}], [2, 'Network.emulateNetworkConditions', NETWORK]]) {
      await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    }
  };
  cdp.on('Target.targetCreated', (event) => { attach(event).catch((e) => swThrottle.add(`error: ${e.message}`)); });
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const m = JSON.parse(message);
    if (m.id === 2) swThrottle.add(m.error ? `refused: ${m.error.message}` : 'throttled');
  });
  await cdp.send('Target.setDiscoverTargets', { discover: true });
}
const swThrottle = new Set();

/** A Chrome trace of the whole browser (TRACE=<file>: the first warm visit, for chrome://tracing
 * or Perfetto). */
async function startTrace(browser) {
  const cdp = await browser.newBrowserCDPSession();
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline',
      'v8', 'v8.wasm', 'disabled-by-default-v8.wasm.detailed', 'blink', 'loading', 'toplevel',
      'ServiceWorker', 'blink.user_timing', 'devtools.timeline.async'] },
  });
  return {
    async stop(file) {
      const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
      await cdp.send('Tracing.end');
      await done;
      writeFileSync(file, JSON.stringify({ traceEvents: events }));
    },
  };
}

/** Navigates to /verify and waits for the verdict; the page's timeline. */
async function visit(page, base) {
  await page.goto(`${base}/verify`, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__bench?.verdict !== null, null,
    { timeout: 60_000, polling: 200 });
  return page.evaluate(() => {
    const b = window.__bench;
    const res = performance.getEntriesByType('resource');
    const end = (test) => Math.max(0, ...res.filter((r) => test(r.name)).map((r) => r.responseEnd));
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      verdict: b.verdict,
      html: nav?.responseEnd ?? null,
      boot: end((n) => n.endsWith('/boot.js')),
      compiled: b.compiled, instantiated: b.instantiated, mounted: b.mounted, camera: b.camera,
      cameraAsked: b.cameraAsked, longTasks: b.longTasks,
      navDetail: nav && ['workerStart', 'fetchStart', 'responseStart', 'responseEnd', 'domInteractive', 'domContentLoadedEventStart']
        .map((k) => `${k}=${Math.round(nav[k])}`).join(','),
      res: res.map((r) => `${r.name.replace(/^.*\//, '').slice(0, 20)}:${Math.round(r.startTime)}-${Math.round(r.responseEnd)}`).join(' '),
      glue: end((n) => /\/bundles\/inspector\/[^/]*\.js$/.test(n) && !n.endsWith('scan-worker.js')
        && !n.endsWith('boot.js')),
      wasm: end((n) => n.endsWith('.wasm')),
      trust: end((n) => n.includes('/trust-list')),
      worker: b.worker, ready: b.ready, firstPost: b.firstPost, firstText: b.firstText,
      bytes: res.reduce((s, r) => s + (r.transferSize || 0), 0),
      served: [nav, ...res].filter((r) => r && (r === nav || /\.(wasm|js)$/.test(r.name)))
        .map((r) => `${r.name.replace(/^.*\//, '')}:${r.transferSize === 0 ? 'cache' : 'net'}`),
    };
  });
}

/** Lets the camera loop decode for LOOP_SECONDS; frames per second and per-frame times. */
async function loop(page, base) {
  await page.goto(`${base}/verify`, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__bench?.firstText !== null, null,
    { timeout: 60_000, polling: 200 });
  const from = await page.evaluate(() => performance.now());
  await page.waitForTimeout(LOOP_SECONDS * 1000); // measuring a rate over a window, not waiting for a state
  return page.evaluate((from) => {
    const frames = window.__bench.frames.filter((f) => f.at > from);
    const span = (performance.now() - from) / 1000;
    return {
      fps: frames.length / span,
      decoded: frames.filter((f) => f.text).length / span,
      ms: frames.map((f) => f.ms),
    };
  }, from);
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.round((s.length - 1) * p / 100))];
};
const fmt = (x, unit = 'ms') => (x === undefined || x === null || Number.isNaN(x) ? '-'
  : unit === 's' ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(unit === 'fps' ? 1 : 0)}${unit === 'fps' ? '' : ' ms'}`);

const server = await startServer();
const videoDir = mkdtempSync(join(tmpdir(), 'charterpass-bench-video-'));
const video = join(videoDir, 'certificate.y4m');
const certificate = mint(server.dataDir);
execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'charterpass-core', '--example', 'scan_y4m',
  '--', certificate, video, '1280', '720', String(CAMERA_FPS)], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-dev-shm-usage',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${video}`],
});

await throttleServiceWorkers(browser);

const cold = [];
const warm = [];
const loops = [];
try {
  for (let run = 1; run <= RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    await context.addInitScript(instrument);
    const first = await phonePage(context);
    cold.push(await visit(first, server.base));
    await first.waitForFunction(() => navigator.serviceWorker.controller !== null
      && caches.open('charterpass-shell-v2').then((c) => c.match('/verify')).then(Boolean), null,
    { timeout: 60_000, polling: 200 });
    await first.close();
    const second = await phonePage(context);
    const tracing = process.env.TRACE && run === 1 ? await startTrace(browser) : null;
    warm.push(await visit(second, server.base));
    if (tracing) await tracing.stop(process.env.TRACE);
    await second.close();
    const third = await phonePage(context, { loop: true });
    loops.push(await loop(third, server.base));
    await context.close();
    const c = cold.at(-1);
    const w = warm.at(-1);
    const l = loops.at(-1);
    console.log(`run ${run}: cold ${fmt(c.verdict)} (wasm ${fmt(c.wasm)}, trust list ${fmt(c.trust)}, `
      + `worker ready ${fmt(c.ready)}, first frame ${fmt(c.firstPost)}, text ${fmt(c.firstText)}; `
      + `${(c.bytes / 1024).toFixed(0)} KB transferred), warm ${fmt(w.verdict)} (page ${fmt(w.html)}, `
      + `boot.js ${fmt(w.boot)}, wasm ${fmt(w.wasm)} compiled ${fmt(w.compiled)} instantiated ${fmt(w.instantiated)}, `
      + `mounted ${fmt(w.mounted)}, camera asked ${fmt(w.cameraAsked)} open ${fmt(w.camera)}, `
      + `worker started ${fmt(w.worker)} ready ${fmt(w.ready)}, `
      + `first frame ${fmt(w.firstPost)}, text ${fmt(w.firstText)}; ${w.served.join(' ')}`
      + `${process.env.VERBOSE ? `; navigation ${w.navDetail}; requests ${w.res}; `
        + `long tasks ${w.longTasks.map(([at, ms]) => `${at}+${ms}`).join(' ')}` : ''}), `
      + `loop ${l.fps.toFixed(1)} frames/s (${l.decoded.toFixed(1)} decoded), frame ${fmt(pct(l.ms, 50))}`);
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(videoDir, { recursive: true, force: true });
}

const row = (label, xs, unit) => `| ${label} | ${fmt(pct(xs, 50), unit)} | ${fmt(pct(xs, 90), unit)} |`;
const pick = (runs, key) => runs.map((r) => r[key]).filter((x) => x !== null && x > 0);
console.log(`\n== /verify under phone conditions: CPU ${CPU_RATE}x slower, ${NETWORK.downloadThroughput * 8 / 1e6} Mbit/s down, `
  + `${NETWORK.latency} ms latency; camera 1280x720 at ${CAMERA_FPS} frames/s; ${RUNS} runs; server ${BIN}, app ${DIST}`);
console.log(`scan worker CPU throttling: ${[...workerThrottle].join(', ') || 'no answer'}`);
console.log(`service worker network throttling: ${[...swThrottle].join(', ') || 'no answer'}`);
console.log('| measure | median | p90 |');
console.log('| --- | --- | --- |');
console.log(row('cold: first verdict (goal <= 3 s)', pick(cold, 'verdict'), 's'));
console.log(row('cold: inspector JS glue downloaded', pick(cold, 'glue'), 's'));
console.log(row('cold: wasm downloaded', pick(cold, 'wasm'), 's'));
console.log(row('cold: trust list downloaded', pick(cold, 'trust'), 's'));
console.log(row('cold: scan worker ready (its wasm compiled)', pick(cold, 'ready'), 's'));
console.log(row('cold: first frame posted to the worker', pick(cold, 'firstPost'), 's'));
console.log(row('cold: first text decoded', pick(cold, 'firstText'), 's'));
console.log(row('warm: first verdict (goal <= 1 s)', pick(warm, 'verdict'), 's'));
console.log(row('warm: page (HTML) received', pick(warm, 'html'), 's'));
console.log(row('warm: boot.js received', pick(warm, 'boot'), 's'));
console.log(row('warm: wasm compiled (page)', pick(warm, 'compiled'), 's'));
console.log(row('warm: wasm instantiated (page)', pick(warm, 'instantiated'), 's'));
console.log(row('warm: page mounted', pick(warm, 'mounted'), 's'));
console.log(row('warm: boot.js ran (camera asked, scan worker started)', pick(warm, 'cameraAsked'), 's'));
console.log(row('warm: camera open', pick(warm, 'camera'), 's'));
console.log(row('warm: scan worker ready', pick(warm, 'ready'), 's'));
console.log(row('warm: first frame posted', pick(warm, 'firstPost'), 's'));
console.log(row('warm: first text decoded', pick(warm, 'firstText'), 's'));
console.log(row('camera loop: frames answered per second (goal >= 10)', loops.map((l) => l.fps), 'fps'));
console.log(row('camera loop: frames decoded to text per second', loops.map((l) => l.decoded), 'fps'));
console.log(row('camera loop: per frame, posted to answered', loops.flatMap((l) => l.ms), 'ms'));
