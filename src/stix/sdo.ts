/**
 * Type-specific rules of the STIX Domain Objects (STIX 2.1 §4). Common properties are in
 * common.ts; this file says only what each type adds.
 */
import type { ObjectRule } from './checks.js';
import { atLeastOne, bool, dict, exactlyOne, int, num, oneOf, ref, refList, requires, str, strList, timeOrder, ts } from './checks.js';
import { killChainPhases } from './common.js';
import { familyOfType, type SdoType } from './model.js';

const text = str();
const name = str({ nonEmpty: true });

/** Any identifier except the SDO/SRO-free kinds: bundles and meta objects cannot be pointed at. */
const anyObjectRefs = refList({
  test: (t) => t !== 'bundle' && t !== 'language-content' && t !== 'extension-definition',
  label: 'STIX object',
});

/** observed-data may reference SCOs and SROs only (STIX 2.1 §4.13). */
const observationRefs = refList({
  test: (t) => {
    const f = familyOfType(t);
    return f === 'sco' || f === 'sro' || f === undefined;
  },
  label: 'SCO, SRO',
});

function seenWindow(first: string, last: string): ObjectRule['refine'] {
  return (o, path, c) => timeOrder(o, first, last, false, path, c);
}

const SEEN = { first_seen: ts, last_seen: ts };
const ALIASES = { aliases: strList };

const SOFTWARE = ['software'] as const;

const OPINIONS = ['strongly-disagree', 'disagree', 'neutral', 'agree', 'strongly-agree'] as const;

const location: ObjectRule = {
  props: {
    name: text,
    description: text,
    latitude: num(-90, 90),
    longitude: num(-180, 180),
    precision: num(0, 1e9),
    region: str({ nonEmpty: true }),
    country: str({ nonEmpty: true }),
    administrative_area: text,
    city: text,
    street_address: text,
    postal_code: text,
  },
  refine(o, path, c) {
    requires(o, 'latitude', 'longitude', path, c);
    requires(o, 'longitude', 'latitude', path, c);
    requires(o, 'precision', 'latitude', path, c);
    const hasPoint = o['latitude'] !== undefined && o['longitude'] !== undefined;
    if (!hasPoint && o['region'] === undefined && o['country'] === undefined) {
      c.issues.add(path, 'at-least-one-of', { properties: 'region, country, latitude+longitude' });
    }
  },
};

const malware: ObjectRule = {
  props: {
    name: text,
    description: text,
    malware_types: strList,
    is_family: bool,
    ...ALIASES,
    kill_chain_phases: killChainPhases,
    ...SEEN,
    operating_system_refs: refList(SOFTWARE),
    architecture_execution_envs: strList,
    implementation_languages: strList,
    capabilities: strList,
    sample_refs: refList(['file', 'artifact']),
  },
  required: ['is_family'],
  refine(o, path, c) {
    if (o['is_family'] === true && o['name'] === undefined) c.issues.add(path + '/name', 'required', { property: 'name' });
    timeOrder(o, 'first_seen', 'last_seen', false, path, c);
  },
};

const malwareAnalysis: ObjectRule = {
  props: {
    product: name,
    version: text,
    host_vm_ref: ref(SOFTWARE),
    operating_system_ref: ref(SOFTWARE),
    installed_software_refs: refList(SOFTWARE),
    configuration_version: text,
    modules: strList,
    analysis_engine_version: text,
    analysis_definition_version: text,
    submitted: ts,
    analysis_started: ts,
    analysis_ended: ts,
    result_name: text,
    result: text,
    analysis_sco_refs: refList({ test: (t) => familyOfType(t) === 'sco' || familyOfType(t) === undefined, label: 'SCO' }),
    sample_ref: ref(['file', 'network-traffic', 'artifact']),
  },
  required: ['product'],
  refine(o, path, c) {
    atLeastOne(o, ['result', 'analysis_sco_refs'], path, c);
    timeOrder(o, 'analysis_started', 'analysis_ended', false, path, c);
  },
};

