import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import { shiftTime } from './format';
import { rotaApi, type OnCallSpanDto, type RotaDto } from './rotaApi';
import { barsFor, dayStarts, viewerZone } from './timeline';

const HUES = [205, 150, 30, 280, 340, 95, 250, 0];

/** Who is on call over the coming week or fortnight, as one band of shifts, labelled in the rota's zone or the viewer's. */
export function RotaWeek({ rota, version }: { rota: RotaDto; version: number }) {
  const { t, locale } = useI18n();
  const [days, setDays] = useState<7 | 14>(7);
  const mine = viewerZone();
  const [zone, setZone] = useState<'rota' | 'mine'>('rota');
  const [spans, setSpans] = useState<OnCallSpanDto[] | null>(null);
  const from = useMemo(() => new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000), [rota.id, version]);
  const to = useMemo(() => new Date(from.getTime() + days * 86_400_000), [from, days]);
  useEffect(() => {
    const abort = new AbortController();
    rotaApi.timeline(rota.id, from, to, abort.signal).then(setSpans, () => setSpans([]));
    return () => abort.abort();
  }, [rota.id, from, to]);
  const shownZone = zone === 'rota' ? rota.timeZone : mine;
  const hue = (doctorId: number) => HUES[rota.members.findIndex((m) => m.doctorId === doctorId) % HUES.length] ?? 205;
  const bars = spans ? barsFor(spans, from, to) : [];
  const grid = dayStarts(from, to, shownZone);
  return (
    <section className="oncall-week" aria-label={t('oncall.view')} data-testid="rota-week">
      <div className="oncall-week__bar">
        <h2 className="oncall-week__title">{t('oncall.view')}</h2>
        <div className="oncall-toggle" role="group">
          {([7, 14] as const).map((n) => (
            <button key={n} type="button" className="button button--small" aria-pressed={days === n} onClick={() => setDays(n)}>
              {t(n === 7 ? 'oncall.week' : 'oncall.fortnight')}
            </button>
          ))}
        </div>
        <label className="oncall-week__zone">
          {t('oncall.timesIn')}{' '}
          <select value={zone} onChange={(e) => setZone(e.target.value as 'rota' | 'mine')} data-testid="rota-week-zone">
            <option value="rota">{t('oncall.zoneRota', { zone: rota.timeZone })}</option>
            <option value="mine">{t('oncall.zoneMine', { zone: mine })}</option>
          </select>
        </label>
      </div>
      <div className="oncall-band">
        {grid.map((day) => (
          <span key={day.getTime()} className="oncall-band__day" style={{ left: `${((day.getTime() - from.getTime()) / (to.getTime() - from.getTime())) * 100}%` }}>
            {new Intl.DateTimeFormat(locale, { timeZone: shownZone, weekday: 'short', day: 'numeric' }).format(day)}
          </span>
        ))}
        {bars.map((bar) => (
          <span
            key={bar.span.start}
            className={`oncall-band__shift${bar.span.covering ? ' oncall-band__shift--cover' : ''}`}
            style={{ left: `${bar.left * 100}%`, width: `${bar.width * 100}%`, background: `hsl(${hue(bar.span.doctorId)} 45% 88%)`, borderColor: `hsl(${hue(bar.span.doctorId)} 40% 60%)` }}
            title={`${bar.span.displayName}: ${shiftTime(bar.span.start, locale, shownZone, true)} → ${shiftTime(bar.span.end, locale, shownZone, true)}`}
          >
            {bar.width > 0.06 ? bar.span.displayName : ''}
          </span>
        ))}
      </div>
      {spans && spans.length === 0 && <p className="oncall-muted">{t('oncall.noSpans')}</p>}
      <ol className="oncall-shifts">
        {(spans ?? []).map((s) => (
          <li key={s.start} data-testid="rota-shift">
            <span className="oncall-shifts__swatch" style={{ background: `hsl(${hue(s.doctorId)} 40% 60%)` }} aria-hidden="true" />
            <span className="oncall-shifts__name">{s.displayName}</span>
            <span className="oncall-shifts__time">
              {shiftTime(s.start, locale, shownZone, true)} → {shiftTime(s.end, locale, shownZone, true)}
            </span>
            {s.covering && <span className="oncall-tag">{t('oncall.covering')}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
