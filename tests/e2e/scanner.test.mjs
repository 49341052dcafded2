// The inspector's camera scan (扫码): Chromium's fake camera plays a phone screen showing a freshly
// minted Yunnan certificate; the /verify page reads the QR code in its Web Worker and verifies it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, ROOT, screenshot, shellStored, startServer, watchErrors } from './harness.mjs';

let server;
let browser;
let videoDir;
let certificate;
let nextCertificate;

/** Signs a Yunnan certificate numbered `number` with the test server's own key (`charterpass mint`). */
function mint(number) {
  const bin = process.env.CHARTERPASS_BIN ?? join(ROOT, 'target/debug/charterpass');
  const hour = 3600 * 1000;
  const now = Date.now();
  return execFileSync(bin, [
    'mint', '--data-dir', server.dataDir, '--province', '53',
    '--certificate-number', number, '--filing-number', number.replace('BC', 'BA'),
    '--plate', '云A12345', '--seats', '45',
    '--enterprise-name', '昆明滇池旅游客运有限公司', '--credit-code', '91530100MA6K7XQ127',
    '--origin', '530100', '--destination', '500100', '--waypoint', '520100',
    '--nbf', new Date(now - hour).toISOString(),
    '--trip-start', new Date(now - hour).toISOString(),
    '--trip-end', new Date(now + 24 * hour).toISOString(),
  ], { encoding: 'utf8' }).trim();
}

/** A Y4M video of a phone screen showing each text as a QR code for a second in turn (core's
 * scan_y4m example); the fake camera loops it. */
function cameraVideo(...texts) {
  const path = join(videoDir, 'certificate.y4m');
  execFileSync('cargo', ['run', '--quiet', '-p', 'charterpass-core', '--example', 'scan_y4m', '--', ...texts, path], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return path;
}

before(async () => {
  server = await startServer();
  videoDir = mkdtempSync(join(tmpdir(), 'charterpass-camera-'));
  certificate = mint('BC53-2024-000777');
  // A second driver shows a second certificate: the camera must read it without a reload.
  nextCertificate = mint('BC53-2024-000778');
  browser = await launchBrowser([
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${cameraVideo(certificate, nextCertificate)}`,
  ]);
});
after(async () => {
  await browser?.close();
  await server?.stop();
  if (videoDir) rmSync(videoDir, { recursive: true, force: true });
});

test('the inspector page reads a certificate from the camera and verifies it', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  const errors = watchErrors(page);
  await page.goto(`${server.base}/verify`);
  await page.getByRole('heading', { name: '扫码核验' }).waitFor();
  const status = page.getByRole('status', { name: '扫码状态' });
  await status.filter({ hasText: '已识别' }).waitFor({ timeout: 20_000 });
  const verdict = page.getByRole('status', { name: '核验结论' });
  await verdict.getByText('真实有效', { exact: true }).waitFor();
  // Whichever code came first, the other one follows without a reload: the camera keeps scanning.
  const first = await page.getByLabel('凭证内容').inputValue();
  assert.ok([certificate, nextCertificate].includes(first));
  const otherNumber = first === certificate ? 'BC53-2024-000778' : 'BC53-2024-000777';
  await verdict.getByText(otherNumber).waitFor({ timeout: 20_000 });
  await verdict.getByText('真实有效', { exact: true }).waitFor();
  await status.filter({ hasText: '可继续扫描下一张二维码' }).waitFor();
  console.log(`screenshot: ${await screenshot(page, 'verify-scanned-camera-360')}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('with no network the cached page and scan worker still read and verify the code', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(`${server.base}/verify`);
  await page.getByText(/^信任列表更新于/).waitFor();
  // The service worker has stored the inspector's shell with the scan worker's files.
  await shellStored(page, '/verify');
  // Empty Chromium's HTTP cache so only the service worker's own cache can serve files.
  await (await context.newCDPSession(page)).send('Network.clearBrowserCache');
  await context.setOffline(true);
  await page.reload();
  const status = page.getByRole('status', { name: '扫码状态' });
  await status.filter({ hasText: '已识别' }).waitFor({ timeout: 20_000 });
  const verdict = page.getByRole('status', { name: '核验结论' });
  await verdict.getByText('真实有效', { exact: true }).waitFor();
  await page.getByRole('status', { name: '在线状态' }).filter({ hasText: '未联网，状态未核验' }).waitFor();
  await context.close();
});
