import { consultationApi } from '../consultation/api';
import type { IceServersDto } from '../consultation/types';

// The pre-call probes over the browser's APIs; their verdicts are in checks.ts.

/** Round trips to the server (the ICE servers endpoint: small, signed-in, not a clinical read); null if it cannot be reached. */
export async function measureRoundTrips(count = 3): Promise<{ roundTrips: number[] | null; ice: IceServersDto | null }> {
  const roundTrips: number[] = [];
  let ice: IceServersDto | null = null;
  try {
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      ice = await consultationApi.iceServers();
      roundTrips.push(performance.now() - started);
    }
    return { roundTrips, ice };
  } catch {
    return { roundTrips: null, ice };
  }
}

/** Gathers ICE candidates with the server's ICE servers and returns their types (host, srflx, relay). */
export async function gatherCandidateTypes(ice: IceServersDto, timeoutMs = 6000): Promise<Set<string>> {
  const pc = new RTCPeerConnection({
    iceServers: ice.iceServers.map((s) => ({ urls: s.urls, username: s.username ?? undefined, credential: s.credential ?? undefined })),
  });
  const types = new Set<string>();
  try {
    pc.createDataChannel('precall');
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      pc.onicecandidate = (e) => {
        if (!e.candidate) {
          clearTimeout(timer);
          resolve();
          return;
        }
        const type = e.candidate.type ?? /\styp\s(\w+)/.exec(e.candidate.candidate)?.[1];
        if (type) types.add(type);
      };
    });
    await pc.setLocalDescription(await pc.createOffer());
    await done;
  } finally {
    pc.close();
  }
  return types;
}

/** Plays a short, soft 440 Hz tone on the default output. */
export async function playTestTone(seconds = 1): Promise<void> {
  const ctx = new AudioContext();
  try {
    const tone = ctx.createOscillator();
    const gain = ctx.createGain();
    tone.frequency.value = 440;
    gain.gain.value = 0.15;
    tone.connect(gain).connect(ctx.destination);
    tone.start();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    tone.stop();
  } finally {
    await ctx.close();
  }
}

/** Follows the microphone's level (0–1) until stopped; `onLevel` gets each frame's level. */
export function listenToMicrophone(stream: MediaStream, onLevel: (level: number) => void, levelOf: (samples: Uint8Array) => number): () => void {
  const ctx = new AudioContext();
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 1024;
  ctx.createMediaStreamSource(stream).connect(analyser);
  const samples = new Uint8Array(analyser.fftSize);
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    analyser.getByteTimeDomainData(samples);
    onLevel(levelOf(samples));
    setTimeout(tick, 50);
  };
  void ctx.resume().then(tick);
  return () => {
    stopped = true;
    void ctx.close();
  };
}
