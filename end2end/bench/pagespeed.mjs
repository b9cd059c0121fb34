// Page speed on a slow phone: Chromium with a slow-4G network (1.6 Mbit/s down, 750 kbit/s up,
// 150 ms latency) and 4x CPU slowdown. For each page, on a cold cache: first contentful paint,
// the moment the page is hydrated (the `hydrated` performance mark the wasm sets), the bytes on
// the wire, and which wasm and JavaScript files the page loaded. Prints one JSON document.
//
//   node end2end/bench/pagespeed.mjs http://127.0.0.1:PORT /check / /charity ...
import { chromium } from '@playwright/test';

const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0) {
  console.error('usage: pagespeed.mjs BASE_URL PATH...');
  process.exit(2);
}
const NETWORK = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };
const CPU_SLOWDOWN = 4;
const RUNS = Number(process.env.PAGESPEED_RUNS || 3);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});

async function measure(path) {
  // A fresh context per run: nothing cached, as for a first visit.
  const context = await browser.newContext({ viewport: { width: 412, height: 915 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  let bytes = 0;
  const urls = new Map();
  cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base + path, { waitUntil: 'load', timeout: 120_000 });
  await page.waitForFunction(() => performance.getEntriesByName('hydrated').length > 0, null, { timeout: 120_000 });
  const timing = await page.evaluate(() => ({
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    hydrated: performance.getEntriesByName('hydrated')[0].startTime,
  }));
  // Let late responses finish counting.
  await page.waitForTimeout(300);
  const files = [...new Set([...urls.values()].map((u) => new URL(u).pathname))]
    .filter((p) => p.endsWith('.wasm') || p.endsWith('.js'));
  await context.close();
  return { ...timing, bytes, files, errors };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pages = [];
for (const path of paths) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measure(path));
  pages.push({
    path,
    fcp_ms: Math.round(median(runs.map((r) => r.fcp))),
    hydrated_ms: Math.round(median(runs.map((r) => r.hydrated))),
    bytes: median(runs.map((r) => r.bytes)),
    files: runs[0].files,
    errors: runs.flatMap((r) => r.errors),
  });
}
await browser.close();
console.log(JSON.stringify({ network: NETWORK, cpu_slowdown: CPU_SLOWDOWN, runs: RUNS, pages }, null, 2));
