/**
 * `enlace proposal create | list | accept | reject` on two whole nodes (each backend), in English
 * and in Mexican Spanish. Real: the command's code (run in-process on each node's directory),
 * HTTP sync, signatures, stores.
 */
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { allVersions, type SampleObject } from '../sync/testing.js';
import { forEachNodeBackend, type TestNode } from '../test-support/nodes.js';
import { startProposalScene, type ProposalScene } from '../proposals/testing.js';
import { enlace } from './testing.js';

const PROPOSAL_ID = /x-enlace-proposal--[0-9a-f-]{36}/;

async function stored(node: TestNode, id: string): Promise<Record<string, unknown>> {
  const row = (await allVersions(node.ctx.store, node.collectionId)).find((r) => r.id === id && r.isLatest);
  assert.ok(row, `${node.name} holds ${id}`);
  return JSON.parse(row.body) as Record<string, unknown>;
}

forEachNodeBackend('enlace proposal', (backend) => {
  let scene: ProposalScene;
  let us: TestNode;
  let mx: TestNode;
  let target: SampleObject;
  let accepted = '';
  const on = (node: TestNode, args: string[]) => enlace(['--dir', node.dir, ...args]);
  const onEs = (node: TestNode, args: string[]) => enlace(['--dir', node.dir, '--lang', 'es', ...args]);

  before(async () => {
    scene = await startProposalScene(backend);
    ({ us, mx } = scene);
    target = await scene.usObject('Courier phone in Nogales', { description: 'Used by the Sonora cell.' });
  });
  after(() => scene?.close());

  it('proposes with --set (JSON when it parses, else text) and --remove, and the originator lists and accepts it', async () => {
    const made = await on(mx, [
      'proposal',
      'create',
      '--target',
      target.id,
      '--set',
      'confidence=88',
      '--set',
      'labels=["corroborated"]',
      '--set',
      'x_enlace_note=seen twice at San Luis',
      '--remove',
      'description',
      '--rationale',
      'Two sightings this week.',
    ]);
    assert.equal(made.code, 0, made.stderr);
    const id = PROPOSAL_ID.exec(made.stdout)?.[0] ?? '';
    assert.match(
      made.stdout,
      new RegExp(`Proposal ${id} made about ${target.id} \\(version ${target.modified}\\); it reaches the originator us`),
    );
    const proposal = await stored(mx, id);
    assert.deepEqual(proposal.changes, { confidence: 88, labels: ['corroborated'], x_enlace_note: 'seen twice at San Luis' });
    assert.deepEqual(proposal.removals, ['description']);

    await scene.sync();
    const list = await on(us, ['proposal', 'list', '--state', 'pending']);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, new RegExp(`${id}  pending  from mx`));
    assert.match(list.stdout, /set confidence = 88/);
    assert.match(list.stdout, /set labels = \["corroborated"\]/);
    assert.match(list.stdout, /remove description/);
    assert.match(list.stdout, /rationale: Two sightings this week\./);

    const es = await onEs(us, ['proposal', 'list', '--theirs']);
    assert.equal(es.code, 0, es.stderr);
    assert.match(es.stdout, new RegExp(`${id}  pendiente  de mx`));
    assert.match(es.stdout, /asignar confidence = 88/);
    assert.match(es.stdout, /justificación: Two sightings this week\./);
    assert.doesNotMatch(es.stdout, /rationale:|remove description|pending/);

    const done = await on(us, ['proposal', 'accept', id, '--reason', 'Matches our reporting.']);
    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stdout, new RegExp(`Proposal ${id} accepted: version \\S+ of ${target.id} was made and signed by this node`));
    const again = await onEs(us, ['proposal', 'accept', id]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, new RegExp(`Error: La propuesta ${id} ya fue aceptada el`));
    assert.equal((await stored(us, target.id)).confidence, 88);
    accepted = id;
  });

  it('proposes, rejects and lists in Spanish; the proposer sees each answer', async () => {
    const made = await onEs(mx, [
      'proposal',
      'create',
      '--target',
      target.id,
      '--set',
      'name=Teléfono de mensajero en Agua Prieta',
      '--rationale',
      'Otra ciudad.',
    ]);
    assert.equal(made.code, 0, made.stderr);
    assert.match(
      made.stdout,
      /^Propuesta x-enlace-proposal--\S+ hecha sobre .* llega al originador us con la siguiente sincronización\.$/m,
    );
    const id = PROPOSAL_ID.exec(made.stdout)?.[0] ?? '';
    await scene.sync();

    const noReason = await onEs(us, ['proposal', 'reject', id]);
    assert.equal(noReason.code, 2);
    assert.match(noReason.stderr, /no se indicó la opción obligatoria '--reason <text>'/);
    const rejected = await onEs(us, ['proposal', 'reject', id, '--reason', 'Nuestra vigilancia lo ubica en Nogales.']);
    assert.equal(rejected.code, 0, rejected.stderr);
    assert.match(rejected.stdout, new RegExp(`Propuesta ${id} rechazada; la respuesta llega a quien propuso`));

    await scene.sync();
    const mine = await onEs(mx, ['proposal', 'list', '--mine']);
    assert.equal(mine.code, 0, mine.stderr);
    assert.match(mine.stdout, new RegExp(`${id}  rechazada  hecha por este nodo`));
    assert.match(mine.stdout, /respuesta: rechazada el \S+\n {2}motivo: Nuestra vigilancia lo ubica en Nogales\./);
    assert.match(mine.stdout, new RegExp(`${accepted}  aceptada  hecha por este nodo`));
    assert.match(mine.stdout, /respuesta: aceptada el \S+, nueva versión \S+/);

    const json = await on(mx, ['proposal', 'list', '--state', 'rejected', '--json']);
    const parsed = JSON.parse(json.stdout) as { proposals: { id: string; state: string }[] };
    assert.deepEqual(
      parsed.proposals.map((p) => [p.id, p.state]),
      [[id, 'rejected']],
    );
  });

  it("explains refusals in the reader's language", async () => {
    const cases: [string[], number, RegExp, RegExp][] = [
      [
        ['proposal', 'create', '--target', target.id, '--set', 'confidence', '--rationale', 'x'],
        1,
        /Error: The value "confidence" of --set is not valid: write name=value/,
        /Error: El valor "confidence" de --set no es válido: escriba nombre=valor/,
      ],
      [
        ['proposal', 'create', '--target', target.id, '--set', 'a_b=1', '--set', 'a_b=2', '--rationale', 'x'],
        1,
        /"a_b" is given twice/,
        /"a_b" aparece dos veces/,
      ],
      [
        ['proposal', 'create', '--target', target.id, '--set', 'created_by_ref="identity--x"', '--rationale', 'x'],
        1,
        /not allowed: "created_by_ref" is kept by the originator alone/,
        /no está permitido: solo el originador administra "created_by_ref"/,
      ],
      [['proposal', 'list', '--state', 'maybe'], 1, /--state is not valid/, /--state no es válido/],
      [['proposal', 'list', '--mine', '--theirs'], 1, /--mine or --theirs, not both/, /--mine o --theirs, no ambos/],
      [
        ['proposal', 'accept', accepted],
        1,
        /only its originator identity--\S+ decides on it/,
        /solo su originador identity--\S+ decide sobre ella/,
      ],
    ];
    for (const [args, code, en, es] of cases) {
      const a = await on(mx, args);
      assert.equal(a.code, code, `${args.join(' ')}: ${a.stderr}`);
      assert.match(a.stderr, en);
      const b = await onEs(mx, args);
      assert.equal(b.code, code);
      assert.match(b.stderr, es);
    }
  });

  it('has help in both languages', async () => {
    const flat = (text: string) => text.replace(/\s+/g, ' ');
    const en = await on(mx, ['proposal', '--help']);
    assert.match(flat(en.stdout), /accept a proposal: this node makes and signs the new version of its object/);
    const es = await onEs(mx, ['proposal', 'create', '--help']);
    assert.match(flat(es.stdout), /una propiedad que se asigna, como nombre=valor/);
    assert.match(es.stdout, /Opciones:/);
    assert.doesNotMatch(es.stdout, /default/);
  });
});
