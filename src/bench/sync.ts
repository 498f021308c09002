/**
 * `npm run bench:sync`: node A holds N signed STIX objects; node B pulls them all over TAXII on
 * loopback (validating, verifying signatures, storing), once with SQLite on both sides and once
 * with PostgreSQL. Prints objects/s end to end, p50/p99 page latency and each node's peak RSS.
 * A benchmark reports numbers; it asserts nothing but that every object arrived.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { initNode } from '../node/init.js';
import { openNode } from '../node/open.js';
import { addPeer, nodeCard } from '../peers/service.js';
import { PeerClient } from '../sync/client.js';
import { pullFromPeer } from '../sync/pull.js';
import { CLI_ENTRY, startNode } from '../demo/nodes.js';
import { benchObject } from './objects.js';
import { memoryOf, percentile, pgAvailable } from './measure.js';

const N = Number(process.env.BENCH_OBJECTS ?? 100_000);
const PG_URL = process.env.ENLACE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function writeObjects(file: string): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; i < N; i++) {
    if (!out.write(JSON.stringify(benchObject(i)) + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

async function run(backend: 'sqlite' | 'postgres', jsonl: string): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), `enlace-bench-${backend}-`));
  const schemas = [`bench_a_${randomUUID().slice(0, 8)}`, `bench_b_${randomUUID().slice(0, 8)}`];
  const db = backend === 'postgres' ? { databaseUrl: PG_URL } : {};
  const portA = 7400 + Math.floor(Math.random() * 500);
  const portB = portA + 1;
  const dirA = join(work, 'a');
  const dirB = join(work, 'b');
  await initNode(dirA, {
    name: 'a',
    organisation: 'Bench A',
    country: 'US',
    port: portA,
    ...db,
    databaseSchema: db.databaseUrl ? schemas[0] : undefined,
  });
  await initNode(dirB, {
    name: 'b',
    organisation: 'Bench B',
    country: 'MX',
    port: portB,
    ...db,
    databaseSchema: db.databaseUrl ? schemas[1] : undefined,
  });
  const a = await openNode(dirA);
  const b = await openNode(dirB);
  await addPeer(a, nodeCard(b), nodeCard(b).fingerprint);
  await addPeer(b, nodeCard(a), nodeCard(a).fingerprint);
  // What A's administrators decide for B: GREEN and AMBER go (every benchmark object is one or the other).
  await a.release.save(
    {
      unmarked_as: 'amber',
      default: { allow_green: true, allow_amber: true, ceiling: 'amber', allow_third_party: false },
      peers: {},
    },
    'bench',
  );
  await a.store.close();

  const importStart = performance.now();
  const imported = spawnSync(process.execPath, [CLI_ENTRY, '--dir', dirA, 'import', jsonl], { encoding: 'utf8' });
  if (imported.status !== 0) throw new Error(`import failed: ${imported.stderr}`);
  const importSeconds = (performance.now() - importStart) / 1000;

  const nodeA = await startNode(dirA, portA);
  let peakA = 0;
  let peakB = 0;
  const sampler = setInterval(() => {
    try {
      peakA = Math.max(peakA, memoryOf(nodeA.pid ?? 0).rss);
    } catch {
      // process gone
    }
    peakB = Math.max(peakB, process.memoryUsage().rss);
  }, 50);

  const pages: number[] = [];
  const peer = await b.store.getPeer('a');
  if (!peer) throw new Error('peer a missing');
  const started = performance.now();
  const result = await pullFromPeer(b, new PeerClient(b, peer), 1000, { onPage: (ms) => pages.push(ms) });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peakA = Math.max(peakA, memoryOf(nodeA.pid ?? 0).hwm);
  peakB = Math.max(peakB, process.resourceUsage().maxRSS * 1024);
  nodeA.kill('SIGTERM');
  await once(nodeA, 'exit');

  pages.sort((x, y) => x - y);
  const held = await b.store.countObjects((await b.store.listCollections())[0]?.id ?? '');
  await b.store.close();
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  console.log(`\n== ${backend} → ${backend}: ${N} objects ==`);
  console.log(`import into A (validate, sign, store): ${(N / importSeconds).toFixed(0)} objects/s`);
  console.log(
    `pull A → B end to end (TAXII GET, validate, verify signature, store): ${(result.added / seconds).toFixed(0)} objects/s (${result.added} objects in ${seconds.toFixed(1)} s, ${result.rejected} rejected)`,
  );
  console.log(
    `page latency (1000 objects, GET only): p50 ${percentile(pages, 50).toFixed(1)} ms, p99 ${percentile(pages, 99).toFixed(1)} ms, max ${(pages[pages.length - 1] ?? 0).toFixed(1)} ms over ${pages.length} pages`,
  );
  console.log(`peak RSS: node A (serving) ${mb(peakA)}, node B (pulling, incl. benchmark harness) ${mb(peakB)}`);
  console.log(`B holds ${held} objects (A's ${N} plus B's own identity)`);

  rmSync(work, { recursive: true, force: true });
  if (backend === 'postgres') {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
    await c.end();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'enlace-bench-data-'));
  const jsonl = join(dir, 'objects.jsonl');
  await writeObjects(jsonl);
  console.log(
    `Enlace sync benchmark: ${N} STIX objects (${(readFileSync(jsonl).length / N).toFixed(0)} bytes each on average before signing)`,
  );
  await run('sqlite', jsonl);
  if (await pgAvailable(PG_URL)) await run('postgres', jsonl);
  else console.log(`\nPostgreSQL not reachable at ${PG_URL}: PostgreSQL run skipped`);
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
