import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { forEachBackend, tempDir, removeTempDir } from './stores.js';

const suite = fileURLToPath(new URL('./fixtures/one-backend-suite.js', import.meta.url));
const UNREACHABLE = 'postgres://postgres@127.0.0.1:1/test';

function runSuite(env: Record<string, string>) {
  // Without the runner's context variable, the child runs as a test run of its own.
  const { NODE_TEST_CONTEXT: _runnerContext, ...inherited } = process.env;
  const child = spawnSync(process.execPath, ['--test', suite], {
    env: { ...inherited, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: child.status, out: `${child.stdout}${child.stderr}` };
}

describe('test support: forEachBackend without PostgreSQL', () => {
  it('skips the PostgreSQL block with a clear line outside CI', () => {
    const { status, out } = runSuite({ ENLACE_TEST_PG_URL: UNREACHABLE, CI: 'false' });
    assert.equal(status, 0, out);
    assert.match(out, /PostgreSQL not reachable at postgres:\/\/postgres@127\.0\.0\.1:1\/test: PostgreSQL store tests skipped/);
    assert.match(out, /# pass 1/, 'the SQLite block still ran');
  });

  it('fails the PostgreSQL block under CI=true', () => {
    const { status, out } = runSuite({ ENLACE_TEST_PG_URL: UNREACHABLE, CI: 'true' });
    assert.notEqual(status, 0, out);
    assert.match(out, /PostgreSQL is required under CI=true but postgres:\/\/postgres@127\.0\.0\.1:1\/test is unreachable/);
  });
});

describe('test support: temp dirs', () => {
  it('makes and removes a fresh directory', () => {
    const a = tempDir('x/../y');
    const b = tempDir('x/../y');
    assert.notEqual(a, b);
    assert.ok(existsSync(a) && !a.includes('..'));
    removeTempDir(a);
    removeTempDir(b);
    assert.equal(existsSync(a), false);
  });
});

forEachBackend('test support: every open() is a fresh database', (open, ctx) => {
  it('gives isolated stores, and a second connection to the same one on request', async () => {
    const a = await open();
    const b = await open();
    await a.createCollection({ id: 'only-a', title: 'A' });
    assert.deepEqual(await b.listCollections(), []);
    const a2 = await ctx.openWith({}, a);
    assert.deepEqual(
      (await a2.listCollections()).map((c) => c.id),
      ['only-a'],
    );
    assert.equal(ctx.optionsOf(a).kind, ctx.kind);
  });
});
