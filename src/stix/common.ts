/**
 * Common properties (STIX 2.1 §3.2 for SDOs/SROs, §6.1 for SCOs, §7.2 for marking definitions)
 * and the shared sub-structures: external references, kill chain phases, granular markings,
 * hashes.
 */
import type { Check, Ctx, ObjectRule } from './checks.js';
import { atLeastOne, bool, exactlyOne, int, list, obj, ref, refList, str, strList, tsMillis } from './checks.js';
import { isPlainObject } from './structure.js';
import { parseStixTimestamp } from './timestamp.js';

const LANGUAGE_TAG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;
const NO_WHITESPACE_URL = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
const SELECTOR = /^[a-z0-9_-]{1,250}(?:\.(?:\[\d+\]|[a-z0-9_-]{1,250}))*$/;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HEX_BYTES = /^(?:[0-9a-fA-F]{2})+$/;

/** Binary data, base64-encoded (`*_bin` properties). */
export const base64: Check = str({ pattern: BASE64, format: 'base64' });

/** Octets as hexadecimal (`*_hex` properties). */
export const hex: Check = str({ pattern: HEX_BYTES, format: 'hex' });

/** An RFC 5646 language tag, loosely (well-formed subtags only). */
export const langTag: Check = str({ pattern: LANGUAGE_TAG, format: 'language-tag' });

/** A URL with a scheme and no whitespace that the WHATWG parser accepts. */
export const url: Check = (v, path, c) => {
  if (typeof v !== 'string') return c.issues.add(path, 'invalid-type', { expected: 'string' });
  if (!NO_WHITESPACE_URL.test(v) || !URL.canParse(v)) c.issues.add(path, 'invalid-format', { format: 'url' });
};

/** Lengths (in hex digits) of the hash algorithms of hashing-algorithm-ov. */
const HASH_HEX_LENGTH: Readonly<Record<string, number>> = {
  MD5: 32,
  'SHA-1': 40,
  'SHA-256': 64,
  'SHA-512': 128,
  'SHA3-256': 64,
  'SHA3-512': 128,
};
const HEX = /^[0-9a-fA-F]+$/;
const SSDEEP = /^[a-zA-Z0-9/+:.]{1,128}$/;
const TLSH = /^(?:T1)?[0-9a-fA-F]{70}$/;
const CUSTOM_HASH_NAME = /^[a-zA-Z0-9_-]{3,250}$/;

/** A `hashes` dictionary: known algorithms must have values of the right form. */
export const hashes: Check = (v, path, c) => {
  if (!isPlainObject(v)) return c.issues.add(path, 'invalid-type', { expected: 'object' });
  const keys = Object.keys(v);
  if (keys.length === 0) return c.issues.add(path, 'empty-object');
  for (const algorithm of keys) {
    const value = v[algorithm];
    const at = path + '/' + algorithm;
    if (typeof value !== 'string') {
      c.issues.add(at, 'invalid-type', { expected: 'string' });
      continue;
    }
    const hexLength = HASH_HEX_LENGTH[algorithm];
    const ok =
      hexLength !== undefined
        ? value.length === hexLength && HEX.test(value)
        : algorithm === 'SSDEEP'
          ? SSDEEP.test(value)
          : algorithm === 'TLSH'
            ? TLSH.test(value)
            : CUSTOM_HASH_NAME.test(algorithm) && value.length > 0;
    if (!ok) c.issues.add(at, 'invalid-hash', { algorithm });
  }
};

const CVE_ID = /^CVE-\d{4}-\d{4,}$/;
const CAPEC_ID = /^CAPEC-\d+$/;

const EXTERNAL_REFERENCE: ObjectRule = {
  props: { source_name: str({ nonEmpty: true }), description: str(), url, hashes, external_id: str() },
  required: ['source_name'],
  refine(o, path, c) {
    atLeastOne(o, ['description', 'url', 'external_id'], path, c);
    const id = o['external_id'];
    if (typeof id !== 'string') return;
    if (o['source_name'] === 'cve' && !CVE_ID.test(id)) c.issues.add(path + '/external_id', 'invalid-format', { format: 'cve' });
    if (o['source_name'] === 'capec' && !CAPEC_ID.test(id)) c.issues.add(path + '/external_id', 'invalid-format', { format: 'capec' });
  },
};

export const externalReferences: Check = list(obj(EXTERNAL_REFERENCE));

export const killChainPhases: Check = list(
  obj({
    props: { kill_chain_name: str({ nonEmpty: true }), phase_name: str({ nonEmpty: true }) },
    required: ['kill_chain_name', 'phase_name'],
  }),
);

