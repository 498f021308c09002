import { createHash } from 'node:crypto';
import { authenticatePassword, authenticateToken } from '../accounts/service.js';
import { PEER_PERMISSIONS, type Principal } from '../accounts/model.js';
import { NonceCache, verifyRequest } from '../crypto/index.js';
import { EnlaceError } from '../errors/index.js';
import type { NodeContext } from '../node/context.js';

export interface IncomingRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: Buffer;
}

/** Console sign-in sessions (src/console/sessions.ts), accepted as their account's principal. */
export interface SessionResolver {
  /** Null when the request carries no session cookie; throws when it names no valid session or a change lacks its CSRF token. */
  principalFromSession(req: IncomingRequest): Promise<Principal | null>;
}

/**
 * Decides who is calling. Password checks are deliberately slow (scrypt), and TAXII clients send
 * Basic credentials on every request, so a verified credential is remembered briefly by its hash.
 */
export class Authenticator {
  private readonly verified = new Map<string, { principal: Principal; until: number }>();
  private readonly nonces = new NonceCache();

  constructor(
    private readonly ctx: NodeContext,
    private readonly sessions?: SessionResolver,
  ) {}

  async authenticate(req: IncomingRequest): Promise<Principal> {
    const header = req.headers.authorization;
    const auth = Array.isArray(header) ? header[0] : header;
    if (req.headers['signature-input'] !== undefined || req.headers.signature !== undefined) return this.peer(req);
    if (!auth) {
      const fromSession = await this.sessions?.principalFromSession(req);
      if (fromSession) return fromSession;
      throw new EnlaceError('auth.required');
    }
    if (auth.length > 4096) throw new EnlaceError('auth.invalid');
    const key = createHash('sha256').update(auth).digest('base64url');
    const hit = this.verified.get(key);
    if (hit && hit.until > Date.now()) return hit.principal;
    const principal = await this.credentials(auth);
    if (!principal) throw new EnlaceError('auth.invalid');
    if (this.verified.size > 10_000) this.verified.clear();
    this.verified.set(key, { principal, until: Date.now() + 60_000 });
    return principal;
  }

  /** Forgets remembered credentials (after an account or token changes). */
  forget(): void {
    this.verified.clear();
  }

  private async credentials(auth: string): Promise<Principal | null> {
    const [scheme, value] = auth.split(/\s+/, 2);
    if (!scheme || !value) return null;
    if (scheme.toLowerCase() === 'bearer') return authenticateToken(this.ctx.store, value);
    if (scheme.toLowerCase() !== 'basic') return null;
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 1) return null;
    return authenticatePassword(this.ctx.store, decoded.slice(0, colon), decoded.slice(colon + 1));
  }

  private async peer(req: IncomingRequest): Promise<Principal> {
    const url = `${this.ctx.config.http.publicUrl}${req.url}`;
    const check = verifyRequest(
      { method: req.method, url, headers: req.headers, body: req.body },
      {
        resolveKey: (keyId) => this.ctx.keyring.resolveAny(keyId)?.key ?? null,
        seenNonce: (nonce) => this.nonces.seen(nonce),
      },
    );
    if (!check.ok) throw new EnlaceError('auth.peer-signature', { reason: check.code });
    const pinned = this.ctx.keyring.resolveAny(check.keyId);
    const peer = pinned?.peer ? await this.ctx.store.getPeer(pinned.peer) : null;
    if (!peer) throw new EnlaceError('auth.peer-signature', { reason: 'unknown-key' });
    return { kind: 'peer', peer, permissions: PEER_PERMISSIONS };
  }
}
