import { useEffect, useRef, useState, type ReactNode } from 'react';
import { PatientAlerts } from '../alerts/PatientAlerts';
import type { UserDto } from '../api/types';
import { linkHandler, pathFor } from '../platform/routes';
import { useNow } from '../platform/clock';
import { useI18n } from '../i18n/useI18n';
import { CallControls } from '../call/CallControls';
import { ChatPanel } from './ChatPanel';
import { useConsultationHubStatus } from '../live/ConsultationHubContext';
import { samplingCommandFor, type Band } from '../call/bandwidth';
import { doctorActions, isCallLive, isFinished, patientView, type DoctorAction } from '../consultation/controls';
import { DeviceReadiness } from './DeviceReadiness';
import { EndDialog } from './EndDialog';
import { AlertLimitsEditor } from '../alerts/AlertLimits';
import { LiveVitals } from './LiveVitals';
import { offsetLabel } from '../consultation/time';
import type { ConsultationRoom, RoomState } from './room';
import { StateBadge } from '../consultation/StateBadge';
import type { ConsultationDto } from '../consultation/types';
import { GuestsPanel, GuestVitals } from './GuestsPanel';
import { callWith, useCall, useRoom } from './useRoom';
import { PeerTiles, VideoStage } from '../call/VideoStage';

/** The consultation room; what it shows follows the server's state (a reload lands in the same place). */
export function RoomPage({ id, user }: { id: number; user: UserDto }) {
  const { t } = useI18n();
  const role = user.role === 'doctor' ? 'doctor' : user.role === 'guest' ? 'guest' : 'patient';
  const [room, state] = useRoom(id, { id: user.id, name: user.displayName, role });
  const back = pathFor({ screen: 'consultations' });

  if (state.phase === 'joining' || !state.consultation) {
    if (state.phase === 'error')
      return (
        <div className="board__message board__message--error" role="alert" data-testid="room-error">
          <p>{t('room.cannotJoin', { error: state.error ?? '' })}</p>
          <a className="button" href={back} onClick={linkHandler(back)}>
            {t('room.back')}
          </a>
        </div>
      );
    return <p className="board__message">{t('room.joining')}</p>;
  }
  const c = state.consultation;
  // Finished: the call and the camera are let go (their components unmount).
  if (isFinished(c.state) || c.state === 'ending') return <Finished c={c} guest={role === 'guest'} />;
  if (role === 'guest') return <GuestRoom room={room} state={state} c={state.consultation} />;
  return role === 'doctor' ? <DoctorRoom room={room} state={state} c={state.consultation} /> : <PatientRoom room={room} state={state} c={state.consultation} />;
}

function BackLink() {
  const { t } = useI18n();
  const back = pathFor({ screen: 'consultations' });
  return (
    <a className="room__back" href={back} onClick={linkHandler(back)}>
      ← {t('room.back')}
    </a>
  );
}

function Elapsed({ since }: { since: string | null }) {
  const now = useNow();
  if (!since) return null;
  return (
    <span className="room__elapsed" data-testid="elapsed">
      {offsetLabel(now - Date.parse(since))}
    </span>
  );
}

function HubNotice() {
  const { t } = useI18n();
  const status = useConsultationHubStatus();
  if (status === 'connected') return null;
  return (
    <span className={`conn conn--${status}`} role="status" data-testid="room-hub-status">
      <span className="conn__dot" aria-hidden="true" />
      {t(`conn.${status}`)}
    </span>
  );
}

/**
 * The seed's BandwidthAdapter on the doctor's side: on a weak link the patient's devices sample
 * less often, and back to normal once it recovers. Returns whether the rate is lowered.
 */
function useSamplingAdapter(room: ConsultationRoom, band: Band | undefined, live: boolean): boolean {
  const [lowered, setLowered] = useState(false);
  const sending = useRef(false);
  useEffect(() => {
    if (!live || sending.current) return;
    const command = samplingCommandFor(band, lowered);
    if (!command) return;
    sending.current = true;
    void room.deviceCommand(command).then((ok) => {
      sending.current = false;
      if (ok) setLowered(command === 'set_sampling_rate_low');
    });
  }, [room, band, lowered, live]);
  return lowered;
}

const ACTION_LABEL = {
  start: 'room.action.start',
  begin: 'room.action.begin',
  pause: 'room.action.pause',
  resume: 'room.action.resume',
  startRecording: 'room.action.startRecording',
  stopRecording: 'room.action.stopRecording',
  end: 'room.action.end',
} as const;

