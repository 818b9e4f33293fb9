import type { ConnectionStatus } from '../live/hubConnection';
import { addPending, markFailed, markRetrying, mergeChat, newestSequence } from './chat';
import type { DoctorAction } from '../consultation/controls';
import { hubErrorMessage, type HubLike } from '../live/consultationHub';
import { mergeLimits, refusalErrors, type ThresholdResult } from '../alerts/thresholds';
import { newClientMessageId } from '../platform/ids';
import type {
  AlertThresholdDto,
  ChatMessageDto,
  ChatReadEvent,
  ConsultationDto,
  ConsultationInviteEvent,
  ConsultationSnapshot,
  DeviceReadinessDto,
  IotSyncCompleteEvent,
  ParticipantDto,
  ParticipantsChangedEvent,
  RecordingConsentEvent,
  SignalEvent,
  SignalKind,
  StateChangedEvent,
} from '../consultation/types';
import { allAnswered, INITIAL, METHOD, newerStateKept, type DeviceCommand, type Me, type RoomState } from './roomState';

export type { DeviceCommand, DeviceCommandResult, Me, RoomState } from './roomState';

/**
 * One consultation as seen from the room: joins the hub group (again after every reconnect, and
 * then resyncs the chat with `GetChatSince`), follows state, devices, participants, chat and read
 * marks, and carries signaling for the call. An external store for `useSyncExternalStore`.
 */
export class ConsultationRoom {
  private state: RoomState = INITIAL;
  private readonly listeners = new Set<() => void>();
  private readonly signalListeners = new Set<(s: SignalEvent) => void>();
  private readonly unsubscribe: (() => void)[] = [];
  private disposed = false;
  private joinedOnce = false;
  /** State changes heard so far: a snapshot asked for before the latest one may be older than it. */
  private stateChanges = 0;

  constructor(
    private readonly hub: HubLike,
    readonly id: number,
    readonly me: Me,
  ) {
    const mine = <T extends { consultationId: number }>(fn: (e: T) => void) => (e: T) => {
      if (e.consultationId === this.id) fn(e);
    };
    this.unsubscribe.push(
      hub.on('stateChanged', mine<StateChangedEvent>((e) => this.onStateChanged(e))),
      hub.on('iotSyncComplete', mine<IotSyncCompleteEvent>((e) => this.set({ devices: e.devices, iotSynced: true }))),
      hub.on('chatMessage', mine<ChatMessageDto>((m) => this.receiveChat([m]))),
      hub.on('chatRead', mine<ChatReadEvent>((e) => this.onChatRead(e))),
      hub.on('participantsChanged', mine<ParticipantsChangedEvent>((e) => this.set({ participants: e.participants }))),
      hub.on('thresholdChanged', (e: AlertThresholdDto) => this.onThreshold(e)),
      hub.on('recordingConsentChanged', mine<RecordingConsentEvent>((e) => this.onConsent(e))),
      hub.on('consultationInvite', mine<ConsultationInviteEvent>((e) => this.set({ invitedBy: e.doctorName }))),
      hub.on('signal', mine<SignalEvent>((s) => {
        for (const l of this.signalListeners) l(s);
      })),
      hub.onConnected(() => void this.join()),
    );
  }

  getState = (): RoomState => this.state;

