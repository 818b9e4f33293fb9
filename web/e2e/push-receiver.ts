import { createDecipheriv, createECDH, hkdfSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A browser's push service on 127.0.0.1 for the browser tests: the server posts pages to it as to FCM or Mozilla's, and
 * it decrypts each with the subscription's private key and auth secret (RFC 8291, aes128gcm), which the test holds —
 * what Chromium's own push stack would do before waking the service worker. The test then hands the page to the
 * service worker through the DevTools protocol (ServiceWorker.deliverPushMessage): Chromium here has no push service.
 */
export class PushReceiver {
  private readonly key = createECDH('prime256v1');
  private readonly auth = randomBytes(16);
  private readonly pages: Record<string, unknown>[] = [];
  private waiters: (() => void)[] = [];
  private server!: Server;

  async start(): Promise<void> {
    this.key.generateKeys();
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          this.pages.push(JSON.parse(this.decrypt(Buffer.concat(chunks)).toString('utf8')) as Record<string, unknown>);
          res.writeHead(201).end();
        } catch {
          res.writeHead(400).end();
        }
        this.waiters.splice(0).forEach((w) => w());
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  /** The browser's `PushSubscription.toJSON()` for this receiver. */
  subscription() {
    const port = (this.server.address() as AddressInfo).port;
    return {
      endpoint: `http://127.0.0.1:${port}/push/e2e-${randomBytes(4).toString('hex')}`,
      expirationTime: null,
      keys: { p256dh: this.key.getPublicKey().toString('base64url'), auth: this.auth.toString('base64url') },
    };
  }

  /** The first page received that matches, waiting up to `timeoutMs`. */
  async next(match: (page: Record<string, unknown>) => boolean, timeoutMs: number): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.pages.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error('no matching push page arrived');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 1000);
      });
    }
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private decrypt(body: Buffer): Buffer {
    const salt = body.subarray(0, 16);
    const idLength = body[20]!;
    const senderKey = body.subarray(21, 21 + idLength);
    const record = body.subarray(21 + idLength);
    const shared = this.key.computeSecret(senderKey);
    const info = Buffer.concat([Buffer.from('WebPush: info\0'), this.key.getPublicKey(), senderKey]);
    const ikm = Buffer.from(hkdfSync('sha256', shared, this.auth, info, 32));
    const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
    const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const plain = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
    return plain.subarray(0, plain.lastIndexOf(2)); // the last record's padding delimiter, then zeros
  }
}
