/** The server's device-id rule (src/Fajma.Core/Messages/DeviceIdentifier.cs): 1–64 of letters, digits and . _ : - */
export const DEVICE_ID_MAX_LENGTH = 64;
const DEVICE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function isValidDeviceId(id: string): boolean {
  return DEVICE_ID.test(id);
}

/** 5 random bytes from the browser's CSPRNG. */
function cryptoBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

/**
 * A fresh id in the CLI's format (`fajma devices provision` without --id): `FAJMA-` and ten
 * upper-case hex digits, e.g. FAJMA-3F9A0C21B7.
 */
export function newDeviceId(randomBytes: (n: number) => Uint8Array = cryptoBytes): string {
  const hex = Array.from(randomBytes(5), (b) => b.toString(16).padStart(2, '0')).join('');
  return `FAJMA-${hex.toUpperCase()}`;
}
