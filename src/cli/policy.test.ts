/**
 * `enlace policy show | set | history | preview` on the U.S. node of the preview scene, in English
 * and in Mexican Spanish, while the node serves. Real: the command's code (in-process), files,
 * nodes, stores (each backend).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { allCatalogues } from '../i18n/index.js';
import { previewRelease } from '../release/preview.js';
import { SCENE_POLICY, startPreviewScene, type PreviewScene } from '../release/testing.js';
import { forEachNodeBackend } from '../test-support/nodes.js';
import { removeTempDir, tempDir } from '../test-support/stores.js';
import { cliNode, type CliNode } from './testing.js';

/** Fixed text of English templates that Spanish output must never contain. */
const englishFragments = Object.values(allCatalogues).flatMap((c) =>
  Object.entries(c.en).flatMap(([key, en]) =>
    en
      .split(/{{[^}]*}}/)
      .map((s) => s.trim())
      .filter((s) => s.length >= 14 && !(c.es[key] ?? '').includes(s)),
  ),
);

function assertSpanish(text: string): void {
  assert.deepEqual(
    englishFragments.filter((f) => text.includes(f)),
    [],
    `English text in Spanish output:\n${text}`,
  );
}

/** The block a preview prints for one object: from its id line to the blank line after it. */
function blockOf(stdout: string, id: string): string {
  const start = stdout.indexOf(`${id}  `);
  assert.ok(start >= 0, `${id} is listed:\n${stdout}`);
  const end = stdout.indexOf('\n\n', start);
  return stdout.slice(start, end < 0 ? undefined : end);
}

