import { canonicalJson, sha256Hex, signObject, stripSignature, verifyObjectSignatureAsync } from '../crypto/index.js';
import { EnlaceError } from '../errors/index.js';
import { exchangedVersion, type NodeContext } from '../node/context.js';
import type { NewVersion, PeerRecord, PullCursor, PutOutcome } from '../store/types.js';
import { searchFieldsOf } from '../store/search-fields.js';
import {
  SIGNATURE_EXTENSION_ID,
  isSco,
  renderIssue,
  parseStixTimestamp,
  tlpLevelOf,
  validateObject,
  versionOf,
  type StixObject,
} from '../stix/index.js';

/** Where objects entering the node come from; it decides who becomes their originator. */
export type IntakeSource =
  { kind: 'account'; username: string } | { kind: 'import'; username: string } | { kind: 'peer'; peer: PeerRecord };

export interface IntakeResult {
  /** Position of the object in the submitted list. */
  index: number;
  id: string | null;
  version: string | null;
  outcome: 'added' | 'duplicate' | 'rejected';
  /** True for cyber-observables: their ids derive from their values, so anyone can name one. */
  observable?: boolean;
  dateAddedUs?: number;
  error?: EnlaceError;
}

interface Prepared {
  index: number;
  object: StixObject;
  version: NewVersion;
}

function isExtensionDefinition(input: unknown): boolean {
  return typeof input === 'object' && input !== null && (input as { type?: unknown }).type === 'extension-definition';
}

function idAndVersionOf(input: unknown): { id: string | null; version: string | null } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { id: null, version: null };
  const o = input as Record<string, unknown>;
  const id = typeof o.id === 'string' ? o.id.slice(0, 300) : null;
  const v = typeof o.modified === 'string' ? o.modified : typeof o.created === 'string' ? o.created : null;
  return { id, version: v ? v.slice(0, 40) : null };
}

/**
 * Checks who vouches for an object. Signed objects must verify against a pinned key; unsigned
 * ones are accepted only from this node's own accounts, and then this node signs them.
 */
/** The object as it will be stored, and the canonical JSON of it without its signature. */
interface Authenticated {
  object: StixObject;
  unsignedCanonical: string;
}

async function authenticate(ctx: NodeContext, object: StixObject, source: IntakeSource): Promise<Authenticated> {
  const hasSignature = Object.hasOwn(object.extensions ?? {}, SIGNATURE_EXTENSION_ID);
  if (!hasSignature) {
    if (source.kind === 'peer') throw new EnlaceError('object.unsigned');
    const signed = signObject(object, {
      identityId: ctx.identity.id,
      privateKey: ctx.privateKey,
      fingerprint: ctx.identity.fingerprint,
    });
    return { object: signed, unsignedCanonical: canonicalJson(stripSignature(signed)) };
  }
  // Verification is the costliest step of intake: it runs on the thread pool so that a page of
  // objects is checked on every core at once.
  const check = await verifyObjectSignatureAsync(object, (fp, signer) => ctx.keyring.resolve(fp, signer));
  if (!check.ok) {
    if (check.code === 'unknown-key') {
      const ext = object.extensions?.[SIGNATURE_EXTENSION_ID] as { signer?: unknown } | undefined;
      throw new EnlaceError('object.unknown-signer', { signer: String(ext?.signer ?? '?') });
    }
    throw new EnlaceError('object.signature', { reason: check.detail ? `${check.code}: ${check.detail}` : check.code });
  }
  return { object, unsignedCanonical: check.payload };
}

function signerOf(object: StixObject): string {
  const ext = object.extensions?.[SIGNATURE_EXTENSION_ID] as { signer: string };
  return ext.signer;
}

