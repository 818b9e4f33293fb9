import { memo } from 'react';
import type { PatientDto, VitalType } from '../api/types';
import { News2Badge } from '../alerts/News2Badge';
import { useNow } from '../platform/clock';
import { DeviceBadge } from '../devices/DeviceBadge';
import { ageInYears } from '../i18n/format';
import { useI18n } from '../i18n/useI18n';
import { usePatientLive } from '../live/LiveContext';
import { NudgedMark } from '../nudges/NudgedMark';
import { Sparkline } from './Sparkline';
import { VitalTile } from './VitalTile';

const ORDER: VitalType[] = ['heart_rate', 'spo2', 'temperature', 'blood_pressure', 'respiratory_rate'];

interface Props {
  patient: PatientDto;
  selected: boolean;
  onOpen: (id: number) => void;
  /** The doctor's board: whether the patient was nudged (the patient reads their own banner instead). */
  nudged?: boolean;
}

/** A patient on the board: identity, latest vitals with their age, sparkline, devices. */
export const PatientCard = memo(function PatientCard({ patient, selected, onOpen, nudged = false }: Props) {
  const { t } = useI18n();
  const now = useNow();
  const live = usePatientLive(patient.id);
  const age = ageInYears(patient.dateOfBirth, new Date(now));
  const devices = live?.devices ?? patient.devices;

  return (
    <article
      className={`card${selected ? ' card--selected' : ''}`}
      data-testid="patient-card"
      data-patient-id={patient.id}
      role="button"
      tabIndex={0}
      aria-label={t('patient.open', { name: patient.displayName })}
      onClick={() => onOpen(patient.id)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen(patient.id);
        }
      }}
    >
      <header className="card__head">
        <h2 className="card__name">{patient.displayName}</h2>
        {age != null && <span className="card__age">{t('patient.age', { n: age })}</span>}
      </header>
      <News2Badge patientId={patient.id} />
      {nudged && <NudgedMark patientId={patient.id} />}
      <div className="card__vitals">
        {ORDER.map((type) => (
          <VitalTile key={type} type={type} reading={live?.latest[type]} now={now} />
        ))}
      </div>
      <Sparkline data={live?.spark ?? [[], [], []]} now={now} />
      {devices.length > 0 ? (
        <ul className="card__devices">
          {devices.map((d) => (
            <DeviceBadge key={d.id} device={d} now={now} />
          ))}
        </ul>
      ) : (
        <p className="card__nodevices">{t('device.none')}</p>
      )}
    </article>
  );
});
