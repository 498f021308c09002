/**
 * The release policy at work inside a node: the current policy version (stored, versioned), the
 * marking catalog learnt from the node's own marking definitions, and the decision for each
 * stored version and peer. Every way out (TAXII, push, export, preview) asks here; the rules
 * themselves live in policy/evaluate.ts alone.
 */
import type { KeyObject } from 'node:crypto';
import { canonicalJson, sha256Hex, signObject } from '../crypto/index.js';
import { EnlaceError } from '../errors/index.js';
import type { ExtensionRegistry, StixObject } from '../stix/index.js';
import type { PeerRecord, ReleasePolicyRecord, Store, StoredVersionWithBody } from '../store/types.js';
import {
  DEFAULT_RELEASE_POLICY,
  MarkingCatalog,
  evaluateRelease,
  parseReleasePolicy,
  type PeerView,
  type ReleaseContext,
  type ReleaseDecision,
  type ReleasePolicy,
} from './policy/index.js';

/** The node facts the service needs (a subset of NodeContext, so tests can build one cheaply). */
export interface ReleaseDeps {
  store: Store;
  identity: { id: string; fingerprint: string };
  privateKey: KeyObject;
  registry: ExtensionRegistry;
}

/** One stored version judged for one peer, with the exact text that would cross the border. */
export interface JudgedVersion {
  row: StoredVersionWithBody;
  decision: ReleaseDecision;
  /** JSON of what is sent: the stored body, or the redacted copy signed by this node; null when withheld. */
  body: string | null;
  /** Content hash of what is sent (without its signature), as the receiver will compute it. */
  contentHash: string | null;
}

/** The policy in force, with who saved it and when. */
export interface PolicyInForce {
  policy: ReleasePolicy;
  author: string;
  savedUs: number;
  /** False when no administrator ever saved a policy: the built-in default applies. */
  saved: boolean;
}

const MAX_POLICY_BYTES = 256 * 1024;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Marking ids an object refers to, at object level and in granular markings. */
function markingRefsOf(o: unknown): string[] {
  if (!isRecord(o)) return [];
  const out: string[] = [];
  const refs = o['object_marking_refs'];
  if (Array.isArray(refs)) for (const r of refs) if (typeof r === 'string') out.push(r);
  const granular = o['granular_markings'];
  if (Array.isArray(granular))
    for (const g of granular) if (isRecord(g) && typeof g['marking_ref'] === 'string') out.push(g['marking_ref']);
  return out;
}

export class ReleaseService {
  private inForce: PolicyInForce = { policy: DEFAULT_RELEASE_POLICY, author: 'enlace', savedUs: 0, saved: false };
  private readonly catalog: MarkingCatalog = MarkingCatalog.from([]);
  /** Marking ids looked up in the store and not found there (yet): looked up again next time. */
  private readonly localIdentities: ReadonlySet<string>;

  private constructor(private readonly deps: ReleaseDeps) {
    this.localIdentities = new Set([deps.identity.id]);
  }

  static async open(deps: ReleaseDeps): Promise<ReleaseService> {
    const service = new ReleaseService(deps);
    await service.refresh();
    return service;
  }

  /** The policy in force now. */
  current(): PolicyInForce {
    return this.inForce;
  }

  /**
   * Re-reads the newest saved policy. Called before every release, so a policy saved by another
   * process (`enlace policy set` while `enlace serve` runs) applies to the very next request.
   */
  async refresh(): Promise<PolicyInForce> {
    const record = await this.deps.store.latestReleasePolicy();
    if (record === null || (this.inForce.saved && record.version === this.inForce.policy.version)) return this.inForce;
    this.inForce = this.fromRecord(record);
    return this.inForce;
  }

  private fromRecord(record: ReleasePolicyRecord): PolicyInForce {
    const parsed = parseReleasePolicy(JSON.parse(record.body));
    // Saved policies were checked before saving; one that no longer reads is a damaged store.
    if (!parsed.ok) throw new EnlaceError('release.policy-unreadable', { version: record.version });
    return { policy: parsed.policy, author: record.author, savedUs: record.createdUs, saved: true };
  }

