/**
 * The store contract every backend (SQLite, PostgreSQL) fulfils.
 *
 * Time is kept as integer microseconds since the Unix epoch (`…Us` fields): a JS number holds
 * them exactly until the year 2255, and integer comparison avoids the rounding traps of
 * floating seconds or of text timestamps with varying precision.
 */

import type { AuditAccessRow, AuditExchangeRow, AuditHeadRecord, AuditPeerState } from './audit-types.js';
import type { SearchFields } from './search-fields.js';
import type { ConsoleStore } from './console-types.js';

export type { AuditAccessRow, AuditExchangeRow, AuditHeadRecord, AuditPeerState } from './audit-types.js';
export type { ConsolePosition, ConsoleRow, ConsoleSearch, ConsoleSessionRecord, ConsoleStore } from './console-types.js';
export type { SearchFields } from './search-fields.js';

/** A TAXII collection as this node keeps it. */
export interface Collection {
  id: string;
  alias: string | null;
  title: string;
  description: string | null;
  /** Highest change-feed position handed out in this collection (0 when empty). */
  lastSeq: number;
  /** date_added of the newest version, microseconds (0 when empty). */
  lastDateAddedUs: number;
  createdUs: number;
}

export interface NewCollection {
  id: string;
  alias?: string | null;
  title: string;
  description?: string | null;
}

/** One version of a STIX object, ready to be stored (validated and signed/verified already). */
export interface NewVersion {
  id: string;
  type: string;
  specVersion: string;
  /** The STIX timestamp that identifies this version (`modified`, else `created`), as sent. */
  version: string;
  /**
   * The same instant in microseconds, for ordering versions. 0 when the object has neither
   * `modified` nor `created` (most SCOs): TAXII 2.1 then takes its date_added as its version,
   * and match[version] timestamps are compared with date_added for such rows.
   */
  versionUs: number;
  /** Identity id of the node that originated (and signed) the object. */
  originator: string;
  revoked: boolean;
  /** The TLP 2.0 level the object carries ("clear", "green", "amber", "amber+strict", "red"), or null. */
  tlp: string | null;
  /**
   * SHA-256 (hex) of the RFC 8785 canonical JSON of the object WITHOUT its signature extension: the same
   * observable signed by two nodes is one object, and an exact duplicate is recognised whoever signed it.
   */
  contentHash: string;
  /** The object as JSON text, exactly as it will be served. */
  body: string;
  /** What the console searches on (`searchFieldsOf(object)`); the store derives it from `body` when absent. */
  search?: SearchFields;
}

/** A version as stored, with the place the change feed gave it. */
export interface StoredVersion {
  collectionId: string;
  /** Position in the collection's append-only change feed; strictly increasing in commit order. */
  seq: number;
  id: string;
  type: string;
  specVersion: string;
  version: string;
  versionUs: number;
  /** Server-assigned, strictly increasing per collection, microseconds. */
  dateAddedUs: number;
  originator: string;
  revoked: boolean;
  tlp: string | null;
  isLatest: boolean;
  isFirst: boolean;
  contentHash: string;
}

export interface StoredVersionWithBody extends StoredVersion {
  body: string;
}

export type PutOutcome =
  | { kind: 'added'; seq: number; dateAddedUs: number }
  /** The exact same version (same id, version and content hash) is already stored: a no-op. */
  | { kind: 'duplicate'; seq: number; dateAddedUs: number }
  /** Same id and version but different content: STIX forbids it, nothing is stored. */
  | { kind: 'conflict'; existingHash: string };

/**
 * Which versions of each object a query returns, TAXII `match[version]` semantics:
 * the listed selectors are OR-ed. An empty `timestamps` with no flag selects nothing.
 */
export interface VersionSelector {
  all: boolean;
  first: boolean;
  last: boolean;
  /** Exact version timestamps, microseconds (date_added for rows whose versionUs is 0). */
  timestampsUs: number[];
}

/**
 * Filter lists: an absent or empty list does not filter. Each list holds at most
 * MAX_FILTER_VALUES (1,000) values and `limit` is 1..MAX_PAGE_LIMIT (10,000), else the store
 * throws StoreError `store.too_many_filter_values` / `store.invalid_limit`.
 */
export interface ObjectQuery {
  collectionId: string;
  /** match[id], OR-ed. */
  ids?: string[];
  /** match[type], OR-ed. */
  types?: string[];
  /** match[spec_version], OR-ed. */
  specVersions?: string[];
  versions: VersionSelector;
  /** Only versions with date_added strictly after this instant. */
  addedAfterUs?: number;
  /** Only versions after this feed position (pagination). */
  afterSeq?: number;
  limit: number;
  /** Leave out versions originated by these identities (a peer is never sent its own objects back). */
  excludeOriginators?: string[];
  /** Leave out versions carrying these TLP levels (TLP:RED never leaves the node). */
  excludeTlp?: string[];
  /** When true, rows carry their body. */
  withBody: boolean;
  /**
   * When true, the result says how many matching rows remain after the page. This counts them:
   * its cost grows with the backlog, unlike the page itself.
   */
  countRemaining?: boolean;
}

