import type { VitalType } from '../api/types';
import { useI18n } from '../i18n/useI18n';
import { DoubtfulMark } from './DoubtfulMark';
import type { VitalReading } from '../live/store';
import { levelOf, STALE_AFTER_MS } from '../live/vitals';

/**
 * One vital sign: label, large number, unit, and how old the reading is. A doubtful reading (low
 * signal quality) is muted and marked "?", never coloured as abnormal. A reading from a device whose
 * clock is more than 1 s off keeps its value and gets a clock mark: its age is the device's word.
 */
export function VitalTile({ type, reading, now }: { type: VitalType; reading: VitalReading | undefined; now: number }) {
  const { t, fmt } = useI18n();
  const doubtful = reading?.doubtful === true;
  const level = reading && !doubtful ? levelOf(type, reading.value) : 'normal';
  const stale = reading ? now - reading.measuredAtMs > STALE_AFTER_MS : false;
  const hint = !reading ? t('vital.none') : stale ? t('vital.stale') : doubtful ? t('vital.doubtful') : level === 'normal' ? undefined : t(`vital.${level}`);
  return (
    <div className={`vital vital--${type} vital--${level}${stale ? ' vital--stale' : ''}${doubtful ? ' vital--doubtful' : ''}`} title={hint} data-doubtful={doubtful ? 'true' : undefined}>
      <div className="vital__label">{t(`short.${type}`)}</div>
      <div className="vital__reading">
        <span className="vital__value" data-testid={`vital-${type}`} data-measured-at={reading?.measuredAtMs}>
          {reading ? fmt.vitalNumber(type, reading.value, reading.diastolic) : '—'}
        </span>
        <span className="vital__unit">{t(`unit.${type}`)}</span>
        {doubtful && <DoubtfulMark testId={`doubtful-${type}`} />}
        {reading?.clockDoubtful && <DoubtfulMark testId={`clock-doubtful-${type}`} reason="clock" />}
      </div>
      <div className="vital__age">{reading ? fmt.relative(reading.measuredAtMs, now) : '\u00a0'}</div>
    </div>
  );
}
