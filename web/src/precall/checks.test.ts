import { describe, expect, test } from 'vitest';
import { cameraResult, iceResult, levelOf, mediaProblemOf, microphoneResult, overall, serverResult, speakerResult, VOICE_LEVEL } from './checks';

describe('pre-call checks', () => {
  test('the level of silence is 0 and of a full-scale square wave is 1', () => {
    expect(levelOf(new Uint8Array(256).fill(128))).toBe(0);
    expect(levelOf(Uint8Array.from({ length: 256 }, (_, i) => (i % 2 ? 0 : 255)))).toBeCloseTo(1, 1);
    expect(levelOf([])).toBe(0);
  });

  test('getUserMedia errors become plain problems', () => {
    expect(mediaProblemOf(new DOMException('x', 'NotAllowedError'))).toBe('denied');
    expect(mediaProblemOf(new DOMException('x', 'NotFoundError'))).toBe('notFound');
    expect(mediaProblemOf(new DOMException('x', 'NotReadableError'))).toBe('busy');
    expect(mediaProblemOf(new Error('?'))).toBe('other');
  });

  test('camera: a refusal fails with advice, a tiny picture warns', () => {
    expect(cameraResult('denied', 0)).toEqual({ status: 'fail', advice: 'precall.camera.denied' });
    expect(cameraResult(null, 160).status).toBe('warn');
    expect(cameraResult(null, 640)).toEqual({ status: 'pass', advice: 'precall.camera.ok' });
  });

  test.each([
    [null, VOICE_LEVEL, 'pass', 'precall.microphone.ok'],
    [null, VOICE_LEVEL / 2, 'warn', 'precall.microphone.quiet'],
    [null, 0, 'warn', 'precall.microphone.silent'],
    ['busy', 0.5, 'fail', 'precall.microphone.busy'],
  ] as const)('microphone: problem %s, peak %s → %s', (problem, peak, status, advice) => {
    expect(microphoneResult(problem, peak)).toEqual({ status, advice });
  });

  test('speaker: only the person can tell', () => {
    expect(speakerResult(true).status).toBe('pass');
    expect(speakerResult(false).status).toBe('fail');
    expect(speakerResult(null).status).toBe('warn');
  });

  test.each([
    [[40, 60, 500], 'pass', 60],
    [[400, 450, 420], 'warn', 420],
    [[1500, 1200, 1300], 'fail', 1300],
  ] as const)('server round trips %j → %s (median %s ms)', (rtts, status, ms) => {
    expect(serverResult(rtts)).toMatchObject({ status, values: { ms } });
  });

  test('an unreachable server fails', () => {
    expect(serverResult(null)).toEqual({ status: 'fail', advice: 'precall.server.unreachable' });
  });

  test.each([
    [['host', 'srflx', 'relay'], { stun: true, turn: true }, 'pass', 'precall.ice.relay'],
    [['host', 'srflx'], { stun: true, turn: true }, 'warn', 'precall.ice.noRelay'],
    [[], { stun: true, turn: true }, 'warn', 'precall.ice.none'],
    [['host', 'srflx'], { stun: true, turn: false }, 'pass', 'precall.ice.direct'],
    [['host'], { stun: true, turn: false }, 'warn', 'precall.ice.localOnly'],
    [['host'], { stun: false, turn: false }, 'pass', 'precall.ice.lan'],
    [[], { stun: false, turn: false }, 'fail', 'precall.ice.none'],
  ] as const)('ICE candidates %j with servers %j → %s', (types, servers, status, advice) => {
    expect(iceResult(new Set(types), servers)).toMatchObject({ status, advice });
  });

  test('the summary is the worst finished check, and waits for the rest', () => {
    const pass = { status: 'pass', advice: 'precall.camera.ok' } as const;
    const warn = { status: 'warn', advice: 'precall.microphone.quiet' } as const;
    expect(overall({ camera: pass, microphone: pass, speaker: pass, server: pass, ice: pass })).toBe('pass');
    expect(overall({ camera: pass, microphone: warn, speaker: pass, server: pass, ice: pass })).toBe('warn');
    expect(overall({ camera: pass })).toBe('running');
    expect(overall({ camera: { status: 'fail', advice: 'precall.camera.denied' } })).toBe('fail');
  });
});
