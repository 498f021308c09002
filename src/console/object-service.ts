/**
 * One object as the console's object page shows it: its newest version, every version with its
 * originator's signature checked against the pinned keys, partners' translations, its
 * relationships, the notes, opinions, sightings and proposals about it, what this viewer may do
 * with it, and — for this node's own objects — what each partner receives of it and why.
 * Opening the page is recorded in the access log before anything is answered.
 */
import { verifyObjectSignature, type ObjectVerification } from '../crypto/index.js';
import { EnlaceError } from '../errors/index.js';
import { exchangedVersion, type NodeContext } from '../node/context.js';
import { proposableTarget } from '../proposals/rules.js';
import { previewRelease, type PreviewItem } from '../release/preview.js';
import { SIGNATURE_EXTENSION_ID, formatTimestampUs, type StixObject } from '../stix/index.js';
import type { ConsoleRow, StoredVersionWithBody } from '../store/types.js';
import { isStixId } from '../taxii/filters.js';
import { Originators, listItemOf, parseBody, type ListItem, type Viewer } from './model.js';
import { badRequest, bothLanguages } from './phrase.js';

const MAX_VERSIONS = 1000;
const MAX_RELATED = 500;
const RELATED_TYPES = { note: 'notes', opinion: 'opinions', sighting: 'sightings', 'x-enlace-proposal': 'proposals' } as const;
/** Roles that may revoke this node's objects (with objects:write). */
const REVOKING_ROLES = new Set(['liaison', 'supervisor', 'admin']);

export interface SignatureCheck {
  valid: boolean;
  signer: string | null;
  /** The signer as people know it (organisation), when pinned here. */
  signerName: string | null;
  fingerprint: string | null;
  /** Why it does not verify: unsigned, malformed-signature, unknown-key, signer-mismatch, bad-signature, unsupported-alg, not-originator. */
  reason?: string;
}

export interface VersionView {
  version: string;
  dateAdded: string;
  revoked: boolean;
  contentHash: string;
  signature: SignatureCheck;
}

export interface RelationshipView {
  id: string;
  relationship_type: string;
  source: { id: string; type: string; name: string | null };
  target: { id: string; type: string; name: string | null };
}

export interface ReleaseView {
  peer: string;
  decision: PreviewItem['decision'];
  reasons: { rule: string; effect: string; text: { en: string; es: string } }[];
  withheld_properties?: string[];
}

export interface ObjectDetail {
  object: Record<string, unknown>;
  item: ListItem;
  versions: VersionView[];
  translations: Record<string, Record<string, string>>;
  relationships: RelationshipView[];
  related: { notes: ListItem[]; opinions: ListItem[]; sightings: ListItem[]; proposals: ListItem[] };
  actions: { note: boolean; propose: boolean; revoke: boolean; release: boolean };
  /** Own objects, for viewers holding policy:read: what each pinned partner receives of the newest version. */
  release?: ReleaseView[];
}

/** May this viewer revoke this node's objects? */
export function canRevoke(viewer: Viewer): boolean {
  return viewer.permissions.has('objects:write') && viewer.roles.some((r) => REVOKING_ROLES.has(r));
}

/** The newest version of `id` held anywhere on the node; 400 for a malformed id, 404 when absent. */
export async function newestOrThrow(ctx: NodeContext, id: string): Promise<ConsoleRow> {
  if (!isStixId(id)) throw badRequest('param.id', { value: id.slice(0, 80) });
  const [row] = await ctx.store.console.newestOf([id]);
  if (!row) throw new EnlaceError('console.object-not-found', { id });
  return row;
}

function signatureOf(
  object: Record<string, unknown>,
  originator: string,
  originators: Originators,
  check: ObjectVerification,
): SignatureCheck {
  const exts = object['extensions'];
  const ext = typeof exts === 'object' && exts !== null ? (exts as Record<string, unknown>)[SIGNATURE_EXTENSION_ID] : undefined;
  const claimed = typeof ext === 'object' && ext !== null ? (ext as Record<string, unknown>) : {};
  const signer = check.ok ? check.signer : typeof claimed['signer'] === 'string' ? claimed['signer'] : null;
  const fingerprint = check.ok ? check.fingerprint : typeof claimed['key_fingerprint'] === 'string' ? claimed['key_fingerprint'] : null;
  const known = signer === null ? null : originators.of(signer);
  const out: SignatureCheck = { valid: check.ok, signer, signerName: known && known.name !== signer ? known.name : null, fingerprint };
  if (!check.ok) out.reason = check.code;
  else if (signer !== originator) {
    out.valid = false;
    out.reason = 'not-originator';
  }
  return out;
}

