// Filing journeys: automatic approval, manual review by the prefecture, a rejection's reason,
// and the administrator withdrawing the automatic-review permission. No console errors allowed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, screenshot, signIn, startServer, watchErrors } from './harness.mjs';

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

/** A signed-in page of its own browser context, with its console errors collected. */
async function open(username, home, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server.base, username, home);
  return { context, page, errors };
}

/** A `datetime-local` value in CST, `days` from now. */
function cstLocal(days) {
  return new Date(Date.now() + days * 86400 * 1000 + 8 * 3600 * 1000).toISOString().slice(0, 16);
}

let week = 0;
/** A trip window in a week of its own, so the filings of one vehicle never overlap. */
function nextWindow() {
  week += 1;
  return [cstLocal(7 * week), cstLocal(7 * week + 2)];
}

/** Fills the filing form; the first registered vehicle and driver are chosen. */
async function fillTrip(page, { kind, origin, destination, km, passengers = '30' }) {
  const [departure, back] = nextWindow();
  await page.locator('#vehicle_id option').nth(1).waitFor({ state: 'attached' });
  await page.getByLabel('车辆', { exact: true }).selectOption({ index: 1 });
  await page.locator('input[id^="driver-"]').first().check();
  await page.getByLabel('包车类型').selectOption({ label: kind });
  await page.getByLabel('起点（省）').selectOption(`${origin.slice(0, 2)}0000`);
  await page.getByLabel('起点（州/市）').selectOption(origin);
  await page.getByLabel('讫点（省）').selectOption(`${destination.slice(0, 2)}0000`);
  await page.getByLabel('讫点（州/市）').selectOption(destination);
  await page.getByLabel('出发时间（北京时间）').fill(departure);
  await page.getByLabel('返程时间（北京时间）').fill(back);
  await page.getByLabel('单边行程（公里）').fill(String(km));
  await page.getByLabel('乘客人数').fill(passengers);
  await page.getByLabel('包车合同编号').fill('HT-2025-0601');
  await page.getByLabel('包车方').fill('某旅行社');
}

/** Submits the form and returns the filing number from the confirmation. */
async function submit(page, expectedStatus) {
  await page.getByRole('button', { name: '提交备案' }).click();
  const status = page.getByRole('status').filter({ hasText: '已提交' });
  await status.waitFor();
  const text = await status.textContent();
  assert.ok(text.includes(expectedStatus), text);
  return text.match(/YN-\d{8}-\d{4}/)[0];
}

function item(page, number) {
  return page.locator(`li[data-number="${number}"]`);
}

