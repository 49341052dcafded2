// Issuing and the driver (电子牌下发 → 确认接收 → 亮证亮码 → 扫码核验), revocation, the paper plate,
// go-live, and the administrator's adoption view (推广应用情况).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiAs, launchBrowser, screenshot, shellStored, signIn, startServer, watchErrors } from './harness.mjs';

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** RFC 3339 in CST, `hours` from now. */
function cst(hours) {
  const at = new Date(Date.now() + hours * 3600 * 1000 + 8 * 3600 * 1000);
  return `${at.toISOString().slice(0, 19)}+08:00`;
}

/** Declared one-way distances from Kunming: plausible for the route (docs/distance.md). */
const ONE_WAY_KM = { '510100': 780, '430100': 1300, '440100': 1300 };

let week = 0;

/** Moves filing `id`'s window straight in the server's database, as time would (the API files
 * only trips that have not departed); values are bound as parameters. */
function setWindow(dataDir, id, departure, back) {
  execFileSync('sqlite3', [
    join(dataDir, 'charterpass.sqlite'),
    '.timeout 5000',
    `.parameter set @id ${Number(id)}`,
    `.parameter set @departure '${departure}'`,
    `.parameter set @back '${back}'`,
    'UPDATE filings SET departure_at = @departure, return_at = @back WHERE id = @id;',
  ]);
}

/** Files and submits a dedicated trip for qiye_km, each departing in a week of its own so no two
 * overlap; approved at once within 800 km, else by the Kunming reviewer; then under way (departed
 * an hour ago, back in two days). Returns the filing. */
async function fileTrip(srv, { destination = '510100', waypoints = [] } = {}) {
  const api = await apiAs(srv.base, 'qiye_km');
  week += 1;
  const created = await api('POST', '/filings', {
    vehicle_id: 1, driver_ids: [1], charter_kind: 'dedicated',
    origin: '530100', destination, waypoints,
    departure_at: cst(24 * 7 * week), return_at: cst(24 * 7 * week + 48), one_way_km: ONE_WAY_KM[destination],
    passengers: 30, contract_number: 'HT-E2E-001', charterer: '昆明某旅行社',
  });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  let filing = (await api('POST', `/filings/${created.json.id}/submit`, {})).json;
  if (filing?.status === 'pending_review') {
    const reviewer = await apiAs(srv.base, 'shenhe_km');
    filing = (await reviewer('POST', `/filings/${filing.id}/decision`, { decision: 'approve' })).json;
  }
  assert.ok(['auto_approved', 'approved'].includes(filing?.status), JSON.stringify(filing));
  setWindow(srv.dataDir, filing.id, cst(-1), cst(48));
  return (await api('GET', `/filings/${filing.id}`)).json;
}

/** Pastes a certificate text into the inspector's page and waits for the verdict. */
async function verifyText(page, text) {
  await page.goto(`${server.base}/verify`);
  await page.getByText(/^信任列表更新于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/).waitFor();
  await page.getByLabel('凭证内容').fill(text);
  await page.getByRole('button', { name: '核验', exact: true }).click();
  return page.getByRole('status', { name: '核验结论' });
}

