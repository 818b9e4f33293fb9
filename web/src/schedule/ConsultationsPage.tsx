import { InvitationButton, ReportButton } from '../consultation/VisitFiles';
import { useState } from 'react';
import { linkHandler, pathFor } from '../platform/routes';
import { useNow } from '../platform/clock';
import { ConfirmDialog } from '../devices/ConfirmDialog';
import { useI18n } from '../i18n/useI18n';
import { consultationApi } from '../consultation/api';
import { isCallLive, isFinished } from '../consultation/controls';
import { fromLocalInput, toLocalInput } from './schedule';
import { ScheduleForm } from './ScheduleForm';
import { StateBadge } from '../consultation/StateBadge';
import type { ConsultationDto } from '../consultation/types';
import { splitConsultations, useConsultations } from './useConsultations';

/**
 * Consultations: the doctor schedules, reschedules, cancels and opens the room; the patient sees
 * theirs and joins. Finished consultations open their replay.
 */
export function ConsultationsPage({ role }: { role: 'doctor' | 'patient' }) {
  const { t } = useI18n();
  const { state, reload, replace } = useConsultations();
  const [notice, setNotice] = useState<string | null>(null);
  const doctor = role === 'doctor';

  return (
    <div className="consultations">
      <div className="board__bar">
        <h1 className="board__title">{doctor ? t('consult.title') : t('consult.mine')}</h1>
      </div>
      {doctor && (
        <ScheduleForm
          onScheduled={(c) => {
            replace(c);
            setNotice(t('consult.scheduled', { name: c.patientName }));
          }}
        />
      )}
      {notice && (
        <div className="notice notice--ok" role="status" data-testid="consult-notice">
          <span>{notice}</span>
          <button type="button" className="button button--quiet button--small" onClick={() => setNotice(null)}>
            {t('devices.dismiss')}
          </button>
        </div>
      )}
      {state.kind === 'loading' && <p className="board__message">{t('consult.loading')}</p>}
      {state.kind === 'error' && (
        <div className="board__message board__message--error" role="alert">
          <p>{t('consult.error', { error: state.message })}</p>
          <button type="button" className="button" onClick={() => void reload()}>
            {t('board.retry')}
          </button>
        </div>
      )}
      {state.kind === 'ready' && <Lists items={state.items} role={role} onChanged={replace} />}
    </div>
  );
}

