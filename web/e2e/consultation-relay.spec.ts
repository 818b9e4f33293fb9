import { expect, test, type BrowserContext } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { DEMO_PASSWORD } from './login';
import { connect, demoPatientId, DOCTOR, end, expectLiveVideo, PATIENT, schedule, signedIn, WEBRTC_ARGS } from './consultation-helpers';

/** Debian's coturn: the server must have been started with --Rtc:TurnUrls / --Rtc:TurnSecret (scripts/coturn.sh). */
function turnserverInstalled(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v turnserver'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const installed = turnserverInstalled();
if (!installed) console.log('consultation-relay.spec.ts skipped: turnserver is not installed (apt-get install coturn)');

test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: WEBRTC_ARGS } });

test('a relay-only call connects through the TURN server', async ({ browser, baseURL }) => {
  test.skip(!installed, 'turnserver is not installed (apt-get install coturn)');
  test.setTimeout(180_000);
  // Relay only, on both sides (the app reads this flag; ?relay=1 in the address does the same).
  const relayOnly = () => localStorage.setItem('fajma.rtc.relay', '1');
  const patient = await signedIn(browser, baseURL!, PATIENT, relayOnly);
  const doctor = await signedIn(browser, baseURL!, DOCTOR, relayOnly);
  try {
    // The server must hand out TURN credentials, or a relay-only call cannot connect at all.
    const turn = (await iceServers(doctor.context)).flatMap((s) => s.urls).filter((u) => u.startsWith('turn:'));
    expect(turn, 'the server hands out no TURN server: start coturn with scripts/coturn.sh start DIR PORT SECRET and the server with --Rtc:TurnUrls=turn:127.0.0.1:PORT --Rtc:TurnSecret=SECRET').not.toHaveLength(0);

    const patientId = await demoPatientId(patient.page);
    const id = await schedule(doctor.page, patientId, 'Relay-only connectivity check');
    await connect(doctor.page, patient.page, id);
    await expectLiveVideo(doctor.page);
    await expectLiveVideo(patient.page);
    await expect(doctor.page.getByTestId('call-status')).toHaveAttribute('data-candidate-type', 'relay', { timeout: 15_000 });
    await expect(patient.page.getByTestId('call-status')).toHaveAttribute('data-candidate-type', 'relay', { timeout: 15_000 });
    await expect(doctor.page.getByTestId('link-quality')).toContainText('via relay');

    await end(doctor.page);
  } finally {
    await doctor.context.close();
    await patient.context.close();
  }
});

/** GET /api/v1/rtc/ice-servers as the demo doctor (a token of its own, through the context's request API). */
async function iceServers(context: BrowserContext): Promise<{ urls: string[] }[]> {
  const login = await context.request.post('/api/v1/auth/login', { data: { email: DOCTOR, password: DEMO_PASSWORD } });
  expect(login.ok()).toBe(true);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const answer = await context.request.get('/api/v1/rtc/ice-servers', { headers: { Authorization: `Bearer ${accessToken}` } });
  expect(answer.ok()).toBe(true);
  return ((await answer.json()) as { iceServers: { urls: string[] }[] }).iceServers;
}
