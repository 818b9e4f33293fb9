import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { PatientDto } from '../api/types';
import { DeviceBadge } from '../devices/DeviceBadge';
import { useI18n } from '../i18n/useI18n';
import { linkHandler } from '../platform/routes';
import { adminApi, type AccountDto, type CareTeamDto } from './adminApi';

type Data = { patients: PatientDto[]; teams: Map<number, CareTeamDto['doctors']>; doctors: AccountDto[] };

/** Patients with their care team (add or take out a doctor) and their devices beside them; devices are managed on their own page. */
export function PatientsAdminPage() {
  const { t, locale } = useI18n();
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      const [patients, teams, accounts] = await Promise.all([api.patients(signal), adminApi.careTeams(signal), adminApi.accounts('', signal)]);
      setData({ patients, teams: new Map(teams.map((c) => [c.patientId, c.doctors])), doctors: accounts.filter((a) => a.role === 'doctor' && !a.locked) });
      setNow(Date.now());
      setError(null);
    } catch (e) {
      if (!signal?.aborted) setError(e instanceof Error ? e.message : String(e));
    }
  }, []);
  useEffect(() => {
    const abort = new AbortController();
    void load(abort.signal);
    return () => abort.abort();
  }, [load]);
  const act = (call: Promise<void>) => void call.then(() => load(), (e: unknown) => setError(e instanceof Error ? e.message : String(e)));

  return (
    <div className="admin">
      <div className="board__bar">
        <h1 className="board__title">{t('admin.patients.title')}</h1>
        {data && <span className="board__count">{t('admin.patients.count', { n: data.patients.length })}</span>}
        <a className="button button--quiet" href="/" onClick={linkHandler('/')}>
          {t('admin.patients.manageDevices')}
        </a>
      </div>
      {error && (
        <p className="board__message board__message--error" role="alert">
          {error}
        </p>
      )}
      {data && (
        <div className="table-wrap">
          <table className="table" data-testid="patients-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.patients.patient')}</th>
                <th scope="col">{t('admin.patients.careTeam')}</th>
                <th scope="col">{t('admin.patients.devices')}</th>
              </tr>
            </thead>
            <tbody>
              {data.patients.map((p) => {
                const team = data.teams.get(p.id) ?? [];
                const candidates = data.doctors.filter((d) => !team.some((m) => m.id === d.id));
                return (
                  <tr key={p.id} data-testid={`patient-${p.id}`}>
                    <td>
                      <strong>{p.displayName}</strong>
                      <div className="admin-muted">{new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(p.dateOfBirth))} · #{p.id}</div>
                    </td>
                    <td>
                      <ul className="admin-team">
                        {team.map((m) => (
                          <li key={m.id} className="admin-chip">
                            {m.displayName}
                            <button
                              type="button"
                              className="admin-chip__remove"
                              aria-label={t('admin.patients.remove', { name: m.displayName })}
                              onClick={() => act(adminApi.removeFromCareTeam(p.id, m.id))}
                            >
                              ×
                            </button>
                          </li>
                        ))}
                        {team.length === 0 && <li className="admin-muted">{t('admin.patients.noTeam')}</li>}
                      </ul>
                      {candidates.length > 0 && (
                        <select
                          className="admin-add"
                          aria-label={t('admin.patients.add', { name: p.displayName })}
                          value=""
                          onChange={(e) => e.target.value && act(adminApi.addToCareTeam(p.id, Number(e.target.value)))}
                          data-testid={`add-doctor-${p.id}`}
                        >
                          <option value="">{t('admin.patients.addDoctor')}</option>
                          {candidates.map((d) => (
                            <option key={d.id} value={d.id}>
                              {d.displayName}
                            </option>
                          ))}
                        </select>
                      )}
                    </td>
                    <td>
                      {p.devices.length === 0 ? (
                        <span className="admin-muted">{t('admin.patients.noDevice')}</span>
                      ) : (
                        <div className="admin-devices">
                          {p.devices.map((d) => (
                            <div key={d.id} className="admin-device">
                              <code>{d.id}</code>
                              <ul className="admin-device__badge">
                                <DeviceBadge device={d} now={now} />
                              </ul>
                            </div>
                          ))}
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
