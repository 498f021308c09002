/**
 * TEST HELPER — not for production paths. What a peer should receive from a node, computed
 * straight from the release evaluator (`evaluateRelease`) over everything the node stores, with
 * the policy and the marking definitions of the demo scenario — independently of the node's
 * release service and feed, which the endpoint tests then hold to it.
 *
 * Besides the evaluator, one rule of the feed is restated here because the evaluator judges one
 * version at a time: when the newest version of an object is withheld, no version of it goes.
 */
import assert from 'node:assert/strict';
import { stripSignature, verifyObjectSignature } from '../crypto/index.js';
import {
  MarkingCatalog,
  evaluateRelease,
  parseReleasePolicy,
  parseSelector,
  type PeerView,
  type ReleaseDecision,
} from '../release/policy/index.js';
import { SIGNATURE_EXTENSION_ID, formatTimestampUs, type StixObject } from '../stix/index.js';
import type { StoredVersionWithBody } from '../store/types.js';
import { allVersions } from '../sync/testing.js';
import type { TestNode } from '../test-support/nodes.js';
import type { DemoReleasePolicy } from './scenario-policy.js';

/** One version the peer should receive. */
export interface ExpectedVersion {
  row: StoredVersionWithBody;
  /** `id@version`, the version as TAXII names it (date_added for objects without one). */
  key: string;
  versionText: string;
  dateAdded: string;
  /** What the evaluator releases: the stored object, or a redacted copy (unsigned). */
  object: StixObject;
  redacted: boolean;
}

export interface Expectation {
  /** Every version the peer should receive, in feed order. */
  all: ExpectedVersion[];
  /** The latest version of each object the peer should receive, in feed order. */
  latest: ExpectedVersion[];
  byId: Map<string, ExpectedVersion[]>;
  /** Ids the node holds (the peer's own aside) of which no version may reach the peer. */
  withheldIds: Set<string>;
  /** Ids the peer originated: never sent back. */
  peersOwnIds: Set<string>;
  /** Every id the node holds. */
  heldIds: Set<string>;
  /** Texts (12 characters or more) that redaction removed: none may reach the peer. */
  redactedTexts: Set<string>;
  /** The decision for each stored version, by `id@version`. */
  decisions: Map<string, ReleaseDecision>;
}

/** How TAXII names a stored version (manifest `version`, versions endpoint). */
export function versionTextOf(row: { version: string; dateAddedUs: number }): string {
  return row.version || formatTimestampUs(row.dateAddedUs);
}

/** `id@version` of an object as served (objects without a version timestamp have one version). */
export function servedKey(o: { id?: unknown; modified?: unknown; created?: unknown }): string {
  return `${String(o.id)}@${String(o.modified ?? o.created ?? '')}`;
}

function valueAt(o: unknown, selector: string): unknown {
  let at: unknown = o;
  for (const s of parseSelector(selector) ?? []) at = (at as Record<string | number, unknown> | undefined)?.[s];
  return at;
}

function textsIn(v: unknown, out: Set<string>): void {
  if (typeof v === 'string' && v.length >= 12) out.add(v);
  else if (Array.isArray(v)) v.forEach((x) => textsIn(x, out));
  else if (typeof v === 'object' && v !== null) Object.values(v).forEach((x) => textsIn(x, out));
}

/** The peer as the origin node's policy names it (a node's identity is its organisation's). */
export function peerViewOf(peer: TestNode): PeerView {
  return { name: peer.name, identityId: peer.ctx.identity.id, organisationId: peer.ctx.identity.id, country: peer.ctx.identity.country };
}

/** What `peer` should receive from `origin` under `policy`, judged by the evaluator alone. */
export async function expectRelease(
  origin: TestNode,
  peer: TestNode,
  policy: DemoReleasePolicy,
  markingDefinitions: readonly StixObject[],
): Promise<Expectation> {
  const parsed = parseReleasePolicy({ ...policy, version: 2, updated_at: '2026-11-01T00:00:00.000Z' });
  assert.ok(parsed.ok, 'the demo policy parses');
  const view = peerViewOf(peer);
  const context = { localIdentities: new Set([origin.ctx.identity.id]), markings: MarkingCatalog.from(markingDefinitions) };
  const rows = await allVersions(origin.ctx.store, origin.collectionId);
  const decisions = new Map<string, ReleaseDecision>();
  const judged = rows.map((row) => {
    const object = JSON.parse(row.body) as StixObject;
    const decision = evaluateRelease(object, view, parsed.policy, context);
    decisions.set(`${row.id}@${versionTextOf(row)}`, decision);
    return { row, object, decision };
  });
  const latestWithheld = new Set(judged.filter((j) => j.row.isLatest && j.decision.decision === 'withhold').map((j) => j.row.id));
  const peersOwnIds = new Set(rows.filter((r) => r.originator === peer.ctx.identity.id).map((r) => r.id));
  const redactedTexts = new Set<string>();
  const all: ExpectedVersion[] = [];
  for (const { row, object, decision } of judged) {
    if (decision.decision === 'withhold' || latestWithheld.has(row.id) || decision.released === undefined) continue;
    for (const r of decision.reasons) if (r.effect === 'redact') textsIn(valueAt(object, r.params['selector'] ?? ''), redactedTexts);
    const versionText = versionTextOf(row);
    all.push({
      row,
      key: `${row.id}@${versionText}`,
      versionText,
      dateAdded: formatTimestampUs(row.dateAddedUs),
      object: decision.released,
      redacted: decision.decision === 'redact',
    });
  }
  const byId = new Map<string, ExpectedVersion[]>();
  for (const e of all) byId.set(e.row.id, [...(byId.get(e.row.id) ?? []), e]);
  const heldIds = new Set(rows.map((r) => r.id));
  const withheldIds = new Set([...heldIds].filter((id) => !byId.has(id) && !peersOwnIds.has(id)));
  return { all, latest: all.filter((e) => e.row.isLatest), byId, withheldIds, peersOwnIds, heldIds, redactedTexts, decisions };
}

/**
 * Fails unless `served` is what the peer should receive for `e`: the stored object as it is, or
 * the redacted copy, signed by the origin node and verifiable with the key the peer pinned.
 */
export function assertServedAs(served: unknown, e: ExpectedVersion, origin: TestNode, peer: TestNode): void {
  if (!e.redacted) {
    assert.deepEqual(served, JSON.parse(e.row.body), `${e.key} is served exactly as stored`);
    return;
  }
  const check = verifyObjectSignature(served, (fp, signer) => peer.ctx.keyring.resolve(fp, signer));
  assert.ok(check.ok, `${e.key}: the redacted copy verifies with the origin's pinned key (${JSON.stringify(check)})`);
  const sig = (served as { extensions?: Record<string, { signer?: string }> }).extensions?.[SIGNATURE_EXTENSION_ID];
  assert.equal(sig?.signer, origin.ctx.identity.id, `${e.key}: the redacted copy is signed by the origin node`);
  assert.deepEqual(stripSignature(served as StixObject), e.object, `${e.key}: the redacted copy is the evaluator's`);
}
