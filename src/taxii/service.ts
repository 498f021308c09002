import { randomUUID } from 'node:crypto';
import type { Principal } from '../accounts/model.js';
import { principalKey } from '../accounts/model.js';
import { EnlaceError, type Lang } from '../errors/index.js';
import { ingestObjects, type IntakeResult, type IntakeSource } from '../intake/service.js';
import { exchangedVersion, type ExchangedVersion, type NodeContext } from '../node/context.js';
import { peerFeedPage } from '../release/feed.js';
import { formatTimestampUs } from '../stix/index.js';
import type { Collection, ObjectPage, StatusRecord, StoredVersion } from '../store/types.js';
import type { CursorCodec } from './cursor.js';
import { isStixId, type Endpoint, type TaxiiFilters } from './filters.js';
import { STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE } from './media.js';
import { taxiiMessages } from './messages.js';

/** A page ready to be written: the JSON text plus the values of the date headers. */
export interface TaxiiPage {
  json: string;
  firstAddedUs: number | null;
  lastAddedUs: number | null;
}

export interface TaxiiService {
  ctx: NodeContext;
  cursors: CursorCodec;
}

const MAX_OBJECTS_PER_POST = 10_000;

function requireRead(p: Principal, c: Collection): void {
  if (!p.permissions.has('objects:read')) throw new EnlaceError('taxii.cannot-read', { collection: c.id });
}

/** The collection, if it exists; 404 otherwise (the same answer whether absent or hidden). */
export async function collectionFor(svc: TaxiiService, id: string): Promise<Collection> {
  const c = id.length <= 128 ? await svc.ctx.store.getCollection(id) : null;
  if (!c) throw new EnlaceError('taxii.collection-not-found', { collection: id.slice(0, 80) });
  return c;
}

export function discovery(svc: TaxiiService): Record<string, unknown> {
  const { config, identity } = svc.ctx;
  const root = `${config.http.publicUrl}/${config.taxii.apiRoot}/`;
  return {
    title: `Enlace ${identity.organisation}`,
    description: `Enlace node "${identity.name}" (${identity.country}): STIX 2.1 intelligence over TAXII 2.1.`,
    contact: identity.organisation,
    default: root,
    api_roots: [root],
  };
}

export function apiRootInfo(svc: TaxiiService): Record<string, unknown> {
  const { config, identity } = svc.ctx;
  return {
    title: `Enlace ${identity.name}`,
    description: `Collections of the Enlace node of ${identity.organisation}.`,
    versions: [TAXII_MEDIA_TYPE],
    max_content_length: config.taxii.maxContentLength,
  };
}

function collectionResource(c: Collection, p: Principal): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: c.id,
    title: c.title,
    can_read: p.permissions.has('objects:read'),
    can_write: p.permissions.has('objects:write'),
    media_types: [STIX_MEDIA_TYPE],
  };
  if (c.description) out.description = c.description;
  if (c.alias) out.alias = c.alias;
  return out;
}

export async function listCollections(svc: TaxiiService, p: Principal): Promise<Record<string, unknown>> {
  const all = await svc.ctx.store.listCollections();
  return all.length === 0 ? {} : { collections: all.map((c) => collectionResource(c, p)) };
}

export async function getCollection(svc: TaxiiService, p: Principal, id: string): Promise<Record<string, unknown>> {
  return collectionResource(await collectionFor(svc, id), p);
}

/** A page of versions with the text each would be served as, and the record of what crosses. */
interface ServedPage {
  rows: (StoredVersion & { body?: string })[];
  /** What is served for each row (a peer may get a redacted copy); undefined without bodies. */
  bodies?: string[];
  exchanged: ExchangedVersion[];
  more: boolean;
  next?: string;
  remaining?: number;
}

/**
 * Runs one filtered page over a collection's feed. Accounts of this node read what it holds; a
 * peer reads its release view, judged object by object (src/release/feed.ts).
 */
