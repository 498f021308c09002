/**
 * What people make in the console: new objects, notes about an object, the revocation of one of
 * this node's objects. Everything enters through the intake as the account's, so this node
 * validates it, signs it and becomes its originator, and it leaves only by the ordinary sync
 * under the release policy. Each change is one object in one transaction: all of it or nothing.
 */
import { randomUUID } from 'node:crypto';
import { stripSignature } from '../crypto/index.js';
import { EnlaceError } from '../errors/index.js';
import { ingestObjects, type IntakeResult } from '../intake/service.js';
import type { NodeContext } from '../node/context.js';
import { nextModified } from '../proposals/service.js';
import { SIGNATURE_EXTENSION_ID, formatTimestampUs, type StixObject } from '../stix/index.js';
import { parseBody, type Viewer } from './model.js';
import { canRevoke, newestOrThrow } from './object-service.js';
import { badRequest, bothLanguages } from './phrase.js';

/** The STIX domain objects people create by hand in the console (the validator knows each). */
export const CREATABLE_TYPES = [
  'indicator',
  'note',
  'threat-actor',
  'malware',
  'infrastructure',
  'location',
  'campaign',
  'report',
  'intrusion-set',
  'attack-pattern',
  'tool',
  'vulnerability',
  'identity',
  'course-of-action',
  'opinion',
] as const;
const SERVER_FILLED = ['id', 'created', 'modified', 'spec_version', 'revoked'] as const;
export const MAX_NOTE_CONTENT = 20_000;
export const MAX_NOTE_ABSTRACT = 300;
const MARKING_ID = /^marking-definition--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function allow(allowed: boolean, action: 'action.create-objects' | 'action.add-notes' | 'action.revoke'): void {
  if (!allowed) throw new EnlaceError('auth.forbidden', { action: bothLanguages(action) });
}

const now = (): string => formatTimestampUs(Date.now() * 1000, 3);

/** The node's first collection (alias "intel" on a node made by `enlace init`), where new objects go. */
async function defaultCollection(ctx: NodeContext): Promise<string> {
  const all = await ctx.store.listCollections();
  const c = all.find((x) => x.alias === 'intel') ?? all[0];
  if (!c) throw new EnlaceError('taxii.collection-not-found', { collection: 'intel' });
  return c.id;
}

/** Stores one object as the viewer's; a refusal comes back as the error, invalid STIX as a 400 naming the problems. */
async function ingestOne(ctx: NodeContext, viewer: Viewer, collectionId: string, object: StixObject): Promise<IntakeResult> {
  const [result] = await ingestObjects(ctx, collectionId, [object], { kind: 'account', username: viewer.username });
  if (!result) throw new Error('intake returned no result');
  if (result.outcome !== 'rejected') return result;
  const e = result.error ?? new EnlaceError('http.internal', { ref: 'intake' });
  if (e.code === 'object.invalid') throw new EnlaceError('console.invalid-object', e.params, e.details);
  throw e;
}

function readMarkings(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.length > 20 || !v.every((m) => typeof m === 'string' && MARKING_ID.test(m))) throw badRequest('body.markings');
  return [...new Set(v as string[])];
}

/**
 * Creates an object from what a person typed: everything but the node-given properties (id,
 * created, modified, spec_version), of a type the console creates. Indicators get valid_from
 * (now) and pattern_type (stix) when left out.
 */
export async function createObject(ctx: NodeContext, viewer: Viewer, input: Record<string, unknown>): Promise<{ id: string }> {
  allow(viewer.permissions.has('objects:write'), 'action.create-objects');
  const type = input['type'];
  if (typeof type !== 'string' || !(CREATABLE_TYPES as readonly string[]).includes(type)) {
    throw badRequest('object.type-not-allowed', { type: String(type ?? '').slice(0, 60), types: CREATABLE_TYPES.join(', ') });
  }
  for (const name of SERVER_FILLED) if (Object.hasOwn(input, name)) throw badRequest('object.server-filled', { name });
  const exts = input['extensions'];
  if (typeof exts === 'object' && exts !== null && Object.hasOwn(exts, SIGNATURE_EXTENSION_ID)) throw badRequest('object.signed');
  const creator = input['created_by_ref'];
  if (creator !== undefined && creator !== ctx.identity.id) throw badRequest('object.creator', { identity: ctx.identity.id });
  readMarkings(input['object_marking_refs']);
  const at = now();
  const object: StixObject = {
    ...input,
    type,
    spec_version: '2.1',
    id: `${type}--${randomUUID()}`,
    created: at,
    modified: at,
    created_by_ref: ctx.identity.id,
  };
  if (type === 'indicator') {
    object['valid_from'] ??= at;
    if (object['pattern'] !== undefined) object['pattern_type'] ??= 'stix';
  }
  await ingestOne(ctx, viewer, await defaultCollection(ctx), object);
  return { id: object.id };
}

/** A note about an object, made by this node, marked like the object unless markings are given. */
export async function addNote(
  ctx: NodeContext,
  viewer: Viewer,
  targetId: string,
  input: { content: string; abstract?: string; object_marking_refs?: unknown },
): Promise<{ id: string }> {
  allow(viewer.permissions.has('objects:write'), 'action.add-notes');
  const target = await newestOrThrow(ctx, targetId);
  const given = readMarkings(input.object_marking_refs);
  const targetMarkings = parseBody(target.body)['object_marking_refs'];
  const markings = given ?? (Array.isArray(targetMarkings) ? targetMarkings.filter((m): m is string => typeof m === 'string') : []);
  const at = now();
  const note: StixObject = {
    type: 'note',
    spec_version: '2.1',
    id: `note--${randomUUID()}`,
    created: at,
    modified: at,
    created_by_ref: ctx.identity.id,
    ...(input.abstract !== undefined ? { abstract: input.abstract } : {}),
    content: input.content,
    object_refs: [target.id],
    ...(markings.length > 0 ? { object_marking_refs: markings } : {}),
  };
  await ingestOne(ctx, viewer, target.collectionId, note);
  return { id: note.id };
}

/** Revokes one of this node's objects: a new version, signed by this node, that says so (STIX 2.1 §3.6). */
export async function revokeObject(ctx: NodeContext, viewer: Viewer, id: string): Promise<{ id: string; version: string }> {
  allow(canRevoke(viewer), 'action.revoke');
  const newest = await newestOrThrow(ctx, id);
  if (newest.originator !== ctx.identity.id) throw new EnlaceError('console.not-own-object', { id, originator: newest.originator });
  if (newest.revoked) throw new EnlaceError('object.revoked', { id });
  if (newest.versionUs === 0) throw badRequest('object.unversioned');
  const current = stripSignature(parseBody(newest.body));
  const modified = nextModified(newest.version);
  const revoked: StixObject = { ...(current as StixObject), modified, revoked: true };
  await ingestOne(ctx, viewer, newest.collectionId, revoked);
  return { id, version: modified };
}
