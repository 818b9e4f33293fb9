import { expect, test } from '@playwright/test';
import { chat, connect, demoPatientId, DOCTOR, end, expectLiveVideo, PATIENT, schedule, signedIn, WEBRTC_ARGS } from './consultation-helpers';

// test.sh runs the browser tests against two nodes behind nginx and names each node's own address here, so this
// spec can seat the doctor on one node and the patient on the other for certain (round robin only makes it likely).
const nodeA = process.env.FAJMA_NODE_A_URL;
const nodeB = process.env.FAJMA_NODE_B_URL;

test.use({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: WEBRTC_ARGS } });

test('a doctor on one node and a patient on the other hold a consultation: handshake, call and chat', async ({ browser }) => {
  test.skip(!nodeA || !nodeB, 'needs the two-node cluster test.sh starts (FAJMA_NODE_A_URL, FAJMA_NODE_B_URL)');
  test.setTimeout(180_000);
  const doctor = await signedIn(browser, nodeA!, DOCTOR);
  const patient = await signedIn(browser, nodeB!, PATIENT);
  try {
    const patientId = await demoPatientId(patient.page);
    const id = await schedule(doctor.page, patientId, 'Across two nodes');

    // Waiting room, start, invitation, acceptance, IoT sync and begin: each step crosses from one node to the other.
    await connect(doctor.page, patient.page, id);
    await expectLiveVideo(doctor.page);
    await expectLiveVideo(patient.page);

    await chat(doctor.page, patient.page, 'Can you hear me well from where you are?');
    await chat(patient.page, doctor.page, 'Yes, clearly.');
    await expect(doctor.page.getByTestId('chat-read')).toBeVisible();

    // The patient's live vitals reach the doctor's node, whichever node took the device's messages.
    const heartRate = doctor.page.getByTestId('live-vitals').getByTestId('vital-heart_rate');
    await expect(heartRate).toHaveText(/\d/, { timeout: 30_000 });

    // The doctor ends it on A; the patient, on B, lands on the finished view.
    await end(doctor.page, [patient.page]);
  } finally {
    await doctor.context.close();
    await patient.context.close();
  }
});