async function page(
  svc: TaxiiService,
  p: Principal,
  c: Collection,
  endpoint: Endpoint,
  f: TaxiiFilters,
  withBody: boolean,
  ids?: string[],
): Promise<ServedPage> {
  const scope = JSON.stringify([
    c.id,
    endpoint,
    ids ?? f.ids ?? [],
    f.types ?? [],
    f.specVersions ?? [],
    f.versions,
    f.addedAfterUs ?? null,
  ]);
  const binding = { scope, principal: principalKey(p) };
  const afterSeq = f.next !== undefined ? svc.cursors.open(f.next, binding) : undefined;
  const q = {
    collectionId: c.id,
    ids: ids ?? f.ids,
    types: f.types,
    specVersions: f.specVersions,
    versions: f.versions,
    addedAfterUs: f.addedAfterUs,
    limit: f.limit,
  };
  if (p.kind === 'peer') {
    // Counting is a scan: done once per pass (the first page), not on every page.
    const r = await peerFeedPage(svc.ctx.store, svc.ctx.release, p.peer, q, { afterSeq, countRemaining: afterSeq === undefined });
    const next = r.more && r.position !== undefined ? svc.cursors.issue(r.position, binding) : undefined;
    return {
      rows: r.rows.map((x) => x.row),
      bodies: r.rows.map((x) => x.body),
      exchanged: r.rows.map((x) => exchangedVersion(x.row.id, x.row.version, x.contentHash)),
      more: r.more,
      next,
      remaining: r.remaining,
    };
  }
  const result: ObjectPage<StoredVersion & { body?: string }> = withBody
    ? await svc.ctx.store.queryObjects({ ...q, afterSeq, withBody: true })
    : await svc.ctx.store.queryObjects({ ...q, afterSeq, withBody: false });
  const last = result.rows[result.rows.length - 1];
  const next = result.more && last ? svc.cursors.issue(last.seq, binding) : undefined;
  return {
    rows: result.rows,
    bodies: withBody ? result.rows.map((r) => r.body ?? 'null') : undefined,
    exchanged: result.rows.map((r) => exchangedVersion(r.id, r.version, r.contentHash)),
    more: result.more,
    next,
  };
}

/** Objects served are recorded: to a peer, as sent (transparency log); to an account, as viewed (access log). */
async function recordServed(svc: TaxiiService, p: Principal, served: ServedPage): Promise<void> {
  if (served.exchanged.length === 0) return;
  if (p.kind === 'peer') await svc.ctx.exchanges.sent(p.peer.name, served.exchanged);
  else await svc.ctx.exchanges.accessed(p.account.username, 'view', served.exchanged);
}

function bounds(rows: StoredVersion[]): Pick<TaxiiPage, 'firstAddedUs' | 'lastAddedUs'> {
  return { firstAddedUs: rows[0]?.dateAddedUs ?? null, lastAddedUs: rows[rows.length - 1]?.dateAddedUs ?? null };
}

/** Envelope text built around the stored bodies, so that objects are never re-serialised. */
function envelope(more: boolean, next: string | undefined, bodies: string[]): string {
  const head = [`"more":${more}`];
  if (next) head.push(`"next":${JSON.stringify(next)}`);
  if (bodies.length > 0) head.push(`"objects":[${bodies.join(',')}]`);
  return `{${head.join(',')}}`;
}

export async function getObjects(
  svc: TaxiiService,
  p: Principal,
  cid: string,
  f: TaxiiFilters,
  endpoint: 'objects' | 'object' = 'objects',
  id?: string,
): Promise<TaxiiPage & { remaining?: number }> {
  const c = await collectionFor(svc, cid);
  requireRead(p, c);
  const r = await page(svc, p, c, endpoint, f, true, id ? [id] : undefined);
  if (endpoint === 'object' && r.rows.length === 0 && f.next === undefined) {
    throw new EnlaceError('taxii.object-not-found', { id: id ?? '' });
  }
  await recordServed(svc, p, r);
  return { json: envelope(r.more, r.next, r.bodies ?? []), ...bounds(r.rows), remaining: r.remaining };
}

function versionText(row: StoredVersion): string {
  return row.version || formatTimestampUs(row.dateAddedUs);
}

export async function getManifest(svc: TaxiiService, p: Principal, cid: string, f: TaxiiFilters): Promise<TaxiiPage> {
  const c = await collectionFor(svc, cid);
  requireRead(p, c);
  const r = await page(svc, p, c, 'manifest', f, false);
  const records = r.rows.map((row) =>
    JSON.stringify({ id: row.id, date_added: formatTimestampUs(row.dateAddedUs), version: versionText(row), media_type: STIX_MEDIA_TYPE }),
  );
  return { json: envelope(r.more, r.next, records), ...bounds(r.rows) };
}

export async function getVersions(svc: TaxiiService, p: Principal, cid: string, id: string, f: TaxiiFilters): Promise<TaxiiPage> {
  requireObjectId(id);
  const c = await collectionFor(svc, cid);
  requireRead(p, c);
  const r = await page(svc, p, c, 'versions', f, false, [id]);
  if (r.rows.length === 0 && f.next === undefined && f.addedAfterUs === undefined) {
    throw new EnlaceError('taxii.object-not-found', { id });
  }
  const head = [`"more":${r.more}`];
  if (r.next) head.push(`"next":${JSON.stringify(r.next)}`);
  if (r.rows.length > 0) head.push(`"versions":${JSON.stringify(r.rows.map(versionText))}`);
  return { json: `{${head.join(',')}}`, ...bounds(r.rows) };
}

export function requireObjectId(id: string): void {
  if (!isStixId(id)) throw new EnlaceError('taxii.bad-object-id', { id: id.slice(0, 80) });
}