function Lists({ items, role, onChanged }: { items: ConsultationDto[]; role: 'doctor' | 'patient'; onChanged: (c: ConsultationDto) => void }) {
  const { t } = useI18n();
  const { upcoming, past } = splitConsultations(items);
  return (
    <>
      <section className="clist" aria-labelledby="upcoming-title">
        <h2 id="upcoming-title" className="clist__title">
          {t('consult.upcoming')}
        </h2>
        {upcoming.length === 0 ? (
          <p className="clist__empty">{role === 'doctor' ? t('consult.noneUpcoming') : t('consult.noneUpcomingPatient')}</p>
        ) : (
          <ul className="clist__items" data-testid="upcoming-list">
            {upcoming.map((c) => (
              <Row key={c.id} c={c} role={role} onChanged={onChanged} />
            ))}
          </ul>
        )}
      </section>
      {past.length > 0 && (
        <section className="clist" aria-labelledby="past-title">
          <h2 id="past-title" className="clist__title">
            {t('consult.past')}
          </h2>
          <ul className="clist__items" data-testid="past-list">
            {past.map((c) => (
              <Row key={c.id} c={c} role={role} onChanged={onChanged} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function Row({ c, role, onChanged }: { c: ConsultationDto; role: 'doctor' | 'patient'; onChanged: (c: ConsultationDto) => void }) {
  const { t, fmt } = useI18n();
  const now = useNow();
  const [rescheduling, setRescheduling] = useState(false);
  const [when, setWhen] = useState('');
  const [cancelling, setCancelling] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const at = Date.parse(c.scheduledAt);
  const doctor = role === 'doctor';
  const finished = isFinished(c.state);
  const live = isCallLive(c.state) || c.state === 'connecting';
  const room = pathFor({ screen: 'room', id: c.id });
  const replay = pathFor({ screen: 'replay', id: c.id });
  const precall = pathFor({ screen: 'precall', id: c.id });

  const run = async (task: () => Promise<ConsultationDto>, done: () => void) => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await task());
      done();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={`crow${live ? ' crow--live' : ''}`} data-testid="consultation-row" data-consultation-id={c.id} data-state={c.state}>
      <div className="crow__when">
        <span className="crow__time">{fmt.dateTime(at)}</span>
        {!finished && <span className="crow__relative">{relativeTo(at, now, fmt.relative, t)}</span>}
      </div>
      <div className="crow__who">
        <span className="crow__name">{doctor ? c.patientName : c.doctorName}</span>
        <span className="crow__reason">{c.reason}</span>
        {c.state === 'failed' && c.failureReason && <span className="crow__failure">{t('consult.failedBecause', { reason: c.failureReason })}</span>}
      </div>
      <StateBadge state={c.state} />
      <div className="crow__actions">
        {!finished && (
          <a className={`button ${live || !doctor ? 'button--primary' : ''}`} href={room} onClick={linkHandler(room)} data-testid={doctor ? 'open-room' : 'join'}>
            {doctor ? (live ? t('consult.rejoin') : t('consult.openRoom')) : t('consult.join')}
          </a>
        )}
        {!finished && !live && (
          <a className="button" href={precall} onClick={linkHandler(precall)} data-testid="precall">
            {t('consultations.precall')}
          </a>
        )}
        {c.state === 'scheduled' && <InvitationButton id={c.id} />}
        {doctor && c.state === 'scheduled' && !rescheduling && (
          <>
            <button type="button" className="button" onClick={() => (setWhen(toLocalInput(new Date(at))), setRescheduling(true))} data-testid="reschedule">
              {t('consult.reschedule')}
            </button>
            <button type="button" className="button button--danger" onClick={() => setCancelling(true)} data-testid="cancel">
              {t('consult.cancel')}
            </button>
          </>
        )}
        {finished && c.state !== 'cancelled' && (
          <a className="button" href={replay} onClick={linkHandler(replay)} data-testid="replay">
            {t('consult.replay')}
          </a>
        )}
        {finished && c.startedAt && <ReportButton id={c.id} label="consultations.report" />}
      </div>
      {rescheduling && (
        <form
          className="crow__reschedule"
          onSubmit={(e) => {
            e.preventDefault();
            const d = fromLocalInput(when);
            if (!d) return setError(t('schedule.error.timeRequired'));
            void run(() => consultationApi.reschedule(c.id, d.toISOString()), () => setRescheduling(false));
          }}
        >
          <label className="field">
            <span className="field__label">{t('consult.newTime')}</span>
            <input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} data-testid="reschedule-when" />
          </label>
          <button type="submit" className="button button--primary" disabled={busy} data-testid="reschedule-save">
            {t('consult.save')}
          </button>
          <button type="button" className="button button--quiet" onClick={() => setRescheduling(false)} disabled={busy}>
            {t('confirm.cancel')}
          </button>
        </form>
      )}
      {error && !cancelling && (
        <p className="form-error crow__error" role="alert">
          {error}
        </p>
      )}
      {cancelling && (
        <ConfirmDialog
          title={t('consult.cancelTitle', { name: c.patientName })}
          confirmLabel={t('consult.cancelConfirm')}
          busyLabel={t('consult.cancelling')}
          danger
          busy={busy}
          error={error}
          onConfirm={() => void run(() => consultationApi.cancel(c.id), () => setCancelling(false))}
          onCancel={() => (setCancelling(false), setError(null))}
          testId="cancel-dialog"
        >
          <p>{t('consult.cancelBody', { when: fmt.dateTime(at) })}</p>
        </ConfirmDialog>
      )}
    </li>
  );
}

function relativeTo(at: number, now: number, relative: (a: number, n: number) => string, t: ReturnType<typeof useI18n>['t']): string {
  const minutes = Math.round((at - now) / 60_000);
  if (minutes > 0) return minutes < 60 ? t('consult.inMinutes', { n: minutes }) : minutes < 48 * 60 ? t('consult.inHours', { n: Math.round(minutes / 60) }) : t('consult.inDays', { n: Math.round(minutes / 1440) });
  return relative(at, now);
}
