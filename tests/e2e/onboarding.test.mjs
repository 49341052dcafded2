// Onboarding from an empty database, without --demo: `charterpass first-admin` prints a one-time
// password; the administrator sets a new one, registers an enterprise and creates its operator
// and a reviewer; the operator imports vehicles (a GBK file with one bad row: reported, nothing
// imported; fixed, imported) and drivers, gives a driver an account, and files a trip; the
// reviewer approves it; the enterprise issues the certificate and the driver receives it. Every
// field of the new pages has a label; no console errors allowed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, launchBrowser, screenshot, startServer, watchErrors } from './harness.mjs';

let server;
let browser;
let dataDir;
let files;
let adminOneTime;
before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'charterpass-onboarding-'));
  files = mkdtempSync(join(tmpdir(), 'charterpass-onboarding-files-'));
  const printed = execFileSync(BIN, ['first-admin', '--data-dir', dataDir, '--username', 'admin'], { encoding: 'utf8' });
  adminOneTime = printed.match(/one-time password:\s+(\S+)/)[1];
  server = await startServer([], { dataDir, demo: false });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(files, { recursive: true, force: true });
});

/** Writes `text` as a GBK-encoded file (as Excel in China saves CSV) and returns its path. */
function gbkFile(name, text) {
  const bytes = execFileSync('python3', ['-c', 'import sys; sys.stdout.buffer.write(sys.stdin.buffer.read().decode("utf-8").encode("gbk"))'], { input: text });
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'the file is really GBK');
  const path = join(files, name);
  writeFileSync(path, bytes);
  return path;
}

/** Inputs, selects and buttons of the page without an accessible name. */
async function unlabelled(page) {
  return page.evaluate(() => [...document.querySelectorAll('main input, main select, main button')]
    .filter((el) => el.labels?.length === 0 && !el.getAttribute('aria-label') && !el.textContent.trim())
    .map((el) => el.outerHTML));
}

/** Signs in with a one-time password, sets `password` on the 修改密码 page that comes first, and
 * waits for the area's heading. */
