import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { EnlaceError, type ErrorParam } from '../errors/index.js';

/**
 * `next` tokens are opaque to clients but carry the feed position, the request they belong to and
 * when they were issued, sealed with AES-256-GCM: a client cannot forge a position, reuse a token on
 * another collection or filter, or keep one forever. They are encrypted, not only authenticated,
 * because feed positions count every version, also those a partner may not see: read in clear,
 * the gaps between positions would tell a partner how many objects it is not shown.
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
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Why a token is refused, phrased for the error message in both languages. */
const REASONS = {
  malformed: { en: 'malformed', es: 'mal formado' },
  foreign: { en: 'not issued by this server', es: 'no lo emitió este servidor' },
  binding: { en: 'issued for another collection, filter or client', es: 'emitido para otra colección, filtro o cliente' },
  expired: { en: 'expired', es: 'caducado' },
} as const satisfies Record<string, ErrorParam>;

function bindingHash(b: CursorBinding): string {
  return createHash('sha256').update(b.scope).update('\0').update(b.principal).digest('base64url').slice(0, 22);
}

export class CursorCodec {
  private readonly key: Buffer;

  constructor(
    secret: Buffer,
    private readonly ttlSeconds: number,
  ) {
    // A key of its own, so that the configured secret is never used directly by two mechanisms.
    this.key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'enlace taxii next cursor v1', 32));
  }

  /** A token for the position after `seq`, bound to one request shape and principal. */
  issue(seq: number, binding: CursorBinding, nowMs = Date.now()): string {
    const body: CursorBody = { v: 1, s: seq, b: bindingHash(binding), t: Math.floor(nowMs / 1000) };
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(JSON.stringify(body), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
  }

  /** The feed position a token stands for; 400 with the reason when it is not valid here. */
  open(token: string, binding: CursorBinding, nowMs = Date.now()): number {
    const fail = (reason: keyof typeof REASONS): never => {
      throw new EnlaceError('taxii.bad-cursor', { reason: REASONS[reason] });
    };
    if (token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) fail('malformed');
    const raw = Buffer.from(token, 'base64url');
    if (raw.length <= IV_BYTES + TAG_BYTES) fail('malformed');
    let text: string;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      text = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      return fail('foreign');
    }
    let body: CursorBody;
    try {
      body = JSON.parse(text) as CursorBody;
    } catch {
      return fail('malformed');
    }
    if (body.v !== 1 || !Number.isSafeInteger(body.s) || body.s < 0 || !Number.isSafeInteger(body.t)) fail('malformed');
    if (body.b !== bindingHash(binding)) fail('binding');
    if (Math.floor(nowMs / 1000) - body.t > this.ttlSeconds) fail('expired');
    return body.s;
  }
}
