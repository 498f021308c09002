/**
 * The transparency log as a node runs it: appends through the node's recorder into its store
 * (SQLite, then PostgreSQL when reachable), deduplication index included. Batches of 1,000
 * are what a served or pulled page records; single appends are the worst case.
 *
 *   node dist/bench/trust-store-log.js [batched entries] [single entries]
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { generateNodeKeyPair, loadPrivateKey } from '../crypto/index.js';
import { createNodeAudit } from '../audit/node-audit.js';
import type { ExchangedVersion } from '../node/context.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import { dropSchema, pgAvailable, randomSchemaName, removeTempDir, tempDir, TEST_PG_URL } from '../test-support/stores.js';

const BATCHED = Number(process.argv[2] ?? 200_000);
const SINGLE = Number(process.argv[3] ?? 5_000);
const PAGE = 1000;

/** The i-th exchange: a distinct object each time, as a page of a sync carries. */
function version(i: number): ExchangedVersion {
  const h = createHash('sha256').update(String(i)).digest('hex');
  return {
    objectId: `indicator--${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`,
    version: '2026-10-01T12:00:00.000Z',
    contentHash: h,
  };
}

async function run(label: string, store: Store): Promise<void> {
  const keys = generateNodeKeyPair();
  const audit = createNodeAudit({
    store,
    logId: 'identity--6f3c2a41-6c43-4f5e-9a43-1b3f2d0a9e11',
    privateKey: loadPrivateKey(keys.privateKeyPem),
  });
  let t = performance.now();
  for (let i = 0; i < BATCHED; i += PAGE) {
    await audit.sent(
      'mx',
      Array.from({ length: Math.min(PAGE, BATCHED - i) }, (_, k) => version(i + k)),
    );
  }
  const batched = BATCHED / ((performance.now() - t) / 1000);
  t = performance.now();
  for (let i = 0; i < SINGLE; i++) await audit.received('mx', [version(BATCHED + i)]);
  const single = SINGLE / ((performance.now() - t) / 1000);
  console.log(
    `${label}: ${Math.round(batched).toLocaleString('en-US')} entries/s in pages of ${PAGE} (${BATCHED.toLocaleString('en-US')} entries); ` +
      `${Math.round(single).toLocaleString('en-US')} entries/s one per call (${SINGLE.toLocaleString('en-US')}) (goal ≥ 20,000/s)`,
  );
}

async function main(): Promise<void> {
  console.log('Transparency log in the node store (recorder, dedup index, Merkle nodes):');
  const dir = tempDir('bench-trust-log');
  const sqlite = await openStore({ kind: 'sqlite', file: join(dir, 'audit.db') });
  try {
    await run('  SQLite', sqlite);
  } finally {
    await sqlite.close();
    removeTempDir(dir);
  }
  if (!(await pgAvailable())) {
    console.log('  PostgreSQL: not reachable, skipped');
    return;
  }
  const schema = randomSchemaName();
  const pg = await openStore({ kind: 'postgres', url: TEST_PG_URL, schema });
  try {
    await run('  PostgreSQL', pg);
  } finally {
    await pg.close();
    await dropSchema(schema);
  }
}

await main();