const observedData: ObjectRule = {
  props: {
    first_observed: ts,
    last_observed: ts,
    number_observed: int(1, 999_999_999),
    objects: dict(),
    object_refs: observationRefs,
  },
  required: ['first_observed', 'last_observed', 'number_observed'],
  refine(o, path, c) {
    timeOrder(o, 'first_observed', 'last_observed', false, path, c);
    exactlyOne(o, ['objects', 'object_refs'], path, c);
  },
};

/** Per type, what STIX 2.1 §4 adds to the common properties. */
export const SDO_RULES: Readonly<Record<SdoType, ObjectRule>> = {
  'attack-pattern': {
    props: { name, description: text, ...ALIASES, kill_chain_phases: killChainPhases },
    required: ['name'],
  },
  campaign: {
    props: { name, description: text, ...ALIASES, ...SEEN, objective: text },
    required: ['name'],
    refine: seenWindow('first_seen', 'last_seen'),
  },
  'course-of-action': {
    props: { name, description: text },
    required: ['name'],
  },
  grouping: {
    props: { name: text, description: text, context: str({ nonEmpty: true }), object_refs: anyObjectRefs },
    required: ['context', 'object_refs'],
  },
  identity: {
    props: {
      name,
      description: text,
      roles: strList,
      identity_class: str({ nonEmpty: true }),
      sectors: strList,
      contact_information: text,
    },
    required: ['name'],
  },
  incident: {
    props: { name, description: text, kill_chain_phases: killChainPhases },
    required: ['name'],
  },
  indicator: {
    props: {
      name: text,
      description: text,
      indicator_types: strList,
      pattern: str({ nonEmpty: true }),
      pattern_type: str({ nonEmpty: true }),
      pattern_version: text,
      valid_from: ts,
      valid_until: ts,
      kill_chain_phases: killChainPhases,
    },
    required: ['pattern', 'pattern_type', 'valid_from'],
    refine: (o, path, c) => timeOrder(o, 'valid_from', 'valid_until', true, path, c),
  },
  infrastructure: {
    props: {
      name,
      description: text,
      infrastructure_types: strList,
      ...ALIASES,
      kill_chain_phases: killChainPhases,
      ...SEEN,
    },
    required: ['name'],
    refine: seenWindow('first_seen', 'last_seen'),
  },
  'intrusion-set': {
    props: {
      name,
      description: text,
      ...ALIASES,
      ...SEEN,
      goals: strList,
      resource_level: text,
      primary_motivation: text,
      secondary_motivations: strList,
    },
    required: ['name'],
    refine: seenWindow('first_seen', 'last_seen'),
  },
  location,
  malware,
  'malware-analysis': malwareAnalysis,
  note: {
    props: { abstract: text, content: str({ nonEmpty: true }), authors: strList, object_refs: anyObjectRefs },
    required: ['content', 'object_refs'],
  },
  'observed-data': observedData,
  opinion: {
    props: { explanation: text, authors: strList, opinion: oneOf(OPINIONS), object_refs: anyObjectRefs },
    required: ['opinion', 'object_refs'],
  },
  report: {
    props: { name, description: text, report_types: strList, published: ts, object_refs: anyObjectRefs },
    required: ['name', 'published', 'object_refs'],
  },
  'threat-actor': {
    props: {
      name,
      description: text,
      threat_actor_types: strList,
      ...ALIASES,
      ...SEEN,
      roles: strList,
      goals: strList,
      sophistication: text,
      resource_level: text,
      primary_motivation: text,
      secondary_motivations: strList,
      personal_motivations: strList,
    },
    required: ['name'],
    refine: seenWindow('first_seen', 'last_seen'),
  },
  tool: {
    props: {
      name,
      description: text,
      tool_types: strList,
      ...ALIASES,
      kill_chain_phases: killChainPhases,
      tool_version: text,
    },
    required: ['name'],
  },
  vulnerability: {
    props: { name, description: text },
    required: ['name'],
  },
};
