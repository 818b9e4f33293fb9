import { useI18n } from '../i18n/useI18n';
import { isCallLive } from '../consultation/controls';
import type { ConsultationDto } from '../consultation/types';
import type { ConsultationRoom, RoomState } from './room';

/**
 * The doctor's side of the recording-consent gate: ask, and see the answer. The server refuses to
 * record without a given consent; this only says where things stand.
 */
export function DoctorConsent({ room, state, c }: { room: ConsultationRoom; state: RoomState; c: ConsultationDto }) {
  const { t } = useI18n();
  if (!isCallLive(c.state)) return null;
  const consent = c.recordingConsent;
  const canAsk = consent !== 'given' && consent !== 'asked';
  const message =
    consent === 'given' ? t('consent.given') : consent === 'asked' ? t('consent.asking') : consent === 'refused' ? t('consent.refused') : consent === 'withdrawn' ? t('consent.withdrawn') : t('consent.needed');
  return (
    <div className={`consent consent--${consent}`} data-testid="consent-doctor" data-consent={consent}>
      <span role="status">{message}</span>
      {canAsk && (
        <button type="button" className="button" disabled={state.busy != null} onClick={() => void room.askRecordingConsent()} data-testid="consent-ask">
          {t('consent.ask')}
        </button>
      )}
    </div>
  );
}

/** The patient's side: the question when asked, and a way to take a given consent back at any time. */
export function PatientConsent({ room, state, c }: { room: ConsultationRoom; state: RoomState; c: ConsultationDto }) {
  const { t } = useI18n();
  if (!isCallLive(c.state)) return null;
  return (
    <>
      <PatientConsentCard room={room} state={state} c={c} />
      {state.actionError && (
        <p className="form-error room__error" role="alert">
          {t('room.actionFailed', { error: state.actionError })}
        </p>
      )}
    </>
  );
}

function PatientConsentCard({ room, state, c }: { room: ConsultationRoom; state: RoomState; c: ConsultationDto }) {
  const { t } = useI18n();
  const consent = c.recordingConsent;
  if (consent === 'asked')
    return (
      <div className="consent consent--asked" role="alertdialog" aria-label={t('room.recording')} data-testid="consent-question">
        <strong>{t('consent.question', { name: c.doctorName })}</strong>
        <div className="consent__buttons">
          <button type="button" className="button button--primary" disabled={state.busy != null} onClick={() => void room.answerRecordingConsent(true)} data-testid="consent-allow">
            {t('consent.allow')}
          </button>
          <button type="button" className="button" disabled={state.busy != null} onClick={() => void room.answerRecordingConsent(false)} data-testid="consent-refuse">
            {t('consent.refuse')}
          </button>
        </div>
      </div>
    );
  if (consent === 'given')
    return (
      <div className="consent consent--given" data-testid="consent-patient" data-consent={consent}>
        <span>{t('consent.youAllowed')}</span>
        <button type="button" className="button" disabled={state.busy != null} onClick={() => void room.answerRecordingConsent(false)} data-testid="consent-withdraw">
          {t('consent.withdraw')}
        </button>
      </div>
    );
  if (consent === 'refused' || consent === 'withdrawn')
    return (
      <div className="consent" data-testid="consent-patient" data-consent={consent}>
        <span>{t('consent.youRefused')}</span>
        <button type="button" className="button" disabled={state.busy != null} onClick={() => void room.answerRecordingConsent(true)} data-testid="consent-allow">
          {t('consent.allow')}
        </button>
      </div>
    );
  return null;
}
