import type { Band } from '../call/bandwidth';
import { newClientMessageId } from '../platform/ids';

/** The seed's iot_sampling_rate per band (§4.2): half on a weak link, double on a good one. */
export type RateMultiplier = 0.5 | 1 | 2;
export const RATE_FOR_BAND: Readonly<Record<Band, RateMultiplier>> = { low: 0.5, medium: 1, high: 2 };
/** A rate command not delivered within a minute is stale: the band has moved on by then. */
const TTL_SECONDS = 60;

/** `POST /api/v1/iot/sensors/{id}/control/` with an idempotency key; answers the HTTP status (0: no answer). */
export type ControlPost = (deviceId: string, body: SamplingControl, idempotencyKey: string) => Promise<number>;

export interface SamplingControl {
  action: 'set_sampling_rate';
  rateMultiplier: RateMultiplier;
  ttlSeconds: number;
}

/**
 * The doctor's side of the call sets the patient's devices' sampling rate from the band: one control
 * request per device each time the band's multiplier changes (a device starts at 1×), and 1× again
 * when the call stops. A refusal (403: not this doctor's device; 404: route or device unknown) or a
 * network error is not retried: the next band change tries again.
 */
export class SamplingRateAdapter {
  /** What each device was last asked for. */
  private readonly asked = new Map<string, RateMultiplier>();
  private wanted: RateMultiplier = 1;

  constructor(private readonly post: ControlPost) {}

  /** The multiplier the devices were asked for last (1 before any change). */
  get multiplier(): RateMultiplier {
    return this.wanted;
  }

  /** The band (undefined: not measured yet) and the patient's devices now. */
  async update(band: Band | undefined, deviceIds: readonly string[]): Promise<void> {
    if (band) this.wanted = RATE_FOR_BAND[band];
    await this.apply(deviceIds);
  }

  /** The call is over: back to the normal rate where it was changed. */
  async stop(): Promise<void> {
    this.wanted = 1;
    await this.apply([...this.asked.keys()]);
    this.asked.clear();
  }

  private async apply(deviceIds: readonly string[]): Promise<void> {
    const rate = this.wanted;
    const due = deviceIds.filter((id) => (this.asked.get(id) ?? 1) !== rate);
    for (const id of due) this.asked.set(id, rate);
    await Promise.all(
      due.map(async (id) => {
        const status = await this.post(id, { action: 'set_sampling_rate', rateMultiplier: rate, ttlSeconds: TTL_SECONDS }, newClientMessageId()).catch(() => 0);
        if (status !== 0 && (status < 200 || status >= 300) && status !== 403 && status !== 404) console.warn(`set_sampling_rate ${id}: HTTP ${status}`);
      }),
    );
  }
}

/** The control route through the page's session (bearer, refresh on 401). */
export function sessionControlPost(fetch: (request: Request) => Promise<Response>, origin: string): ControlPost {
  return async (deviceId, body, idempotencyKey) => {
    const url = new URL(`/api/v1/iot/sensors/${encodeURIComponent(deviceId)}/control/`, origin);
    const response = await fetch(
      new Request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey }, body: JSON.stringify(body) }),
    );
    return response.status;
  };
}
