import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { TLP2_MARKING_IDS } from '../stix/index.js';
import type { EnlaceDatabase } from '../store/schema.js';
import { forEachNodeBackend, pinPeers, startTestNode, taxiiClient, type TestNode } from '../test-support/nodes.js';
import type { ListItem } from './model.js';
import type { ObjectDetail } from './object-service.js';
import { ok, signedIn, type ConsoleClient, type Json } from './testing.js';

const indicator = (name: string, tlp: keyof typeof TLP2_MARKING_IDS) => ({
  type: 'indicator',
  name,
  description: `${name}, seen at the border`,
  pattern: "[ipv4-addr:value = '203.0.113.9']",
  labels: ['smuggling'],
  object_marking_refs: [TLP2_MARKING_IDS[tlp]],
});

const detailOf = async (c: ConsoleClient, id: string): Promise<ObjectDetail> =>
  ok(await c.get(`/console/api/objects/${id}`)) as unknown as ObjectDetail;
const find = async (c: ConsoleClient, q: string): Promise<ListItem[]> =>
  ok(await c.get(`/console/api/objects?q=${encodeURIComponent(q)}`)).items as ListItem[];

/** Test-only reach into the store's database, to play an attacker who edits a stored object. */
const dbOf = (node: TestNode): Kysely<EnlaceDatabase> => (node.ctx.store as unknown as { db: Kysely<EnlaceDatabase> }).db;

