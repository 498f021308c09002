/**
 * Every text in both languages: the catalogues themselves, then `enlace` run in Mexican Spanish
 * (by `--lang es` and by the locale) and checked for Spanish text with no English left in it.
 * Real: the command's code (in-process; a few runs of the built command), files, SQLite stores.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { allCatalogues } from '../i18n/index.js';
import { indicator } from '../sync/testing.js';
import { removeTempDir, tempDir } from '../test-support/stores.js';
import { cliNode, enlace, killAll, runCli } from './testing.js';

const placeholders = (text: string) => [...text.matchAll(/{{\s*([^}\s]+)\s*}}/g)].map((m) => m[1]).sort();

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
  const leaked = englishFragments.filter((f) => text.includes(f));
  assert.deepEqual(leaked, [], `English text in Spanish output:\n${text}`);
}

describe('message catalogues', () => {
  it('have every key in English and in Spanish, non-empty, with the same placeholders', () => {
    assert.ok(Object.keys(allCatalogues).length >= 5);
    for (const [ns, { en, es }] of Object.entries(allCatalogues)) {
      assert.deepEqual(Object.keys(es).sort(), Object.keys(en).sort(), `${ns}: the same keys`);
      for (const key of Object.keys(en)) {
        assert.ok(en[key]?.trim() && es[key]?.trim(), `${ns}:${key} is empty`);
        assert.deepEqual(placeholders(es[key] ?? ''), placeholders(en[key] ?? ''), `${ns}:${key} placeholders`);
      }
    }
  });

  it('have every CLI message that the CLI names', () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const sources = [here, join(here, 'commands')].flatMap((d) =>
      readdirSync(d)
        .filter((f) => f.endsWith('.js') && !f.endsWith('.test.js'))
        .map((f) => readFileSync(join(d, f), 'utf8')),
    );
    const named = new Set(sources.flatMap((s) => [...s.matchAll(/\b(?:t|CliFailure)\('([a-z][\w.-]*)'/g)].map((m) => m[1]!)));
    for (const state of ['ok', 'failing', 'never-synced']) named.add(`status.state.${state}`);
    for (const kind of [
      'unknownCommand',
      'unknownOption',
      'missingArgument',
      'optionMissingArgument',
      'missingMandatoryOptionValue',
      'excessArguments',
    ])
      named.add(`usage.${kind}`);
    assert.ok(named.size > 60, `found ${named.size} keys`);
    const cli = allCatalogues.cli!;
    for (const key of named) assert.ok(key in cli.en && key in cli.es, `cli:${key} is missing`);
  });
});

describe('enlace in Mexican Spanish', () => {
  const work = tempDir('cli-lang');
  const mx = cliNode(join(work, 'mx'));
  const es = { LANG: 'es_MX.UTF-8' };
  let partnerCard = '';

  before(async () => {
    // A partner pinned but never started: nothing listens on port 2 (fetch refuses to try port 1).
    const us = cliNode(join(work, 'us'));
    assert.equal((await us.run(['init', '--name', 'us', '--org', 'US', '--country', 'US', '--port', '2'])).code, 0);
    partnerCard = join(work, 'us-card.json');
    writeFileSync(partnerCard, (await us.run(['peer', 'card'])).stdout);
  });
  after(async () => {
    await killAll();
    removeTempDir(work);
  });

  it('speaks Spanish from --lang es, and from the locale', async () => {
    const init = await mx.run(['--lang', 'es', 'init', '--name', 'mx', '--org', 'Unidad MX', '--country', 'MX']);
    assert.equal(init.code, 0, init.stderr);
    const [done, identity, fingerprint, next] = init.stdout.trim().split('\n');
    assert.equal(done, `Nodo "mx" creado en ${mx.dir}.`);
    assert.match(identity!, /^Identidad: identity--/);
    assert.match(fingerprint!, /^Huella de la llave \(léala a su contraparte para confirmarla\): [0-9a-f ]{79}$/);
    assert.match(next!, /^Siguiente paso: "enlace account add"/);
    assertSpanish(init.stdout);

    const again = await mx.run(['init', '--name', 'mx', '--org', 'Unidad MX', '--country', 'MX'], { env: es });
    assert.equal(again.code, 1);
    assert.equal(again.stderr.trim(), `Error: Ya existe un nodo Enlace en ${mx.dir}.`);

    const status = await mx.run(['status'], { env: { LC_ALL: 'es_MX.UTF-8' } });
    assert.match(status.stdout, /^Nodo "mx" \(Unidad MX, MX\), almacén sqlite, huella /);
    assert.match(status.stdout, /\nColección intel \([0-9a-f-]+\), objetos: 1\n/);
    assert.match(status.stdout, /\nAún no hay pares\. Agregue uno con "enlace peer add --url <URL del nodo>"\./);
    assertSpanish(status.stdout);

    const english = await mx.run(['--lang', 'en', 'status'], { env: es });
    assert.match(english.stdout, /^Node "mx"/, '--lang wins over the locale');
    const byVariable = await mx.run(['peer', 'list'], { env: { ENLACE_LANG: 'es', LANG: 'en_US.UTF-8' } });
    assert.match(byVariable.stdout, /^Aún no hay pares/);
  });

  it('reports failures in Spanish: peers, import and sync', async () => {
    const unconfirmed = await mx.run(['peer', 'add', '--card', partnerCard], { env: es });
    assert.equal(unconfirmed.code, 1);
    assert.match(unconfirmed.stdout, /^Par "us" \(US, US\) en http:\/\/127\.0\.0\.1:\d+/);
    assert.match(unconfirmed.stderr, /^No se agregó: la huella no fue confirmada/);
    const wrong = await mx.run(['peer', 'add', '--card', partnerCard, '--fingerprint', '00'], { env: es });
    assert.match(wrong.stderr, /^Error: La huella que confirmó no coincide con la llave de la tarjeta del socio/);
    assert.equal((await mx.run(['peer', 'add', '--card', partnerCard, '--yes'], { env: es })).code, 0);

    const broken = join(work, 'broken.jsonl');
    writeFileSync(broken, 'not json\n');
    const badLine = await mx.run(['import', broken], { env: es });
    assert.equal(badLine.code, 1);
    assert.match(badLine.stderr, /^Error: La línea 1 de .*broken\.jsonl no es un objeto JSON: /);

    const mixed = join(work, 'mixed.jsonl');
    const invalid = { ...indicator(), pattern_type: undefined };
    writeFileSync(mixed, `${JSON.stringify(indicator())}\n${JSON.stringify(invalid)}\n`);
    const rejected = await mx.run(['import', mixed], { env: es });
    assert.equal(rejected.code, 1);
    assert.match(rejected.stdout, /^Se importaron 1 nuevos, 0 ya existentes, 1 rechazados, desde /);
    assert.match(rejected.stderr, new RegExp(`^ {2}rechazado ${invalid.id}: El objeto no es STIX 2\\.1 válido: /pattern_type: `));
    assertSpanish(rejected.stdout + rejected.stderr);

    const sync = await mx.run(['sync'], { env: es });
    assert.equal(sync.code, 1);
    assert.match(sync.stderr, /^us: falló la sincronización: No se pudo contactar al par us: ECONNREFUSED/);
    assertSpanish(sync.stderr);
    const status = await mx.run(['status'], { env: es });
    assert.match(status.stdout, /\nPar us: CON FALLAS; último éxito nunca; /);
  });

  it('shows help and usage errors in Spanish, with a non-zero exit for mistakes', async () => {
    const help = await enlace(['--lang', 'es', '--help']);
    assert.equal(help.code, 0);
    for (const text of [
      'Uso: enlace',
      'Opciones:',
      'Comandos:',
      'crea un nodo: par de llaves',
      'muestra la ayuda del comando',
      'registra, lista y elimina nodos socios',
    ]) {
      assert.ok(help.stdout.includes(text), `help shows "${text}"`);
    }
    assertSpanish(help.stdout);
    const initHelp = await enlace(['init', '--help'], { env: es });
    assert.match(initHelp.stdout, /puerto TCP en el que escucha \(predeterminado: 7001\)/);
    assertSpanish(initHelp.stdout);

    const cases: [string[], RegExp][] = [
      [['bogus'], /^Error: comando desconocido 'bogus'\nEjecute "enlace --help"/],
      [['stauts'], /^Error: comando desconocido 'stauts' \(¿quiso decir status\?\)/],
      [['--dir', mx.dir, 'status', '--bogus'], /^Error: opción desconocida '--bogus'/],
      [['init', '--org', 'X', '--country', 'MX'], /^Error: no se indicó la opción obligatoria '--name <name>'/],
      [['peer', 'remove'], /^Error: falta el argumento obligatorio 'name'/],
      [['--dir', mx.dir, 'export', '--since'], /^Error: falta el valor de la opción '--since <timestamp>'/],
    ];
    for (const [args, expected] of cases) {
      const r = await enlace(args, { env: es });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, expected);
      assertSpanish(r.stderr);
    }
    const inEnglish = await enlace(['bogus']);
    assert.equal(inEnglish.code, 2);
    assert.match(inEnglish.stderr, /^Error: unknown command 'bogus'\nRun "enlace --help"/);
  });

  it('does the same as the installed command, in its own process', async () => {
    const [usage, help, none] = await Promise.all([runCli(['bogus'], { env: es }), runCli(['--help']), runCli([])]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /^Error: comando desconocido 'bogus'/);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: enlace \[options\] \[command\]/);
    assert.notEqual(none.code, 0, 'no command is a mistake');
    assert.match(none.stderr, /^Usage: enlace/);
  });
});
