// Device commands as the device panel shows them (`/api/v1/iot/sensors/{id}/commands`, hub event `deviceCommand`).
import type { components } from '../api/schema';
import type { Numbers } from '../api/types';

type Schemas = components['schemas'];

/** The lifecycle, in order: a command only moves right. */
export const COMMAND_STATUSES = ['queued', 'sent', 'delivered', 'successful', 'failed', 'timeout', 'expired'] as const;
export type CommandStatus = (typeof COMMAND_STATUSES)[number];

export type DeviceCommandDto = Omit<Numbers<Schemas['DeviceCommandDto']>, 'status' | 'parameters'> & {
  status: CommandStatus;
  parameters: Numbers<Schemas['DeviceCommandParameters']>;
};

export const SENSORS = ['heart_rate', 'spo2', 'temperature'] as const;
export type Sensor = (typeof SENSORS)[number];

/** Relative to the device's nominal rate: 0.5× reads half as often (saves battery and bandwidth), 2× twice as often. */
export const RATE_MULTIPLIERS = [0.5, 1, 2] as const;

export type ControlBody =
  | { action: 'start' | 'stop' | 'read_now' | 'reboot' }
  | { action: 'set_sampling_rate'; rateMultiplier: (typeof RATE_MULTIPLIERS)[number] };

const FINAL: ReadonlySet<CommandStatus> = new Set(['successful', 'failed', 'timeout', 'expired']);

export const isFinal = (status: CommandStatus): boolean => FINAL.has(status);

export type Tone = 'pending' | 'ok' | 'error' | 'muted';

/** How a status reads at a glance: waiting, done, went wrong, or lapsed unsent. */
export function toneOf(status: CommandStatus): Tone {
  if (status === 'successful') return 'ok';
  if (status === 'failed' || status === 'timeout') return 'error';
  if (status === 'expired') return 'muted';
  return 'pending';
}

const rank = (status: CommandStatus) => COMMAND_STATUSES.indexOf(status);

/**
 * Adds or updates one command in a newest-first list of at most `max`. Events can arrive out of
 * order (a list fetched late, a reconnect): an update never moves a command back.
 */
export function mergeCommand(list: readonly DeviceCommandDto[], command: DeviceCommandDto, max = 5): DeviceCommandDto[] {
  const known = list.find((c) => c.id === command.id);
  if (known && (isFinal(known.status) || rank(known.status) > rank(command.status))) return [...list];
  const rest = list.filter((c) => c.id !== command.id);
  return [command, ...rest].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)).slice(0, max);
}

/** Merges a fetched list into what the hub already told (either may be fresher). */
export function mergeAll(list: readonly DeviceCommandDto[], fetched: readonly DeviceCommandDto[], max = 5): DeviceCommandDto[] {
  return fetched.reduce<DeviceCommandDto[]>((acc, c) => mergeCommand(acc, c, max), [...list]);
}
