import { useCallback, useEffect, useRef, useState } from 'react';
import { useNow } from '../platform/clock';
import { useI18n } from '../i18n/useI18n';
import { useAlertList, useAlerts } from './AlertsContext';
import { alertsApi } from './api';
import { alertTitle } from './format';
import { appendPage, historyQuery, NO_FILTERS, type HistoryFilters } from './history';
import { isNewer } from './store';
import { ALERT_KINDS, ALERT_STATUSES, SEVERITIES, type AlertDto } from './types';

type Load = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready' };

/** `/alerts`: the alert history with filters (status, severity, kind, patient, from) and "load more" by `before`. */
export function AlertsPage() {
  const { t, fmt } = useI18n();
  const now = useNow();
  const { names, store } = useAlerts();
  useAlertList(); // re-render when a live copy changes, to show it instead of the page's older one
  const [draft, setDraft] = useState<HistoryFilters>(NO_FILTERS);
  const [filters, setFilters] = useState<HistoryFilters>(NO_FILTERS);
  const [items, setItems] = useState<AlertDto[]>([]);
  const [more, setMore] = useState(false);
  const [before, setBefore] = useState<string | undefined>();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const generation = useRef(0);

  const fetchPage = useCallback(async (f: HistoryFilters, shown: AlertDto[], from?: string) => {
    const gen = ++generation.current;
    setLoad({ kind: 'loading' });
    try {
      const page = await alertsApi.list(historyQuery(f, from));
      if (gen !== generation.current) return;
      const next = appendPage(shown, page);
      setItems(next.items);
      setMore(next.more);
      setBefore(next.before);
      setLoad({ kind: 'ready' });
    } catch (e) {
      if (gen === generation.current) setLoad({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }, []);

  useEffect(() => {
    void fetchPage(filters, []);
  }, [filters, fetchPage]);

  const set = <K extends keyof HistoryFilters>(key: K) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setDraft((d) => ({ ...d, [key]: e.target.value }));

  const patients = [...names.entries()].sort((a, b) => a[1].localeCompare(b[1]));

  return (
    <div className="history-page" data-testid="alerts-page">
      <div className="board__bar">
        <h1 className="board__title">{t('alertsPage.title')}</h1>
        {load.kind === 'ready' && <span className="board__count">{t('alertsPage.count', { n: items.length })}</span>}
      </div>
      <form
        className="panel filters"
        aria-label={t('alertsPage.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          setFilters({ ...draft });
        }}
      >
        <FilterSelect
          label={t('alertsPage.status')}
          value={draft.status}
          onChange={set('status')}
          testId="filter-status"
          options={[['active', t('alertsPage.active')], ...ALERT_STATUSES.map((x) => [x, t(`alerts.status.${x}`)] as const)]}
        />
        <FilterSelect
          label={t('alertsPage.severity')}
          value={draft.severity}
          onChange={set('severity')}
          testId="filter-severity"
          options={SEVERITIES.map((x) => [x, t(`alerts.severity.${x}`)] as const)}
        />
        <FilterSelect
          label={t('alertsPage.kind')}
          value={draft.kind}
          onChange={set('kind')}
          testId="filter-kind"
          options={ALERT_KINDS.map((x) => [x, t(`alerts.kind.${x}`)] as const)}
        />
        <FilterSelect label={t('alertsPage.patient')} value={draft.patientId} onChange={set('patientId')} testId="filter-patient" options={patients.map(([id, name]) => [String(id), name] as const)} />
        <label className="field">
          <span className="field__label">{t('alertsPage.from')}</span>
          <input type="datetime-local" value={draft.from} onChange={set('from')} data-testid="filter-from" />
        </label>
        <div className="filters__buttons">
          <button type="submit" className="button button--primary" data-testid="filter-apply">
            {t('alertsPage.apply')}
          </button>
          <button
            type="button"
            className="button button--quiet"
            onClick={() => {
              setDraft(NO_FILTERS);
              setFilters(NO_FILTERS);
            }}
          >
            {t('alertsPage.clear')}
          </button>
        </div>
      </form>
      {load.kind === 'error' && (
        <p className="form-error" role="alert">
          {t('alertsPage.error', { error: load.message })}
        </p>
      )}
      {load.kind === 'ready' && items.length === 0 ? (
        <p className="board__message">{t('alertsPage.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="alerts-history">
            <thead>
              <tr>
                <th scope="col">{t('alertsPage.raisedAt')}</th>
                <th scope="col">{t('alertsPage.severity')}</th>
                <th scope="col">{t('alertsPage.patient')}</th>
                <th scope="col">{t('alertsPage.alert')}</th>
                <th scope="col">{t('alertsPage.status')}</th>
                <th scope="col">{t('alertsPage.handledBy')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((row) => {
                const live = store.get(row.id);
                const a = live && isNewer(live, row) ? live : row;
                const patient = a.patientId == null ? t('alerts.system') : (names.get(a.patientId) ?? t('alerts.patientRef', { id: a.patientId }));
                return (
                  <tr key={a.id} data-testid="history-row" data-alert-id={a.id} data-status={a.status} data-severity={a.severity}>
                    <td className="table__nowrap" title={fmt.dateTime(Date.parse(a.raisedAt))}>
                      {fmt.clock(Date.parse(a.raisedAt), now)}
                    </td>
                    <td>
                      <span className={`sev sev--${a.severity}`}>{t(`alerts.severity.${a.severity}`)}</span>
                    </td>
                    <td>{patient}</td>
                    <td>
                      {alertTitle(a, t, fmt)}
                      {a.resolutionNote && <div className="table__faint">{t('alertsPage.note', { note: a.resolutionNote })}</div>}
                    </td>
                    <td>
                      <span className={`alert__status alert__status--${a.status}`}>{t(`alerts.status.${a.status}`)}</span>
                    </td>
                    <td>
                      {a.status === 'resolved'
                        ? (a.resolvedByName ?? t('alertsPage.auto'))
                        : a.status === 'acknowledged'
                          ? (a.acknowledgedByName ?? '')
                          : ''}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <div className="history-page__foot">
        {load.kind === 'loading' && <span className="board__count">{t('alertsPage.loading')}</span>}
        {load.kind === 'ready' && more && (
          <button type="button" className="button" onClick={() => void fetchPage(filters, items, before)} data-testid="alerts-load-more">
            {t('alertsPage.loadMore')}
          </button>
        )}
        {load.kind === 'ready' && !more && items.length > 0 && <span className="board__count">{t('alertsPage.end')}</span>}
      </div>
    </div>
  );
}

/** A filter of the history: "Any", then the given values with their labels. */
function FilterSelect(props: {
  label: string;
  value: string;
  onChange: (e: React.ChangeEvent<HTMLSelectElement>) => void;
  testId: string;
  options: readonly (readonly [string, string])[];
}) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span className="field__label">{props.label}</span>
      <select value={props.value} onChange={props.onChange} data-testid={props.testId}>
        <option value="">{t('alertsPage.any')}</option>
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
