// The inspector's journeys (扫码核验): verify in the browser against the cached trust list, mutual
// recognition of Chongqing, an unknown issuer refused, offline verification, an appeal resolved.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { deflateSync, inflateSync } from 'node:zlib';
import { join } from 'node:path';
import { launchBrowser, ROOT, screenshot, shellStored, signIn, startServer, watchErrors } from './harness.mjs';

let server;
let browser;
const certificates = {};

const HOUR = 3600 * 1000;

/** Signs a certificate with `province`'s key: the test server's own for Yunnan, else the demo
 * neighbour's, which lives in its own data folder as another province's system would. The window
 * runs from an hour ago to a day ahead unless `from`/`until` (ms since the epoch) say otherwise. */
function mint(province, number, origin, destination, { from, until, drivers = [] } = {}) {
  const bin = process.env.CHARTERPASS_BIN ?? join(ROOT, 'target/debug/charterpass');
  const now = Date.now();
  const start = new Date(from ?? now - HOUR).toISOString();
  const end = new Date(until ?? now + 24 * HOUR).toISOString();
  return execFileSync(bin, [
    'mint', '--data-dir', province === '53' ? server.dataDir : join(server.dataDir, 'demo-provinces', province),
    '--province', province,
    '--certificate-number', number, '--filing-number', `BA${number}`,
    '--plate', '云A12345', '--seats', '45',
    '--enterprise-name', '昆明滇池旅游客运有限公司', '--credit-code', '91530100MA6K7XQ127',
    '--origin', origin, '--destination', destination, '--waypoint', '520100',
    '--nbf', start, '--trip-start', start, '--trip-end', end,
    ...drivers.flatMap((name) => ['--driver', name]),
  ], { encoding: 'utf8' }).trim();
}

const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

function base45Decode(text) {
  const out = [];
  for (let i = 0; i < text.length; i += 3) {
    const [a, b, c = 0] = [...text.slice(i, i + 3)].map((ch) => BASE45.indexOf(ch));
    const n = a + b * 45 + c * 45 * 45;
    if (i + 2 < text.length) out.push(n >> 8, n & 0xff); else out.push(n);
  }
  return Buffer.from(out);
}

function base45Encode(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length; i += 2) {
    let n = i + 1 < bytes.length ? bytes[i] * 256 + bytes[i + 1] : bytes[i];
    const digits = i + 1 < bytes.length ? 3 : 2;
    for (let d = 0; d < digits; d++) { out += BASE45[n % 45]; n = Math.floor(n / 45); }
  }
  return out;
}

/** A forgery: the certificate's signed plate changed after signing (same length, so the
 * structure stays well formed and only the signature can tell). */
function forge(text, from, to) {
  const message = inflateSync(base45Decode(text.slice(4)));
  const at = message.indexOf(Buffer.from(from));
  assert.ok(at > 0, `${from} is in the certificate`);
  Buffer.from(to).copy(message, at);
  return `BC1:${base45Encode(deflateSync(message))}`;
}

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  certificates.yunnan = mint('53', 'BC53-2024-000001', '530100', '500100', { drivers: ['张三', '李四'] });
  const now = Date.now();
  certificates.notYetValid = mint('53', 'BC53-2024-000002', '530100', '500100', {
    from: now + 3 * HOUR + 30 * 60 * 1000, until: now + 30 * HOUR,
  });
  certificates.expired = mint('53', 'BC53-2024-000003', '530100', '500100', {
    from: now - 3 * 24 * HOUR, until: now - 2 * HOUR - 30 * 1000,
  });
  certificates.forged = forge(certificates.yunnan, '云A12345', '云A99999');
  certificates.chongqing = mint('50', 'BC50-2024-000001', '500100', '530100');
  const vectors = JSON.parse(readFileSync(join(ROOT, 'tests/vectors/trust.json'), 'utf8'));
  certificates.beijing = vectors.find((v) => v.name === 'issuer_not_in_trust_list').qr;
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Pastes a certificate text into the page and asks for the verdict. */
async function verifyText(page, text) {
  await page.getByLabel('凭证内容').fill(text);
  await page.getByRole('button', { name: '核验', exact: true }).click();
  return page.getByRole('status', { name: '核验结论' });
}

