import { randomBytes, type KeyObject } from 'node:crypto';
import type { ExchangedVersion, ExchangeRecorder } from '../node/context.js';
import type { AuditAccessRow, AuditAppend, AuditExchangeRow, AuditHeadRecord, Store } from '../store/types.js';
import { AuditLog } from './audit-log.js';
import {
  isAccess,
  isExchange,
  parseEntryLeaf,
  type AccessAction,
  type Direction,
  type NewRecordedEntry,
  type RecordedEntry,
} from './entry.js';
import { AuditError, isAuditError } from './errors.js';
import { StoreLogStorage } from './store-storage.js';
import type { SignedTreeHead } from './tree-head.js';

/** Times a batch is retried after another writer (another process on the same database) got ahead. */
const MAX_REOPENS = 8;
/** Heads of its own log a node keeps using when it audits itself. */
export const MAX_HEADS_AUDITED = 1000;

export interface NodeAuditDeps {
  store: Store;
  /** This node's identity id: the log_id of its heads. */
  logId: string;
  privateKey: KeyObject;
  /** Microsecond clock (tests). */
  clock?: () => number;
}

/**
 * The node's transparency log as the rest of the node uses it: the recorder every way in and
 * out calls, and the signed heads it publishes. Each exchange (peer, direction, object version,
 * content) is logged once, however often it crosses: a version served again on a retry, or both
 * pushed and pulled, would otherwise appear twice on one side and once on the other. The
 * `audit_exchanges` index that enforces it is written in the same transaction as the entry, so
 * the two can never disagree, even across processes.
 */
export class NodeAudit implements ExchangeRecorder {
  private opened: Promise<AuditLog> | null = null;
  /** Appends of this process, one at a time: the "already logged?" check and the append must not interleave. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: NodeAuditDeps) {}

  get store(): Store {
    return this.deps.store;
  }

  get logId(): string {
    return this.deps.logId;
  }

  sent(peer: string, versions: readonly ExchangedVersion[]): Promise<void> {
    return this.recordExchanges(peer, 'sent', versions);
  }

  received(peer: string, versions: readonly ExchangedVersion[]): Promise<void> {
    return this.recordExchanges(peer, 'received', versions);
  }

  /** Every access is its own entry: who looked at what, and when, is the record. */
  async accessed(account: string, action: AccessAction, versions: readonly ExchangedVersion[]): Promise<void> {
    if (versions.length === 0) return;
    const atUs = this.now();
    const entries: NewRecordedEntry[] = versions.map((v) => ({
      atUs,
      kind: 'access',
      account,
      action,
      objectId: v.objectId,
      version: v.version,
      contentHash: v.contentHash,
      salt: newSalt(),
    }));
    await this.serialised(() => this.withReopen((log) => log.record(entries)));
  }

  private async recordExchanges(peer: string, direction: Direction, versions: readonly ExchangedVersion[]): Promise<void> {
    if (versions.length === 0) return;
    const unique = new Map<string, ExchangedVersion>();
    for (const v of versions) unique.set(keyOf(v), v);
    await this.serialised(() =>
      this.withReopen(async (log) => {
        const logged = await this.deps.store.auditFindExchanges(peer, direction, [...new Set([...unique.values()].map((v) => v.objectId))]);
        const known = new Set(logged.map(keyOf));
        const fresh = [...unique.values()].filter((v) => !known.has(keyOf(v)));
        if (fresh.length === 0) return [];
        const atUs = this.now();
        return log.record(
          fresh.map((v) => ({
            atUs,
            peer,
            direction,
            objectId: v.objectId,
            version: v.version,
            contentHash: v.contentHash,
            salt: newSalt(),
          })),
        );
      }),
    );
  }

  /**
   * Forgets what this process knew of the log (its size and right edge), so that the next use
   * reads it again from the database: after the database was restored, or changed by hand.
   */
  reopen(): void {
    this.opened = null;
  }

  /** The log as this process last knew it, opened on first use. */
  log(): Promise<AuditLog> {
    if (!this.opened) {
      const opening = AuditLog.open(new StoreLogStorage(this.deps.store, indexRows));
      this.opened = opening;
      opening.catch(() => {
        if (this.opened === opening) this.opened = null;
      });
    }
    return this.opened;
  }

