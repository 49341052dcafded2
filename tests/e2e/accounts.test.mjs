// Accounts in the browser: the administrator creates a reviewer in 账号管理 and sees its one-time
// password once; the reviewer's first sign-in shows 修改密码 before anything else; the audit trail
// filters the change by kind and person. Every field of the new pages has a label.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiAs, launchBrowser, ROOT, screenshot, signIn, startServer, watchErrors } from './harness.mjs';

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

/** Inputs, selects and buttons of the page without an accessible name. */
async function unlabelled(page) {
  return page.evaluate(() => [...document.querySelectorAll('main input, main select, main button')]
    .filter((el) => el.labels?.length === 0 && !el.getAttribute('aria-label') && !el.textContent.trim())
    .map((el) => el.outerHTML));
}

test('an administrator creates a reviewer whose first sign-in sets a new password', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server.base, 'admin', '/admin');
  await page.getByRole('link', { name: '账号管理' }).click();
  await page.getByRole('heading', { name: '账号管理' }).waitFor();
  await page.getByRole('table', { name: '账号列表' }).waitFor();
  assert.deepEqual(await unlabelled(page), []);

  // Search narrows the list.
  await page.getByLabel('搜索用户名或显示名').fill('shenhe');
  await page.locator('tr[data-account="admin"]').waitFor({ state: 'detached' });
  assert.ok(await page.locator('tr[data-account="shenhe_km"]').count() === 1);

  await page.getByLabel('用户名', { exact: true }).fill('shenhe_qj');
  await page.getByLabel('显示名', { exact: true }).fill('曲靖市交通运输局审核员');
  await page.getByLabel('角色', { exact: true }).last().selectOption('reviewer');
  await page.getByLabel('所属州（市）').selectOption('530300');
  await page.getByRole('button', { name: '创建账号' }).click();
  const notice = page.getByRole('status', { name: '一次性密码' });
  const oneTime = (await notice.locator('code').textContent()).trim();
  assert.match(oneTime, /^[A-Za-z2-9]{14}$/);
  await screenshot(page, 'accounts-admin');

  // The audit trail shows the creation, filtered by kind and by the administrator.
  await page.goto(`${server.base}/admin`);
  await page.getByLabel('对象类型').selectOption('account');
  await page.getByLabel('操作人用户名').fill('admin');
  await page.getByLabel('操作人用户名').press('Enter');
  await page.getByRole('table', { name: '审计记录' }).getByText('曲靖市交通运输局审核员').first().waitFor();
  assert.deepEqual(await unlabelled(page), []);

  // The reviewer signs in with the one-time password: 修改密码 comes first.
  const reviewer = await (await browser.newContext()).newPage();
  await reviewer.goto(`${server.base}/login`);
  await reviewer.getByLabel('用户名').fill('shenhe_qj');
  await reviewer.getByLabel('密码').fill(oneTime);
  await reviewer.getByRole('button', { name: '登录' }).click();
  await reviewer.waitForURL(`${server.base}/review`);
  await reviewer.getByRole('heading', { name: '修改密码' }).waitFor();
  assert.deepEqual(await unlabelled(reviewer), []);
  await reviewer.getByLabel('当前密码').fill(oneTime);
  await reviewer.getByLabel('新密码', { exact: true }).fill('short1');
  await reviewer.getByLabel('再次输入新密码').fill('short1');
  await reviewer.getByRole('button', { name: '保存新密码' }).click();
  await reviewer.getByRole('alert').getByText('新密码至少 10 个字符').waitFor();
  await reviewer.getByLabel('新密码', { exact: true }).fill('Qujing2026review');
  await reviewer.getByLabel('再次输入新密码').fill('Qujing2026review');
  await reviewer.getByRole('button', { name: '保存新密码' }).click();
  await reviewer.getByRole('heading', { name: '审核工作台' }).waitFor();
  await reviewer.context().close();

  assert.deepEqual(errors, []);
  await context.close();
});

