/**
 * `enlace init`, `peer card|add|list|remove`, `account add` and `token create`, run as a person
 * would: the built command in a child process, with no terminal on standard input.
 * Real: processes, files, stores (each backend). What they leave is read back in-process.
 */
import { readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { authenticatePassword, authenticateToken } from '../accounts/service.js';
import { CONFIG_FILE, KEY_FILE, loadConfig } from '../config/index.js';
import { formatFingerprint } from '../crypto/index.js';
import { openNode } from '../node/open.js';
import { parseNodeCard, type NodeCard } from '../peers/service.js';
import { SIGNATURE_EXTENSION_ID } from '../stix/index.js';
import { forEachNodeBackend } from '../test-support/nodes.js';
import { dropSchema, randomSchemaName, removeTempDir, tempDir, TEST_PG_URL } from '../test-support/stores.js';
import { cliEnv, cliNode, killAll, type CliNode, type CliRun } from './testing.js';

/**
 * Runs commands on one node one after another. Concurrent in-process runs on one SQLite file
 * would wait on each other's write lock inside a single event loop; separate processes do not.
 */
async function inTurn<const T extends readonly (readonly string[])[]>(node: CliNode, runs: T): Promise<{ [K in keyof T]: CliRun }> {
  const out: CliRun[] = [];
  for (const args of runs) out.push(await node.run([...args]));
  return out as { [K in keyof T]: CliRun };
}

forEachNodeBackend('enlace init, peer, account and token', (backend) => {
  const work = tempDir(`cli-nodes-${backend}`);
  const schemas = backend === 'postgres' ? [randomSchemaName(), randomSchemaName()] : [];
  const us = cliNode(join(work, 'us'));
  const mx = cliNode(join(work, 'mx'));
  const dbArgs = (i: number) => (backend === 'postgres' ? ['--database-url', TEST_PG_URL, '--database-schema', schemas[i]!] : []);
  const open = (n: CliNode) => openNode(n.dir, { env: cliEnv(), log: pino({ level: 'silent' }) });
  let cardOfMx: NodeCard;
  const cardFile = join(work, 'mx-card.json');

  before(async () => {
    const [a, b] = await Promise.all([
      us.run(['init', '--name', 'us', '--org', 'U.S. task force', '--country', 'us', '--port', '7301', ...dbArgs(0)]),
      mx.run(['init', '--name', 'mx', '--org', 'Unidad MX', '--country', 'MX', '--port', '7302', ...dbArgs(1)]),
    ]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
  });
  after(async () => {
    await killAll();
    for (const s of schemas) await dropSchema(s);
    removeTempDir(work);
  });

  it('init creates the key, the config and a self-signed identity, and says what to do next', async () => {
    const config = loadConfig(us.dir, cliEnv()).config;
    assert.equal(config.node.country, 'US');
    assert.equal(config.http.publicUrl, 'http://127.0.0.1:7301');
    assert.equal(statSync(join(us.dir, KEY_FILE)).mode & 0o777, 0o600, 'the private key is readable by its owner only');
    assert.equal(statSync(join(us.dir, CONFIG_FILE)).mode & 0o777, 0o600);
    const ctx = await open(us);
    try {
      const [identity] = await ctx.store.findVersionsAnywhere(config.node.identityId);
      assert.ok(identity, 'the identity object is stored');
      assert.equal(identity.originator, config.node.identityId);
      const page = await ctx.store.queryObjects({
        collectionId: identity.collectionId,
        ids: [identity.id],
        versions: { all: true, first: false, last: false, timestampsUs: [] },
        limit: 1,
        withBody: true,
      });
      const body = JSON.parse(page.rows[0]?.body ?? '{}') as { name?: string; extensions?: Record<string, { signer?: string }> };
      assert.equal(body.name, 'U.S. task force');
      assert.equal(body.extensions?.[SIGNATURE_EXTENSION_ID]?.signer, config.node.identityId);
      assert.equal(ctx.store.backend, backend);
    } finally {
      await ctx.store.close();
    }
  });

  it('init refuses a second node in the same directory and leaves the first untouched', async () => {
    const before = readFileSync(join(us.dir, CONFIG_FILE), 'utf8');
    const key = readFileSync(join(us.dir, KEY_FILE), 'utf8');
    const r = await us.run(['init', '--name', 'other', '--org', 'Other', '--country', 'US', ...dbArgs(0)]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim(), `Error: An Enlace node already exists in ${us.dir}.`);
    assert.equal(readFileSync(join(us.dir, CONFIG_FILE), 'utf8'), before);
    assert.equal(readFileSync(join(us.dir, KEY_FILE), 'utf8'), key);
  });

  it('init names the option a person typed wrong, and leaves nothing behind', async () => {
    const bad = cliNode(join(work, 'bad'));
    const cases: [string[], RegExp][] = [
      [
        ['--name', 'US Node', '--org', 'X', '--country', 'US'],
        /The value "US Node" of name is not valid: expected 1 to 32 lower-case letters/,
      ],
      [['--name', 'x', '--org', 'X', '--country', 'USA'], /The value "USA" of country is not valid/],
      [
        ['--name', 'x', '--org', 'X', '--country', 'US', '--port', '70000'],
        /The value "70000" of port is not valid: expected a whole number from 0 to 65535/,
      ],
      [['--name', 'x', '--org', 'X', '--country', 'US', '--port', 'http'], /The value "http" of port is not valid/],
      [['--name', 'x', '--org', 'X', '--country', 'US', '--public-url', 'not a url'], /The configuration is not valid: http\.publicUrl: /],
    ];
    const runs = await Promise.all(cases.map(([args]) => bad.run(['init', ...args, ...dbArgs(0)])));
    runs.forEach((r, i) => {
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, cases[i]![1]);
      assert.doesNotMatch(r.stderr, /ZodError|"code":|at .*\.js/, 'no stack trace or raw validator dump');
    });
    assert.equal(existsSync(join(bad.dir, CONFIG_FILE)), false);
  });

  it('peer card prints a card that checks out, with the fingerprint init showed', async () => {
    const r = await mx.run(['peer', 'card']);
    assert.equal(r.code, 0, r.stderr);
    cardOfMx = parseNodeCard(JSON.parse(r.stdout));
    assert.equal(cardOfMx.name, 'mx');
    assert.equal(cardOfMx.url, 'http://127.0.0.1:7302');
    writeFileSync(cardFile, r.stdout);
  });

  it('peer add refuses a card whose fingerprint was not confirmed, or was confirmed wrong, or was altered', async () => {
    const tampered = join(work, 'tampered.json');
    writeFileSync(tampered, JSON.stringify({ ...cardOfMx, fingerprint: 'f'.repeat(64) }));
    const [unconfirmed, wrong, altered, neither] = await inTurn(us, [
      ['peer', 'add', '--card', cardFile],
      ['peer', 'add', '--card', cardFile, '--fingerprint', 'ab'.repeat(32)],
      ['peer', 'add', '--card', tampered, '--yes'],
      ['peer', 'add'],
    ]);
    assert.equal(unconfirmed.code, 1);
    assert.match(unconfirmed.stdout, /Peer "mx" \(Unidad MX, MX\) at http:\/\/127\.0\.0\.1:7302/);
    assert.match(unconfirmed.stderr, /Not added: the fingerprint was not confirmed/);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /does not match the key in the partner's card/);
    assert.ok(wrong.stderr.includes(formatFingerprint(cardOfMx.fingerprint)));
    assert.equal(altered.code, 1);
    assert.match(altered.stderr, /The node card is not valid: fingerprint/);
    assert.equal(neither.code, 1);
    assert.match(neither.stderr, /--card <file> or --url <node URL>/);
    const list = await us.run(['peer', 'list']);
    assert.match(list.stdout, /^No peers yet\./);
  });

  it('peer add pins the partner when the fingerprint read aloud matches, spaces and case aside', async () => {
    const spoken = formatFingerprint(cardOfMx.fingerprint).toUpperCase();
    const r = await us.run(['peer', 'add', '--card', cardFile, '--fingerprint', spoken]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Peer "mx" added and pinned/);
    const [again, list] = await inTurn(us, [
      ['peer', 'add', '--card', cardFile, '--yes'],
      ['peer', 'list'],
    ]);
    const self = await mx.run(['peer', 'add', '--card', cardFile, '--yes']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /A peer named "mx" already exists/);
    assert.equal(self.code, 1);
    assert.match(self.stderr, /A node cannot be its own peer/);
    assert.equal(list.stdout.trim(), `mx  MX  Unidad MX  http://127.0.0.1:7302  ${formatFingerprint(cardOfMx.fingerprint)}`);
  });

  it('peer remove unpins it; removing an unknown peer fails', async () => {
    const r = await us.run(['peer', 'remove', 'mx']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'Peer "mx" removed.');
    const [list, unknown] = await inTurn(us, [
      ['peer', 'list'],
      ['peer', 'remove', 'mx'],
    ]);
    assert.match(list.stdout, /^No peers yet\./);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No peer named "mx"/);
  });

  it('account add creates a sign-in; token create issues a token that authenticates as that account', async () => {
    const [added, noPassword, badRole] = await inTurn(us, [
      ['account', 'add', 'ana.lopez', '--role', 'analyst,liaison', '--password', 'correct horse battery', '--locale', 'es-MX'],
      ['account', 'add', 'nopass', '--role', 'analyst'],
      ['account', 'add', 'wizard', '--role', 'wizard', '--password', 'long enough password'],
    ]);
    const fromEnv = await us.run(['account', 'add', 'tool', '--role', 'connector'], { env: { ENLACE_PASSWORD: 'from-the-environment' } });
    assert.equal(added.code, 0, added.stderr);
    assert.equal(added.stdout.trim(), 'Account "ana.lopez" created with roles analyst, liaison.');
    assert.equal(fromEnv.code, 0, fromEnv.stderr);
    assert.equal(noPassword.code, 1);
    assert.match(noPassword.stderr, /A password is required: pass --password or set ENLACE_PASSWORD/);
    assert.equal(badRole.code, 1);
    assert.match(badRole.stderr, /wizard/);

    const [token, unknown] = await inTurn(us, [
      ['token', 'create', 'tool', '--label', 'opencti'],
      ['token', 'create', 'nobody'],
    ]);
    assert.equal(token.code, 0, token.stderr);
    const issued = /: (enl_\S+)$/.exec(token.stdout.trim())?.[1];
    assert.ok(issued, token.stdout);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No account "nobody"/);

    const ctx = await open(us);
    try {
      const ana = await authenticatePassword(ctx.store, 'ana.lopez', 'correct horse battery');
      assert.equal(ana?.kind, 'account');
      assert.ok(ana?.permissions.has('sync:run'));
      assert.equal(await authenticatePassword(ctx.store, 'ana.lopez', 'wrong password!'), null);
      assert.ok(await authenticatePassword(ctx.store, 'tool', 'from-the-environment'));
      assert.equal(await ctx.store.getAccountByUsername('nopass'), null);
      const byToken = await authenticateToken(ctx.store, issued);
      assert.ok(byToken?.kind === 'account' && byToken.account.username === 'tool');
    } finally {
      await ctx.store.close();
    }
  });
});
