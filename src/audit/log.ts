import { AuditError } from './errors.js';
import { EMPTY_ROOT, HASH_BYTES, leafHash, nodeHash, splitPoint } from './merkle.js';

/**
 * A complete subtree of the log: level L, index i covers leaves [i·2^L, (i+1)·2^L). Level 0
 * nodes are the leaf hashes themselves.
 */
export interface NodeRef {
  level: number;
  index: number;
}

export interface StoredNode extends NodeRef {
  hash: Uint8Array;
}

/** What one append writes: the leaves, their bodies, and the interior nodes they complete. */
export interface AppendBatch {
  /** Index of the first new leaf; always the storage's current size. */
  firstIndex: number;
  leafHashes: readonly Uint8Array[];
  /** The leaf bytes (canonical JSON of entries), one per leaf hash. */
  bodies: readonly Uint8Array[];
  /** Interior nodes (level ≥ 1) completed by these leaves, in completion order. */
  nodes: readonly StoredNode[];
}

/**
 * Where a MerkleLog keeps its leaves and complete-subtree hashes. Asynchronous because the SQL
 * backends are. A SQL implementation (SQLite and PostgreSQL through the project's Kysely store)
 * would use two tables:
 *
 *   audit_entries(seq BIGINT PRIMARY KEY, body TEXT NOT NULL)            -- canonical JSON
 *   audit_nodes(level SMALLINT, idx BIGINT, hash BLOB/BYTEA NOT NULL,
 *               PRIMARY KEY (level, idx))                                 -- level 0 = leaf hashes
 *
 * `append` writes one batch in one transaction; the primary keys make a second writer that raced
 * on the same firstIndex fail instead of forking the log (the MerkleLog then re-opens).
 * `size` is `SELECT count(*) FROM audit_nodes WHERE level = 0` (or max(seq)+1), `readNodes` one
 * `WHERE (level, idx) IN (...)` query for the O(log n) refs of a proof, `readBodies` a range
 * scan on seq. Nothing is ever updated or deleted.
 */
export interface LogStorage {
  /** Number of leaves stored. */
  size(): Promise<number>;
  /** Stores a batch atomically; must refuse a batch whose firstIndex is not the current size. */
  append(batch: AppendBatch): Promise<void>;
  /** Hashes of the given complete subtrees, in the order asked (a leaf hash is level 0). */
  readNodes(refs: readonly NodeRef[]): Promise<Uint8Array[]>;
  /** Bodies of leaves [from, to). */
  readBodies(from: number, to: number): Promise<Uint8Array[]>;
}

/** A range of leaves as the complete subtrees that make it up, left to right. */
type RangePlan = NodeRef[];

/**
 * Splits [start, end) into aligned complete subtrees, largest first. Every range the RFC's
 * recursion produces starts at a multiple of a power of two at least as large as the range, so
 * the binary digits of its length give the pieces.
 */
function planRange(start: number, end: number): RangePlan {
  const plan: RangePlan = [];
  let pos = start;
  let width = 1;
  let level = 0;
  while (width * 2 <= end - start) {
    width *= 2;
    level++;
  }
  for (; level >= 0; level--, width /= 2) {
    if (end - pos >= width) {
      if (pos % width !== 0) throw new AuditError('storage-inconsistent', { reason: `unaligned range ${start}..${end}` });
      plan.push({ level, index: pos / width });
      pos += width;
    }
  }
  return plan;
}

/** The RFC's hash of a range made of complete subtrees: fold from the right. */
function foldRange(hashes: readonly Uint8Array[]): Uint8Array {
  let h = hashes[hashes.length - 1] as Uint8Array;
  for (let i = hashes.length - 2; i >= 0; i--) h = nodeHash(hashes[i] as Uint8Array, h);
  return h;
}

/** Inclusion path of leaf m in the tree of n leaves (RFC 9162 §2.1.3.1), as ranges leaf-first. */
function inclusionRanges(m: number, n: number): [number, number][] {
  const topDown: [number, number][] = [];
  let lo = 0;
  let hi = n;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (m < lo + k) {
      topDown.push([lo + k, hi]);
      hi = lo + k;
    } else {
      topDown.push([lo, lo + k]);
      lo += k;
    }
  }
  return topDown.reverse();
}

/** Consistency proof between sizes m < n (RFC 9162 §2.1.4.1 SUBPROOF), as ranges. */
function consistencyRanges(m: number, n: number): [number, number][] {
  const topDown: [number, number][] = [];
  let lo = 0;
  let hi = n;
  let left = m;
  let complete = true;
  for (;;) {
    if (left === hi - lo) {
      if (!complete) topDown.push([lo, hi]);
      break;
    }
    const k = splitPoint(hi - lo);
    if (left <= k) {
      topDown.push([lo + k, hi]);
      hi = lo + k;
    } else {
      topDown.push([lo, lo + k]);
      lo += k;
      left -= k;
      complete = false;
    }
  }
  return topDown.reverse();
}

/**
 * An append-only RFC 9162 Merkle log over a LogStorage. Appending writes each leaf and the
 * interior nodes it completes (two writes per leaf amortised); roots and proofs for any past
 * size read O(log n) stored nodes in one `readNodes` call. Appends are serialised; reads run
 * alongside them and only ever see committed sizes.
 */
