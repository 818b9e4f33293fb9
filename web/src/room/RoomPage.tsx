import type { UserDto } from '../api/types';
import { linkHandler, pathFor } from '../platform/routes';
import { useI18n } from '../i18n/useI18n';
import { isFinished } from '../consultation/controls';
import { useRoom } from './useRoom';
import { Finished } from './RoomParts';
import { DoctorRoom } from './DoctorRoom';
import { GuestRoom, PatientRoom } from './PatientRoom';

/** The consultation room; what it shows follows the server's state (a reload lands in the same place). */
export function RoomPage({ id, user }: { id: number; user: UserDto }) {
  const { t } = useI18n();
  const role = user.role === 'doctor' ? 'doctor' : user.role === 'guest' ? 'guest' : 'patient';
  const [room, state] = useRoom(id, { id: user.id, name: user.displayName, role });
  const back = pathFor({ screen: 'consultations' });

  if (state.phase === 'joining' || !state.consultation) {
    if (state.phase === 'error')
      return (
        <div className="board__message board__message--error" role="alert" data-testid="room-error">
          <p>{t('room.cannotJoin', { error: state.error ?? '' })}</p>
          <a className="button" href={back} onClick={linkHandler(back)}>
            {t('room.back')}
          </a>
        </div>
      );
    return <p className="board__message">{t('room.joining')}</p>;
  }
  const c = state.consultation;
  // Finished: the call and the camera are let go (their components unmount).
  if (isFinished(c.state) || c.state === 'ending') return <Finished c={c} guest={role === 'guest'} />;
  if (role === 'guest') return <GuestRoom room={room} state={state} c={state.consultation} />;
  return role === 'doctor' ? <DoctorRoom room={room} state={state} c={state.consultation} /> : <PatientRoom room={room} state={state} c={state.consultation} />;
}
