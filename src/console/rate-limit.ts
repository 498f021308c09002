/**
 * Slows password guessing at the console's sign-in: after a few failed attempts for one username
 * from one address within a window, further attempts are refused until the oldest failure leaves
 * the window. A success forgets the failures. Kept in memory: a restart forgets it, which costs an
 * attacker a restart of the node they cannot cause.
 */
export interface LoginLimits {
  /** Failed attempts allowed per username and address within the window. */
  attempts: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { attempts: 5, windowMs: 60_000 };
/** Above this many remembered keys, stale ones are swept (a flood of usernames cannot grow it unbounded). */
const MAX_KEYS = 10_000;

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: LoginLimits,
    private readonly nowMs: () => number,
  ) {}

  private key(username: string, address: string): string {
    return `${username.slice(0, 100)}\u0000${address}`;
  }

  private recent(key: string): number[] {
    const since = this.nowMs() - this.limits.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  /** Seconds to wait before the next attempt, or 0 when one may be made now. */
  waitSeconds(username: string, address: string): number {
    const recent = this.recent(this.key(username, address));
    if (recent.length < this.limits.attempts) return 0;
    const oldest = recent[recent.length - this.limits.attempts] ?? this.nowMs();
    return Math.max(1, Math.ceil((oldest + this.limits.windowMs - this.nowMs()) / 1000));
  }

  failed(username: string, address: string): void {
    if (this.failures.size > MAX_KEYS) for (const k of [...this.failures.keys()]) this.recent(k);
    const key = this.key(username, address);
    this.failures.set(key, [...this.recent(key), this.nowMs()]);
  }

  succeeded(username: string, address: string): void {
    this.failures.delete(this.key(username, address));
  }
}