test('an administrator edits an account: its display name and prefecture change, its user name and role do not', async () => {
  const api = await apiAs(server.base, 'admin');
  const created = await api('POST', '/accounts', {
    username: 'zhifa_edit', display_name: '昆明执法员', role: 'inspector', prefecture_code: '530100',
  });
  assert.equal(created.status, 201);
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server.base, 'admin', '/admin');
  await page.goto(`${server.base}/admin/accounts`);
  await page.getByLabel('搜索用户名或显示名').fill('zhifa_edit');
  const row = page.locator('tr[data-account="zhifa_edit"]');
  await row.getByRole('button', { name: '修改账号 zhifa_edit' }).click();
  await page.getByRole('heading', { name: '修改账号' }).waitFor();
  assert.equal(await page.getByLabel('用户名', { exact: true }).inputValue(), 'zhifa_edit');
  assert.ok(await page.getByLabel('用户名', { exact: true }).isDisabled());
  assert.ok(await page.getByLabel('角色', { exact: true }).last().isDisabled());
  assert.equal(await page.getByLabel('所属州（市）').inputValue(), '530100');

  await page.getByLabel('显示名', { exact: true }).fill('');
  await page.getByRole('button', { name: '保存账号' }).click();
  await page.getByRole('alert').first().waitFor();

  await page.getByLabel('显示名', { exact: true }).fill('省执法局执法员');
  await page.getByLabel('所属州（市）').selectOption('');
  await page.getByRole('button', { name: '保存账号' }).click();
  await page.getByRole('status').getByText('已保存账号 zhifa_edit').waitFor();
  await row.getByText('省执法局执法员').waitFor();
  await row.getByText('省交通运输综合执法局').waitFor();
  await page.getByRole('heading', { name: '新建账号' }).waitFor();

  const listed = await api('GET', '/accounts?q=zhifa_edit');
  const account = listed.json.items.find((a) => a.username === 'zhifa_edit');
  assert.equal(account.display_name, '省执法局执法员');
  assert.equal(account.role, 'inspector');
  assert.equal(account.prefecture_code, null);
  assert.deepEqual(errors, []);
  await context.close();
});

/** A valid credit code (GB 32100) from its first 17 characters. */
function creditCode(first17) {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((s, c, i) => s + alphabet.indexOf(c) * weights[i], 0);
  return first17 + alphabet[(31 - (sum % 31)) % 31];
}

test('an operator is tied to an enterprise beyond the first page by searching for it', async () => {
  const api = await apiAs(server.base, 'admin');
  const ids = [];
  for (let i = 0; i < 24; i += 1) {
    const created = await api('POST', '/enterprises', {
      name: `检索测试第${String(i).padStart(2, '0')}客运有限公司`,
      credit_code: creditCode(`91530100MA7C${String(i).padStart(5, '0')}`),
      prefecture_code: '530100',
      permit_number: `滇交运管许可字检${i}`,
      permit_valid_until: '2030-12-31',
      auto_review: false,
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    ids.push(created.json.id);
  }
  // axe-core is injected by the test alone, past the page's CSP.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, server.base, 'admin', '/admin');
  await page.goto(`${server.base}/admin/accounts`);
  await page.getByLabel('角色', { exact: true }).last().selectOption('enterprise');
  // More enterprises than one page: the form says so and offers a search.
  await page.locator('#enterprise-matches').getByText(/显示前 20 家/).waitFor();
  await page.evaluate(readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations);
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`), []);
  await page.getByLabel('查找企业（名称或统一社会信用代码）').fill('检索测试第23');
  await page.locator('#enterprise-matches').getByText('共 1 家').waitFor();
  await page.getByLabel('所属企业').selectOption({ label: '检索测试第23客运有限公司' });
  await page.getByLabel('用户名', { exact: true }).fill('jiansuo_op');
  await page.getByLabel('显示名', { exact: true }).fill('检索测试操作员');
  await page.getByRole('button', { name: '创建账号' }).click();
  await page.getByRole('status', { name: '一次性密码' }).waitFor();
  assert.deepEqual(await unlabelled(page), []);

  const listed = await api('GET', '/accounts?q=jiansuo_op');
  const account = listed.json.items.find((a) => a.username === 'jiansuo_op');
  assert.equal(account.enterprise_id, ids[23]);

  // Edited later, with no enterprise searched, the form still shows the one it is tied to.
  await page.goto(`${server.base}/admin/accounts`);
  await page.getByLabel('搜索用户名或显示名').fill('jiansuo_op');
  await page.locator('tr[data-account="jiansuo_op"]')
    .getByRole('button', { name: '修改账号 jiansuo_op' }).click();
  await page.getByRole('heading', { name: '修改账号' }).waitFor();
  assert.equal(await page.getByLabel('所属企业').inputValue(), String(ids[23]));
  assert.deepEqual(errors, []);
  await context.close();
});
