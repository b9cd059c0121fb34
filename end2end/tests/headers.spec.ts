import { test, expect, APIResponse, Response } from '@playwright/test';
import { waitForHydration } from './helpers';

// Every response the browser gets carries the security headers — pages, wasm, scripts, styles,
// API answers and error answers alike — and pages are never stored.

const pages = ['/', '/check', '/charity', '/funeral', '/volunteer', '/cases', '/timebank/totals',
  '/open-data', '/policy/parameters', '/signin', '/staff/signin', '/verify', '/no-such-page'];

type Headers = Record<string, string>;

function expectSecurityHeaders(url: string, h: Headers) {
  const where = `headers of ${url}`;
  expect(h['x-content-type-options'], where).toBe('nosniff');
  expect(h['x-frame-options'], where).toBe('DENY');
  expect(h['referrer-policy'], where).toBe('no-referrer');
  expect(h['cross-origin-opener-policy'], where).toBe('same-origin');
  expect(h['permissions-policy'], where).toContain('geolocation=()');
  expect(h['content-security-policy'], where).toContain("frame-ancestors 'none'");
  expect(h['content-security-policy'], where).toContain("object-src 'none'");
  expect(h['x-request-id'], where).toMatch(/^[0-9a-f-]{36}$/);
  const type = h['content-type'] ?? '';
  if (type.startsWith('text/html') || type.startsWith('application/json')) {
    expect(h['cache-control'], where).toBe('no-store');
  }
}

test('every response a browser gets while visiting the pages carries the security headers', async ({ page }) => {
  const seen: { url: string; headers: Promise<Headers> }[] = [];
  page.on('response', (r: Response) => {
    const headers = r.allHeaders();
    // A response that comes in after the checks below (a late chunk) is never awaited; when the
    // page closes its promise rejects, and unhandled that would end the worker, not the test.
    headers.catch(() => undefined);
    seen.push({ url: r.url(), headers });
  });
  for (const path of pages) {
    await page.goto(path);
    if (path === '/') await waitForHydration(page);
  }
  const kinds = new Set<string>();
  for (const { url, headers } of seen) {
    const h = await headers;
    expectSecurityHeaders(url, h);
    kinds.add((h['content-type'] ?? '').split(';')[0]);
  }
  // The walk saw pages, the wasm, its script and the style sheet, not just one kind.
  for (const kind of ['text/html', 'application/wasm', 'text/javascript', 'text/css']) {
    expect([...kinds], `a ${kind} response was checked`).toContain(kind);
  }
  expect(seen.length).toBeGreaterThan(pages.length * 2);
});

test('API answers, errors included, carry the security headers', async ({ request }) => {
  const checks: [string, Promise<APIResponse>, number][] = [
    ['GET /readyz', request.get('/readyz'), 200],
    ['GET /api/v1/openapi.json', request.get('/api/v1/openapi.json'), 200],
    ['GET /api/v1/policy/programs', request.get('/api/v1/policy/programs'), 200],
    ['GET /api/v1/no-such-thing', request.get('/api/v1/no-such-thing'), 404],
    ['GET /api/v1/cases (no session)', request.get('/api/v1/cases'), 401],
    ['POST /api/v1/eligibility/check (bad)', request.post('/api/v1/eligibility/check', { data: { household: 1 } }), 400],
    ['POST /api/v1/eligibility/check (100 KB)', request.post('/api/v1/eligibility/check', {
      headers: { 'content-type': 'application/json' }, data: JSON.stringify({ pad: 'x'.repeat(100 * 1024) }),
    }), 413],
  ];
  for (const [what, pending, status] of checks) {
    const res = await pending;
    expect(res.status(), what).toBe(status);
    expectSecurityHeaders(what, res.headers());
    if (status >= 400) {
      const body = await res.json();
      expect(body.message.zh, `${what}: a Chinese message`).toBeTruthy();
      expect(body.message.en, `${what}: an English message`).toBeTruthy();
    }
  }
});

// The wasm, its script and the style sheet go out as the build compressed them at the strongest
// levels (a file with a length), not compressed on the fly at a weaker level (chunked). Files under
// 1 KB (small split chunks) go out as they are.
test('the wasm and its script are sent precompressed to browsers that accept brotli or gzip', async ({ page, baseURL }) => {
  const files = new Set<string>();
  page.on('response', (r: Response) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/pkg/') && /\.(wasm|js|css)$/.test(path)) files.add(path);
  });
  await page.goto('/check');
  await waitForHydration(page);
  expect([...files].filter((f) => f.endsWith('.wasm')).length, 'the page loaded wasm').toBeGreaterThan(0);
  let checked = 0;
  for (const path of files) {
    const plain = await rawGet(baseURL + path, 'identity');
    expect(plain.encoding, `${path} without compression`).toBeUndefined();
    if (plain.bytes < 1024) continue;
    checked += 1;
    for (const encoding of ['br', 'gzip']) {
      const packed = await rawGet(baseURL + path, encoding);
      expect(packed.encoding, `${path} as ${encoding}`).toBe(encoding);
      expect(packed.length, `${path} as ${encoding} has a length`).toBeDefined();
      expect(packed.bytes, `${path} as ${encoding}: the length sent`).toBe(packed.length);
      // Small chunks shrink a little, the wasm to well under half.
      expect(packed.bytes, `${path} as ${encoding} is smaller`).toBeLessThan(plain.bytes * (plain.bytes > 100_000 ? 0.5 : 1));
      expectSecurityHeaders(`${path} as ${encoding}`, packed.headers);
    }
  }
  expect(checked, 'the main wasm, its script and the style sheet at least').toBeGreaterThanOrEqual(3);
});

async function rawGet(url: string, encoding: string) {
  const http = await import('node:http');
  return new Promise<{ encoding?: string; length?: number; bytes: number; headers: Headers }>((resolve, reject) => {
    http.get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => { bytes += chunk.length; });
      res.on('end', () => resolve({
        encoding: res.headers['content-encoding'],
        length: res.headers['content-length'] === undefined ? undefined : Number(res.headers['content-length']),
        bytes,
        headers: res.headers as Headers,
      }));
    }).on('error', reject);
  });
}