forEachNodeBackend('enlace policy', (backend) => {
  let scene: PreviewScene;
  let us: CliNode;
  const work = tempDir(`cli-policy-${backend}`);
  const file = (name: string, text: string) => {
    const path = join(work, name);
    writeFileSync(path, text);
    return path;
  };
  const env = { USER: 'ana' };

  before(async () => {
    scene = await startPreviewScene(backend);
    us = cliNode(scene.us.dir);
  });
  after(async () => {
    await scene?.close();
    removeTempDir(work);
  });

  it('policy show prints the policy in force, readably, in English and in Spanish', async () => {
    const version = scene.us.ctx.release.current().policy.version;
    const en = await us.run(['policy', 'show']);
    assert.equal(en.code, 0, en.stderr);
    const lines = en.stdout.trim().split('\n');
    assert.match(lines[0] ?? '', new RegExp(`^Release policy version ${version}, saved \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z by admin\\.$`));
    assert.deepEqual(lines.slice(1), [
      'Objects without a TLP marking are treated as TLP:AMBER.',
      'Peers without an entry of their own:',
      '  TLP:GREEN allowed: yes · TLP:AMBER allowed: no · ceiling: TLP:AMBER · objects of other nodes: no · minimum grading: none',
      'Peer "ca":',
      '  TLP:GREEN allowed: yes · TLP:AMBER allowed: yes · ceiling: TLP:AMBER · objects of other nodes: no · minimum grading: B2',
      'Peer "mx":',
      '  TLP:GREEN allowed: yes · TLP:AMBER allowed: yes · ceiling: TLP:AMBER+STRICT · objects of other nodes: yes · minimum grading: none',
    ]);
    const es = await us.run(['--lang', 'es', 'policy', 'show']);
    assert.equal(es.code, 0, es.stderr);
    assert.match(es.stdout, new RegExp(`^Política de divulgación versión ${version}, guardada el .* por admin\\.\\n`));
    assert.match(
      es.stdout,
      /Par "mx":\n {2}TLP:GREEN permitido: sí · TLP:AMBER permitido: sí · tope: TLP:AMBER\+STRICT · objetos de otros nodos: sí · evaluación mínima: ninguna/,
    );
    assertSpanish(es.stdout);
    const json = JSON.parse((await us.run(['policy', 'show', '--json'])).stdout) as { version: number; policy: { peers: unknown } };
    assert.equal(json.version, version);
    assert.deepEqual(json.policy.peers, SCENE_POLICY.peers);
  });

  it('policy set saves the next version, which the serving node applies; history lists it first', async () => {
    const before = scene.us.ctx.release.current().policy.version;
    const shown = JSON.parse((await us.run(['policy', 'show', '--json'])).stdout) as { policy: Record<string, unknown> };
    const edited = { ...shown.policy, default: { ...SCENE_POLICY.default, allow_green: false } };
    const r = await us.run(['policy', 'set', '--file', file('edited.json', JSON.stringify(edited, null, 2))], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), `Release policy version ${before + 1} saved; it applies from the next exchange on.`);
    const inForce = await scene.us.ctx.release.refresh();
    assert.equal(inForce.policy.version, before + 1);
    assert.equal(inForce.author, 'cli:ana');
    assert.equal(inForce.policy.default.allow_green, false);

    const es = await us.run(['--lang', 'es', 'policy', 'set', '--file', file('scene.json', JSON.stringify(SCENE_POLICY))], { env });
    assert.equal(es.stdout.trim(), `Política de divulgación versión ${before + 2} guardada; se aplica a partir del siguiente intercambio.`);

    const history = await us.run(['policy', 'history', '--limit', '2']);
    assert.equal(history.code, 0, history.stderr);
    const rows = history.stdout.trim().split('\n');
    assert.match(rows[0] ?? '', new RegExp(`^version ${before + 2} {2}\\S+Z {2}cli:ana {2}\\(in force\\)$`));
    assert.match(rows[1] ?? '', new RegExp(`^version ${before + 1} {2}\\S+Z {2}cli:ana$`));
    const esHistory = await us.run(['--lang', 'es', 'policy', 'history', '--limit', '1']);
    assert.match(esHistory.stdout, new RegExp(`^versión ${before + 2} .* \\(vigente\\)\\n$`));
  });

  it('policy set names every problem of an invalid policy, in the reader’s language, and saves nothing', async () => {
    const before = (await scene.us.ctx.release.refresh()).policy.version;
    const bad = file(
      'bad.json',
      JSON.stringify({ ...SCENE_POLICY, unmarked_as: 'purple', default: { ...SCENE_POLICY.default, ceiling: 'red', alow_amber: true } }),
    );
    const en = await us.run(['policy', 'set', '--file', bad]);
    assert.equal(en.code, 1);
    assert.equal(
      en.stderr.trim(),
      'Error: The release policy was not saved: 3 problem(s): /unmarked_as (invalid_value (clear|green|amber|amber+strict|red)); ' +
        '/default/ceiling (invalid_value (clear|green|amber|amber+strict)); /default/alow_amber (unrecognized_key).',
    );
    const es = await us.run(['--lang', 'es', 'policy', 'set', '--file', bad]);
    assert.match(es.stderr, /^Error: La política de divulgación no se guardó: 3 problema\(s\): \/unmarked_as /);
    const notJson = await us.run(['policy', 'set', '--file', file('broken.json', '{"default": ')]);
    assert.equal(notJson.code, 1);
    assert.match(notJson.stderr, /^Error: The file .*broken\.json is not valid JSON: /);
    const missing = await us.run(['--lang', 'es', 'policy', 'set', '--file', join(work, 'nowhere.json')]);
    assert.match(missing.stderr, /^Error: No se pudo leer .*nowhere\.json: /);
    const noFile = await us.run(['policy', 'set']);
    assert.equal(noFile.code, 2);
    assert.equal((await scene.us.ctx.release.refresh()).policy.version, before);
  });

  it('policy preview prints each object with its decision, every reason and what a redaction withholds', async () => {
    const r = await us.run(['policy', 'preview', '--peer', 'mx']);
    assert.equal(r.code, 0, r.stderr);
    const version = scene.us.ctx.release.current().policy.version;
    assert.ok(r.stdout.startsWith(`What peer "mx" (Test node MX, MX) would receive from collection "`), r.stdout.slice(0, 200));
    assert.ok(r.stdout.split('\n')[0]?.endsWith(`under release policy version ${version}:`));
    const { o } = scene;
    assert.equal(
      blockOf(r.stdout, o.red.id),
      `${o.red.id}  indicator  "Informant phone"  (version ${o.red.modified})\n  → withheld\n    ✗ TLP:RED never leaves this node.`,
    );
    assert.equal(
      blockOf(r.stdout, o.redacted.id).split('\n').slice(1).join('\n'),
      [
        '  → redacted: sent without the properties below',
        '    ✓ TLP:GREEN released: the policy allows GREEN for peer mx.',
        '    ✂ Property description removed: marking marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1 may not go to peer mx.',
        `    ✂ Property external_references.[0] removed: marking ${o.relCa.id} may not go to peer mx.`,
        '    withheld properties: description, external_references.[0]',
      ].join('\n'),
    );
    assert.match(
      blockOf(r.stdout, o.strictNamed.id),
      /→ released\n {4}✓ TLP:AMBER\+STRICT released: the originator names identity--[0-9a-f-]+, the organisation of peer mx\./,
    );
    assert.match(
      blockOf(r.stdout, o.fromCaH2.id),
      /→ withheld\n(.*\n)* {4}✗ Object of another node \(identity--[0-9a-f-]+\) marked H2 by marking/,
    );
    const expected = await previewRelease(scene.us.ctx, { peer: 'mx' });
    const { release, redact, withhold, total } = expected.summary;
    assert.equal(r.stdout.trim().split('\n').at(-1), `${release} released, ${redact} redacted, ${withhold} withheld (${total} shown).`);
  });

  it('policy preview --id shows every version, and the rule about newest versions, in Spanish', async () => {
    const { o } = scene;
    const r = await us.run(['--lang', 'es', 'policy', 'preview', '--peer', 'mx', '--id', o.turnsStrict.id, '--id', o.redacted.id]);
    assert.equal(r.code, 0, r.stderr);
    assertSpanish(r.stdout);
    assert.match(
      r.stdout,
      /^Lo que recibiría el par "mx" \(Test node MX, MX\) de la colección ".*" según la política de divulgación versión \d+:\n/,
    );
    assert.ok(
      r.stdout.includes(
        [
          `${o.turnsStrict.id}  indicator  "Green, then AMBER+STRICT"  (versión ${o.turnsStrict.modified})`,
          '  → retenido',
          '    ✓ TLP:GREEN entregado: la política permite GREEN para el par mx.',
          `    ✗ La versión más reciente (${o.turnsStrictV2.modified}) de este objeto no puede ir al par mx, por lo que tampoco va ninguna versión anterior.`,
        ].join('\n'),
      ),
      r.stdout,
    );
    assert.match(
      r.stdout,
      /→ entregado con supresiones: se envía sin las propiedades indicadas abajo\n(.*\n)* {4}propiedades retenidas: description, external_references\.\[0\]/,
    );
    assert.match(r.stdout, /\n0 entregados, 1 con supresiones, 2 retenidos \(3 mostrados\)\.\n$/);
  });

  it('policy preview --json gives what the API gives; --limit pages with --after', async () => {
    const json = await us.run(['policy', 'preview', '--peer', 'ca', '--json']);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), JSON.parse(JSON.stringify(await previewRelease(scene.us.ctx, { peer: 'ca' }))));
    const first = await us.run(['policy', 'preview', '--peer', 'mx', '--limit', '2']);
    const after = /run again with --after (\d+)\.$/.exec(first.stdout.trim())?.[1];
    assert.ok(after, first.stdout);
    const second = await us.run(['policy', 'preview', '--peer', 'mx', '--limit', '2', '--after', after]);
    assert.match(second.stdout, /\(2 shown\)/);
    assert.notEqual(second.stdout.split('\n')[2], first.stdout.split('\n')[2], 'the next page starts further on');
  });

  it('policy preview names an unknown peer and a bad option, in both languages', async () => {
    const en = await us.run(['policy', 'preview', '--peer', 'gt']);
    assert.equal(en.code, 1);
    assert.equal(en.stderr.trim(), 'Error: No peer named "gt" to preview; pinned peers are: ca, mx.');
    const es = await us.run(['--lang', 'es', 'policy', 'preview', '--peer', 'gt']);
    assert.equal(es.stderr.trim(), 'Error: No existe un par llamado "gt" para la vista previa; los pares registrados son: ca, mx.');
    const limit = await us.run(['policy', 'preview', '--peer', 'mx', '--limit', '5000']);
    assert.equal(limit.stderr.trim(), 'Error: The value "5000" of --limit is not valid: a whole number from 1 to 1000.');
    const noPeer = await us.run(['--lang', 'es', 'policy', 'preview']);
    assert.equal(noPeer.code, 2);
    assert.match(noPeer.stderr, /--peer/);
    const help = await us.run(['--lang', 'es', 'policy', '--help']);
    assert.match(help.stdout.replace(/\s+/g, ' '), /mostrar qué recibiría un socio, objeto por objeto, y qué regla lo decidió/);
  });
});
