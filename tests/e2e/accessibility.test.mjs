// Every role's pages pass an axe-core scan (npm axe-core, all rules axe runs by default): labels,
// names and roles, contrast, landmarks. Run on the real server with demo data, signed in as each
// role, after the page's data has loaded.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, ROOT, signIn, startServer } from './harness.mjs';

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Who signs in (null: nobody), where the sign-in lands, and the pages to scan. */
const ROLES = [
  { user: null, pages: ['/', '/login', '/verify', '/feedback', '/no-such-page'] },
  { user: 'qiye_km', home: '/enterprise', pages: ['/enterprise', '/enterprise/fleet', '/enterprise/plates'] },
  { user: 'shenhe_km', home: '/review', pages: ['/review'] },
  { user: 'driver_km1', home: '/driver', pages: ['/driver'] },
  { user: 'zhifa', home: '/verify', pages: ['/verify'] },
  {
    user: 'admin',
    home: '/admin',
    pages: [
      '/admin', '/admin/accounts', '/admin/enterprises', '/admin/adoption', '/admin/appeals', '/admin/feedback',
    ],
  },
];

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

/** The axe violations of the page at `path`, one line each: rule, impact, the elements. */
async function violations(page, path) {
  await page.goto(`${server.base}${path}`);
  await page.locator('h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => (await window.axe.run(document)).violations);
  return found.map((v) => `${path} ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.html).join(' | ')}`);
}

for (const role of ROLES) {
  test(`axe-core finds nothing on the pages of ${role.user ?? 'a visitor'}`, async () => {
    // The page's CSP forbids inline scripts, rightly; the scanner is injected by the test alone.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    if (role.user) await signIn(page, server.base, role.user, role.home);
    const found = [];
    for (const path of role.pages) found.push(...await violations(page, path));
    assert.deepEqual(found, []);
    await context.close();
  });
}
