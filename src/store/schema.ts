/**
 * Table shapes as Kysely sees them. Both backends store flags as integers 0/1 (better-sqlite3
 * cannot bind booleans, and one row shape keeps the mapping code shared); microsecond and
 * position columns are bigint on PostgreSQL, parsed back to numbers by the pool's type parser.
 */
import type { Generated } from 'kysely';

export type Flag = 0 | 1;

export interface CollectionsTable {
  id: string;
  alias: string | null;
  title: string;
  description: string | null;
  last_seq: number;
  last_date_added_us: number;
  created_us: number;
}

export interface ObjectsTable {
  collection_id: string;
  seq: number;
  stix_id: string;
  type: string;
  spec_version: string;
  version: string;
  version_us: number;
  date_added_us: number;
  originator: string;
  revoked: Flag;
  tlp: string | null;
  is_latest: Flag;
  is_first: Flag;
  content_hash: string;
  body: string;
  /** Search fields (migration 0005, src/store/search-fields.ts); null on rows a writer left them out of. */
  name: string | null;
  grading: string | null;
  labels: string | null;
  search_text: string | null;
}

export interface StatusesTable {
  id: string;
  api_root: string;
  owner: string;
  status: string;
  request_timestamp_us: number;
  total_count: number;
  successes: string;
  failures: string;
  pendings: string;
}

export interface PeersTable {
  name: string;
  identity_id: string;
  organisation: string;
  country: string;
  public_key: string;
  fingerprint: string;
  url: string;
  api_root: string;
  added_us: number;
}

export interface PullCursorsTable {
  peer: string;
  remote_collection_id: string;
  next: string | null;
  last_date_added_us: number;
  updated_us: number;
}

export interface PushCursorsTable {
  peer: string;
  collection_id: string;
  last_seq: number;
  updated_us: number;
}

export interface SyncStateTable {
  peer: string;
  last_success_us: number | null;
  last_attempt_us: number | null;
  last_failure_us: number | null;
  last_failure_reason: string | null;
  consecutive_failures: number;
  pulled_total: number;
  pushed_total: number;
  rejected_total: number;
  incoming_backlog: number;
  last_pulled_date_added_us: number | null;
}

export interface RejectionsTable {
  id: Generated<number>;
  source: string;
  object_id: string | null;
  version: string | null;
  reason: string;
  at_us: number;
}

export interface AccountsTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string;
  locale: string | null;
  disabled: Flag;
  created_us: number;
}

export interface ApiTokensTable {
  id: string;
  account_id: string;
  label: string;
  token_hash: string;
  created_us: number;
  last_used_us: number | null;
}

export interface AuditEntriesTable {
  seq: number;
  body: Buffer;
}

/** Hashes of complete subtrees of the audit log; level 0 holds the leaf hashes. */
export interface AuditNodesTable {
  level: number;
  idx: number;
  hash: Buffer;
}

export interface ReleasePoliciesTable {
  version: number;
  body: string;
  author: string;
  created_us: number;
}

/** Index of the audit log's exchange entries: one row per (peer, direction, version, content). */
export interface AuditExchangesTable {
  peer: string;
  direction: string;
  object_id: string;
  version: string;
  content_hash: string;
  seq: number;
}

/** Index of the audit log's access entries, for listing them newest first. */
export interface AuditAccessTable {
  seq: number;
  account: string;
  action: string;
  object_id: string;
  version: string;
  at_us: number;
}

/** Signed tree heads held: this node's own and those its peers handed over. */
export interface AuditHeadsTable {
  log_id: string;
  tree_size: number;
  root_hash: string;
  timestamp_us: number;
  peer: string | null;
  status: string;
  head: string;
  received_us: number;
}

export interface AuditPeerStateTable {
  peer: string;
  last_attempt_us: number | null;
  last_success_us: number | null;
  last_failure_us: number | null;
  last_failure_code: string | null;
  last_failure_reason: string | null;
  consecutive_failures: number;
  peer_tree_size: number | null;
  handed_tree_size: number | null;
}

/** A console sign-in (migration 0005); the session id itself is never stored, only its hash. */
export interface ConsoleSessionsTable {
  id_hash: string;
  account_id: string;
  csrf_token: string;
  created_us: number;
  last_seen_us: number;
  expires_us: number;
}

/** Which ids a stored version is about (a relationship's ends, a note's objects…). */
export interface ObjectRefsTable {
  ref_id: string;
  collection_id: string;
  seq: number;
}

export interface EnlaceDatabase {
  collections: CollectionsTable;
  objects: ObjectsTable;
  statuses: StatusesTable;
  peers: PeersTable;
  pull_cursors: PullCursorsTable;
  push_cursors: PushCursorsTable;
  sync_state: SyncStateTable;
  rejections: RejectionsTable;
  accounts: AccountsTable;
  api_tokens: ApiTokensTable;
  audit_entries: AuditEntriesTable;
  audit_nodes: AuditNodesTable;
  audit_exchanges: AuditExchangesTable;
  audit_access: AuditAccessTable;
  audit_heads: AuditHeadsTable;
  audit_peer_state: AuditPeerStateTable;
  release_policies: ReleasePoliciesTable;
  console_sessions: ConsoleSessionsTable;
  object_refs: ObjectRefsTable;
}

export type Dialect = 'sqlite' | 'postgres';
