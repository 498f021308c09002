/**
 * Store write throughput: batches of 1,000 versions of ~1.5 KB, as a pull page would bring,
 * on SQLite and (when reachable) PostgreSQL. Not a test; run after a build with
 *   node dist/store/bench-store.js [batches]
 */
import { join } from 'node:path';
import { openStoreInternal } from './open.js';
import type { StoreOptions } from './open.js';
import { makeVersion } from './test-versions.js';
import { TEST_PG_URL, dropSchema, pgAvailable, randomSchemaName, redactUrl, removeTempDir, tempDir } from '../test-support/stores.js';

const BATCH = 1000;
const batches = Number(process.argv[2] ?? 20);

async function bench(label: string, options: StoreOptions): Promise<void> {
  const store = await openStoreInternal(options);
  try {
    await store.createCollection({ id: 'bench', title: 'Bench' });
    const pages = Array.from({ length: batches }, () => Array.from({ length: BATCH }, () => makeVersion({ padTo: 1500 })));
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    for (const page of pages) await store.putVersions('bench', page);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    // On a shared machine wall time swings with other load; this process's CPU time per
    // version does much less (for PostgreSQL it leaves out the server's share).
    const cpuUsPerVersion = (cpu.user + cpu.system) / (batches * BATCH);
    const resend = performance.now();
    await store.putVersions('bench', pages[0]!);
    const dupSeconds = (performance.now() - resend) / 1000;
    console.log(
      `${label}: ${Math.round((batches * BATCH) / seconds)} versions/s stored ` +
        `(${batches} batches of ${BATCH}, ${seconds.toFixed(2)} s; ${cpuUsPerVersion.toFixed(1)} µs of this process's CPU each); ` +
        `a batch of duplicates: ${Math.round(BATCH / dupSeconds)} versions/s`,
    );
  } finally {
    await store.close();
  }
}

const dir = tempDir('bench-store');
try {
  await bench('sqlite', { kind: 'sqlite', file: join(dir, 'enlace.db') });
} finally {
  removeTempDir(dir);
}
if (await pgAvailable()) {
  const schema = randomSchemaName();
  try {
    await bench('postgres', { kind: 'postgres', url: TEST_PG_URL, schema });
  } finally {
    await dropSchema(schema);
  }
} else {
  console.log(`postgres: not reachable at ${redactUrl(TEST_PG_URL)}, skipped`);
}
