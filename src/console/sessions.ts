/**
 * Console sign-in sessions, kept in the node's store so that every process serving the node
 * knows them and a restart keeps people signed in. The browser holds a random session id in an
 * HttpOnly cookie; the store keeps only its hash. A session ends after 30 minutes without use,
 * 12 hours after sign-in whatever its use, at sign-out, or when its account is disabled.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { fastifyCookie } from '@fastify/cookie';
import { authenticatePassword } from '../accounts/service.js';
import { permissionsOf, type Principal } from '../accounts/model.js';
import { hashPassword, verifyPassword } from '../crypto/index.js';
import { EnlaceError } from '../errors/index.js';
import type { IncomingRequest, SessionResolver } from '../server/auth.js';
import type { AccountRecord, ConsoleSessionRecord, Store } from '../store/types.js';
import { DEFAULT_LOGIN_LIMITS, LoginLimiter, type LoginLimits } from './rate-limit.js';

/**
 * Session cookies start with this. Browsers keep cookies per host, not per port, so two nodes on
 * one host (the demo's U.S. and Mexico nodes on 127.0.0.1) would overwrite each other's cookie:
 * each node names its own after its key (`enlace_session_<first 8 hex digits of its fingerprint>`).
 */
export const SESSION_COOKIE_PREFIX = 'enlace_session';

export function sessionCookieName(fingerprint: string): string {
  return `${SESSION_COOKIE_PREFIX}_${fingerprint.slice(0, 8)}`;
}
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionTimes {
  idleMs: number;
  absoluteMs: number;
}

export const DEFAULT_SESSION_TIMES: SessionTimes = { idleMs: 30 * 60_000, absoluteMs: 12 * 3_600_000 };
/** Use within this long of the last recorded use is not written down again (one write per request would be wasteful). */
const TOUCH_EVERY_MS = 15_000;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type AccountPrincipal = Extract<Principal, { kind: 'account' }>;

/** A session that is valid now, with the account it signs in. */
export interface ActiveSession {
  idHash: string;
  record: ConsoleSessionRecord;
  account: AccountRecord;
  principal: AccountPrincipal;
  /** When it ends unless used again, or its absolute end if sooner (ms since the epoch). */
  endsMs: number;
}

export interface SessionOptions {
  /** Milliseconds since the epoch; tests move it. */
  clock?: () => number;
  times?: SessionTimes;
  limits?: LoginLimits;
}

