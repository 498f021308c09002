/**
 * `npm run bench:console`: a node holding N objects (100,000 by default; BENCH_OBJECTS to change),
 * stored through the intake (validated, signed), served over loopback HTTP; a signed-in console
 * session asks for the first page of the intelligence list again and again. Prints p50/p99 of the
 * whole request (session check, search, JSON) per kind of query, on SQLite and on PostgreSQL.
 * A benchmark reports numbers; it asserts nothing but that the pages came back.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { createAccount } from '../accounts/service.js';
import { ingestObjects } from '../intake/service.js';
import { initNode } from '../node/init.js';
import { openNode } from '../node/open.js';
import { buildApp } from '../server/app.js';
import { benchObject } from './objects.js';
import { percentile, pgAvailable } from './measure.js';

const N = Number(process.env.BENCH_OBJECTS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const PG_URL = process.env.ENLACE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const BATCH = 1000;

/** The first page of each kind of query a person makes in the list. */
const QUERIES: [label: string, query: string][] = [
  ['no filter', ''],
  ['q= common word (fentanyl)', 'q=fentanyl'],
  ['q= one match (benchmark record 99917)', 'q=benchmark%20record%2099917'],
  ['q= no match', 'q=zzz-nowhere'],
  ['type+marking (location, amber)', 'type=location&marking=amber'],
  ['type+marking, no match (indicator, red)', 'type=indicator&marking=red'],
];

async function measure(url: string, cookie: string, label: string): Promise<void> {
  for (const [name, query] of QUERIES) {
    const times: number[] = [];
    let count = 0;
    for (let i = 0; i < RUNS + 3; i++) {
      const started = performance.now();
      const res = await fetch(`${url}/console/api/objects?${query}`, { headers: { cookie, accept: 'application/json' } });
      const body = (await res.json()) as { items?: unknown[] };
      const ms = performance.now() - started;
      if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
      count = body.items?.length ?? 0;
      if (i >= 3) times.push(ms);
    }
    times.sort((a, b) => a - b);
    console.log(
      `  ${label.padEnd(18)} ${name.padEnd(42)} p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms  p99 ${percentile(times, 99).toFixed(1).padStart(6)} ms  (${count} items)`,
    );
  }
}

async function run(backend: 'sqlite' | 'postgres'): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), `enlace-bench-console-${backend}-`));
  const schema = `bench_console_${randomUUID().slice(0, 8)}`;
  const dir = join(work, 'us');
  const init = await initNode(dir, {
    name: 'us',
    organisation: 'Bench US',
    country: 'US',
    port: 0,
    ...(backend === 'postgres' ? { databaseUrl: PG_URL, databaseSchema: schema } : {}),
  });
  const ctx = await openNode(dir, { log: pino({ level: 'silent' }) });
  try {
    await createAccount(ctx.store, { username: 'analyst', password: 'analyst-password', roles: ['analyst'] });
    const seeding = performance.now();
    for (let start = 0; start < N; start += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, N - start) }, (_, k) => benchObject(start + k));
      const results = await ingestObjects(ctx, init.collectionId, batch, { kind: 'account', username: 'analyst' });
      const refused = results.find((r) => r.outcome === 'rejected');
      if (refused) throw new Error(`seeding refused an object: ${refused.error?.message}`);
    }
    const seconds = (performance.now() - seeding) / 1000;
    console.log(
      `\n== ${backend}: ${await ctx.store.countObjects(init.collectionId)} objects (stored through the intake in ${seconds.toFixed(0)} s) ==`,
    );

    const app = await buildApp(ctx);
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const address = app.server.address();
      const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      const signIn = await fetch(`${url}/console/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'analyst', password: 'analyst-password' }),
      });
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      if (signIn.status !== 200 || !cookie) throw new Error(`sign-in failed: HTTP ${signIn.status}`);
      // The very first request after the bulk load: on PostgreSQL the planner may have no statistics
      // yet; the store then refreshes them in the background (src/store/console-records.ts).
      const first = performance.now();
      const res = await fetch(`${url}/console/api/objects`, { headers: { cookie, accept: 'application/json' } });
      await res.arrayBuffer();
      console.log(`  very first request after the load: ${(performance.now() - first).toFixed(1)} ms`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await measure(url, cookie, 'first page');
    } finally {
      await app.close();
    }
  } finally {
    await ctx.store.close();
    rmSync(work, { recursive: true, force: true });
    if (backend === 'postgres') {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    }
  }
}

async function main(): Promise<void> {
  console.log(
    `Enlace console list benchmark: first page (50 items) of /console/api/objects over loopback HTTP with a session, ${RUNS} requests per query`,
  );
  await run('sqlite');
  if (await pgAvailable(PG_URL)) await run('postgres');
  else console.log(`\nPostgreSQL not reachable at ${PG_URL}: PostgreSQL run skipped`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