export interface ObjectPage<T extends StoredVersion = StoredVersion> {
  rows: T[];
  /** True when more rows match after the last one returned. */
  more: boolean;
  /** Matching rows after this page, when `countRemaining` was asked. */
  remaining?: number;
}

/** A TAXII status resource, as kept so that clients can poll it. */
export interface StatusDetail {
  id: string;
  version: string;
  message?: string;
}

export interface StatusRecord {
  id: string;
  apiRoot: string;
  /** Who may read it back: the principal (account or peer) that made the request. */
  owner: string;
  status: 'complete' | 'pending';
  requestTimestampUs: number;
  totalCount: number;
  successes: StatusDetail[];
  failures: StatusDetail[];
  pendings: StatusDetail[];
}

/** A partner node pinned by this node's administrators. */
export interface PeerRecord {
  /** Short local name, e.g. "mx". */
  name: string;
  identityId: string;
  organisation: string;
  country: string;
  /** Ed25519 public key, raw 32 bytes base64url. */
  publicKey: string;
  /** SHA-256 of the raw public key, hex, shown to people to confirm out of band. */
  fingerprint: string;
  /** Base URL of the peer's node, e.g. http://127.0.0.1:7002 */
  url: string;
  /** API root path on the peer, e.g. "/enlace/" */
  apiRoot: string;
  addedUs: number;
}

/** Where a pull from one remote collection stands. */
export interface PullCursor {
  peer: string;
  remoteCollectionId: string;
  /** The peer's opaque `next` token, if a page left one. */
  next: string | null;
  /** date_added of the last version received, microseconds; lets a pull resume if `next` is refused. */
  lastDateAddedUs: number;
  updatedUs: number;
}

/** Where pushes of one local collection to one peer stand. */
export interface PushCursor {
  peer: string;
  collectionId: string;
  lastSeq: number;
  updatedUs: number;
}

export interface PeerSyncState {
  peer: string;
  lastSuccessUs: number | null;
  lastAttemptUs: number | null;
  lastFailureUs: number | null;
  lastFailureReason: string | null;
  consecutiveFailures: number;
  pulledTotal: number;
  pushedTotal: number;
  rejectedTotal: number;
  /** Versions the peer still had for us at the last pull (from its X-Enlace-Remaining header). */
  incomingBacklog: number;
  /** date_added (peer clock) of the newest version we hold from that peer, microseconds. */
  lastPulledDateAddedUs: number | null;
}

export interface AccountRecord {
  id: string;
  username: string;
  displayName: string;
  /** scrypt hash in the form `scrypt$N$r$p$saltB64$hashB64`. */
  passwordHash: string;
  roles: string[];
  /** Preferred language for messages, e.g. "en" or "es-MX". */
  locale: string | null;
  disabled: boolean;
  createdUs: number;
}

export interface ApiTokenRecord {
  id: string;
  accountId: string;
  label: string;
  /** SHA-256 hex of the token; the token itself is shown once and never stored. */
  tokenHash: string;
  createdUs: number;
  lastUsedUs: number | null;
}

export interface RejectionRecord {
  /** Where the object came from: a peer name, "import", or an account. */
  source: string;
  objectId: string | null;
  version: string | null;
  reason: string;
  atUs: number;
}

/** A numbered complete subtree of the audit log (level 0 = one leaf); the store does not interpret it. */
export interface AuditNodeRef {
  level: number;
  index: number;
}

export interface AuditNode extends AuditNodeRef {
  hash: Buffer;
}

/** One append to the audit log: bodies take positions firstIndex, firstIndex+1, … */
export interface AuditAppend {
  firstIndex: number;
  bodies: Buffer[];
  nodes: AuditNode[];
  /**
   * Index rows of the exchange entries among the bodies, stored in the same transaction. One
   * whose key is already indexed makes the whole append fail with `store.audit_conflict`.
   */
  exchanges?: AuditExchangeRow[];
  /** Index rows of the access entries among the bodies, stored in the same transaction. */
  accesses?: AuditAccessRow[];
}

/** One saved version of the release policy; `body` is its JSON, checked by src/release before saving. */
export interface ReleasePolicyRecord {
  version: number;
  body: string;
  /** Username of the administrator who saved it. */
  author: string;
  createdUs: number;
}

/** A unit of work in one database transaction. Backends hand out the same repositories inside. */
export interface Store {
  readonly backend: 'sqlite' | 'postgres';
  /** The console's sessions and searches (src/store/console-records.ts). */
  readonly console: ConsoleStore;
  migrate(): Promise<void>;
  close(): Promise<void>;

  createCollection(c: NewCollection): Promise<Collection>;
  getCollection(idOrAlias: string): Promise<Collection | null>;
  listCollections(): Promise<Collection[]>;

