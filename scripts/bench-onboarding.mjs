// Figures for scripts/bench-onboarding.sh, against a running charterpass with the demo data
// (loopback only): the enterprise list with 500 enterprises and a CSV import of 2,000 vehicles.
// Nothing here passes or fails on speed.
//
//   node scripts/bench-onboarding.mjs http://127.0.0.1:PORT [dist folder, to time the page too]
const [base, dist] = process.argv.slice(2);
if (!/^http:\/\/(127\.0\.0\.1|\[::1\]|localhost):\d+$/.test(base ?? '')) {
  console.error('usage: node scripts/bench-onboarding.mjs http://127.0.0.1:PORT [dist]  (loopback only)');
  process.exit(2);
}
const api = `${base}/api/v1`;

async function signIn(username) {
  const response = await fetch(`${api}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Demo@2024' }),
  });
  if (response.status !== 200) throw new Error(`sign-in ${username}: ${response.status}`);
  return response.headers.get('set-cookie').split(';')[0];
}

async function timed(run) {
  const start = performance.now();
  const result = await run();
  return [performance.now() - start, result];
}

async function upload(path, cookie, text) {
  const response = await fetch(`${api}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', cookie },
    body: Buffer.from(text, 'utf8'),
  });
  const report = await response.json();
  if (response.status !== 200 || !report.imported) throw new Error(`${path}: ${response.status} ${JSON.stringify(report).slice(0, 300)}`);
  return report;
}

/** A valid credit code (GB 32100) from its first 17 characters. */
function creditCode(first17) {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((s, c, i) => s + alphabet.indexOf(c) * weights[i], 0);
  return first17 + alphabet[(31 - (sum % 31)) % 31];
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const ms = (v) => v.toFixed(1);
const admin = await signIn('admin');
const prefectures = ['530100', '530300', '530400', '530500', '530600', '530700', '530800', '530900', '532300', '532500', '532600', '532800', '532900', '533100', '533300', '533400'];
let enterprises = '企业名称,统一社会信用代码,所在州市,道路运输经营许可证号,经营许可证有效期至\r\n';
for (let i = 0; i < 497; i += 1) {
  const code = creditCode(`91530100MA6B${String(i).padStart(5, '0')}`);
  enterprises += `压测第${i}旅游客运有限公司,${code},${prefectures[i % 16]},滇交运管许可字${i},2030-12-31\r\n`;
}
const [importEnterprises, report] = await timed(() => upload('/enterprises/import', admin, enterprises));
console.log(`| figure | value |`);
console.log(`| --- | ---: |`);
console.log(`| import 497 enterprises (CSV, one transaction; 500 with the demo's 3) | ${ms(importEnterprises)} ms (${report.created} created) |`);

async function list(query) {
  const times = [];
  let total = 0;
  for (let i = 0; i < 50; i += 1) {
    const [t, body] = await timed(async () => (await fetch(`${api}/enterprises?${query}`, { headers: { cookie: admin } })).json());
    times.push(t);
    total = body.total;
  }
  return [median(times), Math.max(...times), total];
}
for (const [label, query] of [
  ['GET /enterprises page 1 (20 rows)', 'page=1&per_page=20'],
  ['GET /enterprises page 25 (last)', 'page=25&per_page=20'],
  ['GET /enterprises?q=第42 (name search)', `q=${encodeURIComponent('第42')}`],
  ['GET /enterprises?q=91530100MA6B004 (credit-code search)', 'q=91530100MA6B004'],
]) {
  const [p50, max, total] = await list(query);
  console.log(`| ${label}, of ${total}: median / max of 50 | ${ms(p50)} / ${ms(max)} ms |`);
}

if (dist && dist !== '/nonexistent') {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext();
  const [name, value] = admin.split('=');
  await context.addCookies([{ name, value, url: base }]);
  const page = await context.newPage();
  const times = [];
  for (let i = 0; i < 5; i += 1) {
    const start = performance.now();
    await page.goto(`${base}/admin/enterprises`);
    await page.getByRole('table', { name: '企业列表' }).locator('tbody tr').first().waitFor();
    times.push(performance.now() - start);
  }
  console.log(`| /admin/enterprises in Chromium, navigation to the first rows shown: median / max of 5 | ${ms(median(times))} / ${ms(Math.max(...times))} ms |`);
  await browser.close();
}

const operator = await signIn('qiye_km');
let vehicles = '车牌号码,核定座位数,车辆类型,车辆类型等级,道路运输证号,道路运输证有效期至\r\n';
const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
for (let i = 0; i < 2000; i += 1) {
  const plate = `云${letters[Math.floor(i / 1000) + 2]}${String(90000 + (i % 1000) + Math.floor(i / 1000)).padStart(5, '0')}`;
  vehicles += `${plate},45,大型客车,高一级,5301${String(i).padStart(8, '0')},2030-12-31\r\n`;
}
const [first, created] = await timed(() => upload('/fleet/vehicles/import', operator, vehicles));
console.log(`| import 2,000 vehicles (CSV ${(Buffer.byteLength(vehicles) / 1024).toFixed(0)} KiB, new) | ${ms(first)} ms (${created.created} created) |`);
const [again, same] = await timed(() => upload('/fleet/vehicles/import', operator, vehicles));
console.log(`| import the same 2,000 vehicles again (all unchanged) | ${ms(again)} ms (${same.unchanged} unchanged, ${same.created} created) |`);
