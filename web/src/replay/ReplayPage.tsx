import { useEffect, useMemo, useState } from 'react';
import type { VitalType } from '../api/types';
import { alertTitle } from '../alerts/format';
import { linkHandler, pathFor } from '../platform/routes';
import { useI18n } from '../i18n/useI18n';
import { VitalTile } from '../monitoring/VitalTile';
import { consultationApi } from '../consultation/api';
import { StateBadge } from '../consultation/StateBadge';
import {
  alertMarkers,
  chatUntil,
  doubtfulRings,
  eventIndexAt,
  exportFileName,
  offsetLabel,
  readingAt,
  replayBounds,
  replayEvents,
  sortedObservations,
  sortedTransitions,
  sparkOf,
  stateAt,
  type ReplayEvent,
} from './replay';
import type { ConsultationTimelineDto } from '../consultation/types';
import { VitalsChart } from '../consultation/VitalsChart';

type Load = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; timeline: ConsultationTimelineDto };

const SHOWN: VitalType[] = ['heart_rate', 'spo2', 'temperature', 'blood_pressure'];
/** Playback speed: one second of the call per 100 ms. */
const PLAY_STEP_MS = 1_000;
const PLAY_TICK_MS = 100;

/** A finished consultation played back: state changes, chat and vital signs in step with a time slider. */
export function ReplayPage({ id }: { id: number }) {
  const { t } = useI18n();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  useEffect(() => {
    const ctrl = new AbortController();
    consultationApi
      .timeline(id, ctrl.signal)
      .then((timeline) => setLoad({ kind: 'ready', timeline }))
      .catch((e: unknown) => !ctrl.signal.aborted && setLoad({ kind: 'error', message: e instanceof Error ? e.message : String(e) }));
    return () => ctrl.abort();
  }, [id]);
  if (load.kind === 'loading') return <p className="board__message">{t('replay.loading')}</p>;
  if (load.kind === 'error')
    return (
      <div className="board__message board__message--error" role="alert">
        <p>{t('replay.error', { error: load.message })}</p>
      </div>
    );
  return <Replay timeline={load.timeline} />;
}

