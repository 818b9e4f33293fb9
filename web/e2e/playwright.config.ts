import { defineConfig } from '@playwright/test';

/**
 * Browser tests against a running Fajma server (this config does not start one; the test
 * harness does, e.g. `fajma demo`). FAJMA_URL overrides the default http://127.0.0.1:5000.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../test-results/e2e-artifacts',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  retries: 0,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: process.env.FAJMA_E2E_JSON ?? '../test-results/e2e.json' }]],
  // The rolling restart restarts both nodes of the cluster: it runs alone, after every other spec (./test.sh runs the
  // two projects one after the other, `--project=main` then `--project=rolling-restart --no-deps`).
  projects: [
    { name: 'main', testIgnore: ['rolling-restart.spec.ts', 'mfa-required.spec.ts'] },
    // Against a demo of its own that requires doctors' second factor (--Auth:RequireMfaFor:0=Doctor; test.sh starts it).
    { name: 'mfa-required', testMatch: 'mfa-required.spec.ts' },
    { name: 'rolling-restart', testMatch: 'rolling-restart.spec.ts', dependencies: ['main'] },
  ],
  use: {
    baseURL: process.env.FAJMA_URL ?? 'http://127.0.0.1:5000',
    viewport: { width: 1440, height: 900 },
    locale: 'en-US',
    timezoneId: 'Europe/Paris',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
      ],
    },
  },
});
