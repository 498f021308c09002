/**
 * `node dist/bench/trust-policy.js`: release-policy evaluations per second on one core, over
 * BENCH_OBJECTS (default 1,000,000) evaluations of objects with mixed markings — TLP 2.0 and 1.0,
 * releasability and handling markings, third-party objects, grading and (about one in twenty)
 * granular markings that force a redacted copy. A benchmark reports numbers; it asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { GRADING_EXTENSION_ID, type StixObject } from '../stix/index.js';
import { evaluateRelease } from '../release/policy/index.js';
import { CA_NODE, CONTEXT, MARKINGS, PEER_CA, PEER_MX, TLP, US_ORG, policyWith } from '../release/policy/fixtures.js';
import { benchObject } from './objects.js';

const N = Number(process.env['BENCH_OBJECTS'] ?? 1_000_000);
// Distinct objects held at once; evaluations cycle through them (1,000,000 full objects would not fit the heap).
const POOL = Math.min(N, 50_000);

const MARKING_MIX: string[][] = [
  [TLP.green],
  [TLP.green],
  [TLP.amber],
  [TLP.clear],
  [TLP.green1],
  [TLP.amber1],
  [TLP.red],
  [TLP.strict, MARKINGS.relMxOrg.id],
  [TLP.green, MARKINGS.relMx.id],
  [TLP.amber, MARKINGS.h0RelMx.id],
  [TLP.green, MARKINGS.relCa.id],
  [TLP.green, MARKINGS.h3.id],
];

function mixed(i: number): StixObject {
  const o = benchObject(i) as StixObject;
  o.object_marking_refs = MARKING_MIX[i % MARKING_MIX.length] ?? [TLP.green];
  if (o.type !== 'phone-number') o.created_by_ref = i % 10 === 7 ? CA_NODE : US_ORG;
  if (i % 3 === 0) {
    o.extensions = {
      ...o.extensions,
      [GRADING_EXTENSION_ID]: {
        extension_type: 'property-extension',
        source_reliability: 'ABCX'[i % 4],
        information_credibility: 1 + (i % 4),
      },
    };
  }
  if (i % 20 === 0 && typeof o['description'] === 'string') o.granular_markings = [{ selectors: ['description'], marking_ref: TLP.red }];
  return o;
}

const objects = Array.from({ length: POOL }, (_, i) => mixed(i));
const policy = {
  ...policyWith({ allow_amber: false }),
  peers: { mx: { allow_green: true, allow_amber: true, ceiling: 'amber+strict' as const, allow_third_party: true } },
};
const peers = [PEER_MX, PEER_CA];
const counts = { release: 0, withhold: 0, redact: 0 };
// SCOs carry no created_by_ref: the store records their originator, here this node.
const context = { ...CONTEXT, originatorOf: (o: StixObject) => (o.type === 'phone-number' ? US_ORG : undefined) };

for (let i = 0; i < Math.min(N, 20_000); i++) evaluateRelease(objects[i % POOL], peers[i & 1] ?? PEER_MX, policy, context); // warm-up
const started = performance.now();
for (let i = 0; i < N; i++) counts[evaluateRelease(objects[i % POOL], peers[i & 1] ?? PEER_MX, policy, context).decision]++;
const seconds = (performance.now() - started) / 1000;

console.log(`release policy: ${N.toLocaleString('en-US')} evaluations in ${seconds.toFixed(2)} s`);
console.log(`  ${Math.round(N / seconds).toLocaleString('en-US')} evaluations/s on one core (goal 200,000/s)`);
console.log(
  `  released ${counts.release.toLocaleString('en-US')}, redacted ${counts.redact.toLocaleString('en-US')}, withheld ${counts.withhold.toLocaleString('en-US')}`,
);
