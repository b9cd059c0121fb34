import { test, expect } from '@playwright/test';
import { waitForHydration } from './helpers';
import { commonCase, expectDibaoLikely, walkToResults } from './check-helpers';

test('after one visit the check works offline on a phone', async ({ page, context }, info) => {
  test.skip(info.project.name !== 'phone', 'phones go offline; kiosks are wired');
  await page.goto('/check');
  await waitForHydration(page);
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    // Wait until the precache holds the wasm.
    for (let i = 0; i < 50; i++) {
      if (await caches.match('/pkg/dongxihu.wasm')) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('precache not filled: ' + reg.scope);
  });
  await context.setOffline(true);
  await page.reload();
  await waitForHydration(page);
  await walkToResults(page, commonCase);
  await expectDibaoLikely(page);
  await context.setOffline(false);
});
