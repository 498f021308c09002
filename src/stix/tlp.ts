/**
 * Traffic Light Protocol markings: TLP 2.0 as the OASIS property extension publishes them, and
 * the TLP 1.0 marking definitions predefined by STIX 2.1 §7.2.1.4, which must still be accepted.
 * A marking definition that uses a TLP id or declares a TLP level must match the published
 * object, so nobody can relabel RED information as CLEAR under a look-alike marking.
 */
import type { Ctx } from './checks.js';
import type { StixObject } from './model.js';
import { isPlainObject } from './structure.js';

export type TlpLevel = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';

/** Least to most restrictive. */
export const TLP_LEVELS: readonly TlpLevel[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

/** The OASIS TLP 2.0 marking extension. */
export const TLP_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** TLP 2.0 marking-definition ids (OASIS cti-stix-common-objects). */
export const TLP2_MARKING_IDS: Readonly<Record<TlpLevel, string>> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

type Tlp1Color = 'white' | 'green' | 'amber' | 'red';

/** TLP 1.0 marking-definition ids predefined by STIX 2.1. */
export const TLP1_MARKING_IDS: Readonly<Record<Tlp1Color, string>> = {
  white: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
};

const TLP1_AS_TLP2: Readonly<Record<Tlp1Color, TlpLevel>> = { white: 'clear', green: 'green', amber: 'amber', red: 'red' };

const LEVEL_OF_ID = new Map<string, TlpLevel>([
  ...(Object.entries(TLP2_MARKING_IDS) as [TlpLevel, string][]).map(([level, id]) => [id, level] as const),
  ...(Object.entries(TLP1_MARKING_IDS) as [Tlp1Color, string][]).map(([color, id]) => [id, TLP1_AS_TLP2[color]] as const),
]);

const TLP2_BY_ID = new Map((Object.entries(TLP2_MARKING_IDS) as [TlpLevel, string][]).map(([l, id]) => [id, l]));
const TLP1_BY_ID = new Map((Object.entries(TLP1_MARKING_IDS) as [Tlp1Color, string][]).map(([c, id]) => [id, c]));

/** The published TLP 2.0 marking-definition objects. */
export const TLP2_MARKINGS: readonly StixObject[] = TLP_LEVELS.map((level) => ({
  type: 'marking-definition',
  spec_version: '2.1',
  id: TLP2_MARKING_IDS[level],
  created: '2022-10-01T00:00:00.000Z',
  name: `TLP:${level.toUpperCase()}`,
  extensions: { [TLP_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: level } },
}));

/** The TLP 1.0 marking-definition objects of STIX 2.1 §7.2.1.4. */
export const TLP1_MARKINGS: readonly StixObject[] = (Object.keys(TLP1_MARKING_IDS) as Tlp1Color[]).map((color) => ({
  type: 'marking-definition',
  spec_version: '2.1',
  id: TLP1_MARKING_IDS[color],
  created: '2017-01-20T00:00:00.000Z',
  definition_type: 'tlp',
  name: `TLP:${color.toUpperCase()}`,
  definition: { tlp: color },
}));

/** The OASIS extension-definition object for TLP 2.0. Its `schema` is a URL, not JSON Schema. */
export const TLP_EXTENSION_DEFINITION: StixObject = {
  type: 'extension-definition',
  spec_version: '2.1',
  id: TLP_EXTENSION_ID,
  created_by_ref: 'identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01',
  created: '2022-10-01T00:00:00.000Z',
  modified: '2022-10-01T00:00:00.000Z',
  name: 'TLP 2.0',
  description: 'This defines TLP 2.0 as a STIX extension',
  schema: 'https://github.com/oasis-open/cti-stix-common-objects/tree/master/extension-definition-specifications/tlp-2.0',
  version: '1.0.0',
  extension_types: ['property-extension'],
};

/** What Enlace enforces for the TLP extension entry, since the published schema is only a link. */
export const TLP_EXTENSION_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    extension_type: { const: 'property-extension' },
    tlp_2_0: { enum: [...TLP_LEVELS] },
  },
  required: ['extension_type', 'tlp_2_0'],
  additionalProperties: false,
} as const;

/** The TLP level a marking-definition id stands for (TLP 1.0 white reads as clear), or null. */
export function tlpLevelOfMarking(markingId: string): TlpLevel | null {
  return LEVEL_OF_ID.get(markingId) ?? null;
}

/** The most restrictive of the given levels, or null for none. */
export function mostRestrictiveTlp(levels: Iterable<TlpLevel | null>): TlpLevel | null {
  let best = -1;
  for (const level of levels) {
    if (level === null) continue;
    best = Math.max(best, TLP_LEVELS.indexOf(level));
  }
  return best < 0 ? null : (TLP_LEVELS[best] ?? null);
}

/**
 * The TLP level of an object from its `object_marking_refs`; with several TLP markings the most
 * restrictive wins. Null when no TLP marking is referenced.
 */
export function tlpLevelOf(obj: { object_marking_refs?: unknown }): TlpLevel | null {
  const refs = obj.object_marking_refs;
  if (!Array.isArray(refs)) return null;
  return mostRestrictiveTlp(refs.map((r) => (typeof r === 'string' ? tlpLevelOfMarking(r) : null)));
}

/** Checks that a marking definition using a TLP id or declaring a TLP level is the published one. */
export function checkTlpConsistency(o: Record<string, unknown>, path: string, c: Ctx): void {
  const id = typeof o['id'] === 'string' ? o['id'] : '';
  const name = o['name'];
  const exts = isPlainObject(o['extensions']) ? o['extensions'] : {};
  const entry = exts[TLP_EXTENSION_ID];
  const declared2 = isPlainObject(entry) && typeof entry['tlp_2_0'] === 'string' ? entry['tlp_2_0'] : undefined;
  const definition = o['definition'];
  const declared1 = o['definition_type'] === 'tlp' && isPlainObject(definition) ? definition['tlp'] : undefined;

  const idLevel2 = TLP2_BY_ID.get(id);
  const idColor1 = TLP1_BY_ID.get(id);
  if (declared2 !== undefined || idLevel2 !== undefined) {
    if (declared2 === undefined || idLevel2 !== declared2) {
      c.issues.add(path + '/id', 'tlp-mismatch', { level: declared2 ?? idLevel2 ?? '' });
    } else if (name !== undefined && name !== `TLP:${declared2.toUpperCase()}`) {
      c.issues.add(path + '/name', 'tlp-mismatch', { level: declared2 });
    }
  }
  if (o['definition_type'] === 'tlp' || idColor1 !== undefined) {
    if (typeof declared1 !== 'string' || idColor1 !== declared1) {
      c.issues.add(path + '/id', 'tlp-mismatch', { level: typeof declared1 === 'string' ? declared1 : (idColor1 ?? '') });
    } else if (name !== undefined && name !== `TLP:${declared1.toUpperCase()}`) {
      c.issues.add(path + '/name', 'tlp-mismatch', { level: declared1 });
    }
  }
}
