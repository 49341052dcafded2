// Mutual recognition (互信互认) between two real provinces' systems on one machine: a Yunnan
// server and a Sichuan server (`--province 51`), each with its own root held outside its data
// folder. They exchange signed key lists with pinned root fingerprints; each inspector verifies
// the other province's certificate, shown on that province's driver's page, offline. Then Sichuan
// withdraws its key, and Yunnan's inspector refuses the certificate by name once its list
// refreshes. Forged, rolled-back and too-old lists are refused in the browser.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiAs, BIN, launchBrowser, screenshot, shellStored, signIn, startServer, watchErrors } from './harness.mjs';

const HOUR = 3600 * 1000;
let work;
let browser;
const yunnan = { province: '53' };
const sichuan = { province: '51' };

/** Runs an operator subcommand; returns its standard output. */
function cli(...args) {
  return execFileSync(BIN, args, { encoding: 'utf8' });
}

/** The fingerprint from a `root fingerprint (SHA-256): …` line. */
function fingerprintIn(output) {
  return output.match(/root fingerprint \(SHA-256\): ([0-9a-f]{64})/)[1];
}

/** `from` exports its own list; `to` imports it with `from`'s pinned root. */
function exchange(from, to) {
  const file = join(work, `${from.province}-${Date.now()}.list`);
  cli('trust', 'export', '--data-dir', from.dataDir, '--province', from.province, '--out', file);
  return cli('trust', 'import', '--data-dir', to.dataDir, '--province', to.province, '--from', file, '--pin', from.root);
}

/** RFC 3339 in CST, `hours` from now. */
function cst(hours) {
  const at = new Date(Date.now() + hours * HOUR + 8 * HOUR);
  return `${at.toISOString().slice(0, 19)}+08:00`;
}

/** The enterprise files an automatically approved trip departing shortly and issues its
 * certificate; the driver receives it on the phone page, which shows the QR code. */
async function certificateOnDriversPhone(side, { enterprise, driver, origin, destination, km }) {
  const api = await apiAs(side.server.base, enterprise);
  const created = await api('POST', '/filings', {
    vehicle_id: 1, driver_ids: [1], charter_kind: 'dedicated', origin, destination, waypoints: [],
    departure_at: cst(0.2), return_at: cst(48), one_way_km: km, passengers: 30,
    contract_number: `HT-${side.province}-001`, charterer: '某旅行社',
  });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  const submitted = await api('POST', `/filings/${created.json.id}/submit`, {});
  assert.equal(submitted.json?.status, 'auto_approved', JSON.stringify(submitted.json));
  const issued = await api('POST', `/filings/${created.json.id}/certificate`, {});
  assert.equal(issued.status, 201, JSON.stringify(issued.json));
  assert.ok(issued.json.number.startsWith(`BC${side.province}`), issued.json.number);

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await phone.newPage();
  const errors = watchErrors(page);
  await signIn(page, side.server.base, driver, '/driver');
  await page.getByRole('article', { name: `包车任务 ${issued.json.number}` }).getByRole('button', { name: '确认接收' }).click();
  const card = page.getByRole('article', { name: '省际包车电子凭证' });
  await card.getByRole('img', { name: '凭证二维码' }).locator('svg').waitFor();
  const text = await card.getAttribute('data-certificate');
  assert.equal(text, issued.json.text);
  console.log(`screenshot: ${await screenshot(page, `recognition-driver-${side.province}-360`)}`);
  assert.deepEqual(errors, []);
  await phone.close();
  return { number: issued.json.number, text };
}

/** An inspector's phone on `side`'s /verify, its clock an hour ahead (after departure), with the
 * signed list fetched and checked. */
async function inspectorPhone(side, options = {}) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, ...options });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(Date.now() + HOUR));
  await page.goto(`${side.server.base}/verify`);
  await page.getByText(/^信任列表更新于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/).waitFor();
  return { context, page };
}

/** Pastes a certificate text and returns the verdict region. */
async function verifyText(page, text) {
  await page.getByLabel('凭证内容').fill(text);
  await page.getByRole('button', { name: '核验', exact: true }).click();
  return page.getByRole('status', { name: '核验结论' });
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'charterpass-recognition-'));
  for (const side of [yunnan, sichuan]) {
    // The root is created and kept outside the data folder, as it would be offline.
    const rootFile = join(work, `root-${side.province}.pem`);
    side.root = fingerprintIn(cli('root', 'init', '--out', rootFile));
    side.dataDir = join(work, `data-${side.province}`);
    cli('root', 'certify', '--root', rootFile, '--data-dir', side.dataDir, '--province', side.province);
  }
  [yunnan.server, sichuan.server] = await Promise.all([
    startServer([], { dataDir: yunnan.dataDir }),
    startServer(['--province', '51'], { dataDir: sichuan.dataDir }),
  ]);
  browser = await launchBrowser();
  // Yunnan's list before it knows the real Sichuan: kept to replay as a rolled-back list.
  yunnan.firstList = Buffer.from(await (await fetch(`${yunnan.server.base}/api/v1/trust-list`)).arrayBuffer());
  assert.match(exchange(sichuan, yunnan), /imported province 51 list/);
  assert.match(exchange(yunnan, sichuan), /imported province 53 list/);
});
after(async () => {
  await browser?.close();
  await Promise.all([yunnan.server?.stop(), sichuan.server?.stop()]);
  rmSync(work, { recursive: true, force: true });
});