/** Follows a granular-marking selector (`a.b.[2].c`) from the object root. */
function selectorResolves(root: Record<string, unknown>, selector: string): boolean {
  let at: unknown = root;
  for (const step of selector.split('.')) {
    if (step.startsWith('[')) {
      const index = Number(step.slice(1, -1));
      if (!Array.isArray(at) || index >= at.length) return false;
      at = at[index];
    } else {
      if (!isPlainObject(at) || !Object.hasOwn(at, step)) return false;
      at = at[step];
    }
  }
  return true;
}

const selector: Check = (v, path, c) => {
  if (typeof v !== 'string') return c.issues.add(path, 'invalid-type', { expected: 'string' });
  if (!SELECTOR.test(v)) return c.issues.add(path, 'invalid-format', { format: 'selector' });
  if (!selectorResolves(c.root, v)) c.issues.add(path, 'selector-not-found', { selector: v });
};

const GRANULAR_MARKING: ObjectRule = {
  props: { selectors: list(selector), marking_ref: ref(['marking-definition']), lang: langTag },
  required: ['selectors'],
  refine(o, path, c) {
    exactlyOne(o, ['marking_ref', 'lang'], path, c);
  },
};

export const granularMarkings: Check = list(obj(GRANULAR_MARKING));

/** `spec_version`: this node speaks STIX 2.1 only. */
export const specVersion: Check = (v, path, c) => {
  if (v !== '2.1') c.issues.add(path, 'spec-version', { expected: '2.1' });
};

/** Handled by the validator itself (type, id) or by the extension registry (extensions). */
const handledElsewhere: Check = () => undefined;

function notAllowed(property: string): Check {
  return (_v, path, c) => c.issues.add(path, 'property-not-allowed', { property });
}

/** Shape-checked wherever they appear, SCOs included, for interoperability. */
const DESCRIPTIVE = {
  created_by_ref: ref(['identity']),
  labels: strList,
  confidence: int(0, 100),
  lang: langTag,
  external_references: externalReferences,
  object_marking_refs: refList(['marking-definition']),
  granular_markings: granularMarkings,
} as const;

function createdNotAfterModified(o: Record<string, unknown>, path: string, c: Ctx): void {
  const created = typeof o['created'] === 'string' ? parseStixTimestamp(o['created']) : null;
  const modified = typeof o['modified'] === 'string' ? parseStixTimestamp(o['modified']) : null;
  if (created !== null && modified !== null && modified < created) {
    c.issues.add(path + '/modified', 'modified-before-created');
  }
}

/** SDOs, SROs, language-content and extension-definition objects. */
export const SDO_COMMON: ObjectRule = {
  props: {
    type: handledElsewhere,
    id: handledElsewhere,
    extensions: handledElsewhere,
    spec_version: specVersion,
    created: tsMillis,
    modified: tsMillis,
    revoked: bool,
    ...DESCRIPTIVE,
  },
  // type and id are checked by the validator itself, before any rule.
  required: ['spec_version', 'created', 'modified'],
  refine: createdNotAfterModified,
};

/** Marking definitions are never versioned nor revoked (STIX 2.1 §7.2.1). */
export const MARKING_COMMON: ObjectRule = {
  props: {
    type: handledElsewhere,
    id: handledElsewhere,
    extensions: handledElsewhere,
    spec_version: specVersion,
    created: tsMillis,
    modified: notAllowed('modified'),
    revoked: notAllowed('revoked'),
    ...DESCRIPTIVE,
  },
  required: ['spec_version', 'created'],
};

/** SCOs carry no versioning properties; `spec_version` is optional. */
export const SCO_COMMON: ObjectRule = {
  props: {
    type: handledElsewhere,
    id: handledElsewhere,
    extensions: handledElsewhere,
    spec_version: specVersion,
    defanged: bool,
    created: notAllowed('created'),
    modified: notAllowed('modified'),
    revoked: notAllowed('revoked'),
    ...DESCRIPTIVE,
  },
};

/** Merges a common rule with a type's own rule into one table (built once per type). */
export function composeRules(common: ObjectRule, own: ObjectRule): ObjectRule {
  const refines = [common.refine, own.refine].filter((r): r is NonNullable<ObjectRule['refine']> => r !== undefined);
  return {
    props: { ...common.props, ...own.props },
    required: [...(common.required ?? []), ...(own.required ?? [])],
    refine: (o, path, c) => {
      for (const r of refines) r(o, path, c);
    },
  };
}
