import { defineConfig, devices } from '@playwright/test';

// The Makefile's `e2e` target picks a free loopback port, a fresh database and the release
// server binary; Playwright starts the server and waits until it answers before any test runs.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: './tests',
  // Room for a staff sign-in that waits for the next authenticator code (staff-helpers.ts).
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumFlags },
  },
  projects: [
    { name: 'phone', use: { ...devices['Pixel 7'], launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumFlags } } },
    // A street-centre kiosk: portrait touch screen, in kiosk mode (the device setting cookie).
    {
      name: 'kiosk',
      use: {
        viewport: { width: 1080, height: 1920 },
        hasTouch: true,
        storageState: {
          cookies: [{ name: 'kiosk', value: '1', domain: '127.0.0.1', path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Lax' }],
          origins: [],
        },
      },
    },
  ],
  webServer: {
    // With E2E_LOG the server's whole log goes to that file, which scripts/pii-scan.sh reads.
    command: process.env.E2E_LOG
      ? `sh -c 'exec "${process.env.E2E_SERVER ?? '../target/release/server'}" >>"${process.env.E2E_LOG}" 2>&1'`
      : process.env.E2E_SERVER ?? '../target/release/server',
    url: `${baseURL}/readyz`,
    // Room for a staff sign-in that waits for the next authenticator code (staff-helpers.ts).
  timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      ADDR: `127.0.0.1:${port}`,
      // The development mode `make run` has: demo staff, the sandbox gateway, the outbox.
      PRODUCTION: 'false',
      // Every test signs staff in from this one address.
      STAFF_SIGNIN_ATTEMPTS_PER_CLIENT: '1000',
      // The whole suite signs the demo admin in more often than a person would in 15 minutes.
      STAFF_SIGNIN_ATTEMPTS_PER_USERNAME: '1000',
      CLIENT_WRITES_PER_HOUR: '100000',
      DATABASE_URL: process.env.E2E_DB ?? 'sqlite://../data/e2e.db',
      KIOSK_IDLE_SECONDS: '8',
      KIOSK_WARN_SECONDS: '3',
      LOG_FORMAT: 'json',
      OTP_RESEND_SECONDS: '1',
      LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT ?? '../target/site',
    },
  },
});