async function versionsOf(ctx: NodeContext, newest: ConsoleRow, originators: Originators): Promise<VersionView[]> {
  const page = await ctx.store.queryObjects({
    collectionId: newest.collectionId,
    ids: [newest.id],
    versions: { all: true, first: false, last: false, timestampsUs: [] },
    limit: MAX_VERSIONS,
    withBody: true,
  });
  const rows: StoredVersionWithBody[] = [...page.rows].sort((a, b) => b.versionUs - a.versionUs || b.dateAddedUs - a.dateAddedUs);
  return rows.map((row) => {
    let object: Record<string, unknown> = {};
    let check: ObjectVerification;
    try {
      object = parseBody(row.body);
      check = verifyObjectSignature(object, (fp, signer) => ctx.keyring.resolve(fp, signer));
    } catch {
      check = { ok: false, code: 'malformed-signature' };
    }
    const dateAdded = formatTimestampUs(row.dateAddedUs, 6);
    return {
      version: row.version || dateAdded,
      dateAdded,
      revoked: row.revoked,
      contentHash: row.contentHash,
      signature: signatureOf(object, row.originator, originators, check),
    };
  });
}

/** Translations from language-content objects about the object: the newest one wins for each language and property. */
function translationsOf(contents: readonly ConsoleRow[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const row of [...contents].sort((a, b) => b.dateAddedUs - a.dateAddedUs)) {
    const c = parseBody(row.body)['contents'];
    if (typeof c !== 'object' || c === null || Array.isArray(c)) continue;
    for (const [lang, props] of Object.entries(c as Record<string, unknown>)) {
      if (typeof props !== 'object' || props === null || Array.isArray(props) || lang.length > 20) continue;
      const into = (out[lang] ??= {});
      for (const [prop, value] of Object.entries(props as Record<string, unknown>)) {
        if (typeof value === 'string' && into[prop] === undefined) into[prop] = value;
      }
    }
  }
  return out;
}

async function relationshipsOf(ctx: NodeContext, rows: readonly ConsoleRow[]): Promise<RelationshipView[]> {
  const parsed = rows.map((row) => ({ row, o: parseBody(row.body) }));
  const ends = parsed.flatMap(({ o }) => [o['source_ref'], o['target_ref']]).filter((r): r is string => typeof r === 'string');
  const held = new Map((await ctx.store.console.newestOf(ends)).map((r) => [r.id, r]));
  const end = (ref: unknown) => {
    const id = typeof ref === 'string' ? ref : '';
    return { id, type: id.slice(0, Math.max(0, id.indexOf('--'))), name: held.get(id)?.name ?? null };
  };
  return parsed.map(({ row, o }) => ({
    id: row.id,
    relationship_type: typeof o['relationship_type'] === 'string' ? o['relationship_type'] : '',
    source: end(o['source_ref']),
    target: end(o['target_ref']),
  }));
}

/** What each pinned partner receives of an own object's newest version, and why (the preview every way out agrees with). */
async function releaseOf(ctx: NodeContext, newest: ConsoleRow): Promise<ReleaseView[]> {
  const out: ReleaseView[] = [];
  for (const peer of await ctx.store.listPeers()) {
    const preview = await previewRelease(ctx, { peer: peer.name, collection: newest.collectionId, ids: [newest.id], limit: MAX_VERSIONS });
    const item = preview.objects.find((o) => o.seq === newest.seq);
    if (!item) continue;
    out.push({
      peer: peer.name,
      decision: item.decision,
      reasons: item.reasons.map((r) => ({ rule: r.rule, effect: r.effect, text: r.text })),
      ...(item.withheld_properties ? { withheld_properties: item.withheld_properties } : {}),
    });
  }
  return out;
}

/** The object page; records the view in the access log. */
export async function objectDetail(ctx: NodeContext, viewer: Viewer, id: string): Promise<ObjectDetail> {
  if (!viewer.permissions.has('objects:read')) throw new EnlaceError('auth.forbidden', { action: bothLanguages('action.read-objects') });
  const newest = await newestOrThrow(ctx, id);
  const originators = await Originators.load(ctx);
  const object = parseBody(newest.body);
  const own = newest.originator === ctx.identity.id;
  const referrers = await ctx.store.console.referrersOf(
    id,
    ['language-content', 'relationship', ...Object.keys(RELATED_TYPES)],
    MAX_RELATED,
  );
  const ofType = (type: string) => referrers.filter((r) => r.type === type);
  const related = { notes: [] as ListItem[], opinions: [] as ListItem[], sightings: [] as ListItem[], proposals: [] as ListItem[] };
  for (const [type, key] of Object.entries(RELATED_TYPES)) related[key] = ofType(type).map((r) => listItemOf(r, originators));
  const mayWrite = viewer.permissions.has('objects:write');
  const detail: ObjectDetail = {
    object,
    item: listItemOf(newest, originators, object),
    versions: await versionsOf(ctx, newest, originators),
    translations: translationsOf(ofType('language-content')),
    relationships: await relationshipsOf(ctx, ofType('relationship')),
    related,
    actions: {
      note: mayWrite,
      propose:
        mayWrite &&
        !own &&
        !newest.revoked &&
        originators.of(newest.originator).peer !== null &&
        proposableTarget(object as StixObject) === null,
      revoke: canRevoke(viewer) && own && !newest.revoked && newest.versionUs > 0,
      release: own && viewer.permissions.has('policy:read'),
    },
  };
  if (detail.actions.release) detail.release = await releaseOf(ctx, newest);
  await ctx.exchanges.accessed(viewer.username, 'view', [exchangedVersion(newest.id, newest.version, newest.contentHash)]);
  return detail;
}