async function prepare(ctx: NodeContext, input: unknown, index: number, source: IntakeSource): Promise<Prepared> {
  const checked = validateObject(input, ctx.registry);
  if (!checked.ok) {
    const phrase = (lang: 'en' | 'es') =>
      checked.issues
        .slice(0, 5)
        .map((i) => `${i.path || '/'}: ${renderIssue(i, lang)}`)
        .join('; ');
    throw new EnlaceError('object.invalid', { detail: { en: phrase('en'), es: phrase('es') } }, { issues: checked.issues });
  }
  const { object, unsignedCanonical: unsigned } = await authenticate(ctx, checked.object, source);
  const versionText = versionOf(object);
  // Objects without created/modified (cyber-observables) have a single, content-addressed version.
  const versionUs = versionText ? parseStixTimestamp(versionText) : 0;
  if (versionUs === null) throw new EnlaceError('object.invalid', { detail: `/modified not a timestamp` });
  return {
    index,
    object,
    version: {
      id: object.id,
      type: object.type,
      specVersion: typeof object.spec_version === 'string' ? object.spec_version : '2.1',
      version: versionText ?? '',
      versionUs,
      originator: signerOf(object),
      revoked: object.revoked === true,
      tlp: tlpLevelOf(object),
      contentHash: sha256Hex(unsigned),
      body: JSON.stringify(object),
      search: searchFieldsOf(object),
    },
  };
}

/** Objects validated and authenticated, not yet stored: what `commitObjects` takes. */
export interface PreparedBatch {
  source: IntakeSource;
  results: IntakeResult[];
  prepared: Prepared[];
}

/**
 * Validates, authenticates and stores objects that enter a node by any way (TAXII POST, import,
 * sync). Each object succeeds or fails on its own; nothing from a rejected object is stored.
 * The accepted ones are stored in one transaction, together with the pull cursor when given.
 */
export async function ingestObjects(
  ctx: NodeContext,
  collectionId: string,
  inputs: unknown[],
  source: IntakeSource,
  alsoSave?: { pullCursor?: PullCursor },
): Promise<IntakeResult[]> {
  return commitObjects(ctx, collectionId, await prepareObjects(ctx, inputs, source), alsoSave);
}

/**
 * The first half of intake: validation and signature checks, which touch no store. A pull runs
 * it for the next page while the previous page is being stored.
 */
export async function prepareObjects(ctx: NodeContext, inputs: unknown[], source: IntakeSource): Promise<PreparedBatch> {
  const results: IntakeResult[] = new Array(inputs.length);
  const prepared: Prepared[] = [];
  // Extension definitions go first and are learnt at once, so that objects later in the same
  // batch (a bundle exported from OpenCTI, say) may use the types and properties they declare.
  const settled: PromiseSettledResult<Prepared>[] = new Array(inputs.length);
  const definitionAt = inputs.map((input) => isExtensionDefinition(input));
  for (const [index, input] of inputs.entries()) {
    if (!definitionAt[index]) continue;
    [settled[index]] = (await Promise.allSettled([prepare(ctx, input, index, source)])) as [PromiseSettledResult<Prepared>];
    const done = settled[index];
    if (done?.status === 'fulfilled') ctx.registry.register(done.value.object);
  }
  const others = await Promise.allSettled(inputs.map((input, index) => (definitionAt[index] ? null : prepare(ctx, input, index, source))));
  others.forEach((s, index) => {
    if (!definitionAt[index]) settled[index] = s as PromiseSettledResult<Prepared>;
  });
  settled.forEach((s, index) => {
    if (s.status === 'fulfilled') prepared.push(s.value);
    else if (s.reason instanceof EnlaceError)
      results[index] = { index, ...idAndVersionOf(inputs[index]), outcome: 'rejected', error: s.reason };
    else throw s.reason;
  });
  return { source, results, prepared };
}

