/** The part of Web Bluetooth the relay uses (TypeScript's DOM library does not declare it). */
export interface BleCharacteristic extends EventTarget {
  value?: DataView | null;
  startNotifications(): Promise<BleCharacteristic>;
  stopNotifications(): Promise<BleCharacteristic>;
}

export interface BleService {
  getCharacteristic(name: string | number): Promise<BleCharacteristic>;
}

export interface BleGattServer {
  connected: boolean;
  connect(): Promise<BleGattServer>;
  disconnect(): void;
  getPrimaryService(name: string | number): Promise<BleService>;
}

export interface BleDevice extends EventTarget {
  id: string;
  name?: string;
  gatt?: BleGattServer;
}

export interface BleBluetooth {
  requestDevice(options: { filters: { services: (string | number)[] }[]; optionalServices?: (string | number)[] }): Promise<BleDevice>;
}

export function browserBluetooth(): BleBluetooth | null {
  const nav = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { bluetooth?: BleBluetooth });
  return nav?.bluetooth ?? null;
}
