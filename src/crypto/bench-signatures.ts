/*
 * Throughput of object signature verification on one core, for ~1.5 KB STIX objects.
 * Run after a build: `node dist/crypto/bench-signatures.js [count]`. Not a test.
 *
 * It also prints the bare Ed25519 verification rate of this machine (OpenSSL through node:crypto)
 * as the ceiling: the rest of the pipeline (canonical JSON, base64url, key lookup) is overhead
 * on top of that, and the difference between the two lines is what this module controls.
 */
import { randomUUID, sign, verify } from 'node:crypto';
import { canonicalJson } from './canonical.js';
import { signObject, verifyObjectSignature, verifyObjectSignatureAsync, type ObjectKeyResolver } from './object-signature.js';
import { testSigner } from './test-keys.js';

const TARGET_PER_SECOND = 15_000;
const count = Number(process.argv[2] ?? 5000);
const signer = testSigner();
const resolve: ObjectKeyResolver = (fp, who) => (fp === signer.fingerprint && who === signer.identityId ? signer.publicKey : null);

function stixIndicator(i: number): Record<string, unknown> {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created_by_ref: signer.identityId,
    created: '2026-03-01T12:00:00.000Z',
    modified: `2026-03-01T12:00:${String(i % 60).padStart(2, '0')}.000Z`,
    name: `Número telefónico usado en extorsión #${i}`,
    description: 'Reportado por la unidad de inteligencia; vinculado a la ruta Nogales–Tucson. '.repeat(6),
    indicator_types: ['malicious-activity', 'attribution'],
    pattern: `[phone-number:value = '+52155${String(10_000_000 + i)}']`,
    pattern_type: 'stix',
    valid_from: '2026-03-01T12:00:00Z',
    confidence: 85,
    labels: ['extortion', 'h2', 'grading-b2'],
    object_marking_refs: ['marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421'],
    external_references: [{ source_name: 'case', external_id: `MX-2026-${i}`, url: `https://cases.example.mx/${i}` }],
  };
}

/** Rate by CPU time of this process, so other load on the machine does not distort it. */
function rate(label: string, n: number, run: () => void): number {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return report(label, n / ((used.user + used.system) / 1e6));
}

function report(label: string, perSecond: number): number {
  console.log(`${label.padEnd(44)} ${Math.round(perSecond).toLocaleString('en-US').padStart(9)} ops/s`);
  return perSecond;
}

async function main(): Promise<void> {
  // Objects arrive as JSON from a peer; parse them beforehand so only verification is timed.
  const wire = Array.from({ length: count }, (_, i) => JSON.stringify(signObject(stixIndicator(i), signer)));
  const objects = wire.map((text) => JSON.parse(text) as unknown);
  const meanBytes = Math.round(wire.reduce((n, t) => n + Buffer.byteLength(t), 0) / count);
  console.log(`${count} signed objects, mean ${meanBytes} bytes; Node ${process.version}\n`);

  const message = Buffer.from(wire[0] ?? '', 'utf8');
  const signature = sign(null, message, signer.privateKey);
  for (let i = 0; i < 500; i++) verifyObjectSignature(objects[i % count], resolve); // warm-up

  const ceiling = rate('bare Ed25519 verify (machine ceiling)', count, () => {
    for (let i = 0; i < count; i++) verify(null, message, signer.publicKey, signature);
  });
  rate('canonical JSON only', count, () => {
    for (const o of objects) canonicalJson(o);
  });
  let failures = 0;
  const pipeline = rate('verifyObjectSignature (one core)', count, () => {
    for (const o of objects) if (!verifyObjectSignature(o, resolve).ok) failures++;
  });
  // Wall time here: the point of the async variant is to use the thread pool's other cores.
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i += 256) {
    const batch = objects.slice(i, i + 256).map((o) => verifyObjectSignatureAsync(o, resolve));
    for (const r of await Promise.all(batch)) if (!r.ok) failures++;
  }
  report('verifyObjectSignatureAsync (thread pool, wall)', count / (Number(process.hrtime.bigint() - start) / 1e9));

  console.log(`\npipeline = ${((pipeline / ceiling) * 100).toFixed(0)}% of the bare Ed25519 rate; failures: ${failures}`);
  console.log(`target ${TARGET_PER_SECOND.toLocaleString('en-US')}/s on one core: ${pipeline >= TARGET_PER_SECOND ? 'met' : 'NOT met'}`);
  if (pipeline < TARGET_PER_SECOND && ceiling < TARGET_PER_SECOND) {
    console.log('(this CPU verifies Ed25519 below the target even without any JSON work)');
  }
  if (failures > 0) process.exitCode = 1;
}

await main();
