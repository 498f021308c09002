import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { freePort } from '../test-support/nodes.js';
import { removeTempDir, tempDir } from '../test-support/stores.js';

const DEMO = fileURLToPath(new URL('./main.js', import.meta.url));

function runDemo(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [DEMO], { env: { ...process.env, ...env, ENLACE_DEMO_EXIT: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe('npm run demo', () => {
  const dir = tempDir('demo');
  after(() => removeTempDir(dir));

  it('starts two nodes, seeds, syncs both ways without leaking TLP:RED, and a second run resumes cleanly', async () => {
    const env = { ENLACE_DEMO_DIR: dir, ENLACE_DEMO_US_PORT: String(await freePort()), ENLACE_DEMO_MX_PORT: String(await freePort()), LANG: 'en_US.UTF-8' };
    const first = await runDemo(env);
    assert.equal(first.code, 0, first.out);
    assert.match(first.out, /Seeded the U\.S\. node: \d+ accepted, 0 refused/);
    assert.match(first.out, /Mexico node: \d+ own objects, [1-9]\d* received from the partner/);
    assert.match(first.out, /U\.S\. node: \d+ own objects, [1-9]\d* received from the partner/);
    assert.match(first.out, /3 held, 0 reached Mexico/);

    const second = await runDemo({ ...env, LANG: 'es_MX.UTF-8' });
    assert.equal(second.code, 0, second.out);
    // Same objects again: each is a duplicate, accepted as a no-op, and nothing changes.
    assert.match(second.out, /Nodo EE\. UU\. cargado: \d+ aceptados, 0 rechazados/);
    const holdings = (text: string) => text.match(/\d+ (own objects|objetos propios), \d+/g)?.map((s) => s.replace(/\D+/g, ' ').trim());
    assert.deepEqual(holdings(second.out), holdings(first.out));
  });
});
