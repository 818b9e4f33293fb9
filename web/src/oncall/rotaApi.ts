import { http, unwrap, unwrapEmpty } from '../api/client';
import type { components } from '../api/schema';
import type { Numbers } from '../api/types';

type Schemas = components['schemas'];

export type OnCallSpanDto = Numbers<Schemas['OnCallSpanDto']>;
export type RotaMemberDto = Numbers<Schemas['RotaMemberDto']>;
export type RotaOverrideDto = Numbers<Schemas['RotaOverrideDto']>;
export type RotaDto = Omit<Numbers<Schemas['RotaDto']>, 'members' | 'overrides' | 'onCallNow' | 'nextOnCall'> & {
  members: RotaMemberDto[];
  overrides: RotaOverrideDto[];
  onCallNow: OnCallSpanDto | null;
  nextOnCall: OnCallSpanDto | null;
};
export type RotaRequest = Omit<Numbers<Schemas['RotaRequest']>, 'members'> & { members: number[] };
export type RotaOverrideRequest = Numbers<Schemas['RotaOverrideRequest']>;
export type MyShiftDto = Numbers<Schemas['MyShiftDto']>;
export type MyOnCallDto = Omit<Numbers<Schemas['MyOnCallDto']>, 'nextShifts'> & { nextShifts: MyShiftDto[] };
export interface DoctorOption {
  id: number;
  displayName: string;
}

const rota = (id: number) => ({ params: { path: { id } } });

/** `/api/v1/rotas` and `/api/v1/oncall/me`. */
export const rotaApi = {
  list: (signal?: AbortSignal) => unwrap<RotaDto[]>(http.GET('/api/v1/rotas', { signal })),
  create: (body: RotaRequest) => unwrap<RotaDto>(http.POST('/api/v1/rotas', { body })),
  update: (id: number, body: RotaRequest) => unwrap<RotaDto>(http.PUT('/api/v1/rotas/{id}', { ...rota(id), body })),
  remove: (id: number) => unwrapEmpty(http.DELETE('/api/v1/rotas/{id}', rota(id))),
  addOverride: (id: number, body: RotaOverrideRequest) =>
    unwrap<RotaOverrideDto>(http.POST('/api/v1/rotas/{id}/overrides', { ...rota(id), body })),
  removeOverride: (id: number, overrideId: number) =>
    unwrapEmpty(http.DELETE('/api/v1/rotas/{id}/overrides/{overrideId}', { params: { path: { id, overrideId } } })),
  timeline: (id: number, from: Date, to: Date, signal?: AbortSignal) =>
    unwrap<OnCallSpanDto[]>(
      http.GET('/api/v1/rotas/{id}/timeline', { params: { path: { id }, query: { from: from.toISOString(), to: to.toISOString() } }, signal }),
    ),
  mine: (signal?: AbortSignal) => unwrap<MyOnCallDto>(http.GET('/api/v1/oncall/me', { signal })),
  /** Doctors an admin can put in a rota (`GET /api/v1/users`, admins only). */
  doctors: async (signal?: AbortSignal): Promise<DoctorOption[]> => {
    const users = await unwrap<{ id: number; displayName: string; role: string }[]>(http.GET('/api/v1/users', { signal }));
    return users.filter((u) => u.role === 'doctor').map((u) => ({ id: u.id, displayName: u.displayName }));
  },
};
