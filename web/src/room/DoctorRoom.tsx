import { DoctorConsent } from './RecordingConsent';
import { useEffect, useState, type ReactNode } from 'react';
import { PatientAlerts } from '../alerts/PatientAlerts';
import { useI18n } from '../i18n/useI18n';
import { CallControls } from '../call/CallControls';
import { ChatPanel } from './ChatPanel';
import { session } from '../api/auth';
import type { Band } from '../call/bandwidth';
import { SamplingRateAdapter, sessionControlPost, type RateMultiplier } from './samplingAdapter';
import { doctorActions, isCallLive, type DoctorAction } from '../consultation/controls';
import { DeviceReadiness } from './DeviceReadiness';
import { EndDialog } from './EndDialog';
import { AlertLimitsEditor } from '../alerts/AlertLimits';
import { LiveVitals } from './LiveVitals';
import type { ConsultationRoom, RoomState } from './room';
import { StateBadge } from '../consultation/StateBadge';
import type { ConsultationDto } from '../consultation/types';
import { GuestsPanel } from './GuestsPanel';
import { callWith, useCall } from './useRoom';
import { PeerTiles, VideoStage } from '../call/VideoStage';
import { BackLink, Elapsed, HubNotice } from './RoomParts';

/**
 * The seed's BandwidthAdapter on the doctor's side: the patient's devices sample at 0.5× on a weak
 * link, 1× on a fair one, 2× on a good one (`samplingAdapter.ts`), and 1× again after the call.
 * Returns the multiplier asked for.
 */
function useSamplingRate(band: Band | undefined, deviceIds: readonly string[], live: boolean): RateMultiplier {
  const [adapter] = useState(() => new SamplingRateAdapter(sessionControlPost(session.fetch, window.location.origin)));
  const [rate, setRate] = useState<RateMultiplier>(1);
  const key = deviceIds.join(',');
  useEffect(() => {
    if (!live) return;
    void adapter.update(band, key ? key.split(',') : []).then(() => setRate(adapter.multiplier));
  }, [adapter, band, key, live]);
  useEffect(() => {
    if (!live) return;
    return () => void adapter.stop().then(() => setRate(1));
  }, [adapter, live]);
  return rate;
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

export function DoctorRoom({ room, state, c }: { room: ConsultationRoom; state: RoomState; c: ConsultationDto }) {
  const { t, fmt } = useI18n();
  const peer = room.peer();
  const peerOnline = peer?.online ?? false;
  const [call, mesh] = useCall(room, isCallLive(c.state), state.participants);
  const callState = callWith(mesh, peer?.userId);
  const [ending, setEnding] = useState(false);
  const actions = doctorActions(c.state);
  const samplingRate = useSamplingRate(callState.band, state.devices.map((d) => d.deviceId), isCallLive(c.state));

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
      <DoctorConsent room={room} state={state} c={c} />
      {c.state === 'iot_sync' && <p className="room__hint">{state.iotSynced ? t('room.doctor.syncedHint') : t('room.doctor.syncingHint')}</p>}
      <div className="room__grid">
        <div className="room__main">
          <VideoStage
            call={callState}
            peerName={c.patientName}
            placeholder={placeholder}
            overlay={c.state === 'paused' ? <span className="stage__banner">{t('room.paused')}</span> : c.state === 'recording' ? <span className="stage__banner stage__banner--rec" role="status" data-testid="recording-indicator">{t('room.recording')}</span> : undefined}
          />
          <PeerTiles mesh={mesh} except={peer?.userId} />
          <CallControls call={call} state={callState} />
          <PatientAlerts patientId={c.patientId} patientName={c.patientName} />
        </div>
        <aside className="room__side">
          <GuestsPanel state={state} c={c} />
          <LiveVitals patientId={c.patientId} limits={state.thresholds} editor={<AlertLimitsEditor room={room} limits={state.thresholds} />} />
          {c.state !== 'scheduled' && c.state !== 'connecting' && (
            <DeviceReadiness devices={state.devices} synced={state.iotSynced} room={isCallLive(c.state) ? room : undefined} state={state} samplingRate={samplingRate} />
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