/** Opens /verify and waits until the trust list is cached in the browser. */
async function openVerify(page) {
  await page.goto(`${server.base}/verify`);
  await page.getByRole('heading', { name: '扫码核验' }).waitFor();
  await page.getByText(/^信任列表更新于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/).waitFor();
}

test('a Yunnan certificate is genuine, in force and in scope, with its trip in place names', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  const errors = watchErrors(page);
  await openVerify(page);
  const verdict = await verifyText(page, certificates.yunnan);
  await verdict.getByText('真实有效', { exact: true }).waitFor();
  const text = await verdict.innerText();
  for (const expected of ['云南省签发', '在启用范围内', '云A12345', '昆明滇池旅游客运有限公司', '张三、李四', '昆明市 → 贵阳市 → 重庆市', 'BC53-2024-000001']) {
    assert.ok(text.includes(expected), `verdict lacks ${expected}: ${text}`);
  }
  assert.match(text, /有效期\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2} 至 .*（北京时间）/);
  // Not issued through the filing system of this server: the online status says so, not "valid".
  await page.getByRole('status', { name: '在线状态' }).filter({ hasText: '签发系统无此凭证记录' }).waitFor();
  await page.getByText('登录执法账号后，核验记录将自动上传').waitFor();
  console.log(`screenshot: ${await screenshot(page, 'verify-yunnan-valid-360')}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a Chongqing certificate is recognised, shows its province, and counts in the adoption view', async () => {
  const inspector = await browser.newContext();
  const page = await inspector.newPage();
  await signIn(page, server.base, 'zhifa', '/verify');
  await page.getByText(/^信任列表更新于/).waitFor();
  const verdict = await verifyText(page, certificates.chongqing);
  await verdict.getByText('真实有效', { exact: true }).waitFor();
  await verdict.getByText('重庆市签发').waitFor();
  await page.getByText(/核验记录已上传（编号 \d+）/).waitFor();
  console.log(`screenshot: ${await screenshot(page, 'verify-chongqing-valid')}`);
  await inspector.close();

  // The authority sees the recognised province's verification (互认) in the adoption view.
  const admin = await browser.newContext();
  const desk = await admin.newPage();
  await signIn(desk, server.base, 'admin', '/admin');
  await desk.goto(`${server.base}/admin/adoption`);
  const recognised = desk.getByRole('table', { name: '外省凭证核验' });
  await recognised.waitFor();
  assert.deepEqual(await recognised.locator('tbody tr').allTextContents(), ['重庆市1']);
  await admin.close();
});

test('a certificate from an issuer outside the trust list is refused with that reason', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await openVerify(page);
  const verdict = await verifyText(page, certificates.beijing);
  await verdict.getByText('不能确认真伪', { exact: true }).waitFor();
  await verdict.getByText('签发省份不在信任列表中').waitFor();
  console.log(`screenshot: ${await screenshot(page, 'verify-untrusted-issuer-360')}`);
  // Garbage is refused at its step, never a bare "invalid".
  const garbage = await verifyText(page, 'HC1:not-a-charter-certificate');
  await garbage.getByText('不是省际包车电子凭证二维码（前缀不符）').waitFor();
  await page.close();
});

test('a genuine certificate outside its window says so in words, with how long, and still shows what it says', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await openVerify(page);
  let verdict = await verifyText(page, certificates.notYetValid);
  await verdict.getByText('真实，但尚未生效', { exact: true }).waitFor();
  await verdict.getByText(/^还有 3 小时 \d+ 分钟生效$/).waitFor();
  for (const fact of ['云A12345', 'BC53-2024-000002', '昆明市 → 贵阳市 → 重庆市', '云南省签发']) {
    await verdict.getByText(fact).first().waitFor();
  }
  console.log(`screenshot: ${await screenshot(page, 'verdict-not-yet-valid-360')}`);

  verdict = await verifyText(page, certificates.expired);
  await verdict.getByText('真实，但已过期', { exact: true }).waitFor();
  await verdict.getByText(/^已过期 2 小时( \d+ 分钟)?$/).waitFor();
  await verdict.getByText('BC53-2024-000003', { exact: true }).waitFor();
  // A certificate issued before drivers were named still shows where to look.
  await verdict.getByText('凭证未载明（请核对纸质标志牌）').waitFor();
  console.log(`screenshot: ${await screenshot(page, 'verdict-expired-360')}`);
  await page.close();
});

test('a forged certificate (plate changed after signing) cannot be confirmed and shows nothing it claims', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  await openVerify(page);
  const verdict = await verifyText(page, certificates.forged);
  await verdict.getByText('不能确认真伪', { exact: true }).waitFor();
  await verdict.getByText('签名验证失败，凭证可能被篡改').waitFor();
  assert.equal(await verdict.getByText('云A99999').count(), 0);
  console.log(`screenshot: ${await screenshot(page, 'verdict-forged-360')}`);
  await page.close();
});

test('offline, the app shell opens and the page verifies but says the status is not checked', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openVerify(page);
  await shellStored(page, '/verify');
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', { name: '扫码核验' }).waitFor();
  await page.getByText(/信任列表更新于 .*（未联网，使用本机缓存）/).waitFor();
  const verdict = await verifyText(page, certificates.chongqing);
  await verdict.getByText('真实有效', { exact: true }).waitFor();
  await page.getByRole('status', { name: '在线状态' }).filter({ hasText: '未联网，状态未核验' }).waitFor();
  assert.equal(await page.getByText('在线状态：有效').count(), 0);
  console.log(`screenshot: ${await screenshot(page, 'verify-offline')}`);
  await context.close();
});

test('an inspector appeals against a recorded verification and the administrator resolves it', async () => {
  const inspector = await browser.newContext();
  const page = await inspector.newPage();
  const errors = watchErrors(page);
  await signIn(page, server.base, 'zhifa', '/verify');
  await page.getByText(/^信任列表更新于/).waitFor();
  const verdict = await verifyText(page, certificates.yunnan);
  await verdict.getByText('真实有效', { exact: true }).waitFor();
  await page.getByText(/核验记录已上传（编号 \d+）/).waitFor();
  await page.getByText('对本次核验结果提出申诉').click();
  await page.getByLabel('申诉理由').fill('驾驶员称该凭证已在重庆核验通过，请复核在线状态');
  await page.getByRole('button', { name: '提交申诉' }).click();
  await page.getByText(/申诉已提交（编号 \d+），等待省交通运输厅处理/).waitFor();
  assert.deepEqual(errors, []);
  await inspector.close();

  const admin = await browser.newContext();
  const desk = await admin.newPage();
  await signIn(desk, server.base, 'admin', '/admin');
  await desk.goto(`${server.base}/admin/appeals`);
  await desk.getByRole('heading', { name: '申诉处理' }).waitFor();
  await desk.getByText('申诉理由：驾驶员称该凭证已在重庆核验通过，请复核在线状态').waitFor();
  await desk.getByLabel('处理意见').fill('已核实：凭证为重庆签发，签发系统无记录属正常');
  await desk.getByRole('button', { name: '提交处理意见' }).click();
  await desk.getByText(/已处理：已核实：凭证为重庆签发/).waitFor();
  assert.equal(await desk.getByRole('button', { name: '提交处理意见' }).count(), 0);
  console.log(`screenshot: ${await screenshot(desk, 'appeal-resolved')}`);
  await admin.close();
});
