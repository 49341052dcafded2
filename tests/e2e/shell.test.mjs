// The app shell: title, log-in per role, each role's area, 404, phone width, no console errors.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, launchBrowser, screenshot, shellStored, signIn, startServer, takeCspViolations, watchErrors } from './harness.mjs';

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

const ROLES = [
  { username: 'qiye_km', home: '/enterprise', heading: '企业工作台' },
  { username: 'shenhe_km', home: '/review', heading: '审核工作台' },
  { username: 'admin', home: '/admin', heading: '管理工作台' },
  { username: 'driver_km1', home: '/driver', heading: '驾驶员' },
  { username: 'zhifa', home: '/verify', heading: '扫码核验' },
];

test('the start page says what the system is, in Chinese, at phone width', async () => {
  const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  const errors = watchErrors(page);
  await page.goto(`${server.base}/`);
  assert.equal(await page.title(), '省际包车电子凭证');
  await page.getByRole('heading', { name: '省际包车电子凭证' }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than a 360px phone`);
  const path = await screenshot(page, 'home-360');
  console.log(`screenshot: ${path}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('pages are served under the Content-Security-Policy, and the harness notices a violation', async () => {
  const page = await browser.newPage();
  const response = await page.goto(`${server.base}/login`);
  const csp = response.headers()['content-security-policy'];
  console.log(`Content-Security-Policy: ${csp}`);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(response.headers()['x-frame-options'], 'DENY');
  assert.equal(response.headers()['permissions-policy'].includes('camera=()'), true);
  // The app ran under it: the wasm rendered the form.
  await page.getByLabel('用户名').waitFor();
  assert.deepEqual(takeCspViolations(), []);
  // An injected inline script is refused, and the hook that fails every journey sees it.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true;';
    document.head.append(script);
  });
  assert.equal(await page.evaluate(() => window.injected), undefined);
  // The report reaches the harness asynchronously: give it up to 200 frames.
  const seen = [];
  for (let frame = 0; frame < 200 && seen.length === 0; frame += 1) {
    seen.push(...takeCspViolations());
    if (seen.length === 0) await page.evaluate(() => new Promise((ok) => requestAnimationFrame(ok)));
  }
  assert.match(seen.join('\n'), /script-src/);
  await page.close();
});

for (const role of ROLES) {
  test(`${role.username} signs in and reaches ${role.home}`, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signIn(page, server.base, role.username, role.home);
    await page.getByRole('heading', { name: role.heading }).waitFor();
    // The navigation offers the signed-in role's own area.
    const nav = page.getByRole('navigation', { name: '主导航' });
    // The heading can show before the page has heard who is signed in: wait for the nav to know.
    await nav.locator(`a[href="${role.home}"]`).first().waitFor();
    assert.equal(await nav.getByRole('link').first().getAttribute('href'), role.home);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(`${server.base}/login`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('signing out everywhere ends the session on the other device too', async () => {
  const office = await browser.newContext();
  const phone = await browser.newContext();
  const desk = await office.newPage();
  const mobile = await phone.newPage();
  const deskErrors = watchErrors(desk);
  await signIn(desk, server.base, 'shenhe_km', '/review');
  await signIn(mobile, server.base, 'shenhe_km', '/review');
  // The phone's open page may be refused (401) while it refreshes: a new page of the same
  // browser context (same cookie) is what the person opens next.
  await mobile.close();
  const again = await phone.newPage();
  const againErrors = watchErrors(again);
  await desk.getByRole('button', { name: '退出所有设备' }).click();
  await desk.waitForURL(`${server.base}/login`);
  await again.goto(`${server.base}/review`);
  await again.getByText('请先登录').waitFor();
  assert.deepEqual([deskErrors, againErrors], [[], []]);
  await office.close();
  await phone.close();
});

test('a role area asks strangers to sign in, and other roles are turned away', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchErrors(page);
  for (const area of ['/enterprise', '/review', '/admin', '/driver']) {
    await page.goto(`${server.base}${area}`);
    await page.getByText('请先登录').waitFor();
  }
  await signIn(page, server.base, 'driver_km1', '/driver');
  await page.goto(`${server.base}/review`);
  await page.getByText('此页面供审核人员使用').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a wrong password is refused with a Chinese message', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.base}/login`);
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill('wrong');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/login');
  await page.close();
});

test('an unknown address shows the 404 page on a desktop', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = watchErrors(page);
  await page.goto(`${server.base}/no/such/page`);
  await page.getByRole('heading', { name: '页面不存在' }).waitFor();
  await screenshot(page, 'not-found-desktop');
  assert.deepEqual(errors, []);
  await page.close();
});

test("signing out forgets the driver's offline certificate on this phone", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, server.base, 'driver_km1', '/driver');
  const key = 'charterpass.driver.certificate.v1';
  await page.evaluate((k) => localStorage.setItem(k, '{}'), key);
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.waitForURL(`${server.base}/login`);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), null);
  await context.close();
});

test('a phone loads only its own bundle, and a stranger signs in on the spot', async () => {
  const phones = [
    { path: '/driver', folder: '/bundles/driver/', username: 'driver_km1', heading: '驾驶员' },
    { path: '/verify', folder: '/bundles/inspector/', username: 'zhifa', heading: '扫码核验' },
  ];
  for (const phone of phones) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const wasm = [];
    context.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.endsWith('.wasm')) wasm.push(path);
    });
    await page.goto(`${server.base}${phone.path}`);
    await page.getByRole('heading', { name: phone.heading }).or(page.getByText('请先登录')).first().waitFor();
    if (phone.path === '/driver') {
      await page.getByText('请先登录').waitFor();
      await page.getByLabel('用户名').fill(phone.username);
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByRole('heading', { name: phone.heading }).waitFor();
      assert.equal(new URL(page.url()).pathname, phone.path);
    }
    await shellStored(page, phone.path);
    assert.ok(wasm.length > 0, 'no wasm was loaded');
    assert.deepEqual(wasm.filter((path) => !path.startsWith(phone.folder)), [], `${phone.path} loaded other bundles`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
