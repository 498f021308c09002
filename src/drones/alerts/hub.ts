/**
 * Fan-out of the live picture to the consoles that watch it (the lead serves it as server-sent
 * events and over a WebSocket). Track positions change up to a thousand times a second and only
 * the newest one matters, so they are coalesced per track and flushed at most every flushMs;
 * incidents and alerts are each something a person must see, so they go out at once, in order,
 * and are never merged or dropped — a consumer too slow to take them is cut off instead, and
 * reconnects to a fresh picture.
 */
import type { StreamEvent, TrackView } from '../model.js';

type TracksEvent = Extract<StreamEvent, { type: 'tracks' }>;

export interface SubscribeOptions {
  /** Events held for a consumer that is not taking them; one more and it is dropped. */
  maxQueued?: number;
  /** Called once when the hub drops the consumer (slow or failing), so its connection can be closed. */
  onDropped?: () => void;
}

export interface StreamHubOptions {
  /** Least time between two `tracks` events. */
  flushMs?: number;
  now?: () => number;
}

export const DEFAULT_FLUSH_MS = 250;
export const DEFAULT_MAX_QUEUED = 1_000;

interface Subscriber {
  send: (e: StreamEvent) => boolean;
  queue: StreamEvent[];
  maxQueued: number;
  onDropped: (() => void) | undefined;
}

/** Applies b's changes on top of a's: the newest view of each track, removals cancel updates. */
export function mergeTracks(a: TracksEvent, b: TracksEvent): TracksEvent {
  const updated = new Map(a.updated.map((t) => [t.id, t] as const));
  const removed = new Set(a.removed);
  apply(updated, removed, b.updated, b.removed);
  return { type: 'tracks', updated: [...updated.values()], removed: [...removed] };
}

function apply(updated: Map<string, TrackView>, removed: Set<string>, views: readonly TrackView[], gone: readonly string[]): void {
  for (const v of views) {
    removed.delete(v.id);
    // Delete first so the map's order is that of the latest change.
    updated.delete(v.id);
    updated.set(v.id, v);
  }
  for (const id of gone) {
    updated.delete(id);
    removed.add(id);
  }
}

export class StreamHub {
  readonly flushMs: number;
  private readonly now: () => number;
  private readonly subs = new Set<Subscriber>();
  private readonly updated = new Map<string, TrackView>();
  private readonly removed = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private lastFlushAt = Number.NEGATIVE_INFINITY;
  private closed = false;

  constructor(o: StreamHubOptions = {}) {
    const flushMs = o.flushMs ?? DEFAULT_FLUSH_MS;
    if (!Number.isFinite(flushMs) || flushMs <= 0) throw new RangeError(`flushMs must be > 0, got ${flushMs}`);
    this.flushMs = flushMs;
    this.now = o.now ?? Date.now;
  }

  get subscribers(): number {
    return this.subs.size;
  }

  /**
   * Adds a live consumer; returns the function that removes it. `send` returns true when the
   * consumer took the event and false when it could not (the hub keeps the event and retries
   * every flushMs). With Node streams: `(e) => res.writableNeedDrain ? false : (res.write(formatSse(e)), true)`.
   */
  subscribe(send: (e: StreamEvent) => boolean, o: SubscribeOptions = {}): () => void {
    const maxQueued = o.maxQueued ?? DEFAULT_MAX_QUEUED;
    if (!Number.isInteger(maxQueued) || maxQueued < 0) throw new RangeError(`maxQueued must be an integer ≥ 0, got ${maxQueued}`);
    const sub: Subscriber = { send, queue: [], maxQueued, onDropped: o.onDropped };
    if (!this.closed) this.subs.add(sub);
    return () => {
      this.subs.delete(sub);
      sub.queue = [];
    };
  }

  /** Incidents and alerts go out now; a `tracks` event joins the coalesced track changes. */
  publish(e: StreamEvent): void {
    if (e.type === 'tracks') {
      this.publishTracks(e.updated, e.removed);
      return;
    }
    if (this.closed) return;
    for (const sub of [...this.subs]) this.deliver(sub, e);
    this.schedule();
  }