  get isDisposed(): boolean {
    return this.disposed;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  onSignal(listener: (s: SignalEvent) => void): () => void {
    this.signalListeners.add(listener);
    return () => this.signalListeners.delete(listener);
  }

  hubStatus(): ConnectionStatus {
    return this.hub.getStatus();
  }

  /** The other side (the patient for the doctor, the doctor for the patient and a guest), an online one first. */
  peer(): ParticipantDto | undefined {
    const want = this.me.role === 'doctor' ? 'patient' : 'doctor';
    const others = this.state.participants.filter((p) => p.userId !== this.me.id && p.role === want);
    return others.find((p) => p.online) ?? others[0];
  }

  /** Joins (or re-joins after a reconnect) and catches up on the chat. */
  async join(): Promise<void> {
    if (this.disposed) return;
    try {
      const heard = this.stateChanges;
      const snap = await this.hub.invoke<ConsultationSnapshot>('JoinConsultation', this.id);
      if (this.disposed) return;
      const c = this.keepingNewerState(snap.consultation, heard);
      // The snapshot may have been taken before the sync finished while its iotSyncComplete overtook the answer:
      // the event's final list then stands, or the room would show "synced" over rows still pending.
      const devices = this.state.iotSynced && !allAnswered(snap.devices ?? []) ? this.state.devices : (snap.devices ?? []);
      this.set({
        phase: 'joined',
        error: null,
        consultation: c,
        devices,
        iotSynced: this.state.iotSynced || allAnswered(devices),
        participants: snap.participants ?? [],
        thresholds: mergeLimits({}, snap.thresholds ?? []),
        invitedBy: c.state === 'connecting' && this.me.role === 'patient' ? (this.state.invitedBy ?? c.doctorName) : null,
      });
      this.joinedOnce = true;
      await this.resyncChat();
      await this.sendQueued();
    } catch (e) {
      if (this.disposed) return;
      // A refusal on a rejoin keeps what we had (the state will tell); on the first join it is the page's error.
      if (!this.joinedOnce) this.set({ phase: 'error', error: hubErrorMessage(e) });
    }
  }

  async resyncChat(): Promise<void> {
    const after = this.state.chat.lastSequence;
    const missed = await this.hub.invoke<ChatMessageDto[]>('GetChatSince', this.id, after);
    if (this.disposed) return;
    const chat = mergeChat(this.state.chat, missed ?? []);
    if (chat !== this.state.chat) this.set({ chat });
  }

  act(action: DoctorAction, note?: string): Promise<boolean> {
    return this.invokeForState(action, METHOD[action], ...(action === 'end' ? [note ?? ''] : []));
  }

  /** The doctor asks the patient, in their room, whether the consultation may be recorded. */
  askRecordingConsent(): Promise<boolean> {
    return this.consent('RequestRecordingConsent');
  }

  /** The patient's answer, which they may change at any time (a withdrawal stops a recording). */
  answerRecordingConsent(allow: boolean): Promise<boolean> {
    return this.consent('AnswerRecordingConsent', allow);
  }

  private consent(method: string, ...args: unknown[]): Promise<boolean> {
    return this.invokeForState('consent', method, ...args);
  }

  /** A hub method that answers with the consultation: busy while it runs, its error shown, its answer kept. */
  private async invokeForState(busy: RoomState['busy'], method: string, ...args: unknown[]): Promise<boolean> {
    this.set({ busy, actionError: null });
    try {
      const heard = this.stateChanges;
      const c = await this.hub.invoke<ConsultationDto>(method, this.id, ...args);
      if (c && !this.disposed) this.set({ consultation: this.keepingNewerState(c, heard) });
      return true;
    } catch (e) {
      this.set({ actionError: hubErrorMessage(e) });
      return false;
    } finally {
      this.set({ busy: null });
    }
  }

  /** See {@link newerStateKept}: `heard` is how many state changes the room had heard when it asked. */
  private keepingNewerState(answer: ConsultationDto, heard: number): ConsultationDto {
    return newerStateKept(answer, this.state.consultation, this.stateChanges !== heard);
  }

  private onConsent(e: RecordingConsentEvent): void {
    const c = this.state.consultation;
    if (c) this.set({ consultation: { ...c, recordingConsent: e.consent } });
  }

  async accept(): Promise<boolean> {
    this.set({ busy: 'accept', actionError: null });
    try {
      const heard = this.stateChanges;
      const c = await this.hub.invoke<ConsultationDto>('AcceptConsultation', this.id);
      if (c) this.set({ consultation: this.keepingNewerState(c, heard), invitedBy: null });
      return true;
    } catch (e) {
      this.set({ actionError: hubErrorMessage(e) });
      return false;
    } finally {
      this.set({ busy: null });
    }
  }

  /** Shows the message at once, then sends it; the echo or the answer confirms it (deduped by sequence). */
  async sendChat(text: string): Promise<void> {
    const trimmed = text.trim();
    if (!trimmed) return;
    const clientMessageId = newClientMessageId();
    this.set({
      chat: addPending(this.state.chat, {
        clientMessageId,
        senderId: this.me.id,
        senderRole: this.me.role,
        senderName: this.me.name,
        text: trimmed,
        sentAt: new Date().toISOString(),
      }),
    });
    await this.deliver(clientMessageId, trimmed);
  }

  /** Sends a failed message again with the same clientMessageId (the server keeps one copy). */
  async retryChat(clientMessageId: string): Promise<void> {
    const item = this.state.chat.items.find((i) => i.clientMessageId === clientMessageId);
    if (!item || item.status !== 'failed') return;
    this.set({ chat: markRetrying(this.state.chat, clientMessageId) });
    await this.deliver(clientMessageId, item.text);
  }

  /**
   * Sends one message. With the connection down (a node restarting, a network change) it stays pending and is sent
   * when the room re-joins (`sendQueued`); only a send refused while connected is failed, for the user to retry.
   */
  private async deliver(clientMessageId: string, text: string): Promise<void> {
    if (this.hub.getStatus() !== 'connected') return;
    try {
      const m = await this.hub.invoke<ChatMessageDto>('SendChatMessage', this.id, clientMessageId, text);
      if (m) this.receiveChat([m]);
    } catch {
      if (this.hub.getStatus() === 'connected') this.set({ chat: markFailed(this.state.chat, clientMessageId) });
    }
  }

  /** After a (re)join: what was typed while the connection was down, in the order typed (same ids: the server keeps one copy). */
  private async sendQueued(): Promise<void> {
    for (const item of this.state.chat.items.filter((i) => i.status === 'pending' && i.sequence == null)) {
      if (this.disposed) return;
      await this.deliver(item.clientMessageId, item.text);
    }
  }

  /** Marks everything shown as read (once per new sequence). */
  markRead(): void {
    const newest = newestSequence(this.state.chat);
    if (newest <= this.state.myRead || this.state.phase !== 'joined') return;
    this.set({ myRead: newest });
    this.hub.invoke('MarkChatRead', this.id, newest).catch(() => this.set({ myRead: Math.min(this.state.myRead, newest - 1) }));
  }

  /**
   * A command to the patient's devices (one, or all with `deviceId` null): each device's answer is
   * kept for the device list. Returns false when the server refused it.
   */
  async deviceCommand(command: DeviceCommand, deviceId: string | null = null): Promise<boolean> {
    this.set({ commandBusy: { command, deviceId } });
    try {
      const answers = await this.hub.invoke<DeviceReadinessDto[]>('SendDeviceCommand', this.id, command, deviceId);
      const results = { ...this.state.commandResults };
      for (const a of answers ?? []) results[a.deviceId] = { command, status: a.status, detail: a.detail };
      this.set({ commandResults: results });
      return true;
    } catch (e) {
      if (command === 'request_sensor_data') this.set({ actionError: hubErrorMessage(e) });
      return false;
    } finally {
      this.set({ commandBusy: null });
    }
  }

  /** The patient's own limits for one vital sign (doctor); null = no limit on that side. */
  async setThreshold(type: string, low: number | null, high: number | null): Promise<ThresholdResult> {
    try {
      const dto = await this.hub.invoke<AlertThresholdDto>('SetAlertThreshold', this.id, type, low, high);
      if (dto) this.onThreshold(dto);
      return { ok: true, threshold: dto };
    } catch (e) {
      return { ok: false, errors: refusalErrors(hubErrorMessage(e)) };
    }
  }

  sendSignal(kind: SignalKind, payload: string): Promise<void> {
    return this.hub.invoke<void>('SendSignal', this.id, kind, payload);
  }

  async leave(): Promise<void> {
    this.dispose();
    await this.hub.invoke('LeaveConsultation', this.id).catch(() => undefined);
  }

  dispose(): void {
    this.disposed = true;
    for (const u of this.unsubscribe.splice(0)) u();
    this.signalListeners.clear();
  }

  /** A consultation changed outside the hub (a REST answer); keeps the newer view. */
  setConsultation(c: ConsultationDto): void {
    this.set({ consultation: c });
  }

  private receiveChat(messages: readonly ChatMessageDto[]): void {
    const chat = mergeChat(this.state.chat, messages);
    if (chat !== this.state.chat) this.set({ chat });
    // A gap (a message arrived while an earlier one is missing): fetch what lies between.
    if (newestSequence(chat) > chat.lastSequence && this.state.phase === 'joined') void this.resyncChat().catch(() => undefined);
  }

  private onThreshold(e: AlertThresholdDto): void {
    const c = this.state.consultation;
    if (c && e.patientId !== c.patientId) return;
    const thresholds = mergeLimits(this.state.thresholds, [e]);
    if (thresholds !== this.state.thresholds) this.set({ thresholds });
  }

  private onChatRead(e: ChatReadEvent): void {
    const prev = this.state.readMarks[e.userId] ?? 0;
    if (e.sequence > prev) this.set({ readMarks: { ...this.state.readMarks, [e.userId]: e.sequence } });
  }

  private onStateChanged(e: StateChangedEvent): void {
    this.stateChanges++;
    const c = this.state.consultation;
    const patch: Partial<RoomState> = {};
    if (c) {
      patch.consultation = {
        ...c,
        state: e.to,
        failureReason: e.to === 'failed' ? (e.reason ?? c.failureReason) : c.failureReason,
        // As the server keeps them: started when the doctor begins, ended on ending or any final state.
        startedAt: c.startedAt ?? (e.trigger === 'begin' ? e.at : null),
        endedAt: c.endedAt ?? (e.to === 'ending' || e.to === 'completed' || e.to === 'failed' || e.to === 'cancelled' ? e.at : null),
      };
    }
    if (e.to === 'iot_sync') {
      patch.iotSynced = false;
      void this.join(); // the snapshot lists the devices being activated
    }
    if (e.to !== 'connecting') patch.invitedBy = null;
    this.set(patch);
  }

  private set(patch: Partial<RoomState>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }
}
