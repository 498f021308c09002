/**
 * Benchmark of the transparency log (src/audit): appends per second up to 1,000,000 entries, and
 * the time to produce and to verify inclusion and consistency proofs on the full log.
 * Goals: ≥ 20,000 appends/s; < 1 ms mean and p99 per proof operation. Prints figures only.
 *
 *   node dist/bench/trust-log.js [entries]
 */
import { AuditLog, MemoryLogStorage, verifyConsistency, verifyInclusion, leafHash, entryLeaf, type NewLogEntry } from '../audit/index.js';

const ENTRIES = Number(process.argv[2] ?? 1_000_000);
const SAMPLES = 10_000;
const T0 = 1_764_000_000_000_000;

/** The i-th exchange, built from cheap text so that generating it costs little next to logging it. */
function entry(i: number): NewLogEntry {
  const h = (i * 2654435761).toString(16).padStart(64, '0').slice(-64);
  return {
    atUs: T0 + i * 1000,
    peer: i % 3 === 0 ? 'us' : 'mx',
    direction: i % 2 === 0 ? 'sent' : 'received',
    objectId: `indicator--${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`,
    version: '2026-10-01T12:00:00.000Z',
    contentHash: h,
  };
}

/** A small deterministic generator, so runs are comparable. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Stats {
  meanMs: number;
  p99Ms: number;
}

function stats(samplesNs: number[]): Stats {
  const sorted = [...samplesNs].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / sorted.length;
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
  return { meanMs: mean / 1e6, p99Ms: p99 / 1e6 };
}

const fmt = (s: Stats): string => `mean ${s.meanMs.toFixed(4)} ms, p99 ${s.p99Ms.toFixed(4)} ms`;

async function main(): Promise<void> {
  // Batches first, on a log dropped afterwards, so only one million-entry log is in memory at a time.
  const BATCHED = Math.min(ENTRIES, 200_000);
  const batched = await AuditLog.open(new MemoryLogStorage());
  let start = process.hrtime.bigint();
  for (let i = 0; i < BATCHED; i += 1000) {
    await batched.record(Array.from({ length: Math.min(1000, BATCHED - i) }, (_, k) => entry(i + k)));
  }
  let seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(
    `appends (batches of 1,000, ${BATCHED.toLocaleString('en-US')} entries): ${Math.round(BATCHED / seconds).toLocaleString('en-US')} appends/s`,
  );

  // One entry per call: the way sync will log each object version it sends or receives.
  const log = await AuditLog.open(new MemoryLogStorage());
  start = process.hrtime.bigint();
  for (let i = 0; i < ENTRIES; i++) await log.record([entry(i)]);
  seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(
    `appends (one per call): ${ENTRIES.toLocaleString('en-US')} entries in ${seconds.toFixed(2)} s = ${Math.round(ENTRIES / seconds).toLocaleString('en-US')} appends/s (goal ≥ 20,000/s)`,
  );
  console.log(
    `heap used: ${Math.round(process.memoryUsage().heapUsed / 2 ** 20)} MB, external buffers: ${Math.round(process.memoryUsage().arrayBuffers / 2 ** 20)} MB`,
  );

  const n = ENTRIES;
  const rand = rng(9162);
  const merkle = log.merkle;
  const fullRoot = await merkle.root(n);
  const rootBySize = new Map<number, Uint8Array>();
  const rootAt = async (size: number): Promise<Uint8Array> => {
    let r = rootBySize.get(size);
    if (!r) rootBySize.set(size, (r = await merkle.root(size)));
    return r;
  };

  const proveInc: number[] = [];
  const verifyInc: number[] = [];
  for (let k = 0; k < SAMPLES; k++) {
    const index = Math.floor(rand() * n);
    const leaf = leafHash(entryLeaf({ ...entry(index), seq: index }));
    let t = process.hrtime.bigint();
    const proof = await merkle.inclusionProof(index, n);
    proveInc.push(Number(process.hrtime.bigint() - t));
    t = process.hrtime.bigint();
    const ok = verifyInclusion(index, n, leaf, proof, fullRoot);
    verifyInc.push(Number(process.hrtime.bigint() - t));
    if (!ok) throw new Error(`inclusion proof for ${index} did not verify`);
  }
  console.log(`inclusion proof, produce (n = ${n.toLocaleString('en-US')}): ${fmt(stats(proveInc))}`);
  console.log(`inclusion proof, verify:  ${fmt(stats(verifyInc))}`);

  const proveCon: number[] = [];
  const verifyCon: number[] = [];
  for (let k = 0; k < SAMPLES; k++) {
    const size1 = 1 + Math.floor(rand() * (n - 1));
    const root1 = await rootAt(size1);
    let t = process.hrtime.bigint();
    const proof = await merkle.consistencyProof(size1, n);
    proveCon.push(Number(process.hrtime.bigint() - t));
    t = process.hrtime.bigint();
    const ok = verifyConsistency(size1, n, proof, root1, fullRoot);
    verifyCon.push(Number(process.hrtime.bigint() - t));
    if (!ok) throw new Error(`consistency proof ${size1} -> ${n} did not verify`);
  }
  console.log(`consistency proof, produce: ${fmt(stats(proveCon))}`);
  console.log(`consistency proof, verify:  ${fmt(stats(verifyCon))}`);

  const pastRoot: number[] = [];
  for (let k = 0; k < 1000; k++) {
    const size = 1 + Math.floor(rand() * (n - 1));
    const t = process.hrtime.bigint();
    await merkle.root(size);
    pastRoot.push(Number(process.hrtime.bigint() - t));
  }
  console.log(`root of a past size: ${fmt(stats(pastRoot))}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