function DoctorRoom({ room, state, c }: { room: ConsultationRoom; state: RoomState; c: ConsultationDto }) {
  const { t, fmt } = useI18n();
  const peer = room.peer();
  const peerOnline = peer?.online ?? false;
  const [call, mesh] = useCall(room, isCallLive(c.state), state.participants);
  const callState = callWith(mesh, peer?.userId);
  const [ending, setEnding] = useState(false);
  const actions = doctorActions(c.state);
  const lowered = useSamplingAdapter(room, callState.band, isCallLive(c.state));

  const placeholder: ReactNode =
    c.state === 'scheduled' ? (
      <>
        <strong>{t('room.doctor.scheduled', { name: c.patientName })}</strong>
        <span>{peerOnline ? t('room.doctor.patientWaiting') : t('room.doctor.patientNotHere')}</span>
      </>
    ) : c.state === 'connecting' ? (
      <>
        <strong>{t('room.doctor.invited', { name: c.patientName })}</strong>
        <span>{peerOnline ? t('room.doctor.patientWaiting') : t('room.doctor.patientNotHere')}</span>
      </>
    ) : !peerOnline ? (
      <strong>{t('room.peerAway', { name: c.patientName })}</strong>
    ) : (
      <strong>{t('room.connecting')}</strong>
    );

  const click = (a: DoctorAction) => (a === 'end' ? setEnding(true) : void room.act(a));

  return (
    <div className="room" data-testid="room" data-role="doctor" data-state={c.state}>
      <div className="room__bar">
        <BackLink />
        <div className="room__who">
          <h1 className="room__name">{c.patientName}</h1>
          <span className="room__reason">
            {c.reason} · {fmt.dateTime(Date.parse(c.scheduledAt))}
          </span>
        </div>
        <StateBadge state={c.state} />
        <Elapsed since={c.startedAt} />
        <HubNotice />
        <div className="room__actions">
          {actions.map((a) => (
            <button
              key={a}
              type="button"
              className={`button ${a === 'end' ? 'button--danger' : a === 'start' || a === 'begin' || a === 'resume' ? 'button--primary' : ''}`}
              onClick={() => click(a)}
              disabled={state.busy != null}
              aria-pressed={a === 'stopRecording' ? true : undefined}
              data-testid={`action-${a}`}
            >
              {state.busy === a ? t('room.working') : t(ACTION_LABEL[a])}
            </button>
          ))}
        </div>
      </div>
      {state.actionError && (
        <p className="form-error room__error" role="alert" data-testid="action-error">
          {t('room.actionFailed', { error: state.actionError })}
        </p>
      )}
      {c.state === 'iot_sync' && <p className="room__hint">{state.iotSynced ? t('room.doctor.syncedHint') : t('room.doctor.syncingHint')}</p>}
      <div className="room__grid">
        <div className="room__main">
          <VideoStage
            call={callState}
            peerName={c.patientName}
            placeholder={placeholder}
            overlay={c.state === 'paused' ? <span className="stage__banner">{t('room.paused')}</span> : c.state === 'recording' ? <span className="stage__banner stage__banner--rec">{t('room.recording')}</span> : undefined}
          />
          <PeerTiles mesh={mesh} except={peer?.userId} />
          <CallControls call={call} state={callState} />
          <PatientAlerts patientId={c.patientId} patientName={c.patientName} />
        </div>
        <aside className="room__side">
          <GuestsPanel state={state} c={c} />
          <LiveVitals patientId={c.patientId} limits={state.thresholds} editor={<AlertLimitsEditor room={room} limits={state.thresholds} />} />
          {c.state !== 'scheduled' && c.state !== 'connecting' && (
            <DeviceReadiness devices={state.devices} synced={state.iotSynced} room={isCallLive(c.state) ? room : undefined} state={state} lowered={lowered} />
          )}
          <ChatPanel room={room} state={state} disabled={state.phase !== 'joined'} />
        </aside>
      </div>
      {ending && (
        <EndDialog
          busy={state.busy === 'end'}
          error={state.actionError}
          onCancel={() => setEnding(false)}
          onEnd={(note) =>
            void room.act('end', note).then((ok) => {
              if (ok) setEnding(false);
            })
          }
        />
      )}
    </div>
  );
}

