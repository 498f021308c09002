/**
 * Helpers shared by the sync tests (not used by the node): sample objects, reading a node's whole
 * feed, injecting versions behind the intake's back, and waiting for something to happen.
 */
import { randomUUID } from 'node:crypto';
import { canonicalJson, sha256Hex, signRequest, stripSignature } from '../crypto/index.js';
import type { NodeContext } from '../node/context.js';
import { TAXII_MEDIA_TYPE } from '../taxii/media.js';
import { SIGNATURE_EXTENSION_ID, TLP2_MARKING_IDS, parseStixTimestamp, tlpLevelOf, type TlpLevel } from '../stix/index.js';
import type { NewVersion, Store, StoredVersionWithBody } from '../store/types.js';
import { taxiiClient, type TestNode } from '../test-support/nodes.js';

export type SampleObject = Record<string, unknown> & { id: string };

/** A valid, unsigned indicator; a fresh id unless one is given. */
export function indicator(o: { name?: string; tlp?: TlpLevel; id?: string; modified?: string; revoked?: boolean } = {}): SampleObject {
  const created = '2026-11-01T10:00:00.000Z';
  const object: SampleObject = {
    type: 'indicator',
    spec_version: '2.1',
    id: o.id ?? `indicator--${randomUUID()}`,
    created,
    modified: o.modified ?? created,
    name: o.name ?? 'Courier phone in Nogales',
    indicator_types: ['malicious-activity'],
    pattern: "[ipv4-addr:value = '198.51.100.7']",
    pattern_type: 'stix',
    valid_from: created,
    object_marking_refs: [TLP2_MARKING_IDS[o.tlp ?? 'green']],
  };
  if (o.revoked) object.revoked = true;
  return object;
}

export interface PostStatus {
  success_count: number;
  failure_count: number;
  failures?: { id: string; message?: string }[];
}

/** POSTs objects to a node's first collection as one of its accounts; fails the test on a non-202. */
export async function postObjects(node: TestNode, objects: unknown[], username = 'analyst'): Promise<PostStatus> {
  const r = await taxiiClient(node, username).post(`/enlace/collections/${node.collectionId}/objects/`, { objects });
  if (r.status !== 202) throw new Error(`POST to ${node.name} answered ${r.status}: ${r.text.slice(0, 300)}`);
  return r.json as PostStatus;
}

/** A GET signed with a node's key, as its sync client would send it. */
export async function signedGet(ctx: NodeContext, url: string): Promise<{ status: number; text: string }> {
  const headers = { accept: TAXII_MEDIA_TYPE };
  const signed = signRequest({
    method: 'GET',
    url,
    headers,
    keyId: ctx.identity.fingerprint,
    privateKey: ctx.privateKey,
    nonce: randomUUID(),
  });
  const res = await fetch(url, { headers: { ...headers, ...signed } });
  return { status: res.status, text: await res.text() };
}

/** Every stored version of a collection, in feed order. */
export async function allVersions(store: Store, collectionId: string): Promise<StoredVersionWithBody[]> {
  const out: StoredVersionWithBody[] = [];
  let afterSeq = 0;
  for (;;) {
    const page = await store.queryObjects({
      collectionId,
      versions: { all: true, first: false, last: false, timestampsUs: [] },
      afterSeq,
      limit: 1000,
      withBody: true,
    });
    out.push(...page.rows);
    const last = page.rows[page.rows.length - 1];
    if (!page.more || !last) return out;
    afterSeq = last.seq;
  }
}

/** "id|version" of each row, sorted: comparable between nodes, duplicates kept. */
export function versionKeys(rows: { id: string; version: string }[]): string[] {
  return rows.map((r) => `${r.id}|${r.version}`).sort();
}

/** The keys that occur more than once. */
export function duplicatesIn(keys: string[]): string[] {
  return keys.filter((k, i) => i > 0 && keys[i - 1] === k);
}

/** The signer an object's body names in its signature extension, or null when unsigned. */
export function signerOf(body: string): string | null {
  const o = JSON.parse(body) as { extensions?: Record<string, { signer?: string }> };
  return o.extensions?.[SIGNATURE_EXTENSION_ID]?.signer ?? null;
}

/**
 * A version to hand straight to `store.putVersions`, as if the intake had accepted `object` from
 * `originator`. Nothing is checked: tests use it to plant what a faulty or hostile node would hold.
 */
export function plantedVersion(
  object: Record<string, unknown>,
  originator: string,
  contentHashOf: Record<string, unknown> = object,
): NewVersion {
  const version = String(object.modified ?? object.created ?? '');
  return {
    id: String(object.id),
    type: String(object.type),
    specVersion: '2.1',
    version,
    versionUs: version ? (parseStixTimestamp(version) ?? 0) : 0,
    originator,
    revoked: object.revoked === true,
    tlp: tlpLevelOf(object),
    contentHash: sha256Hex(canonicalJson(stripSignature(contentHashOf))),
    body: JSON.stringify(object),
  };
}

/** Polls `probe` until it returns a value other than null/undefined/false; fails after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
  what: string,
  everyMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== null && v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