test('issue → the driver receives → QR offline → the inspector verifies it → revoke → revoked', async () => {
  const filing = await fileTrip(server);

  const office = await browser.newContext();
  const desk = await office.newPage();
  const deskErrors = watchErrors(desk);
  await signIn(desk, server.base, 'qiye_km', '/enterprise');
  await desk.getByRole('link', { name: /包车牌打印/ }).click();
  await desk.waitForURL(`${server.base}/enterprise/plates`);
  const entry = desk.getByRole('article', { name: `备案 ${filing.number}` });
  await entry.getByText('昆明市 → 成都市').waitFor();
  await entry.getByRole('button', { name: '下发电子凭证' }).click();
  const notice = desk.getByRole('status').filter({ hasText: '下发成功' });
  await notice.waitFor();
  const number = (await notice.innerText()).match(/BC53\d+/)[0];
  await entry.getByText(`电子凭证已下发：${number}`).waitFor();
  assert.ok(await notice.isVisible(), 'the success notice stays');

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const driver = await phone.newPage();
  const driverErrors = watchErrors(driver);
  await signIn(driver, server.base, 'driver_km1', '/driver');
  const task = driver.getByRole('article', { name: `包车任务 ${number}` });
  await task.getByRole('button', { name: '确认接收' }).click();
  const card = driver.getByRole('article', { name: '省际包车电子凭证' });
  await card.getByRole('img', { name: '凭证二维码' }).locator('svg').waitFor();
  await card.getByText('请随车携带纸质包车合同').waitFor();
  await card.getByText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}（北京时间）/).waitFor();
  const text = await card.getAttribute('data-certificate');
  assert.match(text, /^BC1:[0-9A-Z $%*+\-./:]+$/);
  assert.equal(await card.getAttribute('data-number'), number);
  assert.equal(await driver.getByRole('article', { name: `包车任务 ${number}` }).count(), 0);
  const overflow = await driver.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `driver page is ${overflow}px wider than a 360px phone`);
  console.log(`screenshot: ${await screenshot(driver, 'driver-certificate-360')}`);

  // No network: the shell comes from the service worker, the certificate from localStorage.
  await shellStored(driver, '/driver');
  await phone.setOffline(true);
  await driver.reload();
  await driver.getByText('当前无网络：显示本机保存的电子凭证。').waitFor();
  const offlineCard = driver.getByRole('article', { name: '省际包车电子凭证' });
  await offlineCard.getByRole('img', { name: '凭证二维码' }).locator('svg').waitFor();
  assert.equal(await offlineCard.getAttribute('data-certificate'), text);
  console.log(`screenshot: ${await screenshot(driver, 'driver-certificate-offline-360')}`);
  await phone.setOffline(false);

  // The inspector photographs the driver's screen: a screenshot of the QR as the photo.
  const photo = await offlineCard.getByRole('img', { name: '凭证二维码' }).screenshot();
  const roadside = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const inspector = await roadside.newPage();
  await signIn(inspector, server.base, 'zhifa', '/verify');
  await inspector.getByText(/^信任列表更新于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/).waitFor();
  await inspector.getByLabel('拍照识别').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: photo });
  let verdict = inspector.getByRole('status', { name: '核验结论' });
  await verdict.getByText('真实有效', { exact: true }).waitFor();
  assert.equal(await inspector.getByLabel('凭证内容').inputValue(), text, 'the photo decodes to the issued text');
  assert.ok((await verdict.innerText()).includes(number));
  await inspector.getByRole('status', { name: '在线状态' }).filter({ hasText: '在线状态：有效' }).waitFor();
  console.log(`screenshot: ${await screenshot(inspector, 'verify-issued-certificate-360')}`);

  // Revoke with a reason; the inspector's online status now says so.
  await entry.getByRole('button', { name: '撤销电子凭证' }).click();
  await entry.getByRole('alert').filter({ hasText: '请填写撤销原因' }).waitFor();
  await entry.getByLabel('撤销原因').fill('车辆故障，更换车辆');
  await entry.getByRole('button', { name: '撤销电子凭证' }).click();
  await desk.getByRole('status').filter({ hasText: `电子凭证 ${number} 已撤销` }).waitFor();
  await entry.getByRole('button', { name: '下发电子凭证' }).waitFor();
  verdict = await verifyText(inspector, text);
  await inspector.getByRole('status', { name: '在线状态' }).filter({ hasText: '已撤销' }).waitFor();
  // Online, the revocation is the conclusion itself, above what the certificate says.
  await verdict.getByText('真实，但已撤销', { exact: true }).waitFor();
  assert.ok((await verdict.innerText()).includes(number), 'the revoked certificate still shows its facts');
  console.log(`screenshot: ${await screenshot(inspector, 'verify-revoked-360')}`);

  // Back online, the driver's phone drops the revoked certificate.
  await driver.reload();
  await driver.getByText('暂无待接收的包车任务').waitFor();
  // The stored copy shows until the server's answer (a request of its own) drops it.
  await driver.getByRole('article', { name: '省际包车电子凭证' }).waitFor({ state: 'detached' });

  assert.deepEqual(deskErrors, []);
  assert.deepEqual(driverErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(e)), []);
  await Promise.all([office.close(), phone.close(), roadside.close()]);
});

