import { PatientConsent } from './RecordingConsent';
import { useI18n } from '../i18n/useI18n';
import { CallControls } from '../call/CallControls';
import { ChatPanel } from './ChatPanel';
import { isCallLive, patientView } from '../consultation/controls';
import type { ConsultationRoom, RoomState } from './room';
import { StateBadge } from '../consultation/StateBadge';
import type { ConsultationDto } from '../consultation/types';
import { GuestVitals } from './GuestsPanel';
import { callWith, useCall } from './useRoom';
import { PeerTiles, VideoStage } from '../call/VideoStage';
import { BackLink, Elapsed, HubNotice } from './RoomParts';

export function PatientRoom({ room, state, c }: { room: ConsultationRoom; state: RoomState; c: ConsultationDto }) {
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
      <PatientConsent room={room} state={state} c={c} />
      <div className="room__grid">
        <div className="room__main">
          <VideoStage
            call={callState}
            peerName={c.doctorName}
            placeholder={<strong>{peerOnline ? t('room.connecting') : t('room.peerAway', { name: c.doctorName })}</strong>}
            overlay={c.state === 'paused' ? <span className="stage__banner">{t('room.paused')}</span> : c.state === 'recording' ? <span className="stage__banner stage__banner--rec" role="status" data-testid="recording-indicator">{t('room.recordingPatient')}</span> : undefined}
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
export function GuestRoom({ room, state, c }: { room: ConsultationRoom; state: RoomState; c: ConsultationDto }) {
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
            overlay={c.state === 'paused' ? <span className="stage__banner">{t('room.paused')}</span> : c.state === 'recording' ? <span className="stage__banner stage__banner--rec" role="status" data-testid="recording-indicator">{t('room.recordingPatient')}</span> : undefined}
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
