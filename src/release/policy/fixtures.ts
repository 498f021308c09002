/**
 * Shared test data for the release policy tests and the benchmark: two nodes and a third, their
 * organisations, Enlace handling markings, and a well-formed indicator to vary. Not used at run time.
 */
import { HANDLING_EXTENSION_ID, type StixObject } from '../../stix/index.js';
import { MarkingCatalog } from './markings.js';
import { DEFAULT_RELEASE_POLICY, type PeerReleaseRules, type PeerView, type ReleasePolicy } from './model.js';
import type { ReleaseContext } from './evaluate.js';

// Written out here rather than taken from stix/tlp.ts, so tests check the ids the brief publishes.
export const TLP = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  strict: 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
  white1: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  green1: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  amber1: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  red1: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
} as const;

export const US_NODE = 'identity--e81316a7-b724-46c1-a5a3-0008920b491e';
export const US_ORG = 'identity--ceae94bd-c210-4727-96d2-c757458626ba';
export const MX_NODE = 'identity--d8fe4650-84ba-4f82-a0cd-1930a6b8fe9c';
export const MX_ORG = 'identity--273e5583-948b-403a-b300-89e607bda742';
export const CA_NODE = 'identity--644ca43c-1861-4662-94a7-8840aa7aab97';
export const CA_ORG = 'identity--5bed9321-c463-41ec-aac4-0af861806bdf';

export const PEER_MX: PeerView = { name: 'mx', identityId: MX_NODE, organisationId: MX_ORG, country: 'MX' };
export const PEER_CA: PeerView = { name: 'ca', identityId: CA_NODE, organisationId: CA_ORG, country: 'CA' };

function handling(uuid: string, entry: Record<string, unknown>): StixObject {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: `marking-definition--${uuid}`,
    created: '2026-11-02T00:00:00.000Z',
    created_by_ref: US_ORG,
    name: `Enlace handling ${uuid.slice(0, 4)}`,
    extensions: { [HANDLING_EXTENSION_ID]: { extension_type: 'property-extension', ...entry } },
  };
}

/** Enlace marking definitions of the US node. */
export const MARKINGS = {
  relMxOrg: handling('b9e08a86-25ee-499c-853e-0d85f70dfdd9', { releasable_to: [MX_ORG] }),
  relMx: handling('e9fadaff-5b84-4805-acfc-ba13b14d7a05', { releasable_to: ['MX'] }),
  relCa: handling('2d6a87b5-78e2-43ed-b3ef-4df7d9e751bb', { releasable_to: ['CA', CA_NODE] }),
  h2: handling('eac2e7a0-a4ea-4dd1-9be1-3c5218d69fbb', { handling_code: 'H2' }),
  h0RelMx: handling('2aa90bb6-9b93-47de-9038-5bd241485199', { handling_code: 'H0', releasable_to: ['MX', 'US'] }),
  h3: handling('0a0ed666-2120-47e7-9b96-995db0995a01', { handling_code: 'H3', conditions: 'Ask before use in court.' }),
} as const;

/** A marking id no catalog knows. */
export const UNKNOWN_MARKING = 'marking-definition--b8fc32a9-634c-48a7-8097-de4321351d6f';

export const CATALOG = MarkingCatalog.from(Object.values(MARKINGS));

export const CONTEXT: ReleaseContext = { localIdentities: new Set([US_NODE, US_ORG]), markings: CATALOG };

export const OPEN_RULES: PeerReleaseRules = { allow_green: true, allow_amber: true, ceiling: 'amber+strict', allow_third_party: true };

/** A policy whose default is `rules` (the most open one unless given). */
export function policyWith(rules: Partial<PeerReleaseRules> = {}, unmarked: ReleasePolicy['unmarked_as'] = 'amber'): ReleasePolicy {
  return { ...DEFAULT_RELEASE_POLICY, unmarked_as: unmarked, default: { ...OPEN_RULES, ...rules } };
}

/** A valid indicator of the US node, with whatever `extra` sets (undefined deletes). */
export function indicator(extra: Record<string, unknown> = {}): StixObject {
  const base: Record<string, unknown> = {
    type: 'indicator',
    spec_version: '2.1',
    id: 'indicator--98d04b32-fa7e-477d-975d-882df83349a4',
    created: '2026-11-03T10:00:00.000Z',
    modified: '2026-11-03T10:00:00.000Z',
    created_by_ref: US_ORG,
    name: 'Courier phone',
    description: 'Phone used by a courier cell in Sonora.',
    pattern: "[phone-number:value = '+526621234567']",
    pattern_type: 'stix',
    valid_from: '2026-11-03T10:00:00Z',
    object_marking_refs: [TLP.green],
    external_references: [
      { source_name: 'case-file', external_id: 'CF-1', url: 'https://cases.example.mx/1' },
      { source_name: 'report', url: 'https://reports.example.mx/2' },
    ],
  };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  return base as StixObject;
}
