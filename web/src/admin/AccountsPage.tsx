import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import { ResetLinkPanel, SessionsPanel } from './AccountPanels';
import { adminApi, type AccountDto, type PasswordResetLinkDto } from './adminApi';
import { CreateAccountForm } from './CreateAccountForm';

type Panel = { kind: 'sessions'; account: AccountDto } | { kind: 'reset'; account: AccountDto; link: PasswordResetLinkDto } | null;

/** Every account: search, status, last sign-in; create, lock and unlock, sessions, a password-reset link. */
export function AccountsPage() {
  const { t, fmt } = useI18n();
  const [search, setSearch] = useState('');
  const [accounts, setAccounts] = useState<AccountDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [panel, setPanel] = useState<Panel>(null);

  const load = useCallback(
    (signal?: AbortSignal) =>
      adminApi.accounts(search.trim(), signal).then(
        (list) => {
          setAccounts(list);
          setError(null);
        },
        (e: unknown) => {
          if (!signal?.aborted) setError(e instanceof Error ? e.message : String(e));
        },
      ),
    [search],
  );
  useEffect(() => {
    const abort = new AbortController();
    void load(abort.signal);
    return () => abort.abort();
  }, [load]);

  const act = (call: Promise<unknown>) => void call.then(() => load(), (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  const reset = (account: AccountDto) =>
    void adminApi.passwordReset(account.id).then(
      (link) => setPanel({ kind: 'reset', account, link }),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );

  return (
    <div className="admin">
      <div className="board__bar">
        <h1 className="board__title">{t('admin.accounts.title')}</h1>
        {accounts && <span className="board__count">{t('admin.accounts.count', { n: accounts.length })}</span>}
      </div>
      <CreateAccountForm onCreated={() => void load()} />
      {panel?.kind === 'reset' && <ResetLinkPanel account={panel.account} link={panel.link} onClose={() => setPanel(null)} />}
      {panel?.kind === 'sessions' && <SessionsPanel account={panel.account} onClose={() => setPanel(null)} />}
      <label className="field admin-search">
        <span className="field__label">{t('admin.accounts.search')}</span>
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="account-search" />
      </label>
      {error && (
        <p className="board__message board__message--error" role="alert">
          {error}
        </p>
      )}
      {accounts && (
        <div className="table-wrap">
          <table className="table" data-testid="accounts-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.accounts.name')}</th>
                <th scope="col">{t('login.email')}</th>
                <th scope="col">{t('admin.accounts.role')}</th>
                <th scope="col">{t('admin.accounts.status')}</th>
                <th scope="col">{t('admin.accounts.lastSignIn')}</th>
                <th scope="col" className="table__actions">
                  {t('devices.actions')}
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.id} data-testid={`account-${a.email}`}>
                  <td>{a.displayName}</td>
                  <td>{a.email}</td>
                  <td>{t(`user.role.${a.role as 'doctor'}`)}</td>
                  <td>
                    <span className={`admin-status admin-status--${a.locked ? 'locked' : 'active'}`} data-testid="account-status">
                      {a.locked ? t('admin.accounts.locked') : t('admin.accounts.active')}
                    </span>
                    {a.twoStep && (
                      <span className="admin-status admin-status--two-step" title={t('admin.accounts.twoStepTitle')} data-testid="account-two-step">
                        {t('admin.accounts.twoStep')}
                      </span>
                    )}
                  </td>
                  <td>{a.lastSignInAt ? fmt.dateTime(Date.parse(a.lastSignInAt)) : t('admin.accounts.never')}</td>
                  <td className="table__actions admin-actions">
                    {a.locked ? (
                      <button type="button" className="button button--small" onClick={() => act(adminApi.unlock(a.id))}>
                        {t('admin.accounts.unlock')}
                      </button>
                    ) : (
                      <button type="button" className="button button--small" onClick={() => act(adminApi.lock(a.id))}>
                        {t('admin.accounts.lock')}
                      </button>
                    )}
                    <button type="button" className="button button--small button--quiet" onClick={() => setPanel({ kind: 'sessions', account: a })}>
                      {t('admin.accounts.sessions')}
                    </button>
                    <button type="button" className="button button--small button--quiet" onClick={() => reset(a)}>
                      {t('admin.accounts.reset')}
                    </button>
                    {a.twoStep && (
                      <button type="button" className="button button--small button--quiet" onClick={() => act(adminApi.resetTwoStep(a.id))}>
                        {t('admin.accounts.resetTwoStep')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
