/**
 * The gate every STIX object passes before a node stores it, whatever its way in (API, import,
 * sync): structure limits first, then the common and type-specific rules of STIX 2.1, then the
 * extension definitions the node knows. Every problem is reported (up to MAX_ISSUES), each
 * with a JSON Pointer and a code.
 */
import type { Ctx, ObjectRule } from './checks.js';
import { checkObject, ref, refList } from './checks.js';
import { MARKING_COMMON, SCO_COMMON, SDO_COMMON, base64, composeRules, hex } from './common.js';
import { createDefaultRegistry } from './enlace-definitions.js';
import { checkExtensions, type ExtensionRegistry } from './extensions.js';
import { escapePointer, isValidPropertyName, isValidTypeName, parseIdentifier } from './identifier.js';
import { IssueList, type ValidationIssue } from './issues.js';
import { META_RULES } from './meta.js';
import { familyOf, familyOfType, type StixFamily, type StixObject } from './model.js';
import { SCO_RULES } from './sco.js';
import { SDO_RULES } from './sdo.js';
import { SRO_RULES } from './sro.js';
import { checkStructure } from './structure.js';

/** The outcome of validating one object. */
export type ValidationResult = { ok: true; object: StixObject } | { ok: false; issues: ValidationIssue[] };

export interface ValidateOptions {
  /** The extension definitions to enforce; defaults to the built-ins (createDefaultRegistry). */
  registry?: ExtensionRegistry;
}

const RULES = new Map<string, ObjectRule>();
for (const [type, rule] of Object.entries(SDO_RULES)) RULES.set(type, composeRules(SDO_COMMON, rule));
for (const [type, rule] of Object.entries(SRO_RULES)) RULES.set(type, composeRules(SDO_COMMON, rule));
for (const [type, rule] of Object.entries(SCO_RULES)) RULES.set(type, composeRules(SCO_COMMON, rule));
RULES.set('language-content', composeRules(SDO_COMMON, META_RULES['language-content']));
RULES.set('extension-definition', composeRules(SDO_COMMON, META_RULES['extension-definition']));
RULES.set('marking-definition', composeRules(MARKING_COMMON, META_RULES['marking-definition']));

/** Types declared by extensions get the common rules of their family; the schema does the rest. */
const CUSTOM_RULES: Readonly<Record<StixFamily, ObjectRule>> = {
  sdo: SDO_COMMON,
  sro: SDO_COMMON,
  sco: SCO_COMMON,
  meta: SDO_COMMON,
};

/** Only type, id and extensions are known when not even the family can be told. */
const BARE_RULE: ObjectRule = { props: { type: () => undefined, id: () => undefined, extensions: () => undefined } };

/** Reserved by STIX for future use; the official schemas (core.json) refuse them too. */
const RESERVED = new Set(['severity', 'action', 'username', 'phone_numbers']);

const anyRef = ref();
const anyRefs = refList();

/** Custom top-level properties: STIX naming rules and the meaning of the name suffixes. */
function customProperty(key: string, value: unknown, base: string, c: Ctx): void {
  const path = base + '/' + escapePointer(key);
  if (!isValidPropertyName(key)) return c.issues.add(path, 'invalid-property-name', { property: key.slice(0, 250) });
  if (RESERVED.has(key)) return c.issues.add(path, 'reserved-property', { property: key });
  if (key.endsWith('_refs')) anyRefs(value, path, c);
  else if (key.endsWith('_ref')) anyRef(value, path, c);
  else if (key.endsWith('_bin')) base64(value, path, c);
  else if (key.endsWith('_hex')) hex(value, path, c);
}

/** `type` is undefined when the object's own type is unusable: then only the id's syntax is checked. */
function checkId(o: Record<string, unknown>, type: string | undefined, family: StixFamily | undefined, c: Ctx): void {
  const id = o['id'];
  if (id === undefined) return c.issues.add('/id', 'required', { property: 'id' });
  if (typeof id !== 'string') return c.issues.add('/id', 'invalid-type', { expected: 'identifier' });
  const parsed = parseIdentifier(id);
  if (parsed === null) return c.issues.add('/id', 'invalid-identifier');
  if (type !== undefined && parsed.type !== type) return c.issues.add('/id', 'id-type-mismatch', { expected: type });
  // SCO ids are UUIDv5 (deterministic) or, when nothing contributes to them, UUIDv4 (§2.9).
  if (family === 'sco' && parsed.version !== 4 && parsed.version !== 5) {
    c.issues.add('/id', 'invalid-uuid-version', { allowed: '4, 5' });
  }
}

let defaultRegistry: ExtensionRegistry | undefined;

/** The registry used when none is given: the built-ins only, created once. */
export function defaultExtensionRegistry(): ExtensionRegistry {
  return (defaultRegistry ??= createDefaultRegistry());
}

/**
 * Validates one STIX 2.1 object (as parsed from JSON). On success the same object is returned,
 * typed; otherwise every problem found, up to MAX_ISSUES.
 *
 * @example
 * const r = validateStixObject(JSON.parse(body));
 * if (!r.ok) reply.code(422).send({ issues: r.issues });
 */
export function validateStixObject(input: unknown, options: ValidateOptions = {}): ValidationResult {
  const issues = new IssueList();
  if (!checkStructure(input, issues)) return { ok: false, issues: issues.items };
  const o = input as Record<string, unknown>;
  const c: Ctx = { issues, root: o };
  const type = o['type'];
  if (type === undefined) issues.add('/type', 'required', { property: 'type' });
  else if (typeof type !== 'string') issues.add('/type', 'invalid-type', { expected: 'string' });
  else if (!isValidTypeName(type)) issues.add('/type', 'invalid-type-name');
  if (typeof type !== 'string' || issues.count > 0) {
    checkId(o, undefined, undefined, c);
    return { ok: false, issues: issues.items };
  }
  const predefined = familyOfType(type);
  const family = predefined ?? familyOf(o);
  checkId(o, type, family, c);
  const rule = predefined !== undefined ? RULES.get(type) : family !== undefined ? CUSTOM_RULES[family] : undefined;
  checkObject(o, rule ?? BARE_RULE, '', c, customProperty);
  checkExtensions(o, predefined !== undefined, options.registry ?? defaultExtensionRegistry(), c);
  return issues.count === 0 ? { ok: true, object: o as StixObject } : { ok: false, issues: issues.items };
}

/** Same as validateStixObject, with the registry as a positional argument. */
export function validateObject(input: unknown, registry?: ExtensionRegistry): ValidationResult {
  return validateStixObject(input, registry === undefined ? {} : { registry });
}

/** Parses JSON text and validates the object it holds. */
export function parseStixObject(text: string, options: ValidateOptions = {}): ValidationResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, issues: [{ path: '', code: 'invalid-json' }] };
  }
  return validateStixObject(parsed, options);
}
