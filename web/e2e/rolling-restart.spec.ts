import { exec } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { chat, connect, demoPatientId, expectLiveVideo, PATIENT, DOCTOR, schedule, signedIn, WEBRTC_ARGS } from './consultation-helpers';

/**
 * Issue 11: a rolling restart of both nodes during a consultation. Through nginx on the two-node cluster of ./test.sh,
 * which gives the commands that restart a node as an operator would (scripts/node.sh: SIGTERM, the node drains and
 * exits, the same command again, /health/ready): node B, then node A (the demo, whose simulated devices publish). The
 * call, the chat and the live vital signs must resume by themselves, without a reload. Runs alone, after every other
 * spec (its own Playwright project).
 */
test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: WEBRTC_ARGS } });

const restartA = process.env.FAJMA_NODE_RESTART_A;
const restartB = process.env.FAJMA_NODE_RESTART_B;
/** Generous: two shared cores, a cluster starting again, other processes busy. */
const RESUME_MS = 90_000;

async function restart(command: string, name: string): Promise<number> {
  const t0 = Date.now();
  const { stdout } = await promisify(exec)(command, { timeout: 240_000 });
  const ms = Date.now() - t0;
  console.log(`node ${name} restarted: ${stdout.trim()} (${(ms / 1000).toFixed(1)} s in all)`);
  return ms;
}

/** The time of the heart rate reading the page shows, from the device's clock (ms), or 0 while none. */
const readingTime = (page: Page) =>
  page.getByTestId('live-vitals').getByTestId('vital-heart_rate').getAttribute('data-measured-at').then((v) => Number(v ?? 0));

test('a rolling restart of both nodes during a consultation: the call, chat and live vitals resume by themselves', async ({ browser, baseURL }) => {
  test.skip(!restartA || !restartB, 'needs FAJMA_NODE_RESTART_A and _B (./test.sh sets them for its two-node cluster)');
  test.setTimeout(600_000);
  const patient = await signedIn(browser, baseURL!, PATIENT);
  const doctor = await signedIn(browser, baseURL!, DOCTOR);
  try {
    const patientId = await demoPatientId(patient.page);
    const id = await schedule(doctor.page, patientId, 'Rolling restart of the cluster');
    await connect(doctor.page, patient.page, id);
    await expectLiveVideo(doctor.page);
    await expectLiveVideo(patient.page);
    const before = ['Before the restart: can you hear me?', 'Yes, loud and clear.'];
    await chat(doctor.page, patient.page, before[0]!);
    await chat(patient.page, doctor.page, before[1]!);
    await expect.poll(() => readingTime(doctor.page), { timeout: 30_000 }).toBeGreaterThan(0);
    const first = await readingTime(doctor.page);
    await expect.poll(() => readingTime(doctor.page), { timeout: 30_000 }).toBeGreaterThan(first);

    // The operator's rolling restart: B, then A, each waited for until ready.
    const msB = await restart(restartB!, 'B');
    const msA = await restart(restartA!, 'A');
    const ready = Date.now();
    const lastBefore = await readingTime(doctor.page);
    const since = (what: string) => {
      const s = ((Date.now() - ready) / 1000).toFixed(1);
      console.log(`${what}: ${s} s after node A was ready again`);
      test.info().annotations.push({ type: 'resumed', description: `${what}: ${s} s` });
    };
    test.info().annotations.push({ type: 'restart', description: `node B ${(msB / 1000).toFixed(1)} s, node A ${(msA / 1000).toFixed(1)} s` });

    // Live vitals move again on the doctor's screen: a reading taken after both restarts.
    await expect.poll(() => readingTime(doctor.page), { timeout: RESUME_MS, intervals: [500] }).toBeGreaterThan(Math.max(ready, lastBefore));
    since('live vitals');

    // The chat: a message sent now arrives on the other side, both ways.
    const after = ['After the restart: still there?', 'Still here.'];
    for (const [from, to, text] of [[doctor.page, patient.page, after[0]!], [patient.page, doctor.page, after[1]!]] as const) {
      await from.getByTestId('chat-input').fill(text);
      await from.getByTestId('chat-input').press('Enter');
      await expect(from.locator('[data-testid="chat-message"][data-status="sent"]', { hasText: text })).toHaveCount(1, { timeout: RESUME_MS });
      await expect(to.locator('[data-testid="chat-message"]', { hasText: text })).toHaveCount(1, { timeout: RESUME_MS });
    }
    since('chat both ways');

    // The call is connected (again, or still) with moving video both ways.
    for (const page of [doctor.page, patient.page]) {
      await expect(page.getByTestId('call-status')).toHaveAttribute('data-pc-state', 'connected', { timeout: RESUME_MS });
      const video = page.getByTestId('remote-video');
      await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: RESUME_MS }).toBeGreaterThan(0);
      const t1 = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
      await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: RESUME_MS }).toBeGreaterThan(t1 + 0.3);
    }
    since('call');

    // Every message once on each side, those from before the restarts included: no duplicate from the resync.
    for (const page of [doctor.page, patient.page]) {
      await expect(page.getByTestId('room')).toHaveAttribute('data-state', 'active');
      for (const text of [...before, ...after]) await expect(page.locator('[data-testid="chat-message"]', { hasText: text })).toHaveCount(1);
      await expect(page.getByTestId('chat-message')).toHaveCount(4);
      await expect(page.getByTestId('room-hub-status')).toHaveCount(0, { timeout: RESUME_MS }); // the hub says connected
    }

    await doctor.page.getByTestId('action-end').click();
    await doctor.page.getByTestId('end-confirm').click();
    await expect(doctor.page.getByTestId('room-finished')).toBeVisible();
    await expect(patient.page.getByTestId('room-finished')).toBeVisible();
  } finally {
    await doctor.context.close();
    await patient.context.close();
  }
});
