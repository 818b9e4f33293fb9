import { useI18n } from '../../i18n/useI18n';
import type { AlarmBurdenDto } from './api';
import { burdenOf } from './model';

/** "low: fired 14× this week, 11 not actionable" per rule of a row, so the doctor sees which limit pages for nothing. */
export function BurdenNote({ burden, rules, testId }: { burden: AlarmBurdenDto | null; rules: { rule: string; side: 'low' | 'high' | 'rule' }[]; testId: string }) {
  const { t, fmt } = useI18n();
  const lines = rules.flatMap(({ rule, side }) => {
    const b = burdenOf(burden, rule);
    if (!b) return [];
    const ack = b.medianSecondsToAcknowledge != null ? ` · ${t('profile.burdenAck', { seconds: fmt.integer(b.medianSecondsToAcknowledge) })}` : '';
    const counts = { fired: fmt.integer(b.fired), notActionable: fmt.integer(b.notActionable) };
    const line = side === 'rule' ? t('profile.burdenRule', counts) : t('profile.burdenLine', { side: t(`profile.side.${side}`), ...counts });
    return [line + ack];
  });
  return (
    <span className={`burden${lines.length > 0 ? ' burden--fired' : ''}`} data-testid={testId}>
      {lines.length === 0 ? t('profile.burdenNone') : lines.map((line) => <span key={line}>{line}</span>)}
    </span>
  );
}