  /**
   * Saves a new version of the policy. `version` and `updated_at` are given by the node; the
   * rest is checked against the schema and refused with every problem named.
   */
  async save(input: unknown, author: string, nowUs: number = Date.now() * 1000): Promise<PolicyInForce> {
    await this.refresh();
    if (!isRecord(input))
      throw new EnlaceError('release.policy-invalid', { detail: { en: 'not a JSON object', es: 'no es un objeto JSON' } });
    let size: number;
    try {
      size = JSON.stringify(input).length;
    } catch {
      // Nested deep enough to exhaust the stack, or cyclic: no policy looks like that.
      throw new EnlaceError('release.policy-invalid', { detail: { en: 'nested too deeply', es: 'anidado a demasiada profundidad' } });
    }
    if (size > MAX_POLICY_BYTES) {
      throw new EnlaceError('release.policy-invalid', {
        detail: { en: `over ${MAX_POLICY_BYTES} bytes`, es: `más de ${MAX_POLICY_BYTES} bytes` },
      });
    }
    const version = this.inForce.saved ? this.inForce.policy.version + 1 : Math.max(2, DEFAULT_RELEASE_POLICY.version + 1);
    const candidate = { ...input, version, updated_at: new Date(Math.floor(nowUs / 1000)).toISOString() };
    const parsed = parseReleasePolicy(candidate);
    if (!parsed.ok) {
      throw new EnlaceError('release.policy-invalid', {
        detail: parsed.issues
          .slice(0, 50)
          .map((i) => `${i.params.path} (${i.params.problem})`)
          .join('; '),
      });
    }
    await this.deps.store.saveReleasePolicy({ version, body: JSON.stringify(parsed.policy), author, createdUs: nowUs });
    this.inForce = { policy: parsed.policy, author, savedUs: nowUs, saved: true };
    return this.inForce;
  }

  /** Saved versions, newest first. */
  async history(limit = 50): Promise<PolicyInForce[]> {
    return (await this.deps.store.listReleasePolicies(limit)).map((r) => this.fromRecord(r));
  }

  /**
   * The facts about a peer the rules read. A node's STIX identity is its organisation's
   * (identity_class "organization", made by `enlace init`), so AMBER+STRICT naming the
   * organisation names that identity.
   */
  peerView(peer: PeerRecord): PeerView {
    return { name: peer.name, identityId: peer.identityId, organisationId: peer.identityId, country: peer.country };
  }

  /**
   * Judges stored versions for one peer. Redacted copies are signed here by this node, their
   * originator (the evaluator never redacts another node's object), so the receiver can verify
   * the copy it gets as sent.
   */
  async judge(peer: PeerRecord, rows: readonly StoredVersionWithBody[]): Promise<JudgedVersion[]> {
    await this.refresh();
    const objects = rows.map((row) => JSON.parse(row.body) as StixObject);
    await this.learnMarkings(objects);
    const view = this.peerView(peer);
    const policy = this.inForce.policy;
    return rows.map((row, i) => {
      const ctx: ReleaseContext = {
        localIdentities: this.localIdentities,
        markings: this.catalog,
        originatorOf: () => row.originator,
        registry: this.deps.registry,
      };
      const decision = evaluateRelease(objects[i], view, policy, ctx);
      if (decision.decision === 'withhold' || decision.released === undefined) return { row, decision, body: null, contentHash: null };
      if (decision.decision === 'release') return { row, decision, body: row.body, contentHash: row.contentHash };
      const contentHash = sha256Hex(canonicalJson(decision.released));
      const signed = signObject(decision.released, {
        identityId: this.deps.identity.id,
        privateKey: this.deps.privateKey,
        fingerprint: this.deps.identity.fingerprint,
      });
      return { row, decision, body: JSON.stringify(signed), contentHash };
    });
  }

  /**
   * Marking definitions are objects like any other: the catalog learns the ones the objects
   * refer to from the store, on first sight. One not held (yet) stays unknown, which withholds.
   */
  private async learnMarkings(objects: readonly unknown[]): Promise<void> {
    const wanted = new Set<string>();
    for (const o of objects) for (const ref of markingRefsOf(o)) if (this.catalog.resolve(ref).kind === 'unknown') wanted.add(ref);
    if (wanted.size === 0) return;
    const ids = [...wanted].slice(0, 1000);
    for (const c of await this.deps.store.listCollections()) {
      const page = await this.deps.store.queryObjects({
        collectionId: c.id,
        ids,
        types: ['marking-definition'],
        versions: { all: false, first: false, last: true, timestampsUs: [] },
        limit: ids.length,
        withBody: true,
      });
      this.catalog.learn(page.rows.map((r) => JSON.parse(r.body) as unknown));
    }
  }
}