forEachNodeBackend('console object page between two nodes', (backend) => {
  let us: TestNode;
  let mx: TestNode;
  let usAdmin: ConsoleClient;
  let usAnalyst: ConsoleClient;
  let mxAnalyst: ConsoleClient;
  let green: string;
  let red: string;
  const sync = async () => {
    for (let i = 0; i < 2; i++) {
      await us.engine.syncNow();
      await mx.engine.syncNow();
    }
  };

  before(async () => {
    us = await startTestNode({ name: 'us', country: 'US', backend });
    mx = await startTestNode({ name: 'mx', country: 'MX', backend });
    await pinPeers(us, mx);
    usAdmin = await signedIn(us, 'admin');
    usAnalyst = await signedIn(us, 'analyst');
    mxAnalyst = await signedIn(mx, 'analyst');
    green = String(ok(await usAnalyst.post('/console/api/objects', indicator('Green courier', 'green')), 201).id);
    red = String(ok(await usAnalyst.post('/console/api/objects', indicator('Red informant', 'red')), 201).id);
    await sync();
  });
  after(async () => {
    await us.close();
    await mx.close();
  });

  it('shows the partner an object created with a marking that allows it, and never a RED one', async () => {
    const [item] = await find(mxAnalyst, 'green courier');
    assert.equal(item?.id, green);
    assert.deepEqual(item?.originator, { id: us.ctx.identity.id, name: 'Test node US', country: 'US', self: false, peer: 'us' });
    assert.equal(item?.tlp, 'green');
    assert.deepEqual(await find(mxAnalyst, 'red informant'), []);
    assert.equal((await mxAnalyst.get(`/console/api/objects/${red}`)).status, 404);
    assert.equal((await find(usAnalyst, 'red informant'))[0]?.id, red, 'the originator still holds it');
  });

  it("verifies the originator's signature of every version against the pinned key", async () => {
    const d = await detailOf(mxAnalyst, green);
    assert.equal(d.object.id, green);
    assert.equal(d.versions.length, 1);
    assert.deepEqual(d.versions[0]?.signature, {
      valid: true,
      signer: us.ctx.identity.id,
      signerName: 'Test node US',
      fingerprint: us.ctx.identity.fingerprint,
    });
    assert.deepEqual(d.actions, { note: true, propose: true, revoke: false, release: false });
    assert.equal(d.release, undefined);
  });

  it('shows a stored body that was altered as not verifying', async () => {
    const id = String(ok(await usAnalyst.post('/console/api/objects', indicator('Tamper target', 'amber')), 201).id);
    assert.equal((await detailOf(usAnalyst, id)).versions[0]?.signature.valid, true);
    const { rows } = await sql<{ body: string }>`select body from objects where stix_id = ${id}`.execute(dbOf(us));
    const tampered = String(rows[0]?.body).replace('Tamper target', 'Harmless target');
    await sql`update objects set body = ${tampered} where stix_id = ${id}`.execute(dbOf(us));
    const d = await detailOf(usAnalyst, id);
    assert.equal(d.object.name, 'Harmless target');
    assert.equal(d.versions[0]?.signature.valid, false);
    assert.equal(d.versions[0]?.signature.reason, 'bad-signature');
  });

  it("shows the partner's translations, notes from both sides and relationships", async () => {
    const taxii = taxiiClient(mx, 'analyst');
    const translation = {
      type: 'language-content',
      spec_version: '2.1',
      id: 'language-content--b3f1c0de-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      created: '2026-03-01T00:00:00.000Z',
      modified: '2026-03-01T00:00:00.000Z',
      object_ref: green,
      object_modified: (await detailOf(mxAnalyst, green)).object.modified,
      contents: { es: { name: 'Mensajero verde', description: 'Mensajero verde, visto en la frontera' } },
      object_marking_refs: [TLP2_MARKING_IDS.green],
    };
    const posted = await taxii.post(`/enlace/collections/${mx.collectionId}/objects/`, { objects: [translation] });
    assert.equal(posted.status, 202, posted.text);
    const mxNote = ok(
      await mxAnalyst.post(`/console/api/objects/${green}/notes`, {
        content: 'Confirmado por la fiscalía de Sonora.',
        abstract: 'Confirmado',
      }),
      201,
    );
    const usNote = ok(await usAnalyst.post(`/console/api/objects/${green}/notes`, { content: 'Seen again in Nogales.' }), 201);
    const actor = String(
      ok(
        await usAnalyst.post('/console/api/objects', {
          type: 'threat-actor',
          name: 'Cell Sonora',
          threat_actor_types: ['crime-syndicate'],
          object_marking_refs: [TLP2_MARKING_IDS.green],
        }),
        201,
      ).id,
    );
    const rel = {
      type: 'relationship',
      spec_version: '2.1',
      id: 'relationship--0d9e8f7a-6b5c-4d3e-9f1a-2b3c4d5e6f70',
      created: '2026-03-01T00:00:00.000Z',
      modified: '2026-03-01T00:00:00.000Z',
      relationship_type: 'indicates',
      source_ref: green,
      target_ref: actor,
      object_marking_refs: [TLP2_MARKING_IDS.green],
    };
    assert.equal(
      (await taxiiClient(us, 'analyst').post(`/enlace/collections/${us.collectionId}/objects/`, { objects: [rel] })).status,
      202,
    );
    await sync();

    for (const c of [usAnalyst, mxAnalyst]) {
      const d = await detailOf(c, green);
      const notes = d.related.notes.map((n) => n.id).sort();
      assert.deepEqual(notes, [String(mxNote.id), String(usNote.id)].sort(), 'notes from both sides');
      assert.deepEqual(d.relationships, [
        {
          id: rel.id,
          relationship_type: 'indicates',
          source: { id: green, type: 'indicator', name: 'Green courier' },
          target: { id: actor, type: 'threat-actor', name: 'Cell Sonora' },
        },
      ]);
    }
    const onUs = await detailOf(usAnalyst, green);
    assert.deepEqual(onUs.translations, { es: translation.contents.es });
    const note = onUs.related.notes.find((n) => n.id === mxNote.id);
    assert.equal(note?.originator.peer, 'mx');
    assert.equal(note?.tlp, 'green', 'a note is marked like its object');
  });

  it('tells an administrator what each partner receives of our object, and records every view', async () => {
    const greenView = await detailOf(usAdmin, green);
    assert.deepEqual(greenView.actions, { note: true, propose: false, revoke: true, release: true });
    assert.equal(greenView.release?.[0]?.peer, 'mx');
    assert.equal(greenView.release?.[0]?.decision, 'release');
    const redView = await detailOf(usAdmin, red);
    assert.equal(redView.release?.[0]?.decision, 'withhold');
    assert.ok(redView.release?.[0]?.reasons.some((r) => r.effect === 'withhold' && r.text.en.length > 0 && r.text.es.length > 0));
    const access = ok(await usAdmin.get('/api/v1/audit/access?account=admin')).entries as Json[];
    assert.ok(
      access.some((e) => e.object_id === red && e.action === 'view'),
      JSON.stringify(access).slice(0, 500),
    );
  });

  it('revokes our own object, and the partner sees it revoked; a partner object cannot be revoked here', async () => {
    ok(await usAdmin.post(`/console/api/objects/${green}/revoke`));
    await sync();
    const d = await detailOf(mxAnalyst, green);
    assert.equal(d.item.revoked, true);
    assert.equal(d.versions.length, 1, 'the partner keeps only the revoked version');
    assert.equal(d.versions[0]?.signature.valid, true);
    assert.deepEqual(await find(mxAnalyst, 'green courier'), [], 'revoked objects leave the default list');
    const mxAdmin = await signedIn(mx, 'admin');
    const notOurs = await mxAdmin.post(`/console/api/objects/${(await find(mxAnalyst, 'cell sonora'))[0]?.id}/revoke`);
    assert.equal(notOurs.status, 403);
    assert.equal((notOurs.json as Json).error_code, 'console.not-own-object');
  });

  it('gives an overview of the partner, of what crossed today, and of what needs a person', async () => {
    const o = ok(await usAnalyst.get('/console/api/overview'));
    assert.deepEqual(o.node, {
      name: 'us',
      organisation: 'Test node US',
      country: 'US',
      fingerprint: us.ctx.identity.fingerprint,
      identityId: us.ctx.identity.id,
    });
    const peers = o.peers as Json[];
    assert.equal(peers[0]?.peer, 'mx');
    assert.equal(peers[0]?.state, 'ok');
    const today = o.today as Json;
    assert.ok(Number(today.sent) >= 3 && Number(today.received) >= 2, JSON.stringify(today));
    assert.deepEqual(o.alerts, []);
  });
});