/** The second half of intake: originator control, then one transaction that stores the batch. */
export async function commitObjects(
  ctx: NodeContext,
  collectionId: string,
  batch: PreparedBatch,
  alsoSave?: { pullCursor?: PullCursor },
): Promise<IntakeResult[]> {
  const { source, results, prepared } = batch;
  // Only the originator may make versions of an object: check against what is already stored
  // and within the batch itself.
  const ids = [...new Set(prepared.map((p) => p.version.id))];
  const known = await ctx.store.originatorsOf(ids);
  const revokedAt = await ctx.store.revocationsOf(ids);
  // What is still held of revoked objects: re-sending one of those exact versions is a harmless duplicate.
  const heldOfRevoked = new Set<string>();
  for (const id of revokedAt.keys()) {
    for (const v of await ctx.store.findVersionsAnywhere(id)) heldOfRevoked.add(`${v.id}\u0000${v.versionUs}\u0000${v.contentHash}`);
  }
  const accepted: Prepared[] = [];
  for (const p of prepared) {
    const existing = known.get(p.version.id);
    // STIX 2.1 §3.6: a revoked object takes no further versions; an earlier version replayed after
    // the revocation (whose earlier versions a receiving node drops) must not bring it back.
    const revoked = revokedAt.get(p.version.id);
    const held = heldOfRevoked.has(`${p.version.id}\u0000${p.version.versionUs}\u0000${p.version.contentHash}`);
    if (revoked !== undefined && !held) {
      results[p.index] = {
        index: p.index,
        id: p.version.id,
        version: p.version.version || null,
        outcome: 'rejected',
        observable: isSco(p.object),
        error: new EnlaceError('object.revoked', { id: p.version.id }),
      };
      continue;
    }
    if (existing !== undefined && existing !== p.version.originator && !isSco(p.object)) {
      results[p.index] = {
        index: p.index,
        id: p.version.id,
        version: p.version.version || null,
        outcome: 'rejected',
        observable: isSco(p.object),
        error: new EnlaceError('object.not-originator', { originator: existing, id: p.version.id }),
      };
      continue;
    }
    known.set(p.version.id, existing ?? p.version.originator);
    accepted.push(p);
  }

  const rejections = results
    .filter((r): r is IntakeResult => r !== undefined && r.outcome === 'rejected')
    .map((r) => ({
      source: source.kind === 'peer' ? `peer:${source.peer.name}` : `${source.kind}:${source.username}`,
      objectId: r.id,
      version: r.version,
      reason: r.error ? `${r.error.code}: ${r.error.message}` : 'rejected',
      atUs: Date.now() * 1000,
    }));
  const outcomes: PutOutcome[] =
    accepted.length > 0 || alsoSave?.pullCursor || rejections.length > 0
      ? await ctx.store.putVersions(
          collectionId,
          accepted.map((p) => p.version),
          { pullCursor: alsoSave?.pullCursor, rejections },
        )
      : [];

  let lastSeq = 0;
  accepted.forEach((p, i) => {
    const o = outcomes[i];
    const base = { index: p.index, id: p.version.id, version: p.version.version || null, observable: isSco(p.object) };
    if (!o) throw new Error('store returned fewer outcomes than versions');
    if (o.kind === 'conflict') {
      results[p.index] = { ...base, outcome: 'rejected', error: new EnlaceError('object.conflict', { version: p.version.version }) };
    } else {
      results[p.index] = { ...base, outcome: o.kind, dateAddedUs: o.dateAddedUs };
      if (o.kind === 'added') lastSeq = Math.max(lastSeq, o.seq);
    }
  });
  if (source.kind === 'peer') await afterPeerDelivery(ctx, collectionId, source.peer, accepted, outcomes);
  if (lastSeq > 0) ctx.events.emit('committed', collectionId, lastSeq);
  return results;
}

/**
 * What a peer delivered is logged as received (new or already held: both sides must name the
 * same exchanges). When the originator revoked an object, this node keeps the revoked version
 * only — the proof of the revocation its audit needs — and drops the earlier versions its users
 * could still read.
 */
async function afterPeerDelivery(
  ctx: NodeContext,
  collectionId: string,
  peer: PeerRecord,
  accepted: Prepared[],
  outcomes: PutOutcome[],
): Promise<void> {
  const delivered = accepted.filter((_, i) => outcomes[i]?.kind === 'added' || outcomes[i]?.kind === 'duplicate');
  if (delivered.length === 0) return;
  await ctx.exchanges.received(
    peer.name,
    delivered.map((p) => exchangedVersion(p.version.id, p.version.version, p.version.contentHash)),
  );
  for (const p of delivered) {
    if (!p.version.revoked || p.version.versionUs === 0) continue;
    const earlier = (await ctx.store.findVersionsAnywhere(p.version.id))
      .filter((v) => v.collectionId === collectionId && v.versionUs < p.version.versionUs)
      .map((v) => v.versionUs);
    if (earlier.length > 0) {
      await ctx.store.deleteVersions(collectionId, p.version.id, { all: false, first: false, last: false, timestampsUs: earlier });
    }
  }
}
