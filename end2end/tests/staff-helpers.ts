import { Page } from '@playwright/test';
import { createHmac } from 'crypto';

// Demo staff seeded in development (see README): fixed secrets so the tests can compute codes.
export const ADMIN = { username: 'admin', password: 'Dongxihu-Admin-2026', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' };
export const CASEWORKER = { username: 'wjs-caseworker', password: 'Wujiashan-Case-2026', secret: 'KRSXG5DTMVRXEZLUKRSXG5DTMVRXEZLU' };

function base32(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** RFC 6238 TOTP, as an authenticator app computes it. */
export function totp(secret: string, at = Date.now()): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const h = createHmac('sha1', base32(secret)).update(counter).digest();
  const o = h[19] & 0x0f;
  const bin = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
  return String(bin % 1_000_000).padStart(6, '0');
}

/**
 * Signs in. An authenticator code signs in once (RFC 6238 §5.2): when another test signed the
 * same member in with this code, the page says so, and a person waits for the next code — so
 * does this helper, when it knows the member's secret.
 */
export async function staffSignIn(page: Page, who: { username: string; password: string; secret?: string }, code: string) {
  const attempt = async (c: string) => {
    await page.goto('/staff/signin');
    await page.getByTestId('username').fill(who.username);
    await page.getByTestId('password').fill(who.password);
    await page.getByTestId('totp').fill(c);
    await page.getByTestId('staff-sign-in').click();
    // The answer: the desk (signed in) or the form again with its error summary.
    await page.locator('[data-testid="staff-role"], [data-testid="error-summary"]').first().waitFor({ timeout: 15_000 }).catch(() => {});
  };
  await attempt(code);
  // A code signs in once. Another test signed this member in with it: the server also takes the
  // code of the next 30 seconds (the usual ±1 step of clock drift), so try that at once; when
  // that was used too, wait for the step after.
  for (let tries = 0; tries < 4 && who.secret; tries++) {
    const used = page.getByTestId('error-summary').filter({ hasText: '已经用过' });
    if ((await used.count()) === 0) return;
    if (tries % 2 === 1) {
      const next = (Math.floor(Date.now() / 30_000) + 1) * 30_000;
      await page.waitForTimeout(next - Date.now() + 200);
    }
    await attempt(totp(who.secret, Date.now() + 30_000));
  }
}

/** A member enrols with their one-time code at /staff/enrol: their own password and the
 *  authenticator the page shows them; signed in afterwards. Returns the authenticator secret. */
export async function enrolStaff(page: Page, username: string, code: string, password: string): Promise<string> {
  await page.goto('/staff/enrol');
  await page.getByTestId('username').fill(username);
  await page.getByTestId('enrol_code').fill(code);
  await page.getByTestId('enrol-start').click();
  const secret = (await page.getByTestId('enrolment-secret').textContent())!.trim();
  await page.getByTestId('password').fill(password);
  await page.getByTestId('totp_code').fill(totp(secret));
  await page.getByTestId('enrol-finish').click();
  await page.getByTestId('staff-role').waitFor();
  return secret;
}
