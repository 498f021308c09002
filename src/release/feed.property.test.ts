/**
 * The release policy as the ways out apply it, for all input: random collections of objects
 * (random object and granular markings, grading, originators, and second versions marked
 * differently) × random policies × peers, stored in a real store and read back through the
 * peer's feed, paged at random. Whatever a peer gets must pass the independent oracle; what it
 * gets must be exactly the versions the policy releases (an object whose newest version is
 * withheld goes in no version), each once, in feed order, and paging must end.
 * FC_RUNS scales the number of generated collections (default 100,000 → 100 per backend).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { fingerprintOf, generateNodeKeyPair, loadPrivateKey, stripSignature } from '../crypto/index.js';
import { createDefaultRegistry, SIGNATURE_EXTENSION_ID, type StixObject } from '../stix/index.js';
import type { PeerRecord, Store, StoredVersionWithBody, VersionSelector } from '../store/types.js';
import { plantedVersion } from '../sync/testing.js';
import { forEachBackend } from '../test-support/stores.js';
import { peerFeedPage } from './feed.js';
import { CA_NODE, MARKINGS, MX_NODE, MX_ORG, US_NODE } from './policy/fixtures.js';
import { FACTS, objectArb, policyArb } from './policy/arbitraries.js';
import { evaluateRelease, MarkingCatalog, type ReleaseContext, type ReleasePolicy } from './policy/index.js';
import { violations } from './policy/oracle.js';
import { ReleaseService } from './service.js';

const TOTAL = Math.max(1000, Number(process.env['FC_RUNS'] ?? 100_000) || 100_000);
const RUNS = Math.max(20, Math.round(TOTAL / 1000));
const NOBODY = 'identity--00000000-0000-4000-8000-000000000000';
const keys = generateNodeKeyPair();

const peerOf = (name: string, identityId: string, country: string): PeerRecord => ({
  name,
  identityId,
  country,
  organisation: name,
  publicKey: '',
  fingerprint: '',
  url: 'http://127.0.0.1:1',
  apiRoot: 'enlace',
  addedUs: 0,
});
const PEERS = [peerOf('mx', MX_NODE, 'MX'), peerOf('ca', CA_NODE, 'CA'), peerOf('mx-fin', MX_ORG, 'US')];

const SELECTORS: Record<string, VersionSelector> = {
  all: { all: true, first: false, last: false, timestampsUs: [] },
  last: { all: false, first: false, last: true, timestampsUs: [] },
  first: { all: false, first: true, last: false, timestampsUs: [] },
};

/** Who the store records as originator: the signer, else the creator, else a node nobody knows. */
function originatorOf(o: StixObject): string {
  const sig = o.extensions?.[SIGNATURE_EXTENSION_ID] as { signer?: string } | undefined;
  return sig?.signer ?? (typeof o.created_by_ref === 'string' ? o.created_by_ref : NOBODY);
}

/** Objects with ids of their own; some get a later version with other markings and content. */
const collectionArb = fc.array(fc.tuple(objectArb, fc.option(objectArb, { freq: 3 })), { minLength: 1, maxLength: 12 }).map((pairs) =>
  pairs.flatMap(([first, second], i) => {
    const id = `${first.type}--${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`;
    const v1 = { ...first, id } as StixObject;
    if (first.type === 'url' || second === null || second.type !== first.type) return [v1];
    return [v1, { ...second, id, created: v1.created, modified: '2026-11-09T00:00:00.000Z' } as StixObject];
  }),
);

