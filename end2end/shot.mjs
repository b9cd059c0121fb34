import { chromium } from '@playwright/test';
const base = process.argv[2];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const [name, vp, kiosk] of [['phone', { width: 412, height: 915 }, false], ['kiosk', { width: 1080, height: 1920 }, true]]) {
  const ctx = await browser.newContext({ viewport: vp });
  if (kiosk) await ctx.addCookies([{ name: 'kiosk', value: '1', url: base }]);
  const page = await ctx.newPage();
  await page.goto(base + '/kiosk');
  await page.screenshot({ path: `/tmp/shots/kiosk-page-${name}.png` });
  await page.goto(base + '/charity/receipts/check?number=JZ202600000001&code=ABCDEFGH');
  await page.screenshot({ path: `/tmp/shots/receipt-check-${name}.png` });
  await ctx.close();
}
await browser.close();
