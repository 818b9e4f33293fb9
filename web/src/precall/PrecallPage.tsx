import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import type { MessageKey } from '../i18n/en';
import { linkHandler, pathFor } from '../platform/routes';
import { consultationApi } from '../consultation/api';
import type { ConsultationDto } from '../consultation/types';
import { cameraResult, CHECK_IDS, iceResult, levelOf, mediaProblemOf, microphoneResult, overall, RUNNING, serverResult, speakerResult, VOICE_LEVEL, type CheckId, type CheckResult } from './checks';
import { gatherCandidateTypes, listenToMicrophone, measureRoundTrips, playTestTone } from './probes';
import './precall.css';

const LISTEN_MS = 3000;

/**
 * Before joining: the camera's picture, the microphone's level, a test tone for the speakers and the
 * network (a round trip to the server, ICE with its STUN/TURN servers), each with a verdict and one
 * plain sentence of advice. Nothing here joins the call or tells the other side.
 */
export function PrecallPage({ id }: { id: number }) {
  const { t, fmt } = useI18n();
  const [consultation, setConsultation] = useState<ConsultationDto | null>(null);
  const [results, setResults] = useState<Partial<Record<CheckId, CheckResult>>>({});
  const [level, setLevel] = useState(0);
  const [tone, setTone] = useState<'idle' | 'playing' | 'asked'>('idle');
  const [run, setRun] = useState(0);
  const video = useRef<HTMLVideoElement>(null);
  const set = useCallback((id: CheckId, r: CheckResult) => setResults((all) => ({ ...all, [id]: r })), []);

  useEffect(() => {
    const abort = new AbortController();
    consultationApi.get(id, abort.signal).then(setConsultation, () => undefined);
    return () => abort.abort();
  }, [id]);

  useEffect(() => {
    let cancelled = false;
    let stream: MediaStream | null = null;
    let stopListening = () => {};
    setResults({ speaker: speakerResult(null) });
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
        if (cancelled) return;
        if (video.current) video.current.srcObject = stream;
        set('camera', cameraResult(null, stream.getVideoTracks()[0]?.getSettings().width ?? 0));
        let peak = 0;
        stopListening = listenToMicrophone(stream, (l) => {
          peak = Math.max(peak, l);
          setLevel(l);
        }, levelOf);
        setTimeout(() => !cancelled && set('microphone', microphoneResult(null, peak)), LISTEN_MS);
      } catch (e) {
        const problem = mediaProblemOf(e);
        set('camera', cameraResult(problem, 0));
        set('microphone', microphoneResult(problem, 0));
      }
    })();
    void (async () => {
      const { roundTrips, ice } = await measureRoundTrips();
      if (cancelled) return;
      set('server', serverResult(roundTrips));
      if (!ice) return set('ice', iceResult(new Set(), { stun: false, turn: false }));
      const urls = ice.iceServers.flatMap((s) => s.urls);
      const types = await gatherCandidateTypes(ice);
      if (!cancelled) set('ice', iceResult(types, { stun: urls.some((u) => u.startsWith('stun:')), turn: urls.some((u) => /^turns?:/.test(u)) }));
    })();
    return () => {
      cancelled = true;
      stopListening();
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, [run, set]);

  const playTone = async () => {
    setTone('playing');
    await playTestTone();
    setTone('asked');
  };

  const summary = overall(results);
  const room = pathFor({ screen: 'room', id });
  const back = pathFor({ screen: 'consultations' });
  return (
    <div className="precall" data-testid="precall" data-summary={summary}>
      <header className="precall__head">
        <h1>{t('precall.title')}</h1>
        {consultation && (
          <p className="precall__who">
            {t('precall.for', { name: consultation.doctorName, when: fmt.dateTime(Date.parse(consultation.scheduledAt)) })}
          </p>
        )}
        <p className="precall__intro">{t('precall.intro')}</p>
      </header>
      <div className="precall__grid">
        <div className="precall__media">
          <video ref={video} className="precall__video" autoPlay playsInline muted aria-label={t('precall.preview')} data-testid="precall-video" />
          <meter className="precall__meter" min={0} max={1} low={VOICE_LEVEL} optimum={0.5} value={Math.min(1, level * 5)} aria-label={t('precall.level')} data-testid="precall-level" />
          <p className="precall__hint">{t('precall.speakHint')}</p>
        </div>
        <ul className="precall__checks">
          {CHECK_IDS.map((check) => {
            const r = results[check] ?? RUNNING;
            return (
              <li key={check} className={`precall__check precall__check--${r.status}`} data-testid={`check-${check}`} data-status={r.status}>
                <span className="precall__status" aria-hidden="true">{r.status === 'pass' ? '✓' : r.status === 'warn' ? '!' : r.status === 'fail' ? '✕' : '…'}</span>
                <div>
                  <strong>{t(`precall.check.${check}` as MessageKey)}</strong> <span className="precall__verdict">{t(`precall.status.${r.status}` as MessageKey)}</span>
                  <p className="precall__advice">{t(r.advice, r.values)}</p>
                  {check === 'speaker' && (
                    <div className="precall__tone">
                      <button type="button" className="button" disabled={tone === 'playing'} onClick={() => void playTone()} data-testid="precall-tone">
                        {tone === 'playing' ? t('precall.speaker.playing') : t('precall.speaker.play')}
                      </button>
                      {tone === 'asked' && (
                        <>
                          <span>{t('precall.speaker.question')}</span>
                          <button type="button" className="button" onClick={() => (set('speaker', speakerResult(true)), setTone('idle'))} data-testid="precall-heard">
                            {t('precall.speaker.yes')}
                          </button>
                          <button type="button" className="button" onClick={() => (set('speaker', speakerResult(false)), setTone('idle'))}>
                            {t('precall.speaker.no')}
                          </button>
                        </>
                      )}
                    </div>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      </div>
      <p className={`precall__summary precall__summary--${summary}`} role="status" data-testid="precall-summary">
        {t(`precall.summary.${summary}` as MessageKey)}
      </p>
      <div className="precall__actions">
        <a className="button" href={back} onClick={linkHandler(back)}>
          {t('room.back')}
        </a>
        <button type="button" className="button" onClick={() => setRun((n) => n + 1)} data-testid="precall-again">
          {t('precall.again')}
        </button>
        <a className="button button--primary" href={room} onClick={linkHandler(room)} data-testid="precall-join">
          {t('precall.join')}
        </a>
      </div>
    </div>
  );
}
