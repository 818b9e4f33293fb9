import { describe, expect, test } from 'vitest';
import type { ConnectionStatus } from '../live/hubConnection';
import { relayOnlyFrom } from '../call/call';
import type { HubLike } from '../live/consultationHub';
import { ConsultationRoom } from './room';
import type { ChatMessageDto, ConsultationDto, ConsultationSnapshot } from '../consultation/types';

const consultation: ConsultationDto = {
  id: 5, patientId: 1, patientName: 'Pat', doctorId: 2, doctorName: 'Dr D', scheduledAt: '2025-03-12T14:00:00Z', reason: 'r',
  state: 'scheduled', startedAt: null, endedAt: null, failureReason: null, note: null, recordingConsent: 'not_asked',
};

const message = (sequence: number, over: Partial<ChatMessageDto> = {}): ChatMessageDto => ({
  consultationId: 5, sequence, clientMessageId: `c${sequence}`, senderId: 1, senderRole: 'patient', senderName: 'Pat', text: `t${sequence}`,
  sentAt: '2025-03-12T14:00:00Z', ...over,
});

/** A hub whose server side is a table of methods; events are emitted by the test. */
class FakeHub implements HubLike {
  readonly calls: { method: string; args: unknown[] }[] = [];
  readonly handlers = new Map<string, Set<(p: never) => void>>();
  readonly connected = new Set<() => void>();
  server: Record<string, (...args: unknown[]) => unknown> = {};
  status: ConnectionStatus = 'connected';

  async invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    this.calls.push({ method, args });
    const fn = this.server[method];
    if (!fn) return undefined as T;
    return (await fn(...args)) as T;
  }
  on(event: string, handler: (p: never) => void): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }
  emit(event: string, payload: unknown): void {
    for (const h of this.handlers.get(event) ?? []) (h as (p: unknown) => void)(payload);
  }
  onConnected(listener: () => void): () => void {
    this.connected.add(listener);
    if (this.status === 'connected') queueMicrotask(listener);
    return () => this.connected.delete(listener);
  }
  reconnect(): void {
    for (const l of this.connected) l();
  }
  getStatus = () => this.status;
  subscribeStatus = () => () => undefined;
  count(method: string) {
    return this.calls.filter((c) => c.method === method).length;
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));

function setup() {
  const hub = new FakeHub();
  const serverChat: ChatMessageDto[] = [message(1), message(2)];
  let seq = 2;
  const snapshot = (): ConsultationSnapshot => ({
    consultation,
    lastChatSequence: seq,
    devices: [],
    participants: [
      { userId: 2, role: 'doctor', name: 'Dr D', online: true },
      { userId: 1, role: 'patient', name: 'Pat', online: true },
    ],
  });
  hub.server = {
    JoinConsultation: () => snapshot(),
    GetChatSince: (_id, after) => serverChat.filter((m) => m.sequence > (after as number)),
    SendChatMessage: (_id, clientMessageId, text) => {
      const existing = serverChat.find((m) => m.clientMessageId === clientMessageId);
      if (existing) return existing;
      const m = message(++seq, { clientMessageId: clientMessageId as string, text: text as string, senderId: 2, senderRole: 'doctor' });
      serverChat.push(m);
      return m;
    },
    StartConsultation: () => ({ ...consultation, state: 'connecting' }),
  };
  const room = new ConsultationRoom(hub, 5, { id: 2, name: 'Dr D', role: 'doctor' });
  return { hub, room, serverChat, push: (m: ChatMessageDto) => (serverChat.push(m), (seq = m.sequence)) };
}

