import { createHash } from 'node:crypto';
import { PHONE_NUMBER_EXTENSION_ID } from '../stix/enlace-ids.js';

const GREEN = 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb';
const AMBER = 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421';

/** A UUID (v4 layout) derived from a seed, so benchmark data is the same on every run. */
export function seededUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The i-th object of a benchmark collection: mostly indicators, with locations, actors and relationships. */
export function benchObject(i: number): Record<string, unknown> {
  const day = String(1 + (i % 28)).padStart(2, '0');
  const ts = `2026-10-${day}T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00.000Z`;
  const common = { spec_version: '2.1', created: ts, modified: ts, object_marking_refs: [i % 3 === 0 ? AMBER : GREEN] };
  const phone = `+52662${String(1_000_000 + (i % 8_999_999)).padStart(7, '0')}`;
  switch (i % 4) {
    case 0:
    case 1:
      return {
        type: 'indicator',
        id: `indicator--${seededUuid(`bench:${i}`)}`,
        ...common,
        name: `Courier phone ${phone}`,
        description: `Phone number used by a courier cell moving fentanyl pills from Hermosillo to Nogales; seen in intercepted messages about loads of precursors and pill presses (benchmark record ${i}).`,
        indicator_types: ['malicious-activity'],
        pattern: `[phone-number:value = '${phone}']`,
        pattern_type: 'stix',
        valid_from: ts,
        labels: ['fentanyl', 'courier', 'sonora'],
        confidence: 60 + (i % 40),
        external_references: [{ source_name: 'case-file', external_id: `CF-${2026}-${i}` }],
      };
    case 2:
      return {
        type: 'location',
        id: `location--${seededUuid(`bench:${i}`)}`,
        ...common,
        name: `Stash location ${i}`,
        description: 'Residence used to store pills before the crossing at the DeConcini port of entry.',
        latitude: 31.3 + (i % 100) / 1000,
        longitude: -110.94 - (i % 100) / 1000,
        country: 'MX',
        region: 'northern-america',
        city: 'Nogales',
      };
    default:
      return {
        type: 'phone-number',
        id: `phone-number--${seededUuid(`bench-phone:${i}`)}`,
        value: phone,
        country: 'MX',
        object_marking_refs: [GREEN],
        extensions: { [PHONE_NUMBER_EXTENSION_ID]: { extension_type: 'new-sco' } },
      };
  }
}