test('a dedicated trip of up to 800 km with permission is approved at once', async () => {
  const { context, page, errors } = await open('qiye_km', '/enterprise');
  await page.getByRole('heading', { name: '企业工作台' }).waitFor();
  await fillTrip(page, { kind: '专项省际包车', origin: '530100', destination: '500100', km: 780 });
  // Instant feedback from core, before anything is sent.
  await page.getByTestId('review-preview').filter({ hasText: '预计自动审核通过' }).waitFor();
  await page.getByTestId('scope-preview').filter({ hasText: '可下发电子凭证' }).waitFor();
  await page.getByLabel('乘客人数').fill('60');
  await page.locator('#passengers-error').filter({ hasText: '不能超过所选车辆的核定座位数' }).waitFor();
  await page.getByLabel('乘客人数').fill('30');
  await page.getByLabel('讫点（省）').selectOption('430000');
  await page.getByLabel('讫点（州/市）').selectOption('430100');
  await page.getByTestId('scope-preview').filter({ hasText: '湖南省' }).waitFor();
  assert.match(await page.getByTestId('scope-preview').textContent(), /仅可使用纸质标志牌/);
  await page.getByLabel('讫点（省）').selectOption('500000');
  await page.getByLabel('讫点（州/市）').selectOption('500100');
  await page.getByLabel('单边行程（公里）').fill('801');
  await page.getByTestId('review-preview').filter({ hasText: '需人工审核' }).waitFor();
  await page.getByLabel('单边行程（公里）').fill('800');
  await page.getByTestId('review-preview').filter({ hasText: '预计自动审核通过' }).waitFor();
  // The distance estimate (昆明 → 重庆: 637.3 km straight, 733 km by the road factor) as typed.
  await page.getByTestId('distance-preview').filter({ hasText: '直线距离约 638 公里，估算道路里程不少于 733 公里' }).waitFor();
  await page.getByLabel('单边行程（公里）').fill('700');
  await page.getByTestId('review-preview').filter({ hasText: '里程存疑' }).waitFor();
  await page.getByLabel('单边行程（公里）').fill('600');
  await page.locator('#one_way_km-error').filter({ hasText: '短于起点经途经地到讫点的直线距离' }).waitFor();
  await page.getByLabel('单边行程（公里）').fill('800');
  await page.getByTestId('review-preview').filter({ hasText: '预计自动审核通过' }).waitFor();
  // A departure in the past is refused in the form already.
  const departure = await page.getByLabel('出发时间（北京时间）').inputValue();
  await page.getByLabel('出发时间（北京时间）').fill(cstLocal(-1));
  await page.locator('#departure_at-error').filter({ hasText: '须晚于当前时间' }).waitFor();
  await page.getByLabel('出发时间（北京时间）').fill(departure);
  await page.locator('#departure_at-error').waitFor({ state: 'detached' });
  await screenshot(page, 'filing-form-desktop');

  const number = await submit(page, '自动审核通过');
  await item(page, number).getByText('自动审核通过').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a scheduled-line temporary trip waits for the reviewer, who approves it', async () => {
  const enterprise = await open('qiye_km', '/enterprise');
  await fillTrip(enterprise.page, { kind: '班线客车临时省际包车', origin: '530100', destination: '510100', km: 750 });
  await enterprise.page.getByTestId('review-preview').filter({ hasText: '班线客车临时省际包车须人工审核' }).waitFor();
  const number = await submit(enterprise.page, '待人工审核');

  const reviewer = await open('shenhe_km', '/review');
  const queued = item(reviewer.page, number);
  await queued.getByText('班线客车临时省际包车须人工审核').waitFor();
  // The reviewer sees the estimate beside the declared distance.
  await queued.getByText('750 公里（估算：直线距离约 645 公里，道路里程不少于 742 公里）').waitFor();
  await queued.getByRole('button', { name: `审核 ${number}` }).click();
  const dialog = reviewer.page.getByRole('dialog', { name: `审核备案 ${number}` });
  await dialog.getByRole('radio', { name: '审核通过' }).check();
  await dialog.getByRole('button', { name: '确认' }).click();
  await queued.waitFor({ state: 'detached' });
  await reviewer.page.getByLabel('状态筛选').selectOption('approved');
  await item(reviewer.page, number).getByText('审核通过').waitFor();

  await enterprise.page.reload();
  await item(enterprise.page, number).locator('.badge').filter({ hasText: '审核通过' }).waitFor();
  assert.deepEqual(reviewer.errors, []);
  assert.deepEqual(enterprise.errors, []);
  await reviewer.context.close();
  await enterprise.context.close();
});

test("a rejection's reason reaches the enterprise, at phone width", async () => {
  const phone = { width: 360, height: 740 };
  const enterprise = await open('qiye_dl', '/enterprise', phone);
  await fillTrip(enterprise.page, { kind: '专项省际包车', origin: '532900', destination: '510100', km: 800 });
  await enterprise.page.getByTestId('review-preview').filter({ hasText: '企业未获得自动审核权限' }).waitFor();
  const overflow = await enterprise.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `form is ${overflow}px wider than a 360px phone`);
  await screenshot(enterprise.page, 'filing-form-360');
  const number = await submit(enterprise.page, '待人工审核');

  const reviewer = await open('shenhe_dl', '/review', phone);
  const queued = item(reviewer.page, number);
  await queued.getByRole('button', { name: `审核 ${number}` }).click();
  const dialog = reviewer.page.getByRole('dialog', { name: `审核备案 ${number}` });
  await dialog.getByRole('radio', { name: '驳回' }).check();
  // A rejection without a reason is stopped by core in the browser, without a request.
  await dialog.getByRole('button', { name: '确认' }).click();
  await dialog.getByRole('alert').filter({ hasText: '请填写驳回理由' }).waitFor();
  await dialog.getByLabel('驳回理由（必填）').fill('<b>包车合同</b>与行程不符');
  await dialog.getByRole('button', { name: '确认' }).click();
  await queued.waitFor({ state: 'detached' });

  await enterprise.page.reload();
  const mine = item(enterprise.page, number);
  await mine.locator('.badge').filter({ hasText: '已驳回' }).waitFor();
  // The reason arrives as text, never as markup.
  assert.equal(await mine.locator('.decision-reason').textContent(), '驳回理由：<b>包车合同</b>与行程不符');
  // Nothing is lost: the rejected filing comes back into the form, is corrected and submitted again.
  await mine.getByRole('button', { name: '修改后重新提交' }).click();
  await mine.locator('.badge').filter({ hasText: '草稿' }).waitFor();
  await enterprise.page.getByLabel('包车合同编号').fill('HT-2025-0601-R');
  assert.equal(await submit(enterprise.page, '待人工审核'), number);
  assert.deepEqual(reviewer.errors, []);
  assert.deepEqual(enterprise.errors, []);
  await reviewer.context.close();
  await enterprise.context.close();
});

