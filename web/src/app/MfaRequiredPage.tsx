import { useEffect } from 'react';
import type { UserDto } from '../api/types';
import { MfaEnrolment } from '../auth/MfaEnrolment';
import { navigate } from '../platform/routes';
import { Header } from './Header';

/** Signed in, but the organisation requires two-step sign-in first: /security, with nothing else to open until it is on. */
export function MfaRequiredPage({ user }: { user: UserDto }) {
  useEffect(() => navigate('/security', true), []);
  return (
    <>
      <Header user={user} screen="security" live={false} restricted />
      <main className="page">
        <MfaEnrolment required onContinue={() => navigate('/', true)} />
      </main>
    </>
  );
}
