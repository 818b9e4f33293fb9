import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import { shiftTime, withinWeek } from './format';
import { rotaApi, type MyOnCallDto } from './rotaApi';

/** A doctor's calm header line: "On call until Tue 08:00", or "Next on call: …"; nothing without a shift in the fortnight. */
export function OnCallIndicator() {
  const { t, locale } = useI18n();
  const [mine, setMine] = useState<MyOnCallDto | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    const load = () => void rotaApi.mine(abort.signal).then(setMine, () => undefined);
    load();
    const timer = setInterval(load, 60_000); // a handover passes while the page stays open
    return () => {
      abort.abort();
      clearInterval(timer);
    };
  }, []);
  if (!mine) return null;
  const now = Date.now();
  const next = mine.nextShifts[0];
  if (mine.onCallNow && mine.until)
    return (
      <span className="oncall-chip oncall-chip--on" data-testid="oncall-indicator" title={t('oncall.header.title', { rota: mine.rotaName ?? '' })}>
        {t('oncall.header.until', { at: shiftTime(mine.until, locale, undefined, !withinWeek(mine.until, now)) })}
      </span>
    );
  if (next)
    return (
      <span className="oncall-chip" data-testid="oncall-indicator" title={t('oncall.header.title', { rota: next.rotaName })}>
        {t('oncall.header.next', { at: shiftTime(next.start, locale, undefined, !withinWeek(next.start, now)) })}
      </span>
    );
  return null;
}