  /**
   * The log including what other processes on the same database appended since this one last
   * looked (reads and heads must not lag behind the database).
   */
  async current(): Promise<AuditLog> {
    const log = await this.log();
    if ((await this.deps.store.auditSize()) === (await log.size())) return log;
    return AuditLog.open(new StoreLogStorage(this.deps.store, indexRows));
  }

  /** Signs a head over the whole log as it stands and keeps it among the heads this node published. */
  async treeHead(): Promise<SignedTreeHead> {
    const log = await this.current();
    const head = await log.treeHead(this.deps.logId, this.deps.privateKey, this.now());
    await this.keepOwnHead(head);
    return head;
  }

  /** Heads of this node's own log that it signed, largest first. */
  async ownHeads(limit = MAX_HEADS_AUDITED): Promise<AuditHeadRecord[]> {
    return this.deps.store.auditListHeads({ logId: this.deps.logId, statuses: ['own'], limit });
  }

  private async keepOwnHead(head: SignedTreeHead): Promise<void> {
    await this.deps.store.auditSaveHead({
      logId: head.log_id,
      peer: null,
      treeSize: head.tree_size,
      rootHash: head.root_hash,
      timestampUs: head.timestamp,
      status: 'own',
      head: JSON.stringify(head),
      receivedUs: this.now(),
    });
  }

  private serialised<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Runs an append, re-opening the log when another writer took the position first. */
  private async withReopen<T>(fn: (log: AuditLog) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const log = await this.log();
      try {
        return await fn(log);
      } catch (e) {
        if (!isAuditError(e) || e.code !== 'append-conflict') throw e;
        this.opened = null;
        // A log whose stored nodes no longer match its entries (rows deleted by hand) conflicts
        // on every try; say so rather than loop.
        if (attempt >= MAX_REOPENS)
          throw new AuditError('storage-inconsistent', {
            reason: `append refused ${MAX_REOPENS + 1} times at position ${String(e.params.actual)}`,
          });
      }
    }
  }

  private now(): number {
    return (this.deps.clock ?? (() => Date.now() * 1000))();
  }
}

/** The recorder of a node, and the audit services' access to the same log. */
export function createNodeAudit(deps: NodeAuditDeps): NodeAudit {
  return new NodeAudit(deps);
}

/** Index rows for a batch of leaves this node wrote (each is one of its canonical entries). */
function indexRows(firstIndex: number, bodies: readonly Uint8Array[]): Pick<AuditAppend, 'exchanges' | 'accesses'> {
  const exchanges: AuditExchangeRow[] = [];
  const accesses: AuditAccessRow[] = [];
  bodies.forEach((body, i) => {
    const e: RecordedEntry = parseEntryLeaf(body);
    const seq = firstIndex + i;
    if (isExchange(e))
      exchanges.push({ peer: e.peer, direction: e.direction, objectId: e.objectId, version: e.version, contentHash: e.contentHash, seq });
    else if (isAccess(e))
      accesses.push({ seq, account: e.account, action: e.action, objectId: e.objectId, version: e.version, atUs: e.atUs });
  });
  return { exchanges, accesses };
}

const keyOf = (v: { objectId: string; version: string; contentHash: string }): string =>
  `${v.objectId}\u0000${v.version}\u0000${v.contentHash}`;

/** 128 random bits: enough that a sealed leaf hash cannot be matched against guesses. */
const newSalt = (): string => randomBytes(16).toString('base64url');

const fallback = new WeakMap<Store, NodeAudit>();

/**
 * The NodeAudit of a node context: its recorder when that is one, else one kept per store (a
 * context assembled with a stand-in recorder, as some tests do).
 */
export function auditOf(ctx: { store: Store; identity: { id: string }; privateKey: KeyObject; exchanges: ExchangeRecorder }): NodeAudit {
  if (ctx.exchanges instanceof NodeAudit) return ctx.exchanges;
  let audit = fallback.get(ctx.store);
  if (!audit) {
    audit = new NodeAudit({ store: ctx.store, logId: ctx.identity.id, privateKey: ctx.privateKey });
    fallback.set(ctx.store, audit);
  }
  return audit;
}
