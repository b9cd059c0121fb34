import { test, expect } from '@playwright/test';
import { waitForHydration } from './helpers';
import { phoneNumber, signIn, masked } from './resident-helpers';
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

// Issue 17, L8: the offline copy of the check is a signed-out one, whoever was signed in when
// the service worker cached it.
test('the cached check page holds nothing of the signed-in resident', async ({ page }, info) => {
  test.skip(info.project.name !== 'phone', 'phones go offline; kiosks are wired');
  const phone = phoneNumber();
  await signIn(page, phone);
  await page.goto('/check');
  await waitForHydration(page);
  const signedInPage = await page.content();
  const cached = await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    for (let i = 0; i < 50; i++) {
      const hit = await caches.match('/check');
      if (hit) {
        // Let a refresh after this visit land too.
        await new Promise((r) => setTimeout(r, 500));
        return (await caches.match('/check'))!.text();
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('/check not cached');
  });
  expect(cached).toContain('</html>');
  expect(cached, 'the cached page has no trace of the sign-in').not.toContain(masked(phone));
  // The live page was signed in (so the test would notice a signed-in copy).
  expect(signedInPage).toContain(masked(phone));
});
