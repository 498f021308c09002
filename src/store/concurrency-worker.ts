/**
 * A second "process" for the concurrency tests: a worker thread with its own store connection
 * that writes batches and lingers inside each transaction, so writers overlap.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStoreInternal } from './open.js';
import type { StoreOptions } from './open.js';
import { makeVersion } from './test-versions.js';

interface Job {
  options: StoreOptions;
  collectionId: string;
  batches: number;
  maxBatch: number;
}

const job = workerData as Job;
const store = await openStoreInternal(job.options, {
  onPositionsAssigned: () => sleep(Math.floor(Math.random() * 3)),
});
const added: number[] = [];
for (let i = 0; i < job.batches; i++) {
  const size = 1 + Math.floor(Math.random() * job.maxBatch);
  const outcomes = await store.putVersions(
    job.collectionId,
    Array.from({ length: size }, () => makeVersion()),
  );
  for (const o of outcomes) if (o.kind === 'added') added.push(o.seq);
  await sleep(Math.floor(Math.random() * 2));
}
await store.close();
parentPort?.postMessage(added);
