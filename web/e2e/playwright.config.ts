import { defineConfig } from '@playwright/test';

/** Specs that touch neither the first demo patient nor the rota: the "clinic" project, beside "main". */
const CLINIC = [
  'admin.spec.ts',
  'alarm-profile.spec.ts',
  'auth.spec.ts',
  'devices.spec.ts',
  'mfa.spec.ts',
  'paging.spec.ts',
  'triage.spec.ts',
];

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
  // Two browsers at a time: one per project below, each project's specs one after the other in its own worker.
  workers: 2,
  reporter: [['list'], ['json', { outputFile: process.env.FAJMA_E2E_JSON ?? '../test-results/e2e.json' }]],
  // The specs share the demo clinic, so they run in two projects side by side, split by the demo state they touch:
  // "main" holds every spec on the first demo patient (patient@fajma.demo's record, its monitor's episodes, its alerts,
  // consultations, followers) and the rota (it changes who is paged); "clinic" holds the rest (the last demo patient's
  // alarm profile and paging, a calm patient's triage, accounts, devices). A demo device plays one episode at a time, so
  // two specs starting episodes on one patient must never overlap. The rolling restart restarts both nodes of the
  // cluster: it runs alone, after every other spec (./test.sh runs `--project=main --project=clinic`, then
  // `--project=rolling-restart --no-deps`).
  projects: [
    { name: 'main', testIgnore: [...CLINIC, 'rolling-restart.spec.ts', 'mfa-required.spec.ts'], workers: 1 },
    { name: 'clinic', testMatch: CLINIC, workers: 1 },
    // Against a demo of its own that requires doctors' second factor (--Auth:RequireMfaFor:0=Doctor; test.sh starts it).
    { name: 'mfa-required', testMatch: 'mfa-required.spec.ts' },
    { name: 'rolling-restart', testMatch: 'rolling-restart.spec.ts', dependencies: ['main', 'clinic'] },
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
