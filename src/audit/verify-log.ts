import type { KeyObject } from 'node:crypto';
import type { LogReader } from './audit-log.js';
import { isSealed, leafHashOfRead, leafOfChecked, toReadEntry, type ReadEntry } from './entry.js';
import { isAuditError, type AuditParams } from './errors.js';
import { leafHash, rootOf, verifyConsistency, verifyInclusion } from './merkle.js';
import { verifyTreeHead, type SignedTreeHead } from './tree-head.js';

/*
 * Checks of one log on its own: are its signed heads genuine, does every earlier head still hold
 * (consistency proofs), and do its entries hash to the latest head (inclusion proofs).
 */

/** What `compareLogs` reports, each code with English and Spanish texts under `audit.<code>`. */
export type DiscrepancyCode =
  | 'no-tree-head'
  | 'head-malformed'
  | 'head-forged'
  | 'log-rewritten'
  | 'log-truncated'
  | 'log-too-large'
  | 'entry-altered'
  | 'entries-swapped'
  | 'entry-missing'
  | 'entry-unreadable'
  | 'peer-unreachable'
  | 'entry-dropped'
  | 'content-mismatch'
  | 'entries-reordered';

export interface Discrepancy {
  code: DiscrepancyCode;
  params: AuditParams;
}

/** One node's log as an auditor sees it. */
export interface AuditedLog {
  /** Identity of the node that keeps and signs this log (log_id of its heads). */
  logId: string;
  /** That node's Ed25519 public key (KeyObject or raw base64url). */
  publicKey: KeyObject | string;
  /** The name this log gives the other node in its entries. */
  counterpart: string;
  /** Signed tree heads of this log collected over time, in any order; untrusted until checked. */
  heads: readonly unknown[];
  log: LogReader;
}

/** A head that passed its signature check. */
export interface CheckedHead {
  head: SignedTreeHead;
  rootHash: Buffer;
}

export interface LogCheck {
  discrepancies: Discrepancy[];
  /** The largest genuine head the log can still prove, or null. */
  reference: CheckedHead | null;
  /**
   * Every readable entry of the log, covered by the reference head or not, in log order; sealed
   * entries count for the root but say nothing else. Positions that could not be read are
   * missing from the list (their discrepancies say which).
   */
  entries: ReadEntry[];
  /** Entries [0, covered) are committed by the reference head. */
  covered: number;
}

/** Entries read per call to the log. */
const PAGE = 4096;
/** After this many unreadable entries the rest of a log is not read: it is plainly broken. */
const MAX_UNREADABLE = 100;
/** Entries checked one by one with an inclusion proof when the log cannot be checked in one root. */
const MAX_PROOF_CHECKS = 10_000;
/** Altered entries examined pairwise for a swap. */
const MAX_SWAP_CANDIDATES = 64;
/** Default bound on the entries an audit reads from one log (they are all held in memory). */
export const DEFAULT_MAX_AUDITED_ENTRIES = 10_000_000;

/**
 * Checks one log's heads and entries; never throws because of what the log returns. A log longer
 * than `maxEntries` has its heads checked but not its entries.
 */
export async function checkLog(side: AuditedLog, maxEntries = DEFAULT_MAX_AUDITED_ENTRIES): Promise<LogCheck> {
  const found: Discrepancy[] = [];
  const log = side.logId;
  const genuine: CheckedHead[] = [];
  side.heads.forEach((value, position) => {
    const result = verifyTreeHead(value, side.publicKey, side.logId);
    if (result.ok) {
      genuine.push({ head: result.head, rootHash: result.rootHash });
    } else {
      const code = result.code === 'malformed' ? 'head-malformed' : 'head-forged';
      found.push({ code, params: { log, position, detail: result.detail } });
    }
  });
  genuine.sort((a, b) => a.head.tree_size - b.head.tree_size || a.head.timestamp - b.head.timestamp);

  let size: number;
  try {
    size = await side.log.size();
    if (!Number.isSafeInteger(size) || size < 0) throw new Error(`size ${String(size).slice(0, 40)}`);
  } catch (e) {
    found.push({ code: 'entry-unreadable', params: { log, index: 0, detail: reasonOf(e) } });
    return { discrepancies: found, reference: null, entries: [], covered: 0 };
  }
  const provable = genuine.filter((h) => h.head.tree_size <= size);
  for (const h of genuine) {
    if (h.head.tree_size > size) found.push({ code: 'log-truncated', params: { log, treeSize: h.head.tree_size, size } });
  }
  const reference = provable[provable.length - 1] ?? null;
  if (!reference) found.push({ code: 'no-tree-head', params: { log } });
  else await checkConsistency(side, provable, reference, found);

  if (size > maxEntries) {
    found.push({ code: 'log-too-large', params: { log, size, max: maxEntries } });
    return { discrepancies: found, reference, entries: [], covered: 0 };
  }
  const entries = await readAll(side, size, found);
  const covered = reference ? reference.head.tree_size : 0;
  if (reference) await checkEntries(side, entries, reference, found);
  return { discrepancies: found, reference, entries, covered };
}

/** Every genuine head must be a prefix of the reference head (RFC 9162 consistency). */
async function checkConsistency(side: AuditedLog, heads: CheckedHead[], reference: CheckedHead, found: Discrepancy[]): Promise<void> {
  const size2 = reference.head.tree_size;
  for (const earlier of heads) {
    if (earlier === reference) continue;
    const size1 = earlier.head.tree_size;
    let proof: Uint8Array[];
    try {
      proof = size1 < size2 ? await side.log.consistencyProof(size1, size2) : [];
    } catch {
      proof = [];
    }
    if (!verifyConsistency(size1, size2, proof, earlier.rootHash, reference.rootHash)) {
      found.push({ code: 'log-rewritten', params: { log: side.logId, size1, size2 } });
    }
  }
}