describe('ConsultationRoom', () => {
  test('alert limits: from the snapshot, from thresholdChanged, and a refusal by field', async () => {
    const { hub, room } = setup();
    const hr = { patientId: 1, type: 'heart_rate', low: 45, high: 110, setBy: 2, setAt: '2025-03-12T14:00:00Z' };
    const join = hub.server.JoinConsultation!;
    hub.server.JoinConsultation = () => ({ ...(join() as ConsultationSnapshot), thresholds: [hr] });
    await flush();
    await flush();
    expect(room.getState().thresholds.heart_rate).toEqual(hr);
    const spo2 = { ...hr, type: 'spo2', low: 92, high: null, setAt: '2025-03-12T14:01:00Z' };
    hub.emit('thresholdChanged', spo2);
    hub.emit('thresholdChanged', { ...spo2, patientId: 9, low: 80 }); // another patient's room
    expect(room.getState().thresholds.spo2).toEqual(spo2);
    hub.server.SetAlertThreshold = () => {
      throw new Error('An unexpected error occurred invoking \'SetAlertThreshold\' on the server. HubException: high: must be above the low limit');
    };
    expect(await room.setThreshold('heart_rate', 110, 45)).toEqual({ ok: false, errors: { high: 'must be above the low limit' } });
    const saved = { ...hr, low: 50, setAt: '2025-03-12T14:02:00Z' };
    hub.server.SetAlertThreshold = () => saved;
    expect(await room.setThreshold('heart_rate', 50, 110)).toEqual({ ok: true, threshold: saved });
    expect(hub.calls.at(-1)?.args).toEqual([5, 'heart_rate', 50, 110]);
    expect(room.getState().thresholds.heart_rate).toEqual(saved);
  });

  test('recording consent: the room follows recordingConsentChanged, and a refusal to record is shown as the server says it', async () => {
    const { hub, room } = setup();
    await flush();
    await flush();
    hub.emit('recordingConsentChanged', { consultationId: 5, consent: 'asked', at: '2025-03-12T14:03:00Z' });
    hub.emit('recordingConsentChanged', { consultationId: 9, consent: 'given', at: '2025-03-12T14:03:00Z' }); // another room
    expect(room.getState().consultation?.recordingConsent).toBe('asked');
    hub.server.StartRecording = () => {
      throw new Error("An unexpected error occurred invoking 'StartRecording' on the server. HubException: the patient has not consented to recording this consultation (the question is still open)");
    };
    expect(await room.act('startRecording')).toBe(false);
    expect(room.getState().actionError).toContain('has not consented to recording');
    hub.server.AnswerRecordingConsent = (_id, allow) => ({ ...consultation, state: 'active', recordingConsent: allow ? 'given' : 'refused' });
    expect(await room.answerRecordingConsent(true)).toBe(true);
    expect(hub.calls.at(-1)).toEqual({ method: 'AnswerRecordingConsent', args: [5, true] });
    expect(room.getState().consultation?.recordingConsent).toBe('given');
    expect(room.getState().busy).toBeNull();
  });

  test('joins when connected and loads the chat', async () => {
    const { hub, room } = setup();
    await flush();
    await flush();
    expect(hub.count('JoinConsultation')).toBe(1);
    const s = room.getState();
    expect(s.phase).toBe('joined');
    expect(s.chat.items.map((i) => i.sequence)).toEqual([1, 2]);
    expect(room.peer()?.userId).toBe(1);
  });

  test('after a reconnect it joins again and fetches only what it missed', async () => {
    const { hub, room, push } = setup();
    await flush();
    await flush();
    push(message(3));
    push(message(4));
    hub.reconnect();
    await flush();
    await flush();
    expect(hub.count('JoinConsultation')).toBe(2);
    const since = hub.calls.filter((c) => c.method === 'GetChatSince').map((c) => c.args[1]);
    expect(since).toEqual([0, 2]);
    expect(room.getState().chat.items.map((i) => i.sequence)).toEqual([1, 2, 3, 4]);
  });

  test('a message shows at once, then is confirmed once despite the echo', async () => {
    const { hub, room } = setup();
    await flush();
    await flush();
    const sending = room.sendChat('  bonjour  ');
    expect(room.getState().chat.items.at(-1)).toMatchObject({ text: 'bonjour', status: 'pending', sequence: null });
    await sending;
    const sent = room.getState().chat.items.at(-1)!;
    expect(sent).toMatchObject({ text: 'bonjour', status: 'sent', sequence: 3 });
    const call = hub.calls.find((c) => c.method === 'SendChatMessage')!;
    expect(call.args[1]).toBe(sent.clientMessageId);
    hub.emit('chatMessage', message(3, { clientMessageId: sent.clientMessageId, text: 'bonjour', senderId: 2 }));
    expect(room.getState().chat.items.filter((i) => i.text === 'bonjour')).toHaveLength(1);
  });

  test('a refused send is marked failed and retried with the same id', async () => {
    const { hub, room } = setup();
    await flush();
    await flush();
    const original = hub.server.SendChatMessage!;
    hub.server.SendChatMessage = () => {
      throw new Error('HubException: connection lost');
    };
    await room.sendChat('again');
    const failed = room.getState().chat.items.at(-1)!;
    expect(failed.status).toBe('failed');
    hub.server.SendChatMessage = original;
    await room.retryChat(failed.clientMessageId);
    expect(room.getState().chat.items.at(-1)).toMatchObject({ status: 'sent', clientMessageId: failed.clientMessageId });
  });

  test('a message typed while the connection is down waits, then is sent once when the room re-joins', async () => {
    const { hub, room } = setup();
    await flush();
    await flush();
    hub.status = 'reconnecting';
    await room.sendChat('are you there?');
    expect(room.getState().chat.items.at(-1)).toMatchObject({ text: 'are you there?', status: 'pending' });
    expect(hub.count('SendChatMessage')).toBe(0);

    hub.status = 'connected';
    hub.reconnect();
    await flush();
    await flush();
    await flush();

    expect(hub.count('SendChatMessage')).toBe(1);
    expect(room.getState().chat.items.filter((i) => i.text === 'are you there?')).toEqual([
      expect.objectContaining({ status: 'sent', sequence: 3 }),
    ]);
  });

  test('a send cut by the connection dropping is not failed but sent again on re-join', async () => {
    const { hub, room } = setup();
    await flush();
    await flush();
    const original = hub.server.SendChatMessage!;
    hub.server.SendChatMessage = () => {
      hub.status = 'reconnecting';
      throw new Error('Invocation canceled due to the underlying connection being closed.');
    };
    await room.sendChat('mid-drop');
    expect(room.getState().chat.items.at(-1)).toMatchObject({ text: 'mid-drop', status: 'pending' });

    hub.server.SendChatMessage = original;
    hub.status = 'connected';
    hub.reconnect();
    await flush();
    await flush();
    await flush();

    expect(room.getState().chat.items.at(-1)).toMatchObject({ text: 'mid-drop', status: 'sent' });
  });

  test('a live message after a gap triggers a resync', async () => {
    const { hub, room, push } = setup();
    await flush();
    await flush();
    push(message(3));
    push(message(4));
    hub.emit('chatMessage', message(4));
    await flush();
    expect(room.getState().chat.items.map((i) => i.sequence)).toEqual([1, 2, 3, 4]);
  });

  test('events of other consultations are ignored; state changes apply', async () => {
    const { hub, room } = setup();
    await flush();
    await flush();
    hub.emit('stateChanged', { consultationId: 9, from: 'scheduled', to: 'connecting', trigger: 'start', byRole: 'doctor', at: '2025-03-12T14:00:00Z', reason: null });
    expect(room.getState().consultation?.state).toBe('scheduled');
    hub.emit('stateChanged', { consultationId: 5, from: 'scheduled', to: 'connecting', trigger: 'start', byRole: 'doctor', at: '2025-03-12T14:00:00Z', reason: null });
    expect(room.getState().consultation?.state).toBe('connecting');
    expect(room.getState().consultation?.startedAt).toBeNull();
    hub.emit('stateChanged', { consultationId: 5, from: 'iot_sync', to: 'active', trigger: 'begin', byRole: 'doctor', at: '2025-03-12T14:01:00Z', reason: null });
    expect(room.getState().consultation?.startedAt).toBe('2025-03-12T14:01:00Z');
    hub.emit('iotSyncComplete', { consultationId: 5, devices: [{ deviceId: 'D1', type: 'thermometer', status: 'ready', detail: null }] });
    expect(room.getState().iotSynced).toBe(true);
    expect(room.getState().devices).toHaveLength(1);
  });

  test('a sync that completes while the rejoin is on its way keeps the final readiness, not the older snapshot', async () => {
    const { hub, room } = setup();
    await flush();
    await flush();
    const pending = { deviceId: 'D1', type: 'thermometer', status: 'pending', detail: null };
    let answer: (s: unknown) => void = () => undefined;
    hub.server.JoinConsultation = () => new Promise((r) => (answer = r));
    hub.emit('stateChanged', { consultationId: 5, from: 'connecting', to: 'iot_sync', trigger: 'accept', byRole: 'patient', at: '2025-03-12T14:00:00Z', reason: null });
    hub.emit('iotSyncComplete', { consultationId: 5, devices: [{ ...pending, status: 'ready' }] });
    answer({ consultation: { ...consultation, state: 'iot_sync' }, lastChatSequence: 2, devices: [pending], participants: [] });
    await flush();
    expect(room.getState().iotSynced).toBe(true);
    expect(room.getState().devices.map((d) => d.status)).toEqual(['ready']);
  });

  test('the doctor beginning while the patient\'s rejoin is on its way leaves the patient in the active call, not back in the sync', async () => {
    const { hub, room } = setup();
    await flush();
    await flush();
    let answer: (s: unknown) => void = () => undefined;
    hub.server.JoinConsultation = () => new Promise((r) => (answer = r));
    hub.emit('stateChanged', { consultationId: 5, from: 'connecting', to: 'iot_sync', trigger: 'accept', byRole: 'patient', at: '2025-03-12T14:00:00Z', reason: null });
    hub.emit('stateChanged', { consultationId: 5, from: 'iot_sync', to: 'active', trigger: 'begin', byRole: 'doctor', at: '2025-03-12T14:00:02Z', reason: null });
    // The snapshot was read before the doctor began: its note and consent are news, its state is not.
    answer({ consultation: { ...consultation, state: 'iot_sync', recordingConsent: 'asked' }, lastChatSequence: 2, devices: [], participants: [] });
    await flush();
    expect(room.getState().consultation).toMatchObject({ state: 'active', startedAt: '2025-03-12T14:00:02Z', recordingConsent: 'asked' });

    // With no change heard meanwhile, the snapshot is the truth (a rejoin after a reconnect that missed events).
    hub.server.JoinConsultation = () => ({ consultation: { ...consultation, state: 'paused', startedAt: '2025-03-12T14:00:02Z' }, lastChatSequence: 2, devices: [], participants: [] });
    hub.reconnect();
    await flush();
    await flush();
    expect(room.getState().consultation?.state).toBe('paused');
  });

  test('the answer to the patient\'s acceptance, arriving after the doctor has begun, does not take the room back to the sync', async () => {
    const { hub, room } = setup();
    await flush();
    await flush();
    let answer: (c: unknown) => void = () => undefined;
    hub.server.AcceptConsultation = () => new Promise((r) => (answer = r));
    const accepting = room.accept();
    hub.emit('stateChanged', { consultationId: 5, from: 'iot_sync', to: 'active', trigger: 'begin', byRole: 'doctor', at: '2025-03-12T14:00:02Z', reason: null });
    answer({ ...consultation, state: 'iot_sync' });
    expect(await accepting).toBe(true);
    expect(room.getState().consultation?.state).toBe('active');
  });

  test('actions call the hub and a refusal is shown', async () => {
    const { hub, room } = setup();
    await flush();
    await flush();
    expect(await room.act('start')).toBe(true);
    expect(room.getState().consultation?.state).toBe('connecting');
    hub.server.BeginConsultation = () => {
      throw new Error("An unexpected error occurred invoking 'BeginConsultation' on the server. HubException: not in iot_sync");
    };
    expect(await room.act('begin')).toBe(false);
    expect(room.getState().actionError).toBe('not in iot_sync');
  });

  test('read marks are sent once per new sequence', async () => {
    const { hub, room } = setup();
    await flush();
    await flush();
    room.markRead();
    room.markRead();
    expect(hub.calls.filter((c) => c.method === 'MarkChatRead').map((c) => c.args[1])).toEqual([2]);
    hub.emit('chatRead', { consultationId: 5, userId: 1, sequence: 2 });
    expect(room.getState().readMarks[1]).toBe(2);
  });
});

