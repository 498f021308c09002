/**
 * The backend-independent heart of `putVersions`: given what a collection already holds for the
 * ids in a batch, decide each version's outcome, its feed position and date_added, and which
 * is_latest / is_first flags move. Backends only fetch the inputs and apply the plan, inside
 * the serialisation that makes commit order equal feed order.
 */
import type { NewVersion, PutOutcome } from './types.js';
import { StoreError } from './errors.js';

/** A version the collection already holds, found by (id, versionUs). */
export interface ExistingVersion {
  seq: number;
  dateAddedUs: number;
  contentHash: string;
}

/** The rows of one id that currently carry the latest / first flag. */
export interface ExistingBounds {
  latest: { seq: number; versionUs: number } | null;
  first: { seq: number; versionUs: number } | null;
}

export interface PlanInput {
  versions: readonly NewVersion[];
  /** Keyed by `versionKey(id, versionUs)`. */
  existing: ReadonlyMap<string, ExistingVersion>;
  /** Keyed by STIX id. */
  bounds: ReadonlyMap<string, ExistingBounds>;
  lastSeq: number;
  lastDateAddedUs: number;
  nowUs: number;
}

export interface PlannedRow {
  version: NewVersion;
  seq: number;
  dateAddedUs: number;
  isLatest: boolean;
  isFirst: boolean;
}

export interface PutPlan {
  outcomes: PutOutcome[];
  inserts: PlannedRow[];
  /** Seqs of stored rows that lose their is_latest flag. */
  clearLatest: number[];
  /** Seqs of stored rows that lose their is_first flag. */
  clearFirst: number[];
  lastSeq: number;
  lastDateAddedUs: number;
}

export const versionKey = (id: string, versionUs: number): string => `${id}\u0000${versionUs}`;

// A NUL cannot be stored in PostgreSQL text, and a lone surrogate would be silently replaced
// when encoded to UTF-8, so the stored body would no longer match its content hash.
const UNSTORABLE_TEXT = /[\u0000\uD800-\uDFFF]/u;
const MAX_TEXT_FIELD = 4096;

function checkText(value: unknown, index: number, field: string, maxLength: number, nullable = false): void {
  if (nullable && value === null) return;
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength || UNSTORABLE_TEXT.test(value)) {
    throw new StoreError('store.invalid_version', { index, field });
  }
}

/** Rejects a batch holding a version that cannot be stored faithfully, before anything is written. */
export function validateVersions(versions: readonly NewVersion[]): void {
  versions.forEach((v, index) => {
    if (typeof v !== 'object' || v === null) throw new StoreError('store.invalid_version', { index, field: 'version' });
    checkText(v.id, index, 'id', MAX_TEXT_FIELD);
    checkText(v.type, index, 'type', MAX_TEXT_FIELD);
    checkText(v.specVersion, index, 'specVersion', MAX_TEXT_FIELD);
    // Cyber-observables have no created/modified: their single version is the empty text at 0 µs.
    if (!(v.version === '' && v.versionUs === 0)) checkText(v.version, index, 'version', MAX_TEXT_FIELD);
    checkText(v.originator, index, 'originator', MAX_TEXT_FIELD);
    checkText(v.tlp, index, 'tlp', MAX_TEXT_FIELD, true);
    checkText(v.contentHash, index, 'contentHash', MAX_TEXT_FIELD);
    checkText(v.body, index, 'body', Number.MAX_SAFE_INTEGER);
    if (!Number.isSafeInteger(v.versionUs)) throw new StoreError('store.invalid_version', { index, field: 'versionUs' });
    if (typeof v.revoked !== 'boolean') throw new StoreError('store.invalid_version', { index, field: 'revoked' });
  });
}

/** Decides outcomes, positions and flag changes for one batch. Pure: no I/O. */
export function planPut(input: PlanInput): PutPlan {
  const outcomes: PutOutcome[] = [];
  const inserts: PlannedRow[] = [];
  const inBatch = new Map<string, PlannedRow>();
  let lastSeq = input.lastSeq;
  let lastDateAddedUs = input.lastDateAddedUs;

  for (const v of input.versions) {
    const key = versionKey(v.id, v.versionUs);
    const stored = input.existing.get(key);
    const earlier = inBatch.get(key);
    const known = stored
      ? { seq: stored.seq, dateAddedUs: stored.dateAddedUs, contentHash: stored.contentHash }
      : earlier
        ? { seq: earlier.seq, dateAddedUs: earlier.dateAddedUs, contentHash: earlier.version.contentHash }
        : null;
    if (known) {
      outcomes.push(
        known.contentHash === v.contentHash
          ? { kind: 'duplicate', seq: known.seq, dateAddedUs: known.dateAddedUs }
          : { kind: 'conflict', existingHash: known.contentHash },
      );
      continue;
    }
    lastSeq += 1;
    lastDateAddedUs = Math.max(input.nowUs, lastDateAddedUs + 1);
    const row: PlannedRow = { version: v, seq: lastSeq, dateAddedUs: lastDateAddedUs, isLatest: false, isFirst: false };
    inserts.push(row);
    inBatch.set(key, row);
    outcomes.push({ kind: 'added', seq: row.seq, dateAddedUs: row.dateAddedUs });
  }

  const { clearLatest, clearFirst } = assignFlags(inserts, input.bounds);
  return { outcomes, inserts, clearLatest, clearFirst, lastSeq, lastDateAddedUs };
}

/** Marks the new rows that become latest / first of their id, and the stored rows that stop being so. */
function assignFlags(inserts: PlannedRow[], bounds: ReadonlyMap<string, ExistingBounds>): { clearLatest: number[]; clearFirst: number[] } {
  const newest = new Map<string, PlannedRow>();
  const oldest = new Map<string, PlannedRow>();
  for (const row of inserts) {
    const id = row.version.id;
    const n = newest.get(id);
    if (!n || row.version.versionUs > n.version.versionUs) newest.set(id, row);
    const o = oldest.get(id);
    if (!o || row.version.versionUs < o.version.versionUs) oldest.set(id, row);
  }
  const clearLatest: number[] = [];
  const clearFirst: number[] = [];
  for (const [id, row] of newest) {
    const latest = bounds.get(id)?.latest ?? null;
    if (!latest || row.version.versionUs > latest.versionUs) {
      row.isLatest = true;
      if (latest) clearLatest.push(latest.seq);
    }
  }
  for (const [id, row] of oldest) {
    const first = bounds.get(id)?.first ?? null;
    if (!first || row.version.versionUs < first.versionUs) {
      row.isFirst = true;
      if (first) clearFirst.push(first.seq);
    }
  }
  return { clearLatest, clearFirst };
}

/** A stored row of an id in the batch that carries the latest or first flag. */
export interface FlaggedRow {
  stixId: string;
  seq: number;
  versionUs: number;
  isLatest: boolean;
  isFirst: boolean;
}

/** Groups flagged rows by id into the bounds `planPut` expects. */
export function boundsFromRows(rows: readonly FlaggedRow[]): Map<string, ExistingBounds> {
  const bounds = new Map<string, ExistingBounds>();
  for (const r of rows) {
    const b = bounds.get(r.stixId) ?? { latest: null, first: null };
    if (r.isLatest) b.latest = { seq: r.seq, versionUs: r.versionUs };
    if (r.isFirst) b.first = { seq: r.seq, versionUs: r.versionUs };
    bounds.set(r.stixId, b);
  }
  return bounds;
}