test('each province serves only its own private keys and names itself on its pages', async () => {
  for (const side of [yunnan, sichuan]) {
    const list = await (await fetch(`${side.server.base}/api/v1/trust-list.json`)).json();
    assert.equal(list.root_fingerprint, side.root);
    assert.equal(list.province, side.province);
    const page = await browser.newPage();
    await page.goto(`${side.server.base}/verify`);
    const authority = side.province === '53' ? '云南省交通运输厅' : '四川省交通运输厅';
    await page.getByText(`${authority} · 省际包车电子凭证系统`).waitFor();
    await page.close();
  }
  const sichuanList = await (await fetch(`${yunnan.server.base}/api/v1/trust-list.json`)).json();
  const sichuanKeys = sichuanList.keys.filter((k) => k.province === '51').map((k) => k.kid);
  const own = JSON.parse(cli('trust', 'show', '--data-dir', sichuan.dataDir, '--province', '51'));
  assert.deepEqual(sichuanKeys, own.list.keys.filter((k) => k.province === '51').map((k) => k.kid),
    'Yunnan recognises the real Sichuan key, not the demo one');
});

test('a Sichuan certificate on a Sichuan driver\'s phone is genuine to a Yunnan inspector offline, and the reverse; then Sichuan withdraws its key', async () => {
  const sc = await certificateOnDriversPhone(sichuan, {
    enterprise: 'qiye_cd', driver: 'driver_cd1', origin: '510100', destination: '500100', km: 400,
  });
  const yn = await certificateOnDriversPhone(yunnan, {
    enterprise: 'qiye_km', driver: 'driver_km1', origin: '530100', destination: '520100', km: 650,
  });

  const atYunnan = await inspectorPhone(yunnan);
  const errors = watchErrors(atYunnan.page);
  await shellStored(atYunnan.page, '/verify');
  await atYunnan.context.setOffline(true);
  let verdict = await verifyText(atYunnan.page, sc.text);
  await verdict.getByText('真实有效', { exact: true }).waitFor();
  await verdict.getByText('四川省签发').waitFor();
  assert.ok((await verdict.innerText()).includes(sc.number));
  console.log(`screenshot: ${await screenshot(atYunnan.page, 'recognition-yunnan-verifies-sichuan-offline-360')}`);

  const atSichuan = await inspectorPhone(sichuan);
  await atSichuan.context.setOffline(true);
  verdict = await verifyText(atSichuan.page, yn.text);
  await verdict.getByText('真实有效', { exact: true }).waitFor();
  await verdict.getByText('云南省签发').waitFor();
  console.log(`screenshot: ${await screenshot(atSichuan.page, 'recognition-sichuan-verifies-yunnan-offline-360')}`);
  await atSichuan.context.close();

  // Sichuan withdraws its signing key and sends Yunnan its new list.
  const kid = JSON.parse(cli('trust', 'show', '--data-dir', sichuan.dataDir, '--province', '51'))
    .list.keys.find((k) => k.province === '51').kid;
  cli('trust', 'remove-key', kid, '--reason', '密钥疑似泄露', '--data-dir', sichuan.dataDir, '--province', '51');
  assert.match(exchange(sichuan, yunnan), /imported province 51 list/);

  // Back online, Yunnan's inspector refreshes the list; the certificate is refused by name.
  const before = await atYunnan.page.locator('.trust-details').innerText();
  await atYunnan.context.setOffline(false);
  await atYunnan.page.reload();
  await atYunnan.page.locator('.trust-details').filter({ hasNotText: before }).waitFor();
  verdict = await verifyText(atYunnan.page, sc.text);
  await verdict.getByText('签发密钥已被撤销（已从信任列表移除），凭证不予认可').waitFor();
  await verdict.getByText('被撤销的是四川省的签发密钥').waitFor();
  await verdict.getByText('未通过的核验步骤：removed').waitFor();
  console.log(`screenshot: ${await screenshot(atYunnan.page, 'recognition-removed-key-360')}`);
  // Yunnan's own certificates are untouched.
  verdict = await verifyText(atYunnan.page, yn.text);
  await verdict.getByText('真实有效', { exact: true }).waitFor();
  assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(e)), []);
  await atYunnan.context.close();
});

test('a forged, a rolled-back and a too-old list are each refused by the inspector\'s page', async () => {
  // Routing the list's download needs the page's own fetches, not the service worker's.
  const { context, page } = await inspectorPhone(yunnan, { serviceWorkers: 'block' });
  const held = await page.locator('.trust-details').innerText();
  const replay = async (body) => {
    await page.route('**/api/v1/trust-list', (route) => route.fulfill({ status: 200, contentType: 'application/cose', body }));
    await page.reload();
    const warning = page.getByRole('alert').filter({ hasText: '收到的信任列表未通过校验' });
    await warning.waitFor();
    await page.unroute('**/api/v1/trust-list');
    assert.equal(await page.locator('.trust-details').innerText(), held, 'the held list is kept');
    return warning.innerText();
  };

  // Signed under another province's root: not the root this page pins.
  const forged = Buffer.from(await (await fetch(`${sichuan.server.base}/api/v1/trust-list`)).arrayBuffer());
  assert.match(await replay(forged), /根密钥与预置（固定）的根密钥指纹不符/);
  console.log(`screenshot: ${await screenshot(page, 'recognition-forged-list-360')}`);
  // Genuine, but older than the list the phone holds.
  assert.match(await replay(yunnan.firstList), /疑似回滚/);
  console.log(`screenshot: ${await screenshot(page, 'recognition-rolled-back-list-360')}`);

  // Forty days on with no newer list: the page says it can vouch for nothing.
  await page.clock.setFixedTime(new Date(Date.now() + 40 * 24 * HOUR));
  await page.reload();
  await page.getByRole('alert').filter({ hasText: '信任列表已过期太久' }).first().waitFor();
  const verdict = await verifyText(page, 'BC1:anything');
  await verdict.getByText(/无法确认任何凭证的真伪/).waitFor();
  console.log(`screenshot: ${await screenshot(page, 'recognition-too-old-list-360')}`);
  await context.close();
});