test('the administrator withdraws the permission and the next filing waits for review', async () => {
  const admin = await open('admin', '/admin');
  const banna = admin.page.locator('li[data-enterprise="西双版纳雨林客运有限公司"]');
  await banna.getByText('已授予自动审核权限').waitFor();
  await banna.getByLabel('调整原因（必填）').fill('年度考核不合格，暂停自动审核');
  await banna.getByRole('button', { name: '撤销自动审核权限' }).click();
  await banna.getByText('未授予自动审核权限').waitFor();
  const trail = admin.page.getByRole('table', { name: '审计记录' });
  await trail.getByRole('row').filter({ hasText: '年度考核不合格，暂停自动审核' }).getByText('无自动审核权限').waitFor();
  await screenshot(admin.page, 'admin-permissions');

  const enterprise = await open('qiye_bn', '/enterprise');
  await fillTrip(enterprise.page, { kind: '专项省际包车', origin: '532800', destination: '520100', km: 1000 });
  await enterprise.page.getByTestId('review-preview').filter({ hasText: '企业未获得自动审核权限' }).waitFor();
  const number = await submit(enterprise.page, '待人工审核');

  await admin.page.reload();
  await admin.page.getByRole('table', { name: '审计记录' }).getByRole('row').filter({ hasText: number }).first().waitFor();
  assert.deepEqual(admin.errors, []);
  assert.deepEqual(enterprise.errors, []);
  await admin.context.close();
  await enterprise.context.close();
});

test('an enterprise with more filings than fit on a page reaches the oldest through the pager', async () => {
  const own = await startServer();
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  try {
    await signIn(page, own.base, 'qiye_km', '/enterprise');
    // 21 drafts through the API (the form is tested above); a page holds 20.
    const numbers = await page.evaluate(async () => {
      const get = async (path) => (await fetch(`/api/v1${path}`)).json();
      const [vehicles, drivers] = [await get('/vehicles'), await get('/drivers')];
      const made = [];
      for (let i = 0; i < 21; i += 1) {
        const response = await fetch('/api/v1/filings', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            vehicle_id: vehicles[0].id, driver_ids: [drivers[0].id], charter_kind: 'dedicated',
            origin: '530100', destination: '500100', waypoints: [],
            departure_at: '2025-06-01T08:00:00+08:00', return_at: '2025-06-03T18:00:00+08:00',
            one_way_km: 600, passengers: 30, contract_number: `HT-${i}`, charterer: '某旅行社',
          }),
        });
        made.push((await response.json()).number);
      }
      return made;
    });
    assert.equal(new Set(numbers).size, 21);
    await page.reload();
    const list = page.getByRole('list', { name: '备案列表' });
    await item(page, numbers[20]).waitFor();
    assert.equal(await list.locator('li.filing').count(), 20);
    assert.equal(await item(page, numbers[0]).count(), 0, 'the oldest is not on the first page');
    const pager = page.getByRole('navigation', { name: '备案列表分页' });
    await pager.getByText('第 1 / 2 页').waitFor();
    await pager.getByRole('button', { name: '下一页' }).click();
    await pager.getByText('第 2 / 2 页').waitFor();
    await item(page, numbers[0]).waitFor();
    assert.equal(await list.locator('li.filing').count(), 1);
    assert.equal(await pager.getByRole('button', { name: '下一页' }).isDisabled(), true);
    await pager.getByRole('button', { name: '上一页' }).click();
    await item(page, numbers[20]).waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await own.stop();
  }
});
