/** Options of a NonceCache. */
export interface NonceCacheOptions {
  /** Most nonces remembered at once; the oldest are forgotten first. Default 100,000. */
  maxEntries?: number;
  /**
   * How long a nonce is remembered, in seconds. A request is accepted while |now - created| is
   * within the skew window, a span of twice the skew, so the default is 2 × 300 s.
   */
  ttlSeconds?: number;
  /** Clock in Unix seconds (tests inject one). */
  now?: () => number;
}

/**
 * Remembers recently seen request nonces to refuse replays (pass `cache.seen` as `seenNonce`).
 * Entries are kept in first-seen order: expiry counts from the first sighting, so a replay does
 * not extend its own life. Capacity must exceed the requests expected within the TTL, or an old
 * nonce could be forgotten while its request would still pass the skew check.
 */
export class NonceCache {
  private readonly firstSeen = new Map<string, number>();
  private readonly maxEntries: number;
  private readonly ttlSeconds: number;
  private readonly now: () => number;

  constructor(options: NonceCacheOptions = {}) {
    this.maxEntries = Math.max(1, Math.floor(options.maxEntries ?? 100_000));
    this.ttlSeconds = options.ttlSeconds ?? 600;
    this.now = options.now ?? (() => Date.now() / 1000);
  }

  /** True if the nonce was already seen within the TTL (a replay); otherwise records it. */
  readonly seen = (nonce: string): boolean => {
    const now = this.now();
    this.expire(now);
    const at = this.firstSeen.get(nonce);
    if (at !== undefined) return true;
    this.firstSeen.set(nonce, now);
    if (this.firstSeen.size > this.maxEntries) {
      const oldest = this.firstSeen.keys().next();
      if (!oldest.done) this.firstSeen.delete(oldest.value);
    }
    return false;
  };

  /** Number of nonces currently remembered. */
  get size(): number {
    return this.firstSeen.size;
  }

  private expire(now: number): void {
    for (const [nonce, at] of this.firstSeen) {
      if (now - at <= this.ttlSeconds) break;
      this.firstSeen.delete(nonce);
    }
  }
}