export async function deleteObject(svc: TaxiiService, p: Principal, cid: string, id: string, f: TaxiiFilters): Promise<void> {
  requireObjectId(id);
  const c = await collectionFor(svc, cid);
  requireRead(p, c);
  if (!p.permissions.has('objects:delete')) throw new EnlaceError('auth.forbidden', { action: 'delete objects' });
  const removed = await svc.ctx.store.deleteVersions(c.id, id, f.versions, f.specVersions);
  if (removed === 0) throw new EnlaceError('taxii.object-not-found', { id });
}

function sourceOf(p: Principal): IntakeSource {
  return p.kind === 'peer' ? { kind: 'peer', peer: p.peer } : { kind: 'account', username: p.account.username };
}

/**
 * Parses a TAXII envelope from a request body (already size-limited) and stores its objects. The
 * status messages are written in the poster's language, as the status is read back later.
 */
export async function addObjects(
  svc: TaxiiService,
  p: Principal,
  cid: string,
  body: Buffer | undefined,
  lang: Lang = 'en',
): Promise<Record<string, unknown>> {
  const c = await collectionFor(svc, cid);
  if (!p.permissions.has('objects:write')) throw new EnlaceError('taxii.cannot-write', { collection: c.id });
  let parsed: unknown;
  try {
    parsed = JSON.parse((body ?? Buffer.alloc(0)).toString('utf8'));
  } catch (e) {
    throw new EnlaceError('http.malformed-json', { detail: (e as Error).message.slice(0, 200) });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new EnlaceError('taxii.bad-envelope', { detail: 'not a JSON object' });
  }
  const objects = (parsed as { objects?: unknown }).objects;
  if (!Array.isArray(objects)) throw new EnlaceError('taxii.bad-envelope', { detail: '"objects" is missing or not an array' });
  if (objects.length > MAX_OBJECTS_PER_POST)
    throw new EnlaceError('taxii.too-many-objects', { count: objects.length, max: MAX_OBJECTS_PER_POST });

  const requestUs = Date.now() * 1000;
  const results = await ingestObjects(svc.ctx, c.id, objects, sourceOf(p));
  const status: StatusRecord = {
    id: randomUUID(),
    apiRoot: svc.ctx.config.taxii.apiRoot,
    owner: principalKey(p),
    status: 'complete',
    requestTimestampUs: requestUs,
    totalCount: objects.length,
    successes: [],
    failures: [],
    pendings: [],
  };
  for (const r of results) {
    if (p.kind === 'peer' && concealedFromPeer(r)) {
      // Accepted as far as the partner can tell; the node's operators see the rejection, if any, in its records.
      status.successes.push({ id: r.id ?? '', version: r.version ?? formatTimestampUs(requestUs) });
      continue;
    }
    // An object without created/modified (an SCO) is versioned by its date_added, as manifests and
    // the versions endpoint say; the status names the same version.
    const version = r.version ?? (r.dateAddedUs !== undefined ? formatTimestampUs(r.dateAddedUs) : '');
    const detail = { id: r.id ?? `(object #${r.index})`, version };
    if (r.outcome === 'rejected') status.failures.push({ ...detail, message: r.error?.localized(lang) ?? 'rejected' });
    else status.successes.push(r.outcome === 'duplicate' ? { ...detail, message: taxiiMessages[lang]['status.duplicate'] } : detail);
  }
  await svc.ctx.store.saveStatus(status);
  return statusResource(status);
}

/** Answers that would depend on what this node holds: a conflict, another originator, a revocation, or "already held". */
const HOLDING_ANSWERS = new Set(['object.conflict', 'object.not-originator', 'object.revoked']);

/**
 * A partner may name any observable (its id derives from its value), so posting one must not tell
 * whether this node holds it, when it was added, or who originated it: for observables, those
 * answers are concealed. Other objects have random ids a partner can only know by having seen them.
 */
function concealedFromPeer(r: IntakeResult): boolean {
  if (r.observable !== true) return false;
  if (r.outcome === 'duplicate') return true;
  return r.outcome === 'rejected' && r.error !== undefined && HOLDING_ANSWERS.has(r.error.code);
}

export function statusResource(s: StatusRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: s.id,
    status: s.status,
    request_timestamp: formatTimestampUs(s.requestTimestampUs),
    total_count: s.totalCount,
    success_count: s.successes.length,
    failure_count: s.failures.length,
    pending_count: s.pendings.length,
  };
  if (s.successes.length) out.successes = s.successes;
  if (s.failures.length) out.failures = s.failures;
  if (s.pendings.length) out.pendings = s.pendings;
  return out;
}

export async function getStatus(svc: TaxiiService, p: Principal, id: string): Promise<Record<string, unknown>> {
  const s = /^[0-9a-f-]{36}$/.test(id) ? await svc.ctx.store.getStatus(id) : null;
  if (!s || s.owner !== principalKey(p)) throw new EnlaceError('taxii.status-not-found', { id: id.slice(0, 80) });
  return statusResource(s);
}