describe('device commands from the room', () => {
  test('each device’s answer is kept; a refusal is shown', async () => {
    const { hub, room } = setup();
    await flush();
    await flush();
    hub.server.SendDeviceCommand = (_id, command, deviceId) => {
      expect(command).toBe('request_sensor_data');
      expect(deviceId).toBeNull();
      return [
        { deviceId: 'D1', type: 'thermometer', status: 'ready', detail: null },
        { deviceId: 'D2', type: 'wearable', status: 'timeout', detail: 'no answer in 5 s' },
      ];
    };
    const pending = room.deviceCommand('request_sensor_data');
    expect(room.getState().commandBusy).toEqual({ command: 'request_sensor_data', deviceId: null });
    expect(await pending).toBe(true);
    expect(room.getState().commandBusy).toBeNull();
    expect(room.getState().commandResults).toEqual({
      D1: { command: 'request_sensor_data', status: 'ready', detail: null },
      D2: { command: 'request_sensor_data', status: 'timeout', detail: 'no answer in 5 s' },
    });
    hub.server.SendDeviceCommand = () => {
      throw new Error('HubException: the call is not live: the consultation is completed');
    };
    expect(await room.deviceCommand('request_sensor_data', 'D1')).toBe(false);
    expect(room.getState().actionError).toBe('the call is not live: the consultation is completed');
  });
});

describe('relay-only switch', () => {
  test('query parameter first, then the stored flag', () => {
    expect(relayOnlyFrom('?relay=1', null)).toBe(true);
    expect(relayOnlyFrom('?relay=0', '1')).toBe(false);
    expect(relayOnlyFrom('', '1')).toBe(true);
    expect(relayOnlyFrom('?x=1', null)).toBe(false);
  });
});
