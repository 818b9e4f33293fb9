import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import { shiftTime } from './format';
import { OverridesPanel } from './OverridesPanel';
import { RotaEditor } from './RotaEditor';
import { RotaWeek } from './RotaWeek';
import { rotaApi, type DoctorOption, type RotaDto } from './rotaApi';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; rotas: RotaDto[] };

/** On-call rotas: the list with who is on call now and next; an admin edits them, a doctor reads them. */
export function RotasPage({ canEdit }: { canEdit: boolean }) {
  const { t, locale } = useI18n();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [doctors, setDoctors] = useState<DoctorOption[]>([]);
  const [selected, setSelected] = useState<number | 'new' | null>(null);
  const [version, setVersion] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const reload = useCallback(async () => {
    try {
      const rotas = await rotaApi.list();
      setState({ kind: 'ready', rotas });
      setVersion((v) => v + 1);
      setSelected((s) => (s === null && rotas[0] ? rotas[0].id : s));
    } catch (e) {
      setState({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  }, []);
  useEffect(() => {
    void reload();
    if (canEdit) void rotaApi.doctors().then(setDoctors, () => undefined);
  }, [reload, canEdit]);

  if (state.kind === 'loading') return <p className="board__message">{t('oncall.loading')}</p>;
  if (state.kind === 'error')
    return (
      <p className="board__message board__message--error" role="alert">
        {t('oncall.error', { error: state.message })}
      </p>
    );
  const rota = typeof selected === 'number' ? state.rotas.find((r) => r.id === selected) : undefined;
  const who = (span: RotaDto['onCallNow'], key: 'oncall.until' | 'oncall.from', at: string | undefined, zone: string) =>
    span && at ? t(key, { name: span.displayName, at: shiftTime(at, locale, zone, true) }) : t('oncall.nobody');
  return (
    <>
      <div className="board__bar">
        <h1 className="board__title">{t('oncall.title')}</h1>
        {canEdit && (
          <button type="button" className="button button--small" onClick={() => setSelected('new')} data-testid="rota-new">
            {t('oncall.new')}
          </button>
        )}
      </div>
      {!canEdit && <p className="oncall-muted">{t('oncall.readOnly')}</p>}
      <div className="oncall-layout">
        <ul className="oncall-list" aria-label={t('oncall.title')}>
          {state.rotas.length === 0 && <li className="oncall-muted">{t('oncall.empty')}</li>}
          {state.rotas.map((r) => (
            <li key={r.id}>
              <button type="button" className={`card oncall-card${r.id === selected ? ' card--selected' : ''}`} onClick={() => (setSelected(r.id), setConfirming(false))} data-testid="rota-card">
                <span className="card__name">{r.name}</span>
                <span className="oncall-muted">{r.timeZone}</span>
                <span className="oncall-card__line">
                  <strong>{t('oncall.nowLabel')}</strong> {who(r.onCallNow, 'oncall.until', r.onCallNow?.end, r.timeZone)}
                </span>
                <span className="oncall-card__line">
                  <strong>{t('oncall.nextLabel')}</strong> {who(r.nextOnCall, 'oncall.from', r.nextOnCall?.start, r.timeZone)}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <div className="oncall-detail">
          {canEdit && selected === 'new' && (
            <RotaEditor key="new" rota={null} doctors={doctors} onSaved={(saved) => void reload().then(() => setSelected(saved.id))} />
          )}
          {rota && canEdit && (
            <RotaEditor key={`${rota.id}-${version}`} rota={rota} doctors={doctors} onSaved={() => void reload()} onDelete={() => setConfirming(true)} />
          )}
          {rota && canEdit && confirming && (
            <div className="oncall-confirm" role="alertdialog" aria-label={t('oncall.delete')}>
              <p>{t('oncall.deleteConfirm', { name: rota.name })}</p>
              <button type="button" className="button button--small" onClick={() => setConfirming(false)}>
                {t('oncall.cancel')}
              </button>
              <button type="button" className="button button--small button--danger-solid" onClick={() => void rotaApi.remove(rota.id).then(() => (setSelected(null), setConfirming(false), reload()))}>
                {t('oncall.delete')}
              </button>
            </div>
          )}
          {rota && <RotaWeek rota={rota} version={version} />}
          {rota && <OverridesPanel rota={rota} doctors={doctors} canEdit={canEdit} onChanged={() => void reload()} />}
        </div>
      </div>
    </>
  );
}
