import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { freePort } from '../test-support/nodes.js';
import { removeTempDir, tempDir } from '../test-support/stores.js';

const DEMO = fileURLToPath(new URL('./main.js', import.meta.url));

function runDemo(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [DEMO], {
      env: { ...process.env, ...env, ENLACE_DEMO_EXIT: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe('npm run demo', () => {
  const dir = tempDir('demo');
  after(() => removeTempDir(dir));

  it('refuses to start when a port it needs is taken, touching nothing (another demo may be serving there)', async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    try {
      const port = (taken.address() as { port: number }).port;
      const own = join(dir, 'refused');
      const run = await runDemo({
        ENLACE_DEMO_DIR: own,
        ENLACE_DEMO_US_PORT: String(port),
        ENLACE_DEMO_MX_PORT: String(await freePort()),
        LANG: 'en_US.UTF-8',
      });
      assert.equal(run.code, 1, run.out);
      assert.match(run.out, new RegExp(`Port ${port} is already in use`));
      assert.equal(existsSync(own), false);
    } finally {
      taken.close();
    }
  });

  it('starts two nodes, saves their release policies, seeds, syncs both ways as the policies allow, revokes, and a second run resumes cleanly', async () => {
    const env = {
      ENLACE_DEMO_DIR: dir,
      ENLACE_DEMO_US_PORT: String(await freePort()),
      ENLACE_DEMO_MX_PORT: String(await freePort()),
      LANG: 'en_US.UTF-8',
    };
    const first = await runDemo(env);
    assert.equal(first.code, 0, first.out);
    assert.match(first.out, /Seeded the U\.S\. node: \d+ accepted, 0 refused/);
    assert.match(first.out, /Mexico node: \d+ own objects, [1-9]\d* received from the partner/);
    assert.match(first.out, /U\.S\. node: \d+ own objects, [1-9]\d* received from the partner/);
    assert.match(first.out, /4 held, 0 reached Mexico/);
    assert.match(first.out, /Release policy of the U\.S\. node for mx \(version 2\): GREEN: yes, AMBER: yes, ceiling TLP:AMBER\+STRICT/);
    assert.match(first.out, /Release policy of the Mexico node for us \(version 2\)/);
    assert.match(first.out, /revoked indicator--[0-9a-f-]+; versions of it Mexico holds: 1; the revoked one: yes/);
    assert.match(first.out, /\d+ released as they are, [1-9]\d* redacted \([1-9]\d* properties withheld\), [1-9]\d* withheld/);
    assert.match(first.out, /withheld, by rule .*TLP:RED 4/);
    assert.match(first.out, /withheld, by rule .*AMBER\+STRICT not naming Mexico [1-9]/);
    assert.match(first.out, /withheld, by rule .*not on the releasability list [1-9]/);
    assert.match(first.out, /Mexico holds exactly what the policy releases: yes \([1-9]\d* objects; revoked: 1\)/);
    assert.match(first.out, new RegExp(`U\\.S\\.  http://127\\.0\\.0\\.1:${env.ENLACE_DEMO_US_PORT}/console/`));
    assert.match(first.out, new RegExp(`Mexico  http://127\\.0\\.0\\.1:${env.ENLACE_DEMO_MX_PORT}/console/`));

    // The drone scene: the Tijuana drone seen only by Mexico is an alert on the U.S. side within a second,
    // with its pilot; the U.S. acknowledgement shows on the Mexican side.
    const alert = /\[U\.S\. console\] ALERT: Drone crossed into the United States near .* on the U\.S\. stream (\d+) ms after/.exec(
      first.out,
    );
    assert.ok(alert, first.out);
    assert.ok(Number(alert[1]) < 1000, `alert after ${alert[1]} ms`);
    assert.match(first.out, /pilot at 32\.\d+, -11[67]\.\d+ \(take-off point\), \d+ m from the line on the Mexican side/);
    assert.match(
      first.out,
      /analyst\.us acknowledged it on the U\.S\. console; the Mexico console showed "acknowledged by analyst\.us \(US\)" \d+ ms later/,
    );
    assert.match(first.out, /Sensors sent \d+ reports: [1-9]\d* detections accepted, 0 refused, 0 failed/);

    const second = await runDemo({ ...env, LANG: 'es_MX.UTF-8' });
    assert.equal(second.code, 0, second.out);
    // Same objects again: each is a duplicate, accepted as a no-op, and nothing changes.
    assert.match(second.out, /Nodo EE\. UU\. cargado: \d+ aceptados, 0 rechazados/);
    const holdings = (text: string) => text.match(/\d+ (own objects|objetos propios), \d+/g)?.map((s) => s.replace(/\D+/g, ' ').trim());
    assert.deepEqual(holdings(second.out), holdings(first.out));
    // The policies are saved once, the revocation sent once: the second run finds them in force.
    assert.match(second.out, /Política de difusión del nodo EE\. UU\. para mx \(versión 2\)/);
    assert.match(second.out, /versiones que México tiene de él: 1; la revocada: sí/);
    assert.match(second.out, /México tiene exactamente lo que la política entrega: sí/);
    const counts = (text: string) =>
      text
        .match(/\d+ (released as they are|entregados tal cual).*/)?.[0]
        .replace(/\D+/g, ' ')
        .trim();
    assert.equal(counts(second.out), counts(first.out));
    assert.match(second.out, /\[consola de EE\. UU\.\] ALERTA: .* en el flujo de EE\. UU\. \d+ ms después/);
    assert.match(second.out, /la consola de México mostró "atendida por analyst\.us \(US\)"/);
  });
});