function Replay({ timeline }: { timeline: ConsultationTimelineDto }) {
  const { t, fmt } = useI18n();
  const c = timeline.consultation;
  const bounds = useMemo(() => replayBounds(timeline), [timeline]);
  const transitions = useMemo(() => sortedTransitions(timeline), [timeline]);
  const observations = useMemo(() => sortedObservations(timeline.observations), [timeline]);
  const spark = useMemo(() => sparkOf(observations), [observations]);
  const rings = useMemo(() => doubtfulRings(observations), [observations]);
  const events = useMemo(() => replayEvents(transitions, timeline.alerts ?? [], bounds), [transitions, timeline, bounds]);
  const markers = useMemo(() => alertMarkers(events), [events]);
  const [at, setAt] = useState(bounds.fromMs);
  const [playing, setPlaying] = useState(false);

  useEffect(() => {
    if (!playing) return;
    const timer = setInterval(() => {
      setAt((x) => {
        const next = Math.min(bounds.toMs, x + PLAY_STEP_MS);
        if (next >= bounds.toMs) setPlaying(false);
        return next;
      });
    }, PLAY_TICK_MS);
    return () => clearInterval(timer);
  }, [playing, bounds.toMs]);

  const current = eventIndexAt(events, at);
  const jump = (ms: number) => (setPlaying(false), setAt(Math.min(bounds.toMs, Math.max(bounds.fromMs, ms))));
  const state = stateAt(transitions, at);
  const chat = chatUntil(timeline.chat, at);
  const later = timeline.chat.length - chat.length;
  const back = pathFor({ screen: 'consultations' });

  const exportJson = () => {
    const blob = new Blob([JSON.stringify(timeline, null, 2)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = exportFileName(timeline);
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <div className="replay" data-testid="replay">
      <div className="room__bar">
        <a className="room__back no-print" href={back} onClick={linkHandler(back)}>
          ← {t('room.back')}
        </a>
        <div className="room__who">
          <p className="replay__kicker">{t('replay.kicker')}</p>
          <h1 className="room__name">{t('replay.title', { patient: c.patientName, doctor: c.doctorName })}</h1>
          <span className="room__reason">
            {c.reason} · {fmt.dateTime(bounds.fromMs)} · {t('replay.duration', { d: offsetLabel(bounds.toMs - bounds.fromMs) })}
          </span>
        </div>
        <StateBadge state={c.state} />
        <div className="room__actions no-print">
          <button type="button" className="button" onClick={exportJson} data-testid="export-json">
            {t('replay.exportJson')}
          </button>
          <button type="button" className="button" onClick={() => window.print()} data-testid="export-print">
            {t('replay.print')}
          </button>
        </div>
      </div>

      <div className="scrubber no-print">
        <button type="button" className="button" onClick={() => (at >= bounds.toMs && setAt(bounds.fromMs), setPlaying(!playing))} data-testid="replay-play">
          {playing ? t('replay.pause') : t('replay.play')}
        </button>
        <label className="scrubber__slider">
          <span className="visually-hidden">{t('replay.position')}</span>
          <input
            type="range"
            min={bounds.fromMs}
            max={bounds.toMs}
            step={1000}
            value={at}
            onChange={(e) => {
              setPlaying(false);
              setAt(Number(e.target.value));
            }}
            data-testid="replay-slider"
            aria-valuetext={`${offsetLabel(at - bounds.fromMs)} · ${fmt.axisTime(at, true)}`}
          />
        </label>
        <span className="scrubber__time" data-testid="replay-time">
          <strong>{offsetLabel(at - bounds.fromMs)}</strong> / {offsetLabel(bounds.toMs - bounds.fromMs)} · {fmt.axisTime(at, true)}
        </span>
        <span className="scrubber__state">
          <StateBadge state={state} />
        </span>
      </div>

      <div className="replay__grid">
        <div className="replay__main">
          <section className="panel replay__vitals" aria-labelledby="replay-vitals">
            <h2 id="replay-vitals" className="side__title">
              {t('replay.vitals')}
            </h2>
            <div className="side-vitals__tiles side-vitals__tiles--four" data-testid="replay-vitals">
              {SHOWN.map((type) => (
                <VitalTile key={type} type={type} reading={readingAt(observations, type, at)} now={at} />
              ))}
            </div>
            <VitalsChart data={spark} range={bounds} markerMs={at} height={220} alerts={markers} rings={rings} />
            {observations.length === 0 && <p className="side__empty">{t('replay.noVitals')}</p>}
          </section>
          {c.note && (
            <section className="panel" aria-labelledby="replay-note">
              <h2 id="replay-note" className="side__title">
                {t('replay.note')}
              </h2>
              <p className="replay__note" data-testid="replay-note">
                {c.note}
              </p>
            </section>
          )}
        </div>
        <aside className="replay__side">
          <section className="panel" aria-labelledby="replay-states">
            <h2 id="replay-states" className="side__title">
              {markers.length > 0 ? t('replay.statesAlerts') : t('replay.states')}
            </h2>
            <ol className="steps" data-testid="replay-transitions">
              {events.map((e, i) => (
                <EventStep key={`${e.kind}-${e.at}-${i}`} event={e} fromMs={bounds.fromMs} place={i === current ? 'current' : i > current ? 'later' : 'past'} onJump={jump} />
              ))}
            </ol>
          </section>
          <section className="panel replay__chat" aria-labelledby="replay-chat">
            <h2 id="replay-chat" className="side__title">
              {t('chat.title')}
              <span className="side__count">{t('replay.chatCount', { n: chat.length, total: timeline.chat.length })}</span>
            </h2>
            <ol className="chat__list chat__list--replay" data-testid="replay-chat">
              {timeline.chat.length === 0 && <li className="chat__empty">{t('replay.noChat')}</li>}
              {[...timeline.chat]
                .sort((a, b) => a.sequence - b.sequence)
                .map((m) => {
                  const shown = Date.parse(m.sentAt) <= at;
                  return (
                    <li key={m.sequence} className={`msg${m.senderRole === 'doctor' ? ' msg--mine' : ''}${shown ? '' : ' msg--future'}`} data-testid={shown ? 'replay-message' : 'replay-message-later'}>
                      <div className="msg__meta">
                        <span className="msg__who">{m.senderName}</span>
                        <time className="msg__time">{offsetLabel(Date.parse(m.sentAt) - bounds.fromMs)}</time>
                      </div>
                      <p className="msg__text">{m.text}</p>
                    </li>
                  );
                })}
            </ol>
            {later > 0 && <p className="side__empty no-print">{t('replay.later', { n: later })}</p>}
          </section>
        </aside>
      </div>
    </div>
  );
}

/** One entry of the steps list: a state change (what, by whom), or an alert raised or resolved (severity word, title). */
function EventStep({ event: e, fromMs, place, onJump }: { event: ReplayEvent; fromMs: number; place: 'past' | 'current' | 'later'; onJump: (ms: number) => void }) {
  const { t, fmt } = useI18n();
  const cls = `step${place === 'current' ? ' step--current' : place === 'later' ? ' step--later' : ''}`;
  const time = <span className="step__time">{offsetLabel(e.at - fromMs)}</span>;
  if (e.kind === 'transition') {
    const tr = e.transition;
    return (
      <li className={cls} data-testid="replay-transition">
        <button type="button" className="step__jump" onClick={() => onJump(e.at)}>
          {time}
          <span className="step__what">
            {t(`replay.trigger.${tr.trigger}`)}
            <span className="step__by">{t(`replay.by.${tr.byRole}`)}</span>
          </span>
        </button>
        {tr.reason && <span className="step__reason">{tr.reason}</span>}
      </li>
    );
  }
  const a = e.alert;
  const resolved = e.phase === 'resolved';
  return (
    <li className={`${cls} step--alert step--${a.severity}${resolved ? ' step--resolved' : ''}`} data-testid="replay-alert" data-phase={e.phase} data-severity={a.severity} data-alert-id={a.id}>
      <button type="button" className="step__jump" onClick={() => onJump(e.at)}>
        {time}
        <span className="step__alert">
          <span className="step__what">
            <span className={`sev sev--${a.severity}`}>{t(`alerts.severity.${a.severity}`)}</span>
            {resolved ? (a.resolvedByName ? t('replay.alertResolvedBy', { name: a.resolvedByName }) : t('replay.alertResolved')) : t('replay.alertRaised')}
          </span>
          <span className="step__title">{alertTitle(a, t, fmt)}</span>
        </span>
      </button>
      {resolved && a.resolutionNote && <span className="step__note">{a.resolutionNote}</span>}
    </li>
  );
}