export class MerkleLog {
  private committed: number;
  /** peaks[L] = hash of the complete subtree of 2^L leaves at the right edge, when bit L of size is set. */
  private peaks: (Uint8Array | undefined)[];
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly storage: LogStorage,
    size: number,
    peaks: (Uint8Array | undefined)[],
  ) {
    this.committed = size;
    this.peaks = peaks;
  }

  /** Opens a log over its storage, reading only the O(log n) peaks of the current tree. */
  static async open(storage: LogStorage): Promise<MerkleLog> {
    const size = await storage.size();
    if (!Number.isSafeInteger(size) || size < 0) throw new AuditError('storage-inconsistent', { reason: `size ${String(size)}` });
    const plan = size === 0 ? [] : planRange(0, size);
    const hashes = plan.length === 0 ? [] : await storage.readNodes(plan);
    const peaks: (Uint8Array | undefined)[] = [];
    plan.forEach((ref, i) => {
      const h = hashes[i];
      if (!(h instanceof Uint8Array) || h.length !== HASH_BYTES) {
        throw new AuditError('storage-inconsistent', { reason: `node ${ref.level}/${ref.index} missing` });
      }
      peaks[ref.level] = h;
    });
    return new MerkleLog(storage, size, peaks);
  }

  /** Number of leaves committed. */
  get size(): number {
    return this.committed;
  }

  /**
   * Appends leaves given as their bytes (hashed here with leafHash) and stores the bytes as
   * bodies. Returns the index of the first one.
   */
  appendLeaves(leaves: readonly Uint8Array[]): Promise<number> {
    return this.appendLeavesAt(() => leaves);
  }

  /**
   * Like appendLeaves, for leaves whose bytes depend on their position: `build` receives the
   * index the first leaf will take and runs inside the append queue.
   */
  appendLeavesAt(build: (firstIndex: number) => readonly Uint8Array[]): Promise<number> {
    const run = this.queue.then(() => this.write(build));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(build: (firstIndex: number) => readonly Uint8Array[]): Promise<number> {
    const first = this.committed;
    const leaves = build(first);
    const peaks = this.peaks.slice();
    const leafHashes: Uint8Array[] = [];
    const nodes: StoredNode[] = [];
    let size = first;
    for (const leaf of leaves) {
      let carry: Uint8Array = leafHash(leaf);
      leafHashes.push(carry);
      let level = 0;
      let index = size;
      // Each set low bit of the old size is a left sibling now completed by the new leaf.
      while (index % 2 === 1) {
        carry = nodeHash(peaks[level] as Uint8Array, carry);
        peaks[level] = undefined;
        level++;
        index = (index - 1) / 2;
        nodes.push({ level, index, hash: carry });
      }
      peaks[level] = carry;
      size++;
    }
    if (leaves.length === 0) return first;
    await this.storage.append({ firstIndex: first, leafHashes, bodies: leaves, nodes });
    this.peaks = peaks;
    this.committed = size;
    return first;
  }

  /** MTH of the first `size` leaves (default: the whole log). */
  async root(size = this.committed): Promise<Uint8Array> {
    this.checkSize(size);
    if (size === 0) return Buffer.from(EMPTY_ROOT);
    if (size === this.committed) return foldRange(planRange(0, size).map((r) => this.peaks[r.level] as Uint8Array));
    const [root] = await this.resolve([[0, size]]);
    return root as Uint8Array;
  }

  /** RFC 9162 inclusion proof of leaf `index` in the tree of `size` leaves. */
  async inclusionProof(index: number, size = this.committed): Promise<Uint8Array[]> {
    this.checkSize(size);
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
      throw new AuditError('index-out-of-range', { index: String(index), size });
    }
    return this.resolve(inclusionRanges(index, size));
  }

  /** RFC 9162 consistency proof from the tree of `size1` leaves to that of `size2` leaves. */
  async consistencyProof(size1: number, size2 = this.committed): Promise<Uint8Array[]> {
    this.checkSize(size2);
    if (!Number.isSafeInteger(size1) || size1 < 0 || size1 > size2) {
      throw new AuditError('size-out-of-range', { size: String(size1), max: size2 });
    }
    if (size1 === 0 || size1 === size2) return [];
    return this.resolve(consistencyRanges(size1, size2));
  }

  /** Hash of leaf `index`. */
  async leafHashAt(index: number): Promise<Uint8Array> {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.committed) {
      throw new AuditError('index-out-of-range', { index: String(index), size: this.committed });
    }
    const [h] = await this.storage.readNodes([{ level: 0, index }]);
    return checkedHash(h, { level: 0, index });
  }

  /** Stored bytes of leaves [from, to). */
  async bodies(from: number, to: number): Promise<Uint8Array[]> {
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || from > to || to > this.committed) {
      throw new AuditError('index-out-of-range', { index: `${String(from)}..${String(to)}`, size: this.committed });
    }
    return from === to ? [] : this.storage.readBodies(from, to);
  }

  private checkSize(size: number): void {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.committed) {
      throw new AuditError('size-out-of-range', { size: String(size), max: this.committed });
    }
  }

  /** Hashes of the given ranges, reading every subtree they need in one storage call. */
  private async resolve(ranges: readonly [number, number][]): Promise<Uint8Array[]> {
    const plans = ranges.map(([start, end]) => planRange(start, end));
    const refs = plans.flat();
    if (refs.length === 0) return [];
    const hashes = await this.storage.readNodes(refs);
    let at = 0;
    return plans.map((plan) => {
      const parts = plan.map((ref) => checkedHash(hashes[at++], ref));
      return foldRange(parts);
    });
  }
}

function checkedHash(h: Uint8Array | undefined, ref: NodeRef): Uint8Array {
  if (!(h instanceof Uint8Array) || h.length !== HASH_BYTES) {
    throw new AuditError('storage-inconsistent', { reason: `node ${ref.level}/${ref.index} missing` });
  }
  return h;
}
