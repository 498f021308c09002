/**
 * `enlace import`, `export`, `sync` and `status` on node B, with node A serving over loopback.
 * Real: the command's code (run in-process), files, HTTP, signatures, stores (each backend).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { benchObject } from '../bench/objects.js';
import { fingerprintOf, generateNodeKeyPair, loadPrivateKey, signObject } from '../crypto/index.js';
import { openNode } from '../node/open.js';
import { addPeer, parseNodeCard } from '../peers/service.js';
import { createDefaultRegistry, formatTimestampUs, TLP2_MARKING_IDS, validateBundle } from '../stix/index.js';
import { indicator } from '../sync/testing.js';
import { forEachNodeBackend, startTestNode, type TestNode } from '../test-support/nodes.js';
import { dropSchema, randomSchemaName, removeTempDir, tempDir, TEST_PG_URL } from '../test-support/stores.js';
import { cliEnv, cliNode } from './testing.js';

interface Bundle {
  type: string;
  objects: { id: string; type: string; extensions?: Record<string, unknown> }[];
}

const lines = (objects: unknown[]) => objects.map((o) => JSON.stringify(o)).join('\n') + '\n';

forEachNodeBackend('enlace import, export, sync and status', (backend) => {
  const work = tempDir(`cli-data-${backend}`);
  const schema = randomSchemaName();
  const b = cliNode(join(work, 'b'));
  const file = (name: string, text: string) => {
    const path = join(work, name);
    writeFileSync(path, text);
    return path;
  };
  let a: TestNode;
  const bundled = [...Array.from({ length: 8 }, (_, i) => benchObject(i)), indicator({ name: 'kept at home', tlp: 'red' })];
  const streamed = Array.from({ length: 8 }, (_, i) => benchObject(100 + i));
  let since = '';

  before(async () => {
    a = await startTestNode({ name: 'a', country: 'US', backend });
    const db = backend === 'postgres' ? ['--database-url', TEST_PG_URL, '--database-schema', schema] : [];
    const init = await b.run(['init', '--name', 'b', '--org', 'Node B', '--country', 'MX', '--port', '7399', ...db]);
    assert.equal(init.code, 0, init.stderr);
    const card = await b.run(['peer', 'card']);
    await addPeer(a.ctx, parseNodeCard(JSON.parse(card.stdout)), parseNodeCard(JSON.parse(card.stdout)).fingerprint);
    // The card fetched from A's node; the fingerprint compared out of band.
    const pinned = await b.run(['peer', 'add', '--url', a.url, '--fingerprint', a.ctx.identity.fingerprint]);
    assert.equal(pinned.code, 0, pinned.stderr);
    assert.match(pinned.stdout, /Peer "a" added and pinned/);
  });
  after(async () => {
    await a?.close();
    if (backend === 'postgres') await dropSchema(schema);
    removeTempDir(work);
  });

  it('imports a bundle, then JSON lines, and a second import holds nothing twice', async () => {
    const bundle = file('bundle.json', JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects: bundled }, null, 2));
    const first = await b.run(['import', bundle]);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout.trim(), `Imported 9 new, 0 already held, 0 rejected, from ${bundle}.`);

    const ctx = await openNode(b.dir, { env: cliEnv(), log: pino({ level: 'silent' }) });
    since = formatTimestampUs((await ctx.store.listCollections())[0]!.lastDateAddedUs);
    await ctx.store.close();

    const jsonl = file('objects.jsonl', lines(streamed));
    const second = await b.run(['import', jsonl]);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /^Imported 8 new, 0 already held, 0 rejected/);
    const again = await b.run(['import', jsonl]);
    assert.match(again.stdout, /^Imported 0 new, 8 already held, 0 rejected/);
  });

  it('stops at a malformed line and names it; refuses a file that is neither a bundle nor JSON lines', async () => {
    const broken = file(
      'broken.jsonl',
      `${JSON.stringify(benchObject(200))}\n\n${JSON.stringify(benchObject(201))}\n{"type": "indicator",\n`,
    );
    const r = await b.run(['import', broken]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`^Error: Line 4 of ${broken} is not a JSON object: `));

    const notBundle = file('not-bundle.json', JSON.stringify({ type: 'report', objects: 'none' }, null, 2));
    const nb = await b.run(['import', notBundle]);
    assert.equal(nb.code, 1);
    assert.match(nb.stderr, /is neither a STIX bundle nor JSON lines: expected \{"type": "bundle"/);

    const missing = await b.run(['import', join(work, 'no-such-file.json')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^Error: Could not read .*no-such-file\.json: ENOENT/);
  });

  it('imports the good objects of a file, lists each rejected one with its reason, and exits 1', async () => {
    const stranger = generateNodeKeyPair();
    const strangerId = `identity--${randomUUID()}`;
    const bySomeone = signObject(indicator({ name: 'from nowhere' }), {
      identityId: strangerId,
      privateKey: loadPrivateKey(stranger.privateKeyPem),
      fingerprint: fingerprintOf(stranger.publicKey),
    });
    const noPattern = { ...indicator({ name: 'no pattern' }), pattern: undefined };
    // 100,000 levels deep: parsing copes, anything recursive over it would not.
    const hostile = indicator({ name: 'deeply nested' });
    const hostileLine = JSON.stringify(hostile).replace(/}$/, `,"x_deep":${'{"x":'.repeat(100_000)}1${'}'.repeat(100_000)}}`);
    const good = indicator({ name: 'good one' });
    const mixed = file('mixed.jsonl', lines([good, noPattern, bySomeone]) + hostileLine + '\n' + lines([[1, 2, 3]]));
    const r = await b.run(['import', mixed]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^Imported 1 new, 0 already held, 4 rejected/);
    const rejected = r.stderr.trimEnd().split('\n');
    assert.equal(rejected.length, 4, r.stderr);
    assert.match(rejected[0]!, new RegExp(`^  rejected ${noPattern.id}: The object is not valid STIX 2\\.1: .*pattern`));
    assert.match(
      rejected[1]!,
      new RegExp(`^  rejected ${bySomeone.id}: The object is signed by ${strangerId}, which is not a pinned peer`),
    );
    assert.match(rejected[2]!, new RegExp(`^  rejected ${hostile.id}: The object is not valid STIX 2\\.1`));
    assert.match(rejected[3]!, /^ {2}rejected \?: The object is not valid STIX 2\.1/);
  });

  it('exports a bundle that validates, with every object signed; --type and --since filter it', async () => {
    const all = await b.run(['export']);
    assert.equal(all.code, 0, all.stderr);
    const bundle = JSON.parse(all.stdout) as Bundle;
    const check = validateBundle(bundle, { registry: createDefaultRegistry() });
    assert.ok(check.ok, JSON.stringify(check.ok ? null : check.issues.slice(0, 3)));
    assert.equal(bundle.objects.length, 1 + 9 + 8 + 1, "B's identity, the bundle, the JSON lines, the good one");
    assert.ok(bundle.objects.every((o) => Object.keys(o.extensions ?? {}).some((k) => k.startsWith('extension-definition--'))));
    assert.ok(
      bundle.objects.some((o) => o.id === bundled[8]!.id),
      "a TLP:RED object is exported to its own node's people",
    );

    const typed = JSON.parse((await b.run(['export', '--type', 'location,phone-number'])).stdout) as Bundle;
    assert.deepEqual([...new Set(typed.objects.map((o) => o.type))].sort(), ['location', 'phone-number']);
    assert.equal(typed.objects.length, 8);

    const recent = JSON.parse((await b.run(['export', '--since', since, '--type', 'indicator,location,phone-number'])).stdout) as Bundle;
    assert.equal(recent.objects.length, 8 + 1, 'the JSON lines and the good object imported after them');
    assert.ok(streamed.every((s) => recent.objects.some((o) => o.id === s.id)));
    assert.ok(!recent.objects.some((o) => bundled.some((x) => x.id === o.id)), 'nothing imported before --since');

    const out = join(work, 'export.json');
    const toFile = await b.run(['export', '--out', out, '--type', 'indicator']);
    assert.equal(toFile.code, 0, toFile.stderr);
    const written = JSON.parse(readFileSync(out, 'utf8')) as Bundle;
    assert.equal(toFile.stdout.trim(), `Exported ${written.objects.length} objects to ${out}.`);
    assert.ok(written.objects.length > 0 && written.objects.every((o) => o.type === 'indicator'));

    const badSince = await b.run(['export', '--since', 'yesterday']);
    assert.equal(badSince.code, 1);
    assert.match(badSince.stderr, /The value "yesterday" of --since is not a STIX timestamp/);
  });

  it('syncs with its peer and reports what moved; a second sync moves nothing; an unknown peer fails', async () => {
    // A fresh node lets only TLP:CLEAR go until its administrators decide: B's decide GREEN and AMBER may.
    const policyFile = join(work, 'policy.json');
    writeFileSync(
      policyFile,
      JSON.stringify({
        unmarked_as: 'amber',
        default: { allow_green: true, allow_amber: true, ceiling: 'amber', allow_third_party: false },
        peers: {},
      }),
    );
    const saved = await b.run(['policy', 'set', '--file', policyFile]);
    assert.equal(saved.code, 0, saved.stderr);
    const forA = await b.run(['export', '--for-peer', 'a']);
    assert.equal(forA.code, 0, forA.stderr);
    const releasable = JSON.parse(forA.stdout) as Bundle;
    assert.equal(releasable.objects.length, 18, 'all B holds but the RED indicator: what the sync then pushes');
    assert.ok(!releasable.objects.some((o) => JSON.stringify(o).includes(TLP2_MARKING_IDS.red)));
    const first = await b.run(['sync']);
    assert.equal(first.code, 0, first.stderr);
    // A holds only its identity; B sends everything but the TLP:RED indicator.
    assert.match(first.stdout, /^a: pulled 1 new \(0 already held, 0 rejected\), pushed 18 \(0 refused\) in \d+ ms\n$/);
    assert.equal((await a.ctx.store.findVersionsAnywhere(String(bundled[8]!.id))).length, 0);
    assert.equal((await a.ctx.store.findVersionsAnywhere(String(streamed[0]!.id))).length, 1);
    const second = await b.run(['sync', '--peer', 'a']);
    assert.match(second.stdout, /^a: pulled 0 new \(0 already held, 0 rejected\), pushed 0 \(0 refused\)/);
    const unknown = await b.run(['sync', '--peer', 'zz']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No peer named "zz"/);
  });

  it('status shows the node, its collection and the peer, for people and as JSON', async () => {
    const text = await b.run(['status']);
    assert.equal(text.code, 0, text.stderr);
    const [node, collection, peer] = text.stdout.trim().split('\n');
    assert.match(node!, new RegExp(`^Node "b" \\(Node B, MX\\), store ${backend}, fingerprint [0-9a-f ]+$`));
    assert.match(collection!, /^Collection intel \([0-9a-f-]+\), objects: 20$/);
    assert.match(
      peer!,
      /^Peer a: in sync; last success \d{4}-\d\d-\d\dT[\d:.]+Z; lag 0 in \/ 0 out, 0 s; pulled 1, pushed 18, rejected 0$/,
    );

    const json = await b.run(['status', '--json']);
    const parsed = JSON.parse(json.stdout) as {
      node: { name: string };
      store: string;
      collections: { count: number }[];
      peers: { peer: string; state: string; pushedTotal: number }[];
    };
    assert.equal(parsed.node.name, 'b');
    assert.equal(parsed.store, backend);
    assert.equal(parsed.collections[0]?.count, 20);
    assert.deepEqual(
      parsed.peers.map((p) => [p.peer, p.state, p.pushedTotal]),
      [['a', 'ok', 18]],
    );
  });
});
