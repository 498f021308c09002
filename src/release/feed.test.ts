/**
 * A peer's view of the feed, case by case: paging says nothing of what is withheld (`more`,
 * remaining counts, positions), `first` means the first version the peer may see, a page that
 * meets only withheld versions still moves on, and a redacted copy is signed by this node as sent.
 * Real stores (each backend); the policy is saved and read back as a node does.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { fingerprintOf, generateNodeKeyPair, loadPrivateKey, publicKeyFromRaw, verifyObjectSignature } from '../crypto/index.js';
import { createDefaultRegistry, TLP2_MARKING_IDS, type StixObject } from '../stix/index.js';
import type { PeerRecord, Store, VersionSelector } from '../store/types.js';
import { plantedVersion } from '../sync/testing.js';
import { forEachBackend } from '../test-support/stores.js';
import { peerFeedPage, type PeerFeedQuery } from './feed.js';
import { indicator, MARKINGS, MX_NODE, US_NODE } from './policy/fixtures.js';
import { ReleaseService } from './service.js';

const keys = generateNodeKeyPair();
const MX: PeerRecord = {
  name: 'mx',
  identityId: MX_NODE,
  country: 'MX',
  organisation: 'MX',
  publicKey: '',
  fingerprint: '',
  url: 'http://127.0.0.1:1',
  apiRoot: 'enlace',
  addedUs: 0,
};
const ALL: VersionSelector = { all: true, first: false, last: false, timestampsUs: [] };
const POLICY = {
  unmarked_as: 'amber',
  default: { allow_green: true, allow_amber: false, ceiling: 'amber', allow_third_party: false },
  peers: {},
};

const idOf = (n: number) => `indicator--${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;
const green = (n: number, extra: Record<string, unknown> = {}) =>
  indicator({ id: idOf(n), object_marking_refs: [TLP2_MARKING_IDS.green], ...extra });
const amber = (n: number, extra: Record<string, unknown> = {}) =>
  indicator({ id: idOf(n), object_marking_refs: [TLP2_MARKING_IDS.amber], ...extra });

forEachBackend('a peer’s view of the feed', (open) => {
  let store: Store;
  let release: ReleaseService;
  let n = 0;

  before(async () => {
    store = await open();
    release = await ReleaseService.open({
      store,
      identity: { id: US_NODE, fingerprint: fingerprintOf(keys.publicKey) },
      privateKey: loadPrivateKey(keys.privateKeyPem),
      registry: createDefaultRegistry(),
    });
    await release.save(POLICY, 'admin');
  });

  /** A new collection holding `objects`, all originated by this node, in that feed order. */
  async function collection(objects: StixObject[]): Promise<string> {
    const id = `c${++n}`;
    await store.createCollection({ id, title: id });
    await store.putVersions(id, [
      ...Object.values(MARKINGS).map((m) => plantedVersion(m, US_NODE)),
      ...objects.map((o) => plantedVersion(o, US_NODE)),
    ]);
    return id;
  }
  const q = (collectionId: string, limit: number, versions = ALL): PeerFeedQuery => ({
    collectionId,
    versions,
    limit,
    types: ['indicator'],
  });

  it('says no more when only withheld versions follow, and counts only released ones', async () => {
    const c = await collection([green(1), green(2), amber(3), amber(4), amber(5)]);
    const page = await peerFeedPage(store, release, MX, q(c, 2), { countRemaining: true });
    assert.deepEqual(
      page.rows.map((r) => r.row.id),
      [idOf(1), idOf(2)],
    );
    assert.equal(page.more, false, 'three AMBER versions follow, none for this peer');
    assert.equal(page.remaining, 0);

    const first = await peerFeedPage(store, release, MX, q(c, 1), { countRemaining: true });
    assert.equal(first.more, true);
    assert.equal(first.remaining, 1, 'one released version after the first, whatever is withheld');
  });

  it('moves on through a stretch of withheld versions longer than its scan budget, showing nothing of it', async () => {
    const c = await collection([...Array.from({ length: 30 }, (_, i) => amber(100 + i)), green(200)]);
    const seen: string[] = [];
    let position: number | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const page = await peerFeedPage(store, release, MX, q(c, 5), { afterSeq: position, scanBudget: 10 });
      seen.push(...page.rows.map((r) => r.row.id));
      if (!page.more) break;
      assert.ok(page.position !== undefined && page.position > (position ?? 0));
      position = page.position;
    }
    assert.deepEqual(seen, [idOf(200)]);
  });

  it('serves as first the earliest version the peer may see, and nothing once the newest is withheld', async () => {
    const v1 = amber(300);
    const v2 = green(300, { modified: '2026-11-04T10:00:00.000Z' });
    const w1 = green(301);
    const w2 = amber(301, { modified: '2026-11-04T10:00:00.000Z' });
    const c = await collection([v1, v2, w1, w2]);
    const first: VersionSelector = { all: false, first: true, last: false, timestampsUs: [] };
    const page = await peerFeedPage(store, release, MX, q(c, 10, first));
    assert.deepEqual(
      page.rows.map((r) => `${r.row.id}@${r.row.version}`),
      [`${idOf(300)}@2026-11-04T10:00:00.000Z`],
    );
    const all = await peerFeedPage(store, release, MX, q(c, 10));
    assert.deepEqual(
      all.rows.map((r) => r.row.id),
      [idOf(300)],
      'object 301 went AMBER: its GREEN version stays too',
    );
  });

  it('sends a redacted copy signed by this node as sent, without the withheld property', async () => {
    const marked = green(400, { granular_markings: [{ marking_ref: TLP2_MARKING_IDS.red, selectors: ['description'] }] });
    const c = await collection([marked]);
    const [sent] = (await peerFeedPage(store, release, MX, q(c, 10))).rows;
    assert.ok(sent);
    assert.equal(sent.decision.decision, 'redact');
    const copy = JSON.parse(sent.body) as StixObject;
    assert.equal(copy.description, undefined);
    assert.equal(copy.name, marked.name);
    const key = publicKeyFromRaw(keys.publicKey);
    const check = verifyObjectSignature(copy, (fp, signer) => (fp === fingerprintOf(keys.publicKey) && signer === US_NODE ? key : null));
    assert.equal(check.ok, true, JSON.stringify(check));
    assert.notEqual(sent.contentHash, sent.row.contentHash, 'the log names the copy that crossed, not the stored one');
  });
});
