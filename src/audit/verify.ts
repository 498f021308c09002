import { isExchange, type Direction, type LogEntry } from './entry.js';
import { checkLog, type AuditedLog, type Discrepancy, type LogCheck } from './verify-log.js';

/*
 * `enlace audit verify --peer mx`: both logs must hold up on their own (checkLog), and what one
 * side logged as sent must be what the other logged as received, in the same order.
 */

export interface CompareOptions {
  /**
   * An exchange logged by one side less than this long (µs) before the other side's latest head
   * may simply not be in that head yet: it counts as pending, not dropped. Default 10 minutes.
   */
  graceUs?: number;
  /** At most this many discrepancies are listed; `truncated` says when more were found. Default 1000. */
  maxDiscrepancies?: number;
  /** Logs longer than this are not read entry by entry (log-too-large). Default 10,000,000. */
  maxEntries?: number;
  /**
   * Whether matched exchanges must appear in the same order in both logs (entries-reordered).
   * Default true. Two nodes that push and pull at the same time legitimately log one exchange
   * in different orders, so a node auditing its live partner turns this off and relies on the
   * signed heads, which already catch any reordering of a log after the fact.
   */
  checkOrder?: boolean;
}

export interface AuditVerdict {
  /** True when no discrepancy was found. */
  ok: boolean;
  discrepancies: Discrepancy[];
  truncated: boolean;
  /** Exchanges found in both logs and identical. */
  matched: number;
  /** Exchanges the other side has not committed yet (in flight or after its latest head). */
  pending: number;
  /** tree_size of the head each log was checked against (0 when none held). */
  mySize: number;
  theirSize: number;
}

/** Compares my log with the peer's and lists every discrepancy found. */
export async function compareLogs(mine: AuditedLog, theirs: AuditedLog, options: CompareOptions = {}): Promise<AuditVerdict> {
  const graceUs = options.graceUs ?? 10 * 60 * 1_000_000;
  const max = options.maxDiscrepancies ?? 1000;
  const [a, b] = await Promise.all([checkLog(mine, options.maxEntries), checkLog(theirs, options.maxEntries)]);
  const found: Discrepancy[] = [...a.discrepancies, ...b.discrepancies];
  let matched = 0;
  let pending = 0;
  for (const [from, to] of [
    [
      { side: mine, check: a },
      { side: theirs, check: b },
    ],
    [
      { side: theirs, check: b },
      { side: mine, check: a },
    ],
  ] as const) {
    const result = crossCheck(from, to, graceUs, options.checkOrder ?? true);
    found.push(...result.discrepancies);
    matched += result.matched;
    pending += result.pending;
  }
  return {
    ok: found.length === 0,
    discrepancies: found.slice(0, max),
    truncated: found.length > max,
    matched,
    pending,
    mySize: a.reference?.head.tree_size ?? 0,
    theirSize: b.reference?.head.tree_size ?? 0,
  };
}

interface Party {
  side: AuditedLog;
  check: LogCheck;
}

interface Exchange {
  entry: LogEntry;
  covered: boolean;
}

/** Entries of a log about the other party in one direction, in log order. */
function exchanges(party: Party, direction: Direction): Exchange[] {
  const out: Exchange[] = [];
  for (const entry of party.check.entries) {
    // Access entries and sealed entries (the log's dealings with others) are not about the pair.
    if (isExchange(entry) && entry.direction === direction && entry.peer === party.side.counterpart) {
      out.push({ entry, covered: entry.seq < party.check.covered });
    }
  }
  return out;
}

const keyOf = (e: LogEntry): string => `${e.objectId}\u0000${e.version}\u0000${e.contentHash}`;
const versionKeyOf = (e: LogEntry): string => `${e.objectId}\u0000${e.version}`;