test('a trip through Hunan gets only the paper plate, printable, naming why', async () => {
  const filing = await fileTrip(server, { destination: '430100' });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  await signIn(page, server.base, 'qiye_km', '/enterprise');
  await page.goto(`${server.base}/enterprise/plates`);
  const entry = page.getByRole('article', { name: `备案 ${filing.number}` });
  await entry.getByText(/湖南省.*只能使用纸质标志牌/).waitFor();
  assert.equal(await entry.getByRole('button', { name: '下发电子凭证' }).count(), 0);
  await entry.getByRole('link', { name: '打印纸质标志牌' }).click();
  await page.waitForURL(`${server.base}/enterprise/plates/${filing.id}/paper`);
  const plate = page.getByRole('article', { name: '纸质标志牌' });
  await plate.getByRole('heading', { name: '省际包车客运标志牌' }).waitFor();
  for (const expected of [filing.number, '云A12345', '长沙市', '张建国', '专项省际包车']) {
    await plate.getByText(expected, { exact: false }).first().waitFor();
  }
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByRole('button', { name: '打印' }).isVisible(), false);
  assert.equal(await page.locator('.topbar').isVisible(), false);
  console.log(`screenshot: ${await screenshot(page, 'paper-plate-print')}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('before go-live an in-scope trip gets no electronic certificate', async () => {
  const early = await startServer(['--go-live', '2099-01-01T09:00:00+08:00']);
  try {
    const filing = await fileTrip(early);
    const page = await browser.newPage();
    await signIn(page, early.base, 'qiye_km', '/enterprise');
    await page.goto(`${early.base}/enterprise/plates`);
    const entry = page.getByRole('article', { name: `备案 ${filing.number}` });
    await entry.getByText('电子凭证于 2099-01-01 09:00 启用，此前只能使用纸质标志牌').waitFor();
    assert.equal(await entry.getByRole('button', { name: '下发电子凭证' }).count(), 0);
    await entry.getByRole('link', { name: '打印纸质标志牌' }).waitFor();
    await page.close();
  } finally {
    await early.stop();
  }
});

test('the adoption view shows what was created, per prefecture', async () => {
  const fresh = await startServer();
  try {
    const issued = await fileTrip(fresh);
    await fileTrip(fresh, { destination: '440100' });
    const qiye = await apiAs(fresh.base, 'qiye_km');
    const certificate = await qiye('POST', `/filings/${issued.id}/certificate`, {});
    assert.equal(certificate.status, 201);
    const zhifa = await apiAs(fresh.base, 'zhifa');
    const recorded = await zhifa('POST', '/verifications', {
      certificate_number: certificate.json.number, issuer_province: '53', outcome: 'valid', online_status: 'valid',
    });
    assert.equal(recorded.status, 201);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchErrors(page);
    await signIn(page, fresh.base, 'admin', '/admin');
    await page.getByRole('link', { name: '推广应用情况' }).click();
    await page.waitForURL(`${fresh.base}/admin/adoption`);
    const kunming = page.locator('tbody tr[data-prefecture="530100"] td');
    await kunming.first().waitFor();
    // approved, in scope, issued, electronic, paper, share, verifications, appeals
    assert.deepEqual(await kunming.allInnerTexts(), ['2', '1', '1', '1', '1', '50%', '1', '0']);
    const total = page.locator('tfoot tr td');
    assert.deepEqual((await total.allInnerTexts()).slice(0, 3), ['2', '1', '1']);
    await page.getByRole('region', { name: '电子化占比图' }).getByText('50%').waitFor();
    console.log(`screenshot: ${await screenshot(page, 'adoption-desktop')}`);
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    await fresh.stop();
  }
});