  publishTracks(updated: readonly TrackView[], removed: readonly string[]): void {
    // Nobody watching: the next consumer starts from a fresh picture anyway.
    if (this.closed || this.subs.size === 0) return;
    apply(this.updated, this.removed, updated, removed);
    this.schedule();
  }

  /** Stops the timer and forgets consumers and pending changes; later publishes do nothing. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.updated.clear();
    this.removed.clear();
    for (const sub of this.subs) sub.queue = [];
    this.subs.clear();
  }

  private schedule(): void {
    if (this.closed || this.timer) return;
    const tracksWaiting = this.updated.size > 0 || this.removed.size > 0;
    const retries = [...this.subs].some((s) => s.queue.length > 0);
    if (!tracksWaiting && !retries) return;
    // A retry waits a full period: a consumer that stays slow must not spin the loop.
    const delay = tracksWaiting ? Math.max(0, this.lastFlushAt + this.flushMs - this.now()) : this.flushMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, delay);
    this.timer.unref();
  }

  private flush(): void {
    if (this.closed) return;
    if (this.updated.size > 0 || this.removed.size > 0) {
      const e: TracksEvent = { type: 'tracks', updated: [...this.updated.values()], removed: [...this.removed] };
      this.updated.clear();
      this.removed.clear();
      this.lastFlushAt = this.now();
      for (const sub of [...this.subs]) this.deliver(sub, e);
    } else {
      for (const sub of [...this.subs]) if (sub.queue.length > 0) this.drain(sub);
    }
    this.schedule();
  }

  private deliver(sub: Subscriber, e: StreamEvent): void {
    if (!this.subs.has(sub)) return;
    if (this.drain(sub)) {
      const took = this.trySend(sub, e);
      if (took !== false) return;
    }
    if (this.subs.has(sub)) this.enqueue(sub, e);
  }

  /** Sends what waits, in order; true when nothing waits any more. */
  private drain(sub: Subscriber): boolean {
    while (sub.queue.length > 0) {
      const next = sub.queue[0]!;
      const took = this.trySend(sub, next);
      if (took !== true) return false;
      sub.queue.shift();
    }
    return true;
  }

  private trySend(sub: Subscriber, e: StreamEvent): boolean | 'dropped' {
    try {
      return sub.send(e) === true;
    } catch {
      this.drop(sub);
      return 'dropped';
    }
  }

  private enqueue(sub: Subscriber, e: StreamEvent): void {
    const last = sub.queue[sub.queue.length - 1];
    if (e.type === 'tracks' && last?.type === 'tracks') sub.queue[sub.queue.length - 1] = mergeTracks(last, e);
    else sub.queue.push(e);
    if (sub.queue.length > sub.maxQueued) this.drop(sub);
  }

  private drop(sub: Subscriber): void {
    if (!this.subs.delete(sub)) return;
    sub.queue = [];
    try {
      sub.onDropped?.();
    } catch {
      // The consumer is gone either way; its cleanup failing must not stop the others' delivery.
    }
  }
}

const STREAM_TYPES = new Set<string>(['tracks', 'incident', 'alert']);

/**
 * One server-sent event: `event:` the type, `id:` when given, one `data:` line of JSON, a blank
 * line. JSON.stringify never emits a raw CR or LF; U+2028/2029 are escaped too, for clients that
 * split lines on them.
 */
export function formatSse(e: StreamEvent, id?: number): string {
  if (!STREAM_TYPES.has(e.type)) throw new TypeError(`not a stream event type: ${JSON.stringify(e.type)}`);
  if (id !== undefined && !(Number.isSafeInteger(id) && id >= 0)) throw new RangeError(`SSE id must be an integer ≥ 0, got ${id}`);
  const data = JSON.stringify(e)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  if (/[\r\n]/.test(data)) throw new Error('serialised event contains a line break');
  return `event: ${e.type}\n${id !== undefined ? `id: ${id}\n` : ''}data: ${data}\n\n`;
}

/** A comment line that keeps proxies from closing an idle stream; clients ignore it. */
export const SSE_KEEPALIVE = ': keep-alive\n\n';
