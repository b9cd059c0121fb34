import { test, expect } from '@playwright/test';
import { parse } from 'smol-toml';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { waitForHydration } from './helpers';

type Case = { name: string; date: string; household: unknown };

function goldenCases(): Case[] {
  const dir = join(__dirname, '..', '..', 'policy', 'golden');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.toml'))
    .flatMap((f) => (parse(readFileSync(join(dir, f), 'utf8')) as { case: Case[] }).case);
}

test('the engine in the browser and the API give the same results for every golden case', async ({ page, request }, info) => {
  test.skip(info.project.name !== 'phone', 'one run is enough: the wasm is the same on every viewport');
  const cases = goldenCases();
  expect(cases.length).toBeGreaterThanOrEqual(80);
  await page.goto('/check');
  await waitForHydration(page);
  for (const c of cases) {
    const api = await request.post('/api/v1/eligibility/check', { data: { household: c.household, date: c.date } });
    const inBrowser = JSON.parse(
      await page.evaluate(
        ([h, d]) => import('/pkg/dongxihu.js').then((m: any) => m.evaluate_household(h, d)),
        [JSON.stringify(c.household), c.date],
      ),
    );
    if (api.status() === 200) {
      expect(inBrowser.results, c.name).toEqual((await api.json()).results);
    } else {
      expect(api.status(), c.name).toBe(422);
      const fields = (await api.json()).fields.map((f: { field: string }) => f.field).sort();
      expect(inBrowser.errors.map((e: { field: string }) => e.field).sort(), c.name).toEqual(fields);
    }
  }
});
