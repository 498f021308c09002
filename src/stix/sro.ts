/**
 * Type-specific rules of the STIX Relationship Objects (STIX 2.1 §5).
 */
import type { ObjectRule } from './checks.js';
import { bool, int, ref, refList, str, timeOrder, ts } from './checks.js';
import { familyOfType, type SroType } from './model.js';

/** Relationships connect SDOs and SCOs, never SROs, bundles or meta objects (§5.1). */
const relationshipEnd = ref({
  test: (t) => {
    const f = familyOfType(t);
    return t !== 'bundle' && f !== 'sro' && f !== 'meta';
  },
  label: 'SDO, SCO',
});

/** A sighting is of an SDO (§5.2); types STIX does not define are assumed to be new SDOs. */
const sightable = ref({
  test: (t) => {
    const f = familyOfType(t);
    return t !== 'bundle' && (f === 'sdo' || f === undefined);
  },
  label: 'SDO',
});

/** relationship_type: ASCII lower case, digits and hyphen (§5.1.1). */
const RELATIONSHIP_TYPE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const SRO_RULES: Readonly<Record<SroType, ObjectRule>> = {
  relationship: {
    props: {
      relationship_type: str({ nonEmpty: true, pattern: RELATIONSHIP_TYPE, format: 'relationship-type' }),
      description: str(),
      source_ref: relationshipEnd,
      target_ref: relationshipEnd,
      start_time: ts,
      stop_time: ts,
    },
    required: ['relationship_type', 'source_ref', 'target_ref'],
    refine: (o, path, c) => timeOrder(o, 'start_time', 'stop_time', true, path, c),
  },
  sighting: {
    props: {
      description: str(),
      first_seen: ts,
      last_seen: ts,
      count: int(0, 999_999_999),
      sighting_of_ref: sightable,
      observed_data_refs: refList(['observed-data']),
      where_sighted_refs: refList(['identity', 'location']),
      summary: bool,
    },
    required: ['sighting_of_ref'],
    refine: (o, path, c) => timeOrder(o, 'first_seen', 'last_seen', false, path, c),
  },
};
