// Load generator for scripts/bench-load.sh: against a running charterpass (loopback only), runs
// each scenario at increasing concurrency for a fixed number of requests and prints throughput
// and latency percentiles. Figures, not a test: nothing here passes or fails on speed.
//
//   node scripts/bench-load.mjs http://127.0.0.1:PORT [concurrency levels, default 1,4,16,64]
const base = process.argv[2];
const levels = (process.argv[3] ?? '1,4,16,64').split(',').map(Number);
if (!/^http:\/\/(127\.0\.0\.1|\[::1\]|localhost):\d+$/.test(base ?? '')) {
  console.error('usage: node scripts/bench-load.mjs http://127.0.0.1:PORT [levels]  (loopback only)');
  process.exit(2);
}
const api = `${base}/api/v1`;

async function call(method, path, body, cookie) {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

// Set-up: the enterprise's session, a filing body, and a real certificate number to look up.
const signIn = await call('POST', '/session', { username: 'qiye_km', password: 'Demo@2024' });
if (signIn.status !== 200) throw new Error(`sign-in: ${signIn.status} ${JSON.stringify(signIn.json)}`);
const cookie = signIn.headers.get('set-cookie').split(';')[0];
const vehicles = (await call('GET', '/vehicles', undefined, cookie)).json;
const drivers = (await call('GET', '/drivers', undefined, cookie)).json;
/** `days` from today at `time`, China Standard Time (the rules refuse a departure in the past). */
function cst(days, time) {
  const day = new Date(Date.now() + 8 * 3600e3 + days * 86400e3).toISOString().slice(0, 10);
  return `${day}T${time}+08:00`;
}
const filing = {
  vehicle_id: vehicles[0].id, driver_ids: [drivers[0].id], charter_kind: 'dedicated',
  origin: '530100', destination: '500100', waypoints: [],
  departure_at: cst(1, '08:00:00'), return_at: cst(3, '18:00:00'),
  one_way_km: 700, passengers: 30, contract_number: 'HT-BENCH-001', charterer: '压测旅行社',
};
let number = 'CP-BENCH-UNKNOWN';
{
  const draft = await call('POST', '/filings', filing, cookie);
  const submitted = await call('POST', `/filings/${draft.json.id}/submit`, {}, cookie);
  if (submitted.json?.status === 'pending_review') {
    // Not every filing is approved automatically: 昆明's reviewer approves it.
    const reviewer = await call('POST', '/session', { username: 'shenhe_km', password: 'Demo@2024' });
    const session = reviewer.headers.get('set-cookie').split(';')[0];
    await call('POST', `/filings/${draft.json.id}/decision`, { decision: 'approve' }, session);
  }
  const issued = await call('POST', `/filings/${draft.json.id}/certificate`, {}, cookie);
  if (issued.status < 300 && issued.json?.number) number = issued.json.number;
  else console.error(`note: no certificate issued (${submitted.status} ${submitted.json?.status}/${issued.status} ${issued.json?.message}); looking up an unknown number`);
}

const scenarios = [
  { name: 'GET /api/v1/health (ceiling)', requests: 4000, run: () => call('GET', '/health') },
  { name: `GET /api/v1/certificates/{number}/status`, requests: 4000, run: () => call('GET', `/certificates/${number}/status`) },
  { name: 'POST /api/v1/filings (draft)', requests: 1000, run: () => call('POST', '/filings', filing, cookie), ok: 201 },
];

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

console.log(`| scenario | concurrency | requests | errors | req/s | p50 ms | p99 ms |`);
console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: |`);
for (const scenario of scenarios) {
  for (const concurrency of levels) {
    const latencies = [];
    let errors = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < scenario.requests) {
        next += 1;
        const t0 = performance.now();
        const { status } = await scenario.run();
        latencies.push(performance.now() - t0);
        if (status !== (scenario.ok ?? 200)) errors += 1;
      }
    }));
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(`| ${scenario.name} | ${concurrency} | ${latencies.length} | ${errors} | ${(latencies.length / seconds).toFixed(0)} | ${percentile(latencies, 50).toFixed(2)} | ${percentile(latencies, 99).toFixed(2)} |`);
  }
}
