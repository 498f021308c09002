/**
 * TEST HELPER — not for production paths. A U.S. node holding what the release policy has to
 * judge (RED, AMBER+STRICT with and without a releasability marking naming the partner, a
 * partly redacted object, graded objects, an object re-marked in a later version, and a third
 * node's objects with and without H2), pinned to a Mexico node and a Canada node, so that the
 * preview tests of the service, the API and the command share one scene.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { signObject } from '../crypto/index.js';
import { GRADING_EXTENSION_ID, HANDLING_EXTENSION_ID, TLP2_MARKING_IDS, type StixObject } from '../stix/index.js';
import { allPages, at, body, newIndicator, newVersion, objectsOf, peerRequest, postObjects, type Json } from '../taxii/test-kit.js';
import { pinPeers, startTestNode, taxiiClient, type Backend, type TestNode } from '../test-support/nodes.js';

/** The U.S. node's policy: Mexico gets AMBER, AMBER+STRICT when named and third-party objects; Canada only well-graded objects. */
export const SCENE_POLICY = {
  unmarked_as: 'amber',
  default: { allow_green: true, allow_amber: false, ceiling: 'amber', allow_third_party: false },
  peers: {
    mx: { allow_green: true, allow_amber: true, ceiling: 'amber+strict', allow_third_party: true },
    ca: {
      allow_green: true,
      allow_amber: true,
      ceiling: 'amber',
      allow_third_party: false,
      min_grading: { source_reliability: 'B', information_credibility: 2 },
    },
  },
};

const T0 = '2026-03-01T00:00:00.000Z';
const T1 = '2026-03-02T00:00:00.000Z';

function handlingMarking(createdBy: string, entry: Record<string, unknown>): StixObject {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: `marking-definition--${randomUUID()}`,
    created: T0,
    created_by_ref: createdBy,
    name: 'Enlace handling',
    extensions: { [HANDLING_EXTENSION_ID]: { extension_type: 'property-extension', ...entry } },
  };
}

function marked(name: string, refs: string[], extra: Record<string, unknown> = {}): StixObject {
  return { ...newIndicator({ name, created: T0, markingRefs: refs }), ...extra };
}

const graded = (r: string, c: number) => ({
  extensions: { [GRADING_EXTENSION_ID]: { extension_type: 'property-extension', source_reliability: r, information_credibility: c } },
});

export interface PreviewScene {
  us: TestNode;
  mx: TestNode;
  ca: TestNode;
  /** The objects by role; ids are fresh for every scene. */
  o: ReturnType<typeof sceneObjects>;
  close(): Promise<void>;
}

function sceneObjects(mxId: string, caId: string, usId: string) {
  const { red, green, strict } = { red: TLP2_MARKING_IDS.red, green: TLP2_MARKING_IDS.green, strict: TLP2_MARKING_IDS['amber+strict'] };
  const relMx = handlingMarking(usId, { releasable_to: [mxId] });
  const relCa = handlingMarking(usId, { releasable_to: [caId] });
  const turnsStrict = marked('Green, then AMBER+STRICT', [green]);
  const caH2 = handlingMarking(caId, { handling_code: 'H2' });
  const caRelMx = handlingMarking(caId, { releasable_to: ['MX'] });
  return {
    relMx,
    relCa,
    red: marked('Informant phone', [red]),
    strictNamed: marked('Safe house, for Mexico', [strict, relMx.id]),
    strictUnnamed: marked('Safe house, nobody named', [strict]),
    strictForCa: marked('Safe house, for Canada', [strict, relCa.id]),
    green: marked('Courier phone', [green]),
    redacted: marked('Courier route', [green], {
      description: 'Route through Nogales, informant K-7.',
      external_references: [
        { source_name: 'case-file', external_id: 'CF-7' },
        { source_name: 'report', url: 'https://reports.example.us/2' },
      ],
      granular_markings: [
        { selectors: ['description'], marking_ref: red },
        { selectors: ['external_references.[0]'], marking_ref: relCa.id },
      ],
    }),
    gradedA1: marked('Graded A1', [green], graded('A', 1)),
    gradedC3: marked('Graded C3', [green], graded('C', 3)),
    turnsStrict,
    turnsStrictV2: { ...newVersion(turnsStrict, T1), object_marking_refs: [strict] } as StixObject,
    caH2,
    caRelMx,
    fromCaH2: marked('Canadian lead, H2', [green, caH2.id, caRelMx.id]),
    fromCaForMx: marked('Canadian lead for Mexico', [green, caRelMx.id]),
    fromCaUnnamed: marked('Canadian lead, nobody named', [green]),
  };
}

/** Starts the three nodes, pins U.S.–Mexico and U.S.–Canada, and fills the U.S. node. */
export async function startPreviewScene(backend: Backend): Promise<PreviewScene> {
  const [us, mx, ca] = await Promise.all([
    startTestNode({ name: 'us', country: 'US', backend, releasePolicy: SCENE_POLICY }),
    startTestNode({ name: 'mx', country: 'MX', backend }),
    startTestNode({ name: 'ca', country: 'CA', backend }),
  ]);
  await pinPeers(us, mx);
  await pinPeers(us, ca);
  const o = sceneObjects(mx.ctx.identity.id, ca.ctx.identity.id, us.ctx.identity.id);
  const analyst = taxiiClient(us);
  const own = [
    o.relMx,
    o.relCa,
    o.red,
    o.strictNamed,
    o.strictUnnamed,
    o.strictForCa,
    o.green,
    o.redacted,
    o.gradedA1,
    o.gradedC3,
    o.turnsStrict,
  ];
  const first = await postObjects(analyst, us, own);
  assert.equal(first.status.success_count, own.length, JSON.stringify(first.status));
  assert.equal((await postObjects(analyst, us, [o.turnsStrictV2])).status.success_count, 1);
  // The Canadian node's objects, signed by it, reach the U.S. node as a partner's TAXII POST.
  const signer = { identityId: ca.ctx.identity.id, privateKey: ca.ctx.privateKey, fingerprint: ca.ctx.identity.fingerprint };
  const fromCa = [o.caH2, o.caRelMx, o.fromCaH2, o.fromCaForMx, o.fromCaUnnamed].map((x) => signObject(x, signer));
  const r = await peerRequest(ca, us, 'POST', at(us, 'objects/'), JSON.stringify({ objects: fromCa }));
  assert.equal(r.status, 202, r.text);
  assert.equal(body(r).success_count, fromCa.length, r.text);
  return { us, mx, ca, o, close: async () => void (await Promise.all([us.close(), mx.close(), ca.close()])) };
}

/** Every object a peer receives over TAXII from the U.S. node's collection, as it receives it. */
export async function receivedOverTaxii(scene: PreviewScene, peer: TestNode, query = ''): Promise<Json[]> {
  const client = { get: (path: string) => peerRequest(peer, scene.us, 'GET', path) };
  const pages = await allPages(client, at(scene.us, `objects/${query}`));
  return pages.flatMap(objectsOf);
}
