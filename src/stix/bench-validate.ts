/**
 * Manual timing of the validator on typical objects (not a test). Run after a build:
 *   node dist/stix/bench-validate.js [count]
 * The node must sustain well over 50,000 typical objects per second on one core.
 */
import { PHONE_NUMBER_EXTENSION_ID, SIGNATURE_EXTENSION_ID } from './enlace-ids.js';
import type { StixObject } from './model.js';
import { TLP2_MARKING_IDS } from './tlp.js';
import { defaultExtensionRegistry, validateStixObject } from './validate.js';

const signer = 'identity--0b3b1f4e-7f0a-4c1e-9a56-5f2d9c1e4a10';
const signature = {
  [SIGNATURE_EXTENSION_ID]: {
    extension_type: 'property-extension',
    signer,
    key_fingerprint: 'a'.repeat(64),
    jws: 'eyJhbGciOiJFZERTQSJ9..c2lnbmF0dXJlLWJ5dGVzLWluLWJhc2U2NHVybC1mb3JtLXNpeHR5LWZvdXI',
  },
};

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0').slice(-width);
}

function uuid(n: number): string {
  return `${hex(n, 8)}-0000-4000-8000-${hex(n * 7919, 12)}`;
}

/** A mix close to what sync carries: indicators, relationships, sightings, observables. */
function typicalObject(i: number): StixObject {
  const common = {
    spec_version: '2.1',
    created: '2026-11-27T17:52:37.123Z',
    modified: '2026-11-27T17:52:37.123Z',
    created_by_ref: signer,
    object_marking_refs: [TLP2_MARKING_IDS.amber],
    extensions: signature,
  };
  switch (i % 4) {
    case 0:
      return {
        type: 'indicator',
        id: `indicator--${uuid(i)}`,
        ...common,
        name: `C2 address ${i}`,
        indicator_types: ['malicious-activity'],
        pattern: `[ipv4-addr:value = '198.51.100.${i % 256}']`,
        pattern_type: 'stix',
        valid_from: '2026-11-27T00:00:00Z',
        labels: ['fentanyl', 'precursor'],
      };
    case 1:
      return {
        type: 'relationship',
        id: `relationship--${uuid(i)}`,
        ...common,
        relationship_type: 'indicates',
        source_ref: `indicator--${uuid(i - 1)}`,
        target_ref: `threat-actor--${uuid(i + 1)}`,
      };
    case 2:
      return {
        type: 'sighting',
        id: `sighting--${uuid(i)}`,
        ...common,
        sighting_of_ref: `indicator--${uuid(i - 2)}`,
        count: 3,
        first_seen: '2026-11-01T00:00:00Z',
        last_seen: '2026-11-02T00:00:00Z',
        where_sighted_refs: [signer],
      };
    default:
      return {
        type: 'phone-number',
        id: `phone-number--${uuid(i)}`,
        value: `+52667${String(1_000_000 + i).slice(-7)}`,
        country: 'MX',
        object_marking_refs: [TLP2_MARKING_IDS.amber],
        extensions: { ...signature, [PHONE_NUMBER_EXTENSION_ID]: { extension_type: 'new-sco' } },
      };
  }
}

function main(): void {
  const count = Number(process.argv[2] ?? 200_000);
  const objects = Array.from({ length: 1000 }, (_, i) => typicalObject(i));
  const registry = defaultExtensionRegistry();
  for (const o of objects) {
    const r = validateStixObject(o, { registry });
    if (!r.ok) throw new Error(`bench object invalid: ${JSON.stringify(r.issues)}`);
  }
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < count; i++) validateStixObject(objects[i % objects.length], { registry });
  const cpu = process.cpuUsage(cpuStart);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  // CPU time is the fairer figure on a shared machine; wall time is what a caller waits.
  console.log(
    `${count} objects: ${Math.round(count / cpuSeconds)} objects/s of CPU time, ` + `${Math.round(count / seconds)} objects/s of wall time`,
  );
}

main();
