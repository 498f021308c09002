import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { EnlaceError } from '../errors/index.js';

/**
 * `next` tokens are opaque to clients but carry the feed position, the request they belong to and
 * when they were issued, under an HMAC: a client cannot forge a position, reuse a token on another
 * collection or filter, or keep one forever.
 */
export interface CursorBinding {
  /** Collection and everything that shapes the result except `limit` and `next`. */
  scope: string;
  /** Who asked: a token is not transferable between principals (their release views differ). */
  principal: string;
}

interface CursorBody {
  v: 1;
  /** Feed position of the last row served. */
  s: number;
  /** Hash of the binding. */
  b: string;
  /** Issued at, seconds. */
  t: number;
}

const MAX_TOKEN_LENGTH = 512;

function bindingHash(b: CursorBinding): string {
  return createHash('sha256').update(b.scope).update('\0').update(b.principal).digest('base64url').slice(0, 22);
}

export class CursorCodec {
  constructor(
    private readonly secret: Buffer,
    private readonly ttlSeconds: number,
  ) {}

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.secret).update(payload).digest();
  }

  issue(seq: number, binding: CursorBinding, nowMs = Date.now()): string {
    const body: CursorBody = { v: 1, s: seq, b: bindingHash(binding), t: Math.floor(nowMs / 1000) };
    const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
    return `${payload}.${this.mac(payload).toString('base64url')}`;
  }

  /** The feed position a token stands for; 400 with the reason when it is not valid here. */
  open(token: string, binding: CursorBinding, nowMs = Date.now()): number {
    const fail = (reason: string): never => {
      throw new EnlaceError('taxii.bad-cursor', { reason });
    };
    if (token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) fail('malformed');
    const [payload, mac] = token.split('.') as [string, string];
    const expected = this.mac(payload);
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) fail('not signed by this server');
    let body: CursorBody;
    try {
      body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as CursorBody;
    } catch {
      return fail('malformed');
    }
    if (body.v !== 1 || !Number.isSafeInteger(body.s) || body.s < 0) fail('malformed');
    if (body.b !== bindingHash(binding)) fail('issued for another collection, filter or client');
    if (Math.floor(nowMs / 1000) - body.t > this.ttlSeconds) fail('expired');
    return body.s;
  }
}