function PatientRoom({ room, state, c }: { room: ConsultationRoom; state: RoomState; c: ConsultationDto }) {
  const { t, fmt } = useI18n();
  const view = patientView(c.state);
  const peer = room.peer();
  const [call, mesh] = useCall(room, isCallLive(c.state), state.participants);
  const callState = callWith(mesh, peer?.userId);

  if (view === 'waiting' || view === 'invited')
    return (
      <div className="waiting" data-testid="waiting-room" data-state={c.state}>
        <BackLink />
        <div className="waiting__card">
          <div className="waiting__text">
            <p className="waiting__kicker">{t('waiting.kicker')}</p>
            <h1 className="waiting__title">{t('waiting.with', { name: c.doctorName })}</h1>
            <p className="waiting__when">
              {fmt.dateTime(Date.parse(c.scheduledAt))} · {c.reason}
            </p>
            {view === 'waiting' ? (
              <div className="waiting__status" role="status" data-testid="waiting-status">
                <span className="waiting__pulse" aria-hidden="true" />
                <div>
                  <strong>{t('waiting.letYouIn')}</strong>
                  <p>{t('waiting.stay')}</p>
                </div>
              </div>
            ) : (
              <div className="waiting__invite" role="alert" data-testid="invite">
                <strong>{t('waiting.ready', { name: state.invitedBy ?? c.doctorName })}</strong>
                <button type="button" className="button button--primary button--large" disabled={state.busy === 'accept'} onClick={() => void room.accept()} data-testid="accept">
                  {state.busy === 'accept' ? t('room.working') : t('waiting.accept')}
                </button>
              </div>
            )}
            {state.actionError && (
              <p className="form-error" role="alert">
                {t('room.actionFailed', { error: state.actionError })}
              </p>
            )}
            <HubNotice />
          </div>
          <div className="waiting__preview">
            <VideoStage call={callState} peerName={c.doctorName} placeholder={null} />
            <p className="waiting__check">{callState.mediaError ? t(`call.mediaError.${callState.mediaError}`) : callState.media === 'ready' ? t('waiting.cameraOk') : t('waiting.cameraAsk')}</p>
          </div>
        </div>
      </div>
    );

  const peerOnline = peer?.online ?? false;
  return (
    <div className="room room--patient" data-testid="room" data-role="patient" data-state={c.state}>
      <div className="room__bar">
        <BackLink />
        <div className="room__who">
          <h1 className="room__name">{c.doctorName}</h1>
          <span className="room__reason">{c.reason}</span>
        </div>
        <StateBadge state={c.state} />
        <Elapsed since={c.startedAt} />
        <HubNotice />
      </div>
      <div className="room__grid">
        <div className="room__main">
          <VideoStage
            call={callState}
            peerName={c.doctorName}
            placeholder={<strong>{peerOnline ? t('room.connecting') : t('room.peerAway', { name: c.doctorName })}</strong>}
            overlay={c.state === 'paused' ? <span className="stage__banner">{t('room.paused')}</span> : c.state === 'recording' ? <span className="stage__banner stage__banner--rec">{t('room.recordingPatient')}</span> : undefined}
          />
          <PeerTiles mesh={mesh} except={peer?.userId} />
          <CallControls call={call} state={callState} />
        </div>
        <aside className="room__side">
          <ChatPanel room={room} state={state} disabled={state.phase !== 'joined'} />
        </aside>
      </div>
    </div>
  );
}

/**
 * A guest (interpreter, family member): the call with everyone, the chat, and the patient's vitals
 * only while the doctor allows it. A guest never drives the consultation.
 */
function GuestRoom({ room, state, c }: { room: ConsultationRoom; state: RoomState; c: ConsultationDto }) {
  const { t } = useI18n();
  const peer = room.peer();
  const live = isCallLive(c.state);
  const [call, mesh] = useCall(room, live, state.participants);
  const callState = callWith(mesh, peer?.userId);
  const peerOnline = peer?.online ?? false;
  return (
    <div className="room room--guest" data-testid="room" data-role="guest" data-state={c.state}>
      <div className="room__bar">
        <div className="room__who">
          <h1 className="room__name">{t('guest.title', { doctor: c.doctorName, patient: c.patientName })}</h1>
          <span className="room__reason">{t('guest.youAreGuest', { name: room.me.name })}</span>
        </div>
        <StateBadge state={c.state} />
        <Elapsed since={c.startedAt} />
        <HubNotice />
      </div>
      <div className="room__grid">
        <div className="room__main">
          <VideoStage
            call={callState}
            peerName={c.doctorName}
            placeholder={<strong>{!live ? t('guest.notStarted') : peerOnline ? t('room.connecting') : t('room.peerAway', { name: c.doctorName })}</strong>}
            overlay={c.state === 'paused' ? <span className="stage__banner">{t('room.paused')}</span> : c.state === 'recording' ? <span className="stage__banner stage__banner--rec">{t('room.recordingPatient')}</span> : undefined}
          />
          <PeerTiles mesh={mesh} except={peer?.userId} />
          <CallControls call={call} state={callState} />
        </div>
        <aside className="room__side">
          <GuestVitals patientId={c.patientId} state={state} meId={room.me.id} />
          <ChatPanel room={room} state={state} disabled={state.phase !== 'joined'} />
        </aside>
      </div>
    </div>
  );
}

function Finished({ c, guest }: { c: ConsultationDto; guest: boolean }) {
  const { t, fmt } = useI18n();
  const replay = pathFor({ screen: 'replay', id: c.id });
  return (
    <div className="finished" data-testid="room-finished" data-state={c.state}>
      {!guest && <BackLink />}
      <div className="finished__card">
        <StateBadge state={c.state} />
        <h1 className="finished__title">{c.state === 'ending' ? t('finished.ending') : c.state === 'failed' ? t('finished.failed') : c.state === 'cancelled' ? t('finished.cancelled') : t('finished.ended')}</h1>
        {c.endedAt && <p className="finished__when">{t('finished.at', { when: fmt.dateTime(Date.parse(c.endedAt)) })}</p>}
        {c.failureReason && <p className="finished__reason">{c.failureReason}</p>}
        {!guest && c.state !== 'cancelled' && c.state !== 'ending' && (
          <a className="button button--primary" href={replay} onClick={linkHandler(replay)} data-testid="open-replay">
            {t('finished.replay')}
          </a>
        )}
      </div>
    </div>
  );
}
