import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import { pagingApi, type PageDeliveryDto } from './api';
import { pending, receiptSteps } from './receipts';

/**
 * Every page of one alert (or test alarm) and its receipts — who, on which channel, sent, delivered, read,
 * acknowledged or failed, and when. Asks again every few seconds while a page is still on its way.
 */
export function DeliveryTimeline({ alertId, now }: { alertId: string; now: number }) {
  const { t, fmt } = useI18n();
  const [pages, setPages] = useState<PageDeliveryDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const next = await pagingApi.deliveries(alertId, abort.signal);
        setPages(next);
        setError(null);
        if (pending(next)) timer = setTimeout(() => void load(), 3000);
      } catch (e) {
        if (!abort.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      }
    };
    void load();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [alertId]);

  if (error) return <p className="field__error">{t('paging.timelineError', { error })}</p>;
  if (!pages) return <p className="field__hint">{t('paging.loading')}</p>;
  if (pages.length === 0) return <p className="field__hint" data-testid="page-timeline-empty">{t('paging.noPages')}</p>;
  return (
    <ol className="pages" data-testid="page-timeline">
      {pages.map((d) => (
        <li key={d.id} className={`pages__item pages__item--${d.status}`} data-testid="page-delivery" data-channel={d.channel} data-status={d.status}>
          <span className="pages__who">
            {t(`paging.channel.${d.channel}`)} · {d.userName ?? t('paging.someone')}
            {d.target && <span className="pages__target"> ({d.target})</span>}
            {d.level > 0 && <span className="pages__level"> · {t('paging.level', { n: d.level })}</span>}
          </span>
          <span className="pages__steps">
            {receiptSteps(d).map((s) => (
              <span key={s.step} className={`pages__step pages__step--${s.step}`} title={fmt.dateTime(Date.parse(s.at))}>
                {t(`paging.status.${s.step}`)} {fmt.clock(Date.parse(s.at), now)}
              </span>
            ))}
          </span>
          {d.status === 'failed' && d.detail && <span className="pages__detail">{d.detail}</span>}
        </li>
      ))}
    </ol>
  );
}
