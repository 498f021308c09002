import { canonicalJson } from '../crypto/index.js';
import { AuditError } from './errors.js';
import { HASH_BYTES, leafHash } from './merkle.js';

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
  /**
   * Random base64url text. A peer is shown other peers' entries only as leaf hashes (sealed);
   * without a secret in the leaf, it could confirm a guess (an object it also holds, a likely
   * partner, a time window) by hashing candidates.
   */
  salt?: string;
}

/**
 * Whether an account looked at an object in the node (TAXII, console), took it out (export), or
 * took out an evidence file made from it (a drone incident as GeoJSON, CoT, CSV or a report; the
 * entry's contentHash is then the SHA-256 of that file).
 */
export type AccessAction = 'view' | 'export' | 'evidence';

/** One record of the access log, kept in the same Merkle log so it is as tamper-evident. */
export interface AccessEntry {
  seq: number;
  atUs: number;
  kind: 'access';
  /** Username of the account. */
  account: string;
  action: AccessAction;
  objectId: string;
  version: string;
  contentHash: string;
  salt?: string;
}

/** Whatever a leaf of the log holds. Exchange entries carry no `kind`, so their leaves stay as first defined. */
export type RecordedEntry = LogEntry | AccessEntry;

/**
 * An entry as shown to someone who may not read it: its position and leaf hash (standard
 * base64), enough to recompute the tree's root and nothing else.
 */
export interface SealedEntry {
  seq: number;
  sealed: string;
}

/** What a reader of a log may be handed: recorded entries in full, or sealed. */
export type ReadEntry = RecordedEntry | SealedEntry;

/** An entry before the log gives it its place. */
export type NewLogEntry = Omit<LogEntry, 'seq'>;
export type NewAccessEntry = Omit<AccessEntry, 'seq'>;
export type NewRecordedEntry = NewLogEntry | NewAccessEntry;

export const isSealed = (e: ReadEntry): e is SealedEntry => 'sealed' in e;
export const isAccess = (e: ReadEntry): e is AccessEntry => 'kind' in e && e.kind === 'access';
export const isExchange = (e: ReadEntry): e is LogEntry => 'direction' in e;

/** Largest leaf body accepted when reading entries back; real ones are a few hundred bytes. */
export const MAX_ENTRY_BYTES = 4096;
const MAX_TEXT = 512;
const CONTENT_HASH = /^[0-9a-f]{64}$/;
const SALT = /^[A-Za-z0-9_-]{16,64}$/;
const FIELDS = ['seq', 'atUs', 'peer', 'direction', 'objectId', 'version', 'contentHash', 'salt'] as const;
const ACCESS_FIELDS = ['seq', 'atUs', 'kind', 'account', 'action', 'objectId', 'version', 'contentHash', 'salt'] as const;

/**
 * Checks that a value is a well-formed LogEntry and returns a clean copy holding only its fields.
 * @throws AuditError entry-invalid
 */
export function toLogEntry(value: unknown): LogEntry {
  const v = members(value, FIELDS);
  const entry: LogEntry = {
    seq: count(v.seq, 'seq'),
    atUs: count(v.atUs, 'atUs'),
    peer: text(v.peer, 'peer'),
    direction: direction(v.direction),
    objectId: text(v.objectId, 'objectId'),
    version: text(v.version, 'version'),
    contentHash: contentHash(v.contentHash),
  };
  return withSalt(entry, v.salt);
}

/**
 * Checks that a value is a well-formed entry of either kind and returns a clean copy.
 * @throws AuditError entry-invalid
 */
export function toRecordedEntry(value: unknown): RecordedEntry {
  if (value === null || typeof value !== 'object' || !Object.hasOwn(value, 'kind')) return toLogEntry(value);
  const v = members(value, ACCESS_FIELDS);
  if (v.kind !== 'access') throw new AuditError('entry-invalid', { field: 'kind', reason: 'not "access"' });
  const entry: AccessEntry = {
    seq: count(v.seq, 'seq'),
    atUs: count(v.atUs, 'atUs'),
    kind: 'access',
    account: text(v.account, 'account'),
    action: action(v.action),
    objectId: text(v.objectId, 'objectId'),
    version: text(v.version, 'version'),
    contentHash: contentHash(v.contentHash),
  };
  return withSalt(entry, v.salt);
}

/**
 * Checks an entry as handed by a reader (maybe a peer): a recorded entry, or a sealed one.
 * @throws AuditError entry-invalid
 */
export function toReadEntry(value: unknown): ReadEntry {
  if (value === null || typeof value !== 'object' || !Object.hasOwn(value, 'sealed')) return toRecordedEntry(value);
  const v = members(value, ['seq', 'sealed']);
  const sealed = v.sealed;
  if (
    typeof sealed !== 'string' ||
    sealed.length > 64 ||
    Buffer.from(sealed, 'base64').length !== HASH_BYTES ||
    Buffer.from(sealed, 'base64').toString('base64') !== sealed
  ) {
    throw new AuditError('entry-invalid', { field: 'sealed', reason: 'not a 32-byte hash in canonical base64' });
  }
  return { seq: count(v.seq, 'seq'), sealed };
}

/** The leaf hash an entry stands for: computed for a recorded entry, given for a sealed one. */
export function leafHashOfRead(entry: ReadEntry): Buffer {
  return isSealed(entry) ? Buffer.from(entry.sealed, 'base64') : leafHash(leafOfChecked(entry));
}

/** An entry as a person outside its parties may see it. */
export function sealEntry(entry: RecordedEntry): SealedEntry {
  return { seq: entry.seq, sealed: leafHash(leafOfChecked(entry)).toString('base64') };
}

/** The leaf bytes of an entry: UTF-8 of its RFC 8785 canonical JSON. */
export function entryLeaf(entry: RecordedEntry): Buffer {
  return leafOfChecked(toRecordedEntry(entry));
}

/** entryLeaf for an entry already built by toRecordedEntry (no other members), sparing a second check. */
export function leafOfChecked(entry: RecordedEntry): Buffer {
  return Buffer.from(canonicalJson(entry), 'utf8');
}

/**
 * Reads leaf bytes back into an entry, refusing anything that is not exactly the canonical form
 * a log writes (so two different byte strings never stand for one entry).
 * @throws AuditError entry-invalid
 */
export function parseEntryLeaf(bytes: Uint8Array): RecordedEntry {
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
  const entry = toRecordedEntry(parsed);
  if (canonicalJson(entry) !== textBody) throw new AuditError('entry-invalid', { field: '$', reason: 'not canonical JSON' });
  return entry;
}

function members(value: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new AuditError('entry-invalid', { field: '$', reason: 'not an object' });
  }
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v)) {
    if (!allowed.includes(key)) throw new AuditError('entry-invalid', { field: key.slice(0, 40), reason: 'unknown field' });
  }
  return v;
}

function withSalt<T extends RecordedEntry>(entry: T, salt: unknown): T {
  if (salt === undefined) return entry;
  if (typeof salt !== 'string' || !SALT.test(salt))
    throw new AuditError('entry-invalid', { field: 'salt', reason: 'not 16 to 64 base64url characters' });
  return { ...entry, salt };
}

function action(value: unknown): AccessAction {
  if (value !== 'view' && value !== 'export' && value !== 'evidence') {
    throw new AuditError('entry-invalid', { field: 'action', reason: 'not "view", "export" or "evidence"' });
  }
  return value;
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
