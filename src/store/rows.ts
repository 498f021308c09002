/** Conversions between stored rows and the records of the store contract. */
import type {
  AccountRecord,
  ApiTokenRecord,
  Collection,
  PeerRecord,
  PeerSyncState,
  PullCursor,
  PushCursor,
  RejectionRecord,
  StatusDetail,
  StatusRecord,
  StoredVersion,
  StoredVersionWithBody,
} from './types.js';
import type {
  AccountsTable,
  ApiTokensTable,
  CollectionsTable,
  Flag,
  ObjectsTable,
  PeersTable,
  PullCursorsTable,
  PushCursorsTable,
  RejectionsTable,
  StatusesTable,
  SyncStateTable,
} from './schema.js';
import { StoreError } from './errors.js';

export const flag = (b: boolean): Flag => (b ? 1 : 0);

/** Object columns every query reads; the body only when asked for. */
export const VERSION_COLUMNS = [
  'collection_id',
  'seq',
  'stix_id',
  'type',
  'spec_version',
  'version',
  'version_us',
  'date_added_us',
  'originator',
  'revoked',
  'tlp',
  'is_latest',
  'is_first',
  'content_hash',
] as const;

export type VersionRow = Pick<ObjectsTable, (typeof VERSION_COLUMNS)[number]>;

export function toCollection(r: CollectionsTable): Collection {
  return {
    id: r.id,
    alias: r.alias,
    title: r.title,
    description: r.description,
    lastSeq: Number(r.last_seq),
    lastDateAddedUs: Number(r.last_date_added_us),
    createdUs: Number(r.created_us),
  };
}

export function toStoredVersion(r: VersionRow): StoredVersion {
  return {
    collectionId: r.collection_id,
    seq: Number(r.seq),
    id: r.stix_id,
    type: r.type,
    specVersion: r.spec_version,
    version: r.version,
    versionUs: Number(r.version_us),
    dateAddedUs: Number(r.date_added_us),
    originator: r.originator,
    revoked: Number(r.revoked) === 1,
    tlp: r.tlp,
    isLatest: Number(r.is_latest) === 1,
    isFirst: Number(r.is_first) === 1,
    contentHash: r.content_hash,
  };
}

export function toStoredVersionWithBody(r: VersionRow & { body: string }): StoredVersionWithBody {
  return { ...toStoredVersion(r), body: r.body };
}

function parseJson(text: string, table: string, key: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new StoreError('store.corrupt_record', { table, key, reason: 'invalid JSON' }, { cause: err });
  }
}

function parseDetails(text: string, key: string): StatusDetail[] {
  const parsed = parseJson(text, 'statuses', key);
  if (!Array.isArray(parsed)) {
    throw new StoreError('store.corrupt_record', { table: 'statuses', key, reason: 'details are not a list' });
  }
  return parsed as StatusDetail[];
}

export function statusToRow(s: StatusRecord): StatusesTable {
  return {
    id: s.id,
    api_root: s.apiRoot,
    owner: s.owner,
    status: s.status,
    request_timestamp_us: s.requestTimestampUs,
    total_count: s.totalCount,
    successes: JSON.stringify(s.successes),
    failures: JSON.stringify(s.failures),
    pendings: JSON.stringify(s.pendings),
  };
}

export function toStatus(r: StatusesTable): StatusRecord {
  return {
    id: r.id,
    apiRoot: r.api_root,
    owner: r.owner,
    status: r.status === 'complete' ? 'complete' : 'pending',
    requestTimestampUs: Number(r.request_timestamp_us),
    totalCount: Number(r.total_count),
    successes: parseDetails(r.successes, r.id),
    failures: parseDetails(r.failures, r.id),
    pendings: parseDetails(r.pendings, r.id),
  };
}

export function peerToRow(p: PeerRecord): PeersTable {
  return {
    name: p.name,
    identity_id: p.identityId,
    organisation: p.organisation,
    country: p.country,
    public_key: p.publicKey,
    fingerprint: p.fingerprint,
    url: p.url,
    api_root: p.apiRoot,
    added_us: p.addedUs,
  };
}

export function toPeer(r: PeersTable): PeerRecord {
  return {
    name: r.name,
    identityId: r.identity_id,
    organisation: r.organisation,
    country: r.country,
    publicKey: r.public_key,
    fingerprint: r.fingerprint,
    url: r.url,
    apiRoot: r.api_root,
    addedUs: Number(r.added_us),
  };
}

