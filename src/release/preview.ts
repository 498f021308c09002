/**
 * "What does the partner see?": for the objects of a collection, what one peer would receive and
 * why. Decisions come from the very calls every way out makes — ReleaseService.judge for the
 * evaluator's decision and the copy that is sent, visibleVersions for the rule that an object
 * whose newest version is withheld goes in no version — so a preview cannot disagree with them.
 */
import { EnlaceError } from '../errors/index.js';
import type { NodeContext } from '../node/context.js';
import { isStixId } from '../taxii/filters.js';
import type { Collection, PeerRecord, StoredVersionWithBody, VersionSelector } from '../store/types.js';
import { visibleVersions } from './feed.js';
import { renderReason, type Effect, type ReleaseReason } from './policy/index.js';
import { bothLanguages } from './phrase.js';
import { withheldProperties } from './withheld.js';

export const PREVIEW_DEFAULT_LIMIT = 100;
export const PREVIEW_MAX_LIMIT = 1000;
export const PREVIEW_MAX_IDS = 100;

const LATEST: VersionSelector = { all: false, first: false, last: true, timestampsUs: [] };
const ALL: VersionSelector = { all: true, first: false, last: false, timestampsUs: [] };

export interface PreviewOptions {
  /** The peer's local name. */
  peer: string;
  /** Collection id or alias; the node's first collection when absent. */
  collection?: string;
  /** Only these objects, in every version; otherwise the newest version of each object. */
  ids?: readonly string[];
  limit?: number;
  /** Continue after this feed position (`next_after` of the previous page). */
  afterSeq?: number;
}

/** One step of an explanation, with its text in both languages. */
export interface PreviewReason {
  /** An evaluator rule (policy/reasons.ts), or `newest-version` for the feed's rule. */
  rule: string;
  effect: Effect;
  code: string;
  params: Readonly<Record<string, string>>;
  text: { en: string; es: string };
}

export interface PreviewItem {
  id: string;
  type: string;
  /** The object's name, or its value for an observable; absent when it has neither. */
  name?: string;
  version: string;
  /** Feed position of this version. */
  seq: number;
  latest: boolean;
  originator: string;
  decision: Effect;
  reasons: PreviewReason[];
  /** On `redact`: selectors (into the stored object) of what the copy sent leaves out. */
  withheld_properties?: string[];
  /** On `redact`: the copy the peer receives, signed by this node. */
  released?: Record<string, unknown>;
}

export interface PreviewResult {
  peer: { name: string; identity_id: string; organisation: string; country: string };
  policy: { version: number; author: string; saved: boolean };
  collection: { id: string; alias: string | null; title: string };
  /** `latest`: the newest version of each object; `versions`: every version of the ids asked for. */
  mode: 'latest' | 'versions';
  objects: PreviewItem[];
  /** Ids asked for that this collection does not hold (in the versions looked at). */
  not_found?: string[];
  summary: { release: number; redact: number; withhold: number; total: number };
  more: boolean;
  /** Feed position to pass as `afterSeq` for the next page, when `more`. */
  next_after?: number;
}

function badParam(
  name: string,
  key: 'param.range' | 'param.too-many' | 'param.invalid',
  params: Record<string, string | number>,
): EnlaceError {
  return new EnlaceError('http.bad-request', { detail: bothLanguages(key, { name, ...params }) });
}

function checkOptions(o: PreviewOptions): { limit: number; ids?: string[] } {
  const limit = o.limit ?? PREVIEW_DEFAULT_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > PREVIEW_MAX_LIMIT)
    throw badParam('limit', 'param.range', { min: 1, max: PREVIEW_MAX_LIMIT });
  if (o.afterSeq !== undefined && (!Number.isSafeInteger(o.afterSeq) || o.afterSeq < 0)) {
    throw badParam('after', 'param.range', { min: 0, max: Number.MAX_SAFE_INTEGER });
  }
  if (o.ids === undefined || o.ids.length === 0) return { limit };
  if (o.ids.length > PREVIEW_MAX_IDS) throw badParam('id', 'param.too-many', { max: PREVIEW_MAX_IDS });
  for (const id of o.ids) if (!isStixId(id)) throw badParam('id', 'param.invalid', { value: id.slice(0, 80) });
  return { limit, ids: [...new Set(o.ids)] };
}

async function peerNamed(ctx: NodeContext, name: string): Promise<PeerRecord> {
  const peer = name.length <= 64 ? await ctx.store.getPeer(name) : null;
  if (peer) return peer;
  const names = (await ctx.store.listPeers()).map((p) => p.name).sort();
  throw new EnlaceError('release.unknown-peer', {
    peer: name.slice(0, 64),
    peers: names.length > 0 ? names.join(', ') : bothLanguages('peers.none'),
  });
}

