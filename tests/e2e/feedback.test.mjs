// Problem feedback (问题反馈): a driver and an enterprise operator write, the administrator reads
// the reports as plain text; other roles and strangers are turned away.
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

const DRIVER_TEXT = '扫码后页面一直转圈，<b>急</b>';
const ENTERPRISE_TEXT = '备案时途经地选择不便，\n希望支持搜索。';

/** From the signed-in person's area `home`, follows its 问题反馈 link and submits `text`. */
async function submitFeedback(page, home, text) {
  await page.goto(`${server.base}${home}`);
  await page.getByRole('link', { name: '问题反馈' }).click();
  await page.waitForURL(`${server.base}/feedback`);
  await page.getByRole('heading', { name: '问题反馈' }).waitFor();
  const field = page.getByLabel('反馈内容');
  await field.fill(text);
  await page.getByText(`已输入 ${[...text.trim()].length} / 1000 字`).waitFor();
  await page.getByRole('button', { name: '提交反馈' }).click();
  await page.getByRole('status').filter({ hasText: '反馈已提交' }).waitFor();
  assert.equal(await field.inputValue(), '');
  await page.getByText('已输入 0 / 1000 字').waitFor();
}

test('the driver submits feedback on a 360px phone; empty and too long texts are refused in Chinese', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server.base, 'driver_km1', '/driver');
  await page.goto(`${server.base}/feedback`);
  await page.getByRole('button', { name: '提交反馈' }).click();
  await page.getByRole('alert').filter({ hasText: '请填写反馈内容' }).waitFor();
  await page.getByLabel('反馈内容').fill('长'.repeat(1001));
  await page.getByText('已输入 1001 / 1000 字').waitFor();
  await page.getByRole('button', { name: '提交反馈' }).click();
  await page.getByRole('alert').filter({ hasText: '反馈内容不能超过 1000 个字' }).waitFor();

  await submitFeedback(page, '/driver', DRIVER_TEXT);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than a 360px phone`);
  console.log(`screenshot: ${await screenshot(page, 'feedback-driver-360')}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the enterprise operator submits feedback', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server.base, 'qiye_km', '/enterprise');
  await submitFeedback(page, '/enterprise', ENTERPRISE_TEXT);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the administrator reads both reports, newest first, the markup shown as text', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server.base, 'admin', '/admin');
  assert.equal(await page.getByRole('link', { name: '申诉处理' }).getAttribute('href'), '/admin/appeals');
  await page.getByRole('link', { name: '问题反馈' }).click();
  await page.waitForURL(`${server.base}/admin/feedback`);
  const items = page.locator('.feedback-item');
  await items.first().waitFor();
  assert.equal(await items.count(), 2);

  const newest = items.nth(0);
  assert.match(await newest.locator('.feedback-head').innerText(), /包车客运企业\s+昆明滇池旅游客运有限公司\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  assert.equal(await newest.locator('.feedback-text').innerText(), ENTERPRISE_TEXT);

  const older = items.nth(1);
  assert.match(await older.locator('.feedback-head').innerText(), /驾驶员\s+张建国\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  assert.equal(await older.locator('.feedback-text').innerText(), DRIVER_TEXT);
  assert.equal(await page.locator('.feedback-list b').count(), 0, 'the <b> became an element');

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than a 360px phone`);
  console.log(`screenshot: ${await screenshot(page, 'feedback-admin-360')}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('strangers are asked to sign in; other roles are told politely whom the pages are for', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  for (const area of ['/feedback', '/admin/feedback']) {
    await page.goto(`${server.base}${area}`);
    await page.getByText('请先登录').waitFor();
  }
  await signIn(page, server.base, 'zhifa', '/verify');
  await page.goto(`${server.base}/feedback`);
  await page.getByText('此页面供包车客运企业、驾驶员使用，您当前的身份是执法人员。').waitFor();
  await page.goto(`${server.base}/admin/feedback`);
  await page.getByText('此页面供省交通运输厅使用').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