async function readAll(side: AuditedLog, size: number, found: Discrepancy[]): Promise<ReadEntry[]> {
  const out: ReadEntry[] = [];
  let unreadable = 0;
  for (let from = 0; from < size; from += PAGE) {
    const to = Math.min(size, from + PAGE);
    const page = await readChecked(side, from, to);
    if (page) {
      out.push(...page);
      continue;
    }
    // Read the page one entry at a time to name the bad ones, and go on past them: what follows
    // a hole is still evidence, and stopping would make every later exchange look dropped.
    for (let i = from; i < to; i++) {
      try {
        const [entry] = await side.log.entries(i, i + 1);
        const checked = toReadEntry(entry);
        if (checked.seq !== i) throw new Error(`entry at ${i} says seq ${checked.seq}`);
        out.push(checked);
      } catch (e) {
        const missing = isAuditError(e) && e.code === 'body-missing';
        found.push(
          missing
            ? { code: 'entry-missing', params: { log: side.logId, index: i } }
            : { code: 'entry-unreadable', params: { log: side.logId, index: i, detail: reasonOf(e) } },
        );
        if (++unreadable >= MAX_UNREADABLE) return out;
      }
    }
  }
  return out;
}

/** A page of well-formed entries in their places, or null when anything about it is off. */
async function readChecked(side: AuditedLog, from: number, to: number): Promise<ReadEntry[] | null> {
  try {
    const page: unknown = await side.log.entries(from, to);
    if (!Array.isArray(page) || page.length !== to - from) return null;
    const checked = page.map((e: unknown) => toReadEntry(e));
    return checked.every((e, i) => e.seq === from + i) ? checked : null;
  } catch {
    return null;
  }
}

/**
 * The entries must hash to the reference head. One root computation settles the common case;
 * only when it fails, or some entries could not be read, is each entry checked with its
 * inclusion proof, to name the altered ones (and the pairs that merely traded places).
 */
async function checkEntries(side: AuditedLog, entries: ReadEntry[], reference: CheckedHead, found: Discrepancy[]): Promise<void> {
  const size = reference.head.tree_size;
  const covered = entries.filter((e) => e.seq < size);
  const leaves = covered.map(leafHashOfRead);
  const complete = covered.length === size;
  if (complete && Buffer.compare(rootOf(leaves), reference.rootHash) === 0) return;
  const altered: { at: number; proof: Uint8Array[] }[] = [];
  const limit = Math.min(covered.length, MAX_PROOF_CHECKS);
  for (let k = 0; k < limit; k++) {
    const i = (covered[k] as ReadEntry).seq;
    let proof: Uint8Array[];
    try {
      proof = await side.log.inclusionProof(i, size);
    } catch {
      proof = [];
    }
    if (!verifyInclusion(i, size, leaves[k] as Uint8Array, proof, reference.rootHash)) altered.push({ at: k, proof });
  }
  const swapped = findSwaps(covered, altered, size, reference.rootHash);
  for (const [a, b] of swapped.pairs) {
    found.push({
      code: 'entries-swapped',
      params: { log: side.logId, index1: (covered[a] as ReadEntry).seq, index2: (covered[b] as ReadEntry).seq },
    });
  }
  for (const { at } of altered) {
    if (!swapped.members.has(at)) found.push({ code: 'entry-altered', params: { log: side.logId, index: (covered[at] as ReadEntry).seq } });
  }
  // Collision-free hashing makes this unreachable unless the log serves proofs of another tree.
  if (complete && altered.length === 0) found.push({ code: 'log-rewritten', params: { log: side.logId, size1: size, size2: size } });
}

/**
 * Among altered entries, the pairs whose contents are each exactly what the head commits to at
 * the other's position (with the position inside the entry changed to match): two entries moved,
 * nothing else touched.
 */
function findSwaps(
  entries: ReadEntry[],
  altered: { at: number; proof: Uint8Array[] }[],
  size: number,
  root: Uint8Array,
): { pairs: [number, number][]; members: Set<number> } {
  const pairs: [number, number][] = [];
  const members = new Set<number>();
  if (altered.length > MAX_SWAP_CANDIDATES) return { pairs, members };
  const fitsAt = (k: number, target: { at: number; proof: Uint8Array[] }): boolean => {
    const entry = entries[k] as ReadEntry;
    const place = (entries[target.at] as ReadEntry).seq;
    if (isSealed(entry)) return false;
    return verifyInclusion(place, size, leafHash(leafOfChecked({ ...entry, seq: place })), target.proof, root);
  };
  for (let x = 0; x < altered.length; x++) {
    for (let y = x + 1; y < altered.length; y++) {
      const a = altered[x] as { at: number; proof: Uint8Array[] };
      const b = altered[y] as { at: number; proof: Uint8Array[] };
      if (members.has(a.at) || members.has(b.at)) continue;
      if (fitsAt(a.at, b) && fitsAt(b.at, a)) {
        pairs.push([a.at, b.at]);
        members.add(a.at).add(b.at);
      }
    }
  }
  return { pairs, members };
}

function reasonOf(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).slice(0, 200);
}