/** What `sender` logged as sent to `receiver` against what `receiver` logged as received. */
function crossCheck(
  sender: Party,
  receiver: Party,
  graceUs: number,
  checkOrder: boolean,
): { discrepancies: Discrepancy[]; matched: number; pending: number } {
  const found: Discrepancy[] = [];
  const sent = exchanges(sender, 'sent');
  const received = exchanges(receiver, 'received');
  // Only committed entries can be held against a log; the uncovered tail proves nothing yet.
  const waiting = new Map<string, number[]>();
  received.forEach((r, i) => {
    const list = waiting.get(keyOf(r.entry));
    if (list) list.push(i);
    else waiting.set(keyOf(r.entry), [i]);
  });
  const pairs: [number, number][] = [];
  const unmatchedSent: number[] = [];
  sent.forEach((s, i) => {
    const j = waiting.get(keyOf(s.entry))?.shift();
    if (j === undefined) unmatchedSent.push(i);
    else pairs.push([i, j]);
  });
  const pairedReceived = new Set(pairs.map(([, j]) => j));
  const unmatchedReceived = received.map((_, j) => j).filter((j) => !pairedReceived.has(j));

  let pending = 0;
  let matched = 0;
  for (const [i, j] of pairs) {
    if ((sent[i] as Exchange).covered && (received[j] as Exchange).covered) matched++;
    else pending++;
  }

  // Same object version on both sides with different content: altered in transit or in a log.
  const byVersion = new Map<string, number[]>();
  for (const j of unmatchedReceived) {
    const k = versionKeyOf((received[j] as Exchange).entry);
    const list = byVersion.get(k);
    if (list) list.push(j);
    else byVersion.set(k, [j]);
  }
  const leftReceived = new Set(unmatchedReceived);
  for (const i of unmatchedSent) {
    const s = sent[i] as Exchange;
    const j = byVersion.get(versionKeyOf(s.entry))?.shift();
    if (j !== undefined) {
      leftReceived.delete(j);
      const r = received[j] as Exchange;
      if (s.covered && r.covered) {
        found.push({
          code: 'content-mismatch',
          params: {
            sender: sender.side.logId,
            receiver: receiver.side.logId,
            objectId: s.entry.objectId,
            version: s.entry.version,
            sentHash: s.entry.contentHash,
            receivedHash: r.entry.contentHash,
          },
        });
      } else pending++;
      continue;
    }
    if (missing(s, receiver, graceUs)) found.push(dropped(receiver, 'received', s.entry, sender));
    else pending++;
  }
  for (const j of leftReceived) {
    const r = received[j] as Exchange;
    if (missing(r, sender, graceUs)) found.push(dropped(sender, 'sent', r.entry, receiver));
    else pending++;
  }

  for (const [i, j] of checkOrder ? outOfOrder(pairs) : []) {
    const s = (sent[i] as Exchange).entry;
    found.push({
      code: 'entries-reordered',
      params: {
        sender: sender.side.logId,
        receiver: receiver.side.logId,
        objectId: s.objectId,
        version: s.version,
        sentSeq: s.seq,
        receivedSeq: (received[j] as Exchange).entry.seq,
      },
    });
  }
  return { discrepancies: found, matched, pending };
}

/**
 * True when `other` should hold the counterpart of `x` and does not: x is committed by its own
 * log and happened well before `other`'s latest head.
 */
function missing(x: Exchange, other: Party, graceUs: number): boolean {
  const head = other.check.reference?.head;
  if (!x.covered || !head) return false;
  return x.entry.atUs <= head.timestamp - graceUs;
}

function dropped(where: Party, direction: Direction, seen: LogEntry, by: Party): Discrepancy {
  return {
    code: 'entry-dropped',
    params: {
      log: where.side.logId,
      direction,
      objectId: seen.objectId,
      version: seen.version,
      otherLog: by.side.logId,
      otherSeq: seen.seq,
    },
  };
}

/**
 * Matched pairs (sent position, received position) in send order whose received positions do not
 * follow that order: everything outside one longest increasing run counts as moved, which names
 * the fewest entries that explain the difference.
 */
export function outOfOrder(pairs: readonly [number, number][]): [number, number][] {
  const sorted = [...pairs].sort((x, y) => x[0] - y[0]);
  const tails: number[] = [];
  const tailAt: number[] = [];
  const previous: number[] = new Array<number>(sorted.length).fill(-1);
  sorted.forEach(([, j], idx) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((tails[mid] as number) < j) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = j;
    tailAt[lo] = idx;
    previous[idx] = lo > 0 ? (tailAt[lo - 1] as number) : -1;
  });
  const keep = new Set<number>();
  for (let idx = tails.length > 0 ? (tailAt[tails.length - 1] as number) : -1; idx >= 0; idx = previous[idx] as number) keep.add(idx);
  return sorted.filter((_, idx) => !keep.has(idx));
}
