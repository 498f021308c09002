import { canonicalJson } from '../crypto/index.js';
import { AuditError } from './errors.js';

/** Which way an object version went between this node and the peer. */
export type Direction = 'sent' | 'received';

/** One record of the transparency log: an object version this node sent to or received from a peer. */
export interface LogEntry {
  /** Position in the log (the leaf index). */
  seq: number;
  /** When it was sent or received, microseconds since the Unix epoch. */
  atUs: number;
  /** The peer's name as this node knows it. */
  peer: string;
  direction: Direction;
  /** STIX id of the object. */
  objectId: string;
  /** The STIX version timestamp (`modified`, else `created`), as sent. */
  version: string;
  /** SHA-256 hex of the canonical JSON of the object without its signature (the store's contentHash). */
  contentHash: string;
}

/** An entry before the log gives it its place. */
export type NewLogEntry = Omit<LogEntry, 'seq'>;

/** Largest leaf body accepted when reading entries back; real ones are a few hundred bytes. */
export const MAX_ENTRY_BYTES = 4096;
const MAX_TEXT = 512;
const CONTENT_HASH = /^[0-9a-f]{64}$/;
const FIELDS = ['seq', 'atUs', 'peer', 'direction', 'objectId', 'version', 'contentHash'] as const;

/**
 * Checks that a value is a well-formed LogEntry and returns a clean copy holding only its fields.
 * @throws AuditError entry-invalid
 */
export function toLogEntry(value: unknown): LogEntry {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new AuditError('entry-invalid', { field: '$', reason: 'not an object' });
  }
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      throw new AuditError('entry-invalid', { field: key.slice(0, 40), reason: 'unknown field' });
    }
  }
  return {
    seq: count(v.seq, 'seq'),
    atUs: count(v.atUs, 'atUs'),
    peer: text(v.peer, 'peer'),
    direction: direction(v.direction),
    objectId: text(v.objectId, 'objectId'),
    version: text(v.version, 'version'),
    contentHash: contentHash(v.contentHash),
  };
}

/** The leaf bytes of an entry: UTF-8 of its RFC 8785 canonical JSON. */
export function entryLeaf(entry: LogEntry): Buffer {
  return leafOfChecked(toLogEntry(entry));
}

/** entryLeaf for an entry already built by toLogEntry (no other members), sparing a second check. */
export function leafOfChecked(entry: LogEntry): Buffer {
  return Buffer.from(canonicalJson(entry), 'utf8');
}

/**
 * Reads leaf bytes back into an entry, refusing anything that is not exactly the canonical form
 * a log writes (so two different byte strings never stand for one entry).
 * @throws AuditError entry-invalid
 */
export function parseEntryLeaf(bytes: Uint8Array): LogEntry {
  if (!(bytes instanceof Uint8Array) || bytes.length > MAX_ENTRY_BYTES) {
    throw new AuditError('entry-invalid', { field: '$', reason: `body over ${MAX_ENTRY_BYTES} bytes` });
  }
  const textBody = Buffer.from(bytes).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(textBody);
  } catch {
    throw new AuditError('entry-invalid', { field: '$', reason: 'not JSON' });
  }
  const entry = toLogEntry(parsed);
  if (canonicalJson(entry) !== textBody) throw new AuditError('entry-invalid', { field: '$', reason: 'not canonical JSON' });
  return entry;
}

function count(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new AuditError('entry-invalid', { field, reason: 'not a non-negative whole number' });
  }
  return value;
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_TEXT) {
    throw new AuditError('entry-invalid', { field, reason: `not a text of 1 to ${MAX_TEXT} characters` });
  }
  return value;
}

function direction(value: unknown): Direction {
  if (value !== 'sent' && value !== 'received') {
    throw new AuditError('entry-invalid', { field: 'direction', reason: 'neither "sent" nor "received"' });
  }
  return value;
}

function contentHash(value: unknown): string {
  if (typeof value !== 'string' || !CONTENT_HASH.test(value)) {
    throw new AuditError('entry-invalid', { field: 'contentHash', reason: 'not 64 lowercase hex digits' });
  }
  return value;
}