export function pullCursorToRow(c: PullCursor): PullCursorsTable {
  return {
    peer: c.peer,
    remote_collection_id: c.remoteCollectionId,
    next: c.next,
    last_date_added_us: c.lastDateAddedUs,
    updated_us: c.updatedUs,
  };
}

export function toPullCursor(r: PullCursorsTable): PullCursor {
  return {
    peer: r.peer,
    remoteCollectionId: r.remote_collection_id,
    next: r.next,
    lastDateAddedUs: Number(r.last_date_added_us),
    updatedUs: Number(r.updated_us),
  };
}

export function toPushCursor(r: PushCursorsTable): PushCursor {
  return {
    peer: r.peer,
    collectionId: r.collection_id,
    lastSeq: Number(r.last_seq),
    updatedUs: Number(r.updated_us),
  };
}

const nullableNumber = (v: number | null): number | null => (v === null ? null : Number(v));

export function syncStateToRow(s: PeerSyncState): SyncStateTable {
  return {
    peer: s.peer,
    last_success_us: s.lastSuccessUs,
    last_attempt_us: s.lastAttemptUs,
    last_failure_us: s.lastFailureUs,
    last_failure_reason: s.lastFailureReason,
    consecutive_failures: s.consecutiveFailures,
    pulled_total: s.pulledTotal,
    pushed_total: s.pushedTotal,
    rejected_total: s.rejectedTotal,
    incoming_backlog: s.incomingBacklog,
    last_pulled_date_added_us: s.lastPulledDateAddedUs,
  };
}

export function toSyncState(r: SyncStateTable): PeerSyncState {
  return {
    peer: r.peer,
    lastSuccessUs: nullableNumber(r.last_success_us),
    lastAttemptUs: nullableNumber(r.last_attempt_us),
    lastFailureUs: nullableNumber(r.last_failure_us),
    lastFailureReason: r.last_failure_reason,
    consecutiveFailures: Number(r.consecutive_failures),
    pulledTotal: Number(r.pulled_total),
    pushedTotal: Number(r.pushed_total),
    rejectedTotal: Number(r.rejected_total),
    incomingBacklog: Number(r.incoming_backlog),
    lastPulledDateAddedUs: nullableNumber(r.last_pulled_date_added_us),
  };
}

export function rejectionToRow(r: RejectionRecord): Omit<RejectionsTable, 'id'> {
  return { source: r.source, object_id: r.objectId, version: r.version, reason: r.reason, at_us: r.atUs };
}

export function toRejection(r: Omit<RejectionsTable, 'id'>): RejectionRecord {
  return { source: r.source, objectId: r.object_id, version: r.version, reason: r.reason, atUs: Number(r.at_us) };
}

export function accountToRow(a: AccountRecord): AccountsTable {
  return {
    id: a.id,
    username: a.username,
    display_name: a.displayName,
    password_hash: a.passwordHash,
    roles: JSON.stringify(a.roles),
    locale: a.locale,
    disabled: flag(a.disabled),
    created_us: a.createdUs,
  };
}

export function toAccount(r: AccountsTable): AccountRecord {
  const roles = parseJson(r.roles, 'accounts', r.id);
  if (!Array.isArray(roles) || !roles.every((x): x is string => typeof x === 'string')) {
    throw new StoreError('store.corrupt_record', { table: 'accounts', key: r.id, reason: 'roles are not a list of text' });
  }
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    passwordHash: r.password_hash,
    roles,
    locale: r.locale,
    disabled: Number(r.disabled) === 1,
    createdUs: Number(r.created_us),
  };
}

export function apiTokenToRow(t: ApiTokenRecord): ApiTokensTable {
  return {
    id: t.id,
    account_id: t.accountId,
    label: t.label,
    token_hash: t.tokenHash,
    created_us: t.createdUs,
    last_used_us: t.lastUsedUs,
  };
}

export function toApiToken(r: ApiTokensTable): ApiTokenRecord {
  return {
    id: r.id,
    accountId: r.account_id,
    label: r.label,
    tokenHash: r.token_hash,
    createdUs: Number(r.created_us),
    lastUsedUs: nullableNumber(r.last_used_us),
  };
}