const hashOf = (token: string): string => createHash('sha256').update(token).digest('base64url');

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function single(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export class ConsoleSessions implements SessionResolver {
  private readonly clock: () => number;
  private readonly times: SessionTimes;
  private readonly limiter: LoginLimiter;
  /** A hash to check passwords of unknown usernames against, so that they take as long as known ones. */
  private decoy: Promise<string> | null = null;

  /** The name of this node's session cookie. */
  readonly cookieName: string;

  constructor(
    private readonly store: Store,
    fingerprint: string,
    opts: SessionOptions = {},
  ) {
    this.cookieName = sessionCookieName(fingerprint);
    this.clock = opts.clock ?? Date.now;
    this.times = opts.times ?? DEFAULT_SESSION_TIMES;
    this.limiter = new LoginLimiter(opts.limits ?? DEFAULT_LOGIN_LIMITS, this.clock);
  }

  /** Checks the credentials (rate-limited per username and address) and opens a session. */
  async signIn(username: string, password: string, address: string): Promise<{ token: string; session: ActiveSession }> {
    const wait = this.limiter.waitSeconds(username, address);
    if (wait > 0) throw new EnlaceError('console.rate-limited', { username: username.slice(0, 64), seconds: wait });
    const principal = await authenticatePassword(this.store, username, password);
    if (!principal || principal.kind !== 'account') {
      if (!(await this.store.getAccountByUsername(username))) {
        this.decoy ??= hashPassword(randomBytes(16).toString('hex'));
        await verifyPassword(password, await this.decoy);
      }
      this.limiter.failed(username, address);
      throw new EnlaceError('console.bad-credentials');
    }
    this.limiter.succeeded(username, address);
    const nowMs = this.clock();
    await this.store.console.deleteExpiredSessions(nowMs * 1000, (nowMs - this.times.idleMs) * 1000);
    const token = randomBytes(32).toString('base64url');
    const record: ConsoleSessionRecord = {
      idHash: hashOf(token),
      accountId: principal.account.id,
      csrfToken: randomBytes(32).toString('base64url'),
      createdUs: nowMs * 1000,
      lastSeenUs: nowMs * 1000,
      expiresUs: (nowMs + this.times.absoluteMs) * 1000,
    };
    await this.store.console.createSession(record);
    return { token, session: this.active(record, principal.account, nowMs) };
  }

  /** The session a cookie header names, when it is still valid; an ended one is forgotten. */
  async fromCookieHeader(cookieHeader: string | string[] | undefined): Promise<ActiveSession | null> {
    const token = tokenOf(cookieHeader, this.cookieName);
    if (token === undefined) return null;
    const idHash = hashOf(token);
    const record = await this.store.console.getSession(idHash);
    if (!record) return null;
    const nowMs = this.clock();
    const idleEndMs = record.lastSeenUs / 1000 + this.times.idleMs;
    if (nowMs >= record.expiresUs / 1000 || nowMs >= idleEndMs) {
      await this.store.console.deleteSession(idHash);
      return null;
    }
    const account = await this.store.getAccount(record.accountId);
    if (!account || account.disabled) {
      await this.store.console.deleteSession(idHash);
      return null;
    }
    if (nowMs - record.lastSeenUs / 1000 >= TOUCH_EVERY_MS) {
      record.lastSeenUs = nowMs * 1000;
      await this.store.console.touchSession(idHash, record.lastSeenUs);
    }
    return this.active(record, account, nowMs);
  }

  async signOut(session: ActiveSession): Promise<void> {
    await this.store.console.deleteSession(session.idHash);
  }

  async endSessionsOf(accountId: string): Promise<void> {
    await this.store.console.deleteSessionsOf(accountId);
  }

  /** Refuses a change (any method but GET, HEAD, OPTIONS) that does not carry the session's anti-forgery token. */
  checkCsrf(session: ActiveSession, method: string, headers: IncomingRequest['headers']): void {
    if (SAFE_METHODS.has(method.toUpperCase())) return;
    const sent = single(headers[CSRF_HEADER]);
    if (sent === undefined || !sameText(sent, session.record.csrfToken)) throw new EnlaceError('console.csrf');
  }

  /**
   * For the node's other APIs (src/server/auth.ts): the account a session cookie signs in, null
   * when the request carries no session cookie, refused when it names no valid session or a
   * change lacks its anti-forgery token.
   */
  async principalFromSession(req: IncomingRequest): Promise<Principal | null> {
    if (tokenOf(req.headers.cookie, this.cookieName) === undefined) return null;
    const session = await this.fromCookieHeader(req.headers.cookie);
    if (!session) throw new EnlaceError('console.session-required');
    this.checkCsrf(session, req.method, req.headers);
    return session.principal;
  }

  private active(record: ConsoleSessionRecord, account: AccountRecord, nowMs: number): ActiveSession {
    const endsMs = Math.min(record.expiresUs / 1000, record.lastSeenUs / 1000 + this.times.idleMs);
    return {
      idHash: record.idHash,
      record,
      account,
      principal: { kind: 'account', account, permissions: permissionsOf(account.roles) },
      endsMs: Math.max(endsMs, nowMs),
    };
  }
}

/** The session id in a Cookie header, if any (well-formed: 43 base64url characters). */
export function tokenOf(cookieHeader: string | string[] | undefined, cookieName: string): string | undefined {
  const header = single(cookieHeader);
  if (header === undefined || header.length > 8192) return undefined;
  const value = fastifyCookie.parse(header)[cookieName];
  return value !== undefined && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}