  /**
   * Stores versions in one transaction. Writers to one collection are serialised so that feed
   * positions and date_added follow commit order: a reader that has seen position N never later
   * finds a newly committed row below N.
   * `afterCommit` bookkeeping (cursors) can ride in the same transaction through `alsoSave`.
   */
  putVersions(
    collectionId: string,
    versions: NewVersion[],
    alsoSave?: { pullCursor?: PullCursor; rejections?: RejectionRecord[] },
  ): Promise<PutOutcome[]>;
  queryObjects(q: ObjectQuery & { withBody: true }): Promise<ObjectPage<StoredVersionWithBody>>;
  queryObjects(q: ObjectQuery): Promise<ObjectPage>;
  /** The originator of each id already stored anywhere on this node (batch originator checks). */
  originatorsOf(ids: string[]): Promise<Map<string, string>>;
  /** For each id with a revoked version stored anywhere, the earliest such version (µs); revoked objects take no more versions. */
  revocationsOf(ids: string[]): Promise<Map<string, number>>;
  /** Objects whose newest version, made by `originator`, is a revocation. */
  countRevokedBy(originator: string): Promise<number>;
  /** Every stored version of one id across all collections (originator checks). */
  findVersionsAnywhere(id: string): Promise<StoredVersion[]>;
  /** Removes the selected versions of one object; returns how many were removed. */
  deleteVersions(collectionId: string, id: string, versions: VersionSelector, specVersions?: string[]): Promise<number>;
  /** Distinct objects in the collection (one per id, however many versions it has). */
  countObjects(collectionId: string): Promise<number>;
  /** Stored versions in the collection (every version of every object). */
  countVersions(collectionId: string): Promise<number>;

  saveStatus(s: StatusRecord): Promise<void>;
  getStatus(id: string): Promise<StatusRecord | null>;

  upsertPeer(p: PeerRecord): Promise<void>;
  getPeer(name: string): Promise<PeerRecord | null>;
  getPeerByIdentity(identityId: string): Promise<PeerRecord | null>;
  getPeerByFingerprint(fingerprint: string): Promise<PeerRecord | null>;
  listPeers(): Promise<PeerRecord[]>;
  removePeer(name: string): Promise<boolean>;

  getPullCursor(peer: string, remoteCollectionId: string): Promise<PullCursor | null>;
  savePullCursor(c: PullCursor): Promise<void>;
  getPushCursor(peer: string, collectionId: string): Promise<PushCursor | null>;
  savePushCursor(c: PushCursor): Promise<void>;
  getSyncState(peer: string): Promise<PeerSyncState | null>;
  saveSyncState(s: PeerSyncState): Promise<void>;
  addRejections(r: RejectionRecord[]): Promise<void>;
  listRejections(source?: string, limit?: number): Promise<RejectionRecord[]>;

  createAccount(a: AccountRecord): Promise<void>;
  getAccountByUsername(username: string): Promise<AccountRecord | null>;
  getAccount(id: string): Promise<AccountRecord | null>;
  listAccounts(): Promise<AccountRecord[]>;
  updateAccount(a: AccountRecord): Promise<void>;
  createApiToken(t: ApiTokenRecord): Promise<void>;
  getApiTokenByHash(hash: string): Promise<ApiTokenRecord | null>;
  touchApiToken(id: string, atUs: number): Promise<void>;

  /** The newest saved release policy, or null on a node that never saved one. */
  latestReleasePolicy(): Promise<ReleasePolicyRecord | null>;
  /** Saved release policies, newest first. */
  listReleasePolicies(limit: number): Promise<ReleasePolicyRecord[]>;
  /** Saves a new version. Throws StoreError `store.policy_version_taken` when that version exists. */
  saveReleasePolicy(p: ReleasePolicyRecord): Promise<void>;

  /** Number of entries in the audit log. */
  auditSize(): Promise<number>;
  /**
   * Stores an audit batch in one transaction. Throws StoreError `store.audit_conflict` when
   * `firstIndex` is not the current size (another writer, maybe another process, got there
   * first): nothing is then stored, so two writers can never fork the log.
   */
  auditAppend(a: AuditAppend): Promise<void>;
  /** Stored hashes of the given subtrees, in the order asked; null where none is stored. */
  auditReadNodes(refs: readonly AuditNodeRef[]): Promise<(Buffer | null)[]>;
  /** Bodies of the entries at positions [from, to) that are stored, in order. */
  auditReadBodies(from: number, to: number): Promise<Buffer[]>;
  /** Index rows of the given objects' exchange entries with one peer in one direction. */
  auditFindExchanges(peer: string, direction: 'sent' | 'received', objectIds: readonly string[]): Promise<AuditExchangeRow[]>;
  /** Access entries newest first, optionally of one account and before a position. `limit` is 1..10,000. */
  auditListAccess(q: { limit: number; account?: string; beforeSeq?: number }): Promise<AuditAccessRow[]>;
  /** Keeps a tree head; false when a head of the same log, size and root is already held (nothing changes). */
  auditSaveHead(h: AuditHeadRecord): Promise<boolean>;
  /** Heads held of one log, largest tree first (then newest). `limit` is 1..10,000. */
  auditListHeads(q: { logId: string; statuses?: AuditHeadRecord['status'][]; limit: number }): Promise<AuditHeadRecord[]>;
  getAuditPeerState(peer: string): Promise<AuditPeerState | null>;
  saveAuditPeerState(s: AuditPeerState): Promise<void>;
}