async function firstSignIn(page, username, oneTime, password, home, heading) {
  await page.goto(`${server.base}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(oneTime);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(`${server.base}${home}`);
  await page.getByRole('heading', { name: '修改密码' }).waitFor();
  await page.getByLabel('当前密码').fill(oneTime);
  await page.getByLabel('新密码', { exact: true }).fill(password);
  await page.getByLabel('再次输入新密码').fill(password);
  await page.getByRole('button', { name: '保存新密码' }).click();
  await page.getByRole('heading', { name: heading }).waitFor();
}

/** A new page of its own browser context, its console errors collected. */
async function open(viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

/** The one-time password shown once on `page`. */
async function oneTimeShown(page) {
  const notice = page.getByRole('status', { name: '一次性密码' });
  return (await notice.locator('code').textContent()).trim();
}

/** A `datetime-local` value in CST, `days` from now. */
function cstLocal(days) {
  return new Date(Date.now() + days * 86400 * 1000 + 8 * 3600 * 1000).toISOString().slice(0, 16);
}

const VEHICLES = '车牌号码,核定座位数,车辆类型,车辆类型等级,道路运输证号,道路运输证有效期至\r\n'
  + '云A50001,45,大型客车,高一级,530100500001,2030/12/31\r\n'
  + 'BAD_PLATE,33,中型客车,中级,530100500002,2030/12/31\r\n';
const DRIVERS = '姓名,手机号码,身份证号码,准驾车型,从业资格证号,从业资格证有效期至\r\n'
  + '段志强,13988500001,53010219850315123X,A1,53010219850315123X,2030/12/31\r\n'
  + '普春梅,13988500002,530111199008202344,B1,530111199008202344,2030/12/31\r\n';

test('from an empty database to a certificate on the driver phone', async () => {
  // The first administrator, with the printed one-time password.
  const admin = await open();
  await firstSignIn(admin.page, 'admin', adminOneTime, 'Yunnan2026admin', '/admin', '管理工作台');

  // 企业管理: register the enterprise.
  await admin.page.getByRole('link', { name: '企业管理' }).click();
  await admin.page.getByRole('heading', { name: '企业管理' }).waitFor();
  await admin.page.getByText('没有符合条件的企业').waitFor();
  const form = admin.page.getByRole('region', { name: '登记企业' });
  await form.getByLabel('企业名称').fill('昆明春城旅游客运有限公司');
  await form.getByLabel('统一社会信用代码').fill('91530100MA6K7XQ128');
  await form.getByLabel('所在州市').selectOption('530100');
  await form.getByLabel('道路运输经营许可证号').fill('滇交运管许可昆字530100000777号');
  await form.getByLabel('经营许可证有效期至').fill('2030-12-31');
  await form.getByRole('button', { name: '登记企业' }).click();
  // Core checks the credit code's check character before anything is sent.
  await form.locator('#enterprise-credit-code-error').filter({ hasText: '校验位不正确' }).waitFor();
  await form.getByLabel('统一社会信用代码').fill('91530100MA6K7XQ127');
  await form.getByRole('button', { name: '登记企业' }).click();
  await form.getByRole('status').filter({ hasText: '已保存：昆明春城旅游客运有限公司' }).waitFor();
  await admin.page.locator('tr[data-enterprise="昆明春城旅游客运有限公司"]').waitFor();
  assert.deepEqual(await unlabelled(admin.page), []);
  await screenshot(admin.page, 'onboarding-enterprises');

  // 账号管理: the enterprise's operator and the prefecture's reviewer.
  await admin.page.goto(`${server.base}/admin/accounts`);
  await admin.page.getByRole('heading', { name: '账号管理' }).waitFor();
  await admin.page.getByLabel('用户名', { exact: true }).fill('qiye_cc');
  await admin.page.getByLabel('显示名', { exact: true }).fill('昆明春城旅游客运有限公司');
  await admin.page.getByLabel('角色', { exact: true }).last().selectOption('enterprise');
  await admin.page.getByLabel('所属企业').locator('option', { hasText: '昆明春城旅游客运有限公司' }).waitFor({ state: 'attached' });
  await admin.page.getByLabel('所属企业').selectOption({ label: '昆明春城旅游客运有限公司' });
  await admin.page.getByRole('button', { name: '创建账号' }).click();
  const operatorOneTime = await oneTimeShown(admin.page);
  await admin.page.getByLabel('用户名', { exact: true }).fill('shenhe_kmc');
  await admin.page.getByLabel('显示名', { exact: true }).fill('昆明市交通运输局审核员');
  await admin.page.getByLabel('角色', { exact: true }).last().selectOption('reviewer');
  await admin.page.getByLabel('所属州（市）').selectOption('530100');
  await admin.page.getByRole('button', { name: '创建账号' }).click();
  await admin.page.getByRole('status', { name: '一次性密码' }).filter({ hasText: 'shenhe_kmc' }).waitFor();
  const reviewerOneTime = await oneTimeShown(admin.page);

  // The operator: first sign-in, then the fleet page.
  const office = await open();
  await firstSignIn(office.page, 'qiye_cc', operatorOneTime, 'Chuncheng2026ops', '/enterprise', '企业工作台');
  await office.page.getByRole('link', { name: '车辆与驾驶员管理' }).click();
  await office.page.waitForURL(`${server.base}/enterprise/fleet`);
  await office.page.getByRole('heading', { name: '车辆与驾驶员管理' }).waitFor();

  // A GBK file with one bad row: the report names row 3 and its column; nothing is imported.
  const vehicleImport = office.page.getByRole('region', { name: '批量导入车辆' });
  await vehicleImport.getByLabel('CSV 文件').setInputFiles(gbkFile('vehicles-bad.csv', VEHICLES));
  await vehicleImport.getByRole('button', { name: '导入' }).click();
  await vehicleImport.getByRole('status').filter({ hasText: '未导入任何车辆' }).waitFor();
  const problems = vehicleImport.getByRole('table', { name: '导入错误' });
  const cells = await problems.locator('tbody tr').first().locator('td').allTextContents();
  assert.equal(cells[0], '3');
  assert.equal(cells[1], '车牌号码');
  assert.match(cells[2], /车牌号码/);
  await office.page.getByRole('region', { name: '车辆', exact: true }).getByText('尚未登记车辆').waitFor();
  await screenshot(office.page, 'onboarding-import-report');

  // Fixed, imported.
  await vehicleImport.getByLabel('CSV 文件').setInputFiles(gbkFile('vehicles.csv', VEHICLES.replace('BAD_PLATE', '云AD50002')));
  await vehicleImport.getByRole('button', { name: '导入' }).click();
  await vehicleImport.getByRole('status').filter({ hasText: '已导入：新增 2 条' }).waitFor();
  await office.page.locator('tr[data-plate="云AD50002"]').waitFor();

  const driverImport = office.page.getByRole('region', { name: '批量导入驾驶员' });
  await driverImport.getByLabel('CSV 文件').setInputFiles(gbkFile('drivers.csv', DRIVERS));
  await driverImport.getByRole('button', { name: '导入' }).click();
  await driverImport.getByRole('status').filter({ hasText: '已导入：新增 2 条' }).waitFor();
  const driverRow = office.page.locator('tr[data-driver="段志强"]');
  // The owning enterprise reads the full number.
  await driverRow.getByText('53010219850315123X').waitFor();

  // A driver account, its one-time password shown once.
  await driverRow.getByRole('button', { name: '为段志强开通驾驶员账号' }).click();
  const notice = office.page.getByRole('status', { name: '一次性密码' });
  await notice.waitFor();
  const driverUser = (await notice.innerText()).match(/账号 (\S+) 的一次性密码/)[1];
  const driverOneTime = await oneTimeShown(office.page);
  await driverRow.getByText(driverUser).waitFor();
  assert.deepEqual(await unlabelled(office.page), []);
  await screenshot(office.page, 'onboarding-fleet');

  // The trip: the imported bus and driver, Kunming → Chengdu, next week.
  await office.page.goto(`${server.base}/enterprise`);
  await office.page.getByRole('heading', { name: '企业工作台' }).waitFor();
  await office.page.locator('#vehicle_id option').nth(1).waitFor({ state: 'attached' });
  await office.page.getByLabel('车辆', { exact: true }).selectOption({ label: '云A50001（45 座）' });
  await office.page.getByLabel('段志强').check();
  await office.page.getByLabel('包车类型').selectOption({ label: '专项省际包车' });
  await office.page.getByLabel('起点（省）').selectOption('530000');
  await office.page.getByLabel('起点（州/市）').selectOption('530100');
  await office.page.getByLabel('讫点（省）').selectOption('510000');
  await office.page.getByLabel('讫点（州/市）').selectOption('510100');
  await office.page.getByLabel('出发时间（北京时间）').fill(cstLocal(7));
  await office.page.getByLabel('返程时间（北京时间）').fill(cstLocal(9));
  await office.page.getByLabel('单边行程（公里）').fill('750');
  await office.page.getByLabel('乘客人数').fill('40');
  await office.page.getByLabel('包车合同编号').fill('HT-2026-0001');
  await office.page.getByLabel('包车方').fill('昆明某旅行社');
  await office.page.getByRole('button', { name: '提交备案' }).click();
  const filed = office.page.getByRole('status').filter({ hasText: '已提交' });
  await filed.waitFor();
  assert.match(await filed.textContent(), /待人工审核/, 'a new enterprise has no automatic-review permission');
  const number = (await filed.textContent()).match(/YN-\d{8}-\d{4}/)[0];

  // The reviewer created by the administrator approves it.
  const desk = await open();
  await firstSignIn(desk.page, 'shenhe_kmc', reviewerOneTime, 'Kunming2026review', '/review', '审核工作台');
  const queued = desk.page.locator(`li[data-number="${number}"]`);
  await queued.getByRole('button', { name: `审核 ${number}` }).click();
  const dialog = desk.page.getByRole('dialog', { name: `审核备案 ${number}` });
  await dialog.getByRole('radio', { name: '审核通过' }).check();
  await dialog.getByRole('button', { name: '确认' }).click();
  await queued.waitFor({ state: 'detached' });

  // The enterprise issues the certificate.
  await office.page.goto(`${server.base}/enterprise/plates`);
  const entry = office.page.getByRole('article', { name: `备案 ${number}` });
  await entry.getByRole('button', { name: '下发电子凭证' }).click();
  const issued = office.page.getByRole('status').filter({ hasText: '下发成功' });
  await issued.waitFor();
  const certificate = (await issued.innerText()).match(/BC53\d+/)[0];

  // The driver, with the account the enterprise gave, receives it.
  const phone = await open({ width: 360, height: 740 });
  await firstSignIn(phone.page, driverUser, driverOneTime, 'Duanzq2026drive', '/driver', '待接收包车任务');
  const task = phone.page.getByRole('article', { name: `包车任务 ${certificate}` });
  await task.getByRole('button', { name: '确认接收' }).click();
  const card = phone.page.getByRole('article', { name: '省际包车电子凭证' });
  await card.getByRole('img', { name: '凭证二维码' }).locator('svg').waitFor();
  assert.equal(await card.getAttribute('data-number'), certificate);
  await screenshot(phone.page, 'onboarding-driver-certificate');

  for (const [name, who] of Object.entries({ admin, office, desk, phone })) {
    assert.deepEqual(who.errors, [], name);
    await who.context.close();
  }
});
