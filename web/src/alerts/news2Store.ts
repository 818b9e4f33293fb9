import type { News2Dto } from './types';

type Listener = () => void;
const at = (n: News2Dto) => (n.computedAt ? Date.parse(n.computedAt) : Number.NEGATIVE_INFINITY);

/** The latest NEWS2 per patient (the later `computedAt` wins); listeners per patient. */
export class News2Store {
  private readonly byPatient = new Map<number, News2Dto>();
  private readonly listeners = new Map<number, Set<Listener>>();

  set(dto: News2Dto): void {
    const prev = this.byPatient.get(dto.patientId);
    if (prev && at(prev) > at(dto)) return;
    this.byPatient.set(dto.patientId, dto);
    for (const l of this.listeners.get(dto.patientId) ?? []) l();
  }

  get(patientId: number): News2Dto | undefined {
    return this.byPatient.get(patientId);
  }

  subscribe(patientId: number, listener: Listener): () => void {
    let set = this.listeners.get(patientId);
    if (!set) this.listeners.set(patientId, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }
}