/** The versions the peer must get, from the evaluator and the rule about newest versions, stated plainly. */
function expected(
  rows: StoredVersionWithBody[],
  peer: PeerRecord,
  policy: ReleasePolicy,
  selector: VersionSelector,
  catalog: MarkingCatalog,
): string[] {
  const view = { name: peer.name, identityId: peer.identityId, organisationId: peer.identityId, country: peer.country };
  const goes = (r: StoredVersionWithBody) => {
    const ctx: ReleaseContext = { localIdentities: new Set([US_NODE]), markings: catalog, originatorOf: () => r.originator };
    return evaluateRelease(JSON.parse(r.body), view, policy, ctx).decision !== 'withhold';
  };
  // The marking definitions are in the feed too, and judged like everything else.
  const objects = rows;
  const visible = objects.filter((r) => goes(r) && goes(objects.find((x) => x.id === r.id && x.isLatest) as StoredVersionWithBody));
  const chosen = visible.filter((r) => {
    if (selector.all) return true;
    if (selector.last) return r.isLatest;
    return !visible.some((x) => x.id === r.id && x.versionUs < r.versionUs);
  });
  return chosen.map((r) => `${r.id}@${r.version}`);
}

forEachBackend('release through the feed, for all input', (open) => {
  it(`every way out releases exactly what the policy allows (${RUNS} random collections)`, async () => {
    const store: Store = await open();
    const registry = createDefaultRegistry();
    const privateKey = loadPrivateKey(keys.privateKeyPem);
    let n = 0;
    let released = 0;
    await fc.assert(
      fc.asyncProperty(
        collectionArb,
        policyArb,
        fc.constantFrom(...PEERS),
        fc.constantFrom('all', 'last', 'first'),
        fc.integer({ min: 1, max: 7 }),
        async (objects, policy, peer, selectorName, limit) => {
          const collectionId = `c${++n}`;
          await store.createCollection({ id: collectionId, title: collectionId });
          const markings = Object.values(MARKINGS).map((m) => plantedVersion(m, US_NODE));
          await store.putVersions(collectionId, [...markings, ...objects.map((o) => plantedVersion(o, originatorOf(o)))]);
          // Saved as the node's newest policy version: the service reads it as it reads any other.
          await store.saveReleasePolicy({
            version: n + 1,
            body: JSON.stringify({ ...policy, version: n + 1 }),
            author: 'test',
            createdUs: n,
          });
          const release = await ReleaseService.open({
            store,
            identity: { id: US_NODE, fingerprint: fingerprintOf(keys.publicKey) },
            privateKey,
            registry,
          });
          const selector = SELECTORS[selectorName] as VersionSelector;
          const stored = (
            await store.queryObjects({ collectionId, versions: SELECTORS.all as VersionSelector, limit: 1000, withBody: true })
          ).rows;

          const got: string[] = [];
          let position: number | undefined;
          for (let pages = 0; ; pages++) {
            assert.ok(pages < 100, 'paging ends');
            const page = await peerFeedPage(store, release, peer, { collectionId, versions: selector, limit }, { afterSeq: position });
            assert.ok(page.rows.length <= limit);
            for (const r of page.rows) {
              got.push(`${r.row.id}@${r.row.version}`);
              const original = stored.find((s) => s.seq === r.row.seq) as StoredVersionWithBody;
              // A redacted copy carries this node's signature as sent; the evaluator's copy had none.
              const parsed = JSON.parse(r.body) as StixObject;
              const sent = r.decision.decision === 'redact' ? stripSignature(parsed) : parsed;
              const view = { name: peer.name, identityId: peer.identityId, organisationId: peer.identityId, country: peer.country };
              assert.deepEqual(
                violations(JSON.parse(original.body), view, policy, FACTS, {
                  decision: r.decision.decision,
                  released: sent,
                  reasons: r.decision.reasons,
                }),
                [],
              );
            }
            if (!page.more) break;
            assert.ok(page.position !== undefined && (position === undefined || page.position > position), 'paging moves on');
            position = page.position;
          }
          released += got.length;
          assert.deepEqual(got, expected(stored, peer, policy, selector, MarkingCatalog.from(Object.values(MARKINGS))));
        },
      ),
      { numRuns: RUNS },
    );
    assert.ok(released > RUNS / 4, `the generators must let things out: ${released}`);
  });
});
