/**
 * `previewRelease` on real nodes (each backend): what the Mexico and Canada nodes would receive
 * from the U.S. node, with every reason, and — the point of a preview — exactly what they do
 * receive when they ask over TAXII.
 * Real: nodes, HTTP, signatures, stores. Nothing is mocked.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { EnlaceError } from '../errors/index.js';
import { SIGNATURE_EXTENSION_ID } from '../stix/index.js';
import { forEachNodeBackend, type TestNode } from '../test-support/nodes.js';
import { previewRelease, type PreviewItem, type PreviewResult } from './preview.js';
import { receivedOverTaxii, startPreviewScene, type PreviewScene } from './testing.js';

const codes = (item: PreviewItem | undefined) => item?.reasons.map((r) => r.code) ?? [];

forEachNodeBackend('release preview', (backend) => {
  let scene: PreviewScene;
  let forMx: PreviewResult;
  const item = (r: PreviewResult, id: string): PreviewItem => {
    const found = r.objects.filter((x) => x.id === id);
    assert.equal(found.length, 1, `${id} appears once`);
    return found[0] as PreviewItem;
  };

  before(async () => {
    scene = await startPreviewScene(backend);
    forMx = await previewRelease(scene.us.ctx, { peer: 'mx' });
  });
  after(() => scene?.close());

  it('never releases TLP:RED, and says so in both languages', () => {
    const red = item(forMx, scene.o.red.id);
    assert.equal(red.decision, 'withhold');
    assert.deepEqual(red.reasons, [
      {
        rule: 'tlp-red',
        effect: 'withhold',
        code: 'tlp-red.withhold',
        params: {},
        text: { en: 'TLP:RED never leaves this node.', es: 'TLP:RED nunca sale de este nodo.' },
      },
    ]);
    assert.equal(red.released, undefined);
  });

  it('releases AMBER+STRICT only when a releasability marking names the peer', () => {
    const named = item(forMx, scene.o.strictNamed.id);
    assert.equal(named.decision, 'release');
    assert.deepEqual(codes(named), ['tlp-amber-strict.release', 'releasability.release']);
    assert.match(named.reasons[0]?.text.en ?? '', new RegExp(`names ${scene.mx.ctx.identity.id}, the organisation of peer mx`));
    assert.match(named.reasons[0]?.text.es ?? '', /la organización del par mx/);

    const unnamed = item(forMx, scene.o.strictUnnamed.id);
    assert.equal(unnamed.decision, 'withhold');
    assert.deepEqual(codes(unnamed), ['tlp-amber-strict.withhold']);

    const forCa = item(forMx, scene.o.strictForCa.id);
    assert.equal(forCa.decision, 'withhold');
    assert.deepEqual(codes(forCa), ['tlp-amber-strict.withhold', 'releasability.withhold']);
    assert.equal(forCa.reasons[1]?.params.marking, scene.o.relCa.id);
  });

  it('passes another node’s object on only when its marking names the peer and is not H2', () => {
    const h2 = item(forMx, scene.o.fromCaH2.id);
    assert.equal(h2.decision, 'withhold');
    assert.ok(codes(h2).includes('third-party.h2'), codes(h2).join());
    assert.equal(h2.originator, scene.ca.ctx.identity.id);
    assert.match(h2.reasons.find((r) => r.code === 'third-party.h2')?.text.en ?? '', /marked H2 .*no onward dissemination/);
    assert.deepEqual(item(forMx, scene.o.fromCaForMx.id).decision, 'release');
    assert.ok(codes(item(forMx, scene.o.fromCaForMx.id)).includes('third-party.release'));
    const unnamed = item(forMx, scene.o.fromCaUnnamed.id);
    assert.equal(unnamed.decision, 'withhold');
    assert.ok(codes(unnamed).includes('third-party.not-named'));
  });

  it('shows a redaction: the properties withheld, why, and the copy that is sent, signed by this node', () => {
    const r = item(forMx, scene.o.redacted.id);
    assert.equal(r.decision, 'redact');
    assert.deepEqual(r.withheld_properties, ['description', 'external_references.[0]']);
    const redactions = r.reasons.filter((x) => x.code === 'granular.redact');
    assert.deepEqual(
      redactions.map((x) => x.params.selector),
      ['description', 'external_references.[0]'],
    );
    assert.equal(
      redactions[0]?.text.es,
      `Propiedad description eliminada: el marcado ${redactions[0]?.params.marking} no puede ir al par mx.`,
    );
    const copy = r.released as Record<string, unknown>;
    assert.equal(copy.description, undefined);
    assert.deepEqual(copy.external_references, [{ source_name: 'report', url: 'https://reports.example.us/2' }]);
    assert.equal(copy.name, 'Courier route');
    assert.equal((copy.extensions as Record<string, { signer?: string }>)[SIGNATURE_EXTENSION_ID]?.signer, scene.us.ctx.identity.id);
  });

  it('judges the newest version of each object, and counts each decision', () => {
    const latest = item(forMx, scene.o.turnsStrict.id);
    assert.equal(latest.version, scene.o.turnsStrictV2.modified);
    assert.equal(latest.latest, true);
    assert.equal(latest.decision, 'withhold');
    for (const d of ['release', 'redact', 'withhold'] as const) {
      assert.equal(forMx.summary[d], forMx.objects.filter((x) => x.decision === d).length);
    }
    assert.equal(forMx.summary.total, forMx.objects.length);
    assert.equal(forMx.summary.redact, 1);
    assert.equal(forMx.mode, 'latest');
    assert.equal(forMx.more, false);
    assert.equal(forMx.policy.version, scene.us.ctx.release.current().policy.version);
  });

  it('explains the older-version rule: nothing of an object goes once its newest version may not', async () => {
    const r = await previewRelease(scene.us.ctx, { peer: 'mx', ids: [scene.o.turnsStrict.id] });
    assert.equal(r.mode, 'versions');
    assert.deepEqual(
      r.objects.map((x) => x.version),
      [scene.o.turnsStrict.modified, scene.o.turnsStrictV2.modified],
    );
    const [v1, v2] = r.objects;
    assert.equal(v1?.decision, 'withhold');
    assert.deepEqual(codes(v1), ['tlp-green.release', 'newest-version.withhold']);
    const rule = v1?.reasons.at(-1);
    assert.deepEqual(rule?.params, { peer: 'mx', newest: scene.o.turnsStrictV2.modified });
    assert.equal(
      rule?.text.en,
      `The newest version (${scene.o.turnsStrictV2.modified}) of this object may not go to peer mx, so no older version of it goes either.`,
    );
    assert.match(
      rule?.text.es ?? '',
      /^La versión más reciente .* no puede ir al par mx, por lo que tampoco va ninguna versión anterior\.$/,
    );
    assert.equal(v2?.decision, 'withhold');
    assert.deepEqual(codes(v2), ['tlp-amber-strict.withhold']);
  });

  it('withholds objects graded below the peer’s minimum, or not graded, and never echoes a peer’s own objects', async () => {
    const forCa = await previewRelease(scene.us.ctx, { peer: 'ca' });
    assert.equal(item(forCa, scene.o.gradedA1.id).decision, 'release');
    assert.deepEqual(codes(item(forCa, scene.o.gradedA1.id)), ['tlp-green.release', 'grading.release']);
    const c3 = item(forCa, scene.o.gradedC3.id);
    assert.equal(c3.decision, 'withhold');
    assert.deepEqual(c3.reasons.at(-1)?.params, { peer: 'ca', minimum: 'B2', grading: 'C3' });
    assert.equal(c3.reasons.at(-1)?.code, 'grading.below');
    assert.equal(item(forCa, scene.o.green.id).reasons.at(-1)?.code, 'grading.ungraded');
    assert.deepEqual(codes(item(forCa, scene.o.fromCaForMx.id)), ['echo.withhold']);
  });

  it('pages by feed position, and names ids the collection does not hold', async () => {
    const seen: string[] = [];
    let afterSeq: number | undefined;
    for (let i = 0; i < 50; i++) {
      const page = await previewRelease(scene.us.ctx, { peer: 'mx', limit: 4, afterSeq });
      assert.ok(page.objects.length <= 4);
      seen.push(...page.objects.map((x) => x.id));
      if (!page.more) break;
      afterSeq = page.next_after;
    }
    assert.deepEqual(
      seen,
      forMx.objects.map((x) => x.id),
    );
    const missing = 'indicator--00000000-0000-4000-8000-000000000000';
    const r = await previewRelease(scene.us.ctx, { peer: 'mx', ids: [scene.o.green.id, missing] });
    assert.deepEqual(r.not_found, [missing]);
    assert.equal(r.objects.length, 1);
  });

  it('refuses an unknown peer, naming the pinned ones', async () => {
    await assert.rejects(previewRelease(scene.us.ctx, { peer: 'gt' }), (e: unknown) => {
      assert.ok(e instanceof EnlaceError);
      assert.equal(e.code, 'release.unknown-peer');
      assert.deepEqual(e.params, { peer: 'gt', peers: 'ca, mx' });
      assert.equal(e.httpStatus, 404);
      return true;
    });
    await assert.rejects(previewRelease(scene.us.ctx, { peer: 'mx', limit: 0 }), /limit/);
    await assert.rejects(previewRelease(scene.us.ctx, { peer: 'mx', ids: ['not-an-id'] }), /not-an-id/);
    await assert.rejects(
      previewRelease(scene.us.ctx, { peer: 'mx', collection: 'nope' }),
      (e: unknown) => e instanceof EnlaceError && e.code === 'taxii.collection-not-found',
    );
  });

  /** The newest version of each object: what preview says goes is exactly what the peer's TAXII GET returns. */
  async function assertLatestMatches(peer: TestNode): Promise<void> {
    const preview = await previewRelease(scene.us.ctx, { peer: peer.name, limit: 1000 });
    const received = new Map((await receivedOverTaxii(scene, peer)).map((o) => [String(o.id), o]));
    const going = preview.objects.filter((x) => x.decision !== 'withhold');
    assert.deepEqual([...received.keys()].sort(), going.map((x) => x.id).sort());
    for (const x of going) {
      const got = received.get(x.id);
      assert.equal(got?.modified ?? got?.created, x.version, x.id);
      if (x.decision === 'redact') assert.deepEqual(got, x.released, `${x.id}: the copy previewed is the copy sent`);
      else assert.deepEqual(got, await storedBody(x.id, x.version), `${x.id}: released as stored`);
    }
  }

  async function storedBody(id: string, version: string): Promise<unknown> {
    const page = await scene.us.ctx.store.queryObjects({
      collectionId: scene.us.collectionId,
      ids: [id],
      versions: { all: true, first: false, last: false, timestampsUs: [] },
      limit: 100,
      withBody: true,
    });
    const row = page.rows.find((r) => r.version === version);
    assert.ok(row, `${id}@${version} is stored`);
    return JSON.parse(row.body) as unknown;
  }

  it('decides for the newest versions exactly what the Mexico and Canada nodes get over TAXII', async () => {
    await assertLatestMatches(scene.mx);
    await assertLatestMatches(scene.ca);
  });

  it('decides for every version exactly what the Mexico node gets over TAXII with match[version]=all', async () => {
    const ids = forMx.objects.map((x) => x.id);
    const preview = await previewRelease(scene.us.ctx, { peer: 'mx', ids, limit: 1000 });
    assert.ok(preview.objects.length > ids.length, 'some objects have several versions');
    const key = (id: unknown, version: unknown) => `${String(id)}@${String(version)}`;
    const received = (await receivedOverTaxii(scene, scene.mx, '?match[version]=all')).map((o) => key(o.id, o.modified ?? o.created));
    const going = preview.objects.filter((x) => x.decision !== 'withhold').map((x) => key(x.id, x.version));
    assert.deepEqual(received.sort(), going.sort());
    assert.ok(!received.includes(key(scene.o.turnsStrict.id, scene.o.turnsStrict.modified)), 'the older GREEN version does not go');
  });
});