async function collectionNamed(ctx: NodeContext, idOrAlias: string | undefined): Promise<Collection> {
  const c =
    idOrAlias !== undefined
      ? idOrAlias.length <= 128
        ? await ctx.store.getCollection(idOrAlias)
        : null
      : (await ctx.store.listCollections())[0];
  if (!c) throw new EnlaceError('taxii.collection-not-found', { collection: (idOrAlias ?? '(default)').slice(0, 80) });
  return c;
}

function reasonOf(r: ReleaseReason): PreviewReason {
  return {
    rule: r.rule,
    effect: r.effect,
    code: r.code,
    params: r.params,
    text: { en: renderReason('en', r.code, r.params), es: renderReason('es', r.code, r.params) },
  };
}

function newestVersionReason(peer: string, newest: string): PreviewReason {
  const params = { peer, newest };
  return {
    rule: 'newest-version',
    effect: 'withhold',
    code: 'newest-version.withhold',
    params,
    text: bothLanguages('newest-version.withhold', params),
  };
}

function nameOf(o: Record<string, unknown>): string | undefined {
  const n = o['name'] ?? o['value'];
  return typeof n === 'string' ? n : undefined;
}

/** The newest stored version of each id, for the reason that cites it. */
async function newestVersions(ctx: NodeContext, collectionId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const page = await ctx.store.queryObjects({ collectionId, ids, versions: LATEST, limit: ids.length, withBody: false });
  return new Map(page.rows.map((r) => [r.id, r.version]));
}

/**
 * What `peer` would receive of a collection's objects, one page at a time, with every reason.
 * Unknown peer → `release.unknown-peer`; unknown collection → `taxii.collection-not-found`.
 */
export async function previewRelease(ctx: NodeContext, o: PreviewOptions): Promise<PreviewResult> {
  const { limit, ids } = checkOptions(o);
  const peer = await peerNamed(ctx, o.peer);
  const collection = await collectionNamed(ctx, o.collection);
  const selector = ids ? ALL : LATEST;
  // No pre-filter here, unlike the ways out: RED and the peer's own objects are shown withheld, with the rule that withholds them.
  const page = await ctx.store.queryObjects({
    collectionId: collection.id,
    ...(ids ? { ids } : {}),
    versions: selector,
    afterSeq: o.afterSeq,
    limit,
    withBody: true,
  });
  const rows: StoredVersionWithBody[] = page.rows;
  const judged = await ctx.release.judge(peer, rows);
  const visible = new Map((await visibleVersions(ctx.store, ctx.release, peer, collection.id, rows, selector)).map((v) => [v.row.seq, v]));
  const heldBack = [...new Set(judged.filter((j) => j.body !== null && !visible.has(j.row.seq)).map((j) => j.row.id))];
  const newest = await newestVersions(ctx, collection.id, heldBack);
  const inForce = ctx.release.current();

  const objects = judged.map((j): PreviewItem => {
    const stored = JSON.parse(j.row.body) as Record<string, unknown>;
    const sent = visible.get(j.row.seq);
    const reasons = j.decision.reasons.map(reasonOf);
    const name = nameOf(stored);
    const item: PreviewItem = {
      id: j.row.id,
      type: j.row.type,
      ...(name === undefined ? {} : { name }),
      version: j.row.version,
      seq: j.row.seq,
      latest: j.row.isLatest,
      originator: j.row.originator,
      decision: 'withhold',
      reasons,
    };
    if (sent === undefined) {
      if (j.body !== null) reasons.push(newestVersionReason(peer.name, newest.get(j.row.id) ?? '?'));
      return item;
    }
    item.decision = j.decision.decision;
    if (item.decision === 'redact') {
      const released = JSON.parse(sent.body) as Record<string, unknown>;
      item.withheld_properties = withheldProperties(stored, released);
      item.released = released;
    }
    return item;
  });

  const held = new Set(rows.map((r) => r.id));
  const notFound = ids && !page.more && o.afterSeq === undefined ? ids.filter((id) => !held.has(id)) : [];
  const count = (d: Effect) => objects.filter((x) => x.decision === d).length;
  const last = rows[rows.length - 1];
  return {
    peer: { name: peer.name, identity_id: peer.identityId, organisation: peer.organisation, country: peer.country },
    policy: { version: inForce.policy.version, author: inForce.author, saved: inForce.saved },
    collection: { id: collection.id, alias: collection.alias, title: collection.title },
    mode: ids ? 'versions' : 'latest',
    objects,
    ...(notFound.length > 0 ? { not_found: notFound } : {}),
    summary: { release: count('release'), redact: count('redact'), withhold: count('withhold'), total: objects.length },
    more: page.more,
    ...(page.more && last ? { next_after: last.seq } : {}),
  };
}
