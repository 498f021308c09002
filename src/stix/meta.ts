/**
 * Type-specific rules of the STIX Meta Objects (STIX 2.1 §7): language content, marking
 * definitions (statement, TLP 1.0, and extension-based such as TLP 2.0) and extension
 * definitions.
 */
import type { Check, Ctx, ObjectRule } from './checks.js';
import { list, obj, oneOf, ref, requires, str, ts } from './checks.js';
import { EXTENSION_TYPES, type MetaType } from './model.js';
import { isValidPropertyName } from './identifier.js';
import { isPlainObject } from './structure.js';
import { checkTlpConsistency } from './tlp.js';

const LANGUAGE_TAG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;
const text = str();

/** `contents`: language tag → dictionary of translated properties (§7.1). */
const contents: Check = (v, path, c) => {
  if (!isPlainObject(v)) return c.issues.add(path, 'invalid-type', { expected: 'object' });
  const langs = Object.keys(v);
  if (langs.length === 0) return c.issues.add(path, 'empty-object');
  for (const lang of langs) {
    const at = path + '/' + lang;
    if (!LANGUAGE_TAG.test(lang)) c.issues.add(at, 'invalid-format', { format: 'language-tag' });
    const translations = v[lang];
    if (!isPlainObject(translations)) c.issues.add(at, 'invalid-type', { expected: 'object' });
    else if (Object.keys(translations).length === 0) c.issues.add(at, 'empty-object');
  }
};

const propertyNames: Check = list((v, path, c) => {
  if (typeof v !== 'string') return c.issues.add(path, 'invalid-type', { expected: 'string' });
  if (!isValidPropertyName(v)) c.issues.add(path, 'invalid-property-name', { property: v });
});

const extensionTypes: Check = (v, path, c) => {
  list(oneOf(EXTENSION_TYPES))(v, path, c);
  if (Array.isArray(v) && new Set(v).size !== v.length) c.issues.add(path, 'invalid-format', { format: 'unique-items' });
};

/** A marking definition may be marked, but never by itself (no circular markings). */
function markingNotSelfReferencing(o: Record<string, unknown>, path: string, c: Ctx): void {
  const refs = o['object_marking_refs'];
  if (Array.isArray(refs)) {
    refs.forEach((r, i) => {
      if (r === o['id']) c.issues.add(`${path}/object_marking_refs/${i}`, 'self-reference');
    });
  }
  const granular = o['granular_markings'];
  if (Array.isArray(granular)) {
    granular.forEach((g, i) => {
      if (isPlainObject(g) && g['marking_ref'] === o['id']) c.issues.add(`${path}/granular_markings/${i}/marking_ref`, 'self-reference');
    });
  }
}

const markingDefinition: ObjectRule = {
  props: { name: text, definition_type: str({ nonEmpty: true }), definition: obj({ props: {} }) },
  refine(o, path, c) {
    requires(o, 'definition_type', 'definition', path, c);
    requires(o, 'definition', 'definition_type', path, c);
    if (o['definition_type'] === undefined && o['extensions'] === undefined) {
      c.issues.add(path, 'at-least-one-of', { properties: 'definition_type, extensions' });
    }
    const definition = o['definition'];
    if (o['definition_type'] === 'statement' && isPlainObject(definition)) {
      const statement = definition['statement'];
      if (statement === undefined) c.issues.add(path + '/definition/statement', 'required', { property: 'statement' });
      else if (typeof statement !== 'string') c.issues.add(path + '/definition/statement', 'invalid-type', { expected: 'string' });
    }
    if (o['definition_type'] === 'tlp' && isPlainObject(definition)) {
      oneOf(['white', 'green', 'amber', 'red'])(definition['tlp'], path + '/definition/tlp', c);
    }
    checkTlpConsistency(o, path, c);
    markingNotSelfReferencing(o, path, c);
  },
};

const extensionDefinition: ObjectRule = {
  props: {
    name: str({ nonEmpty: true }),
    description: text,
    schema: str({ nonEmpty: true }),
    version: str({ nonEmpty: true }),
    extension_types: extensionTypes,
    extension_properties: propertyNames,
  },
  // §7.3: the creator of an extension must be known.
  required: ['created_by_ref', 'name', 'schema', 'version', 'extension_types'],
  refine(o, path, c) {
    const types = o['extension_types'];
    const toplevel = Array.isArray(types) && types.includes('toplevel-property-extension');
    if (o['extension_properties'] !== undefined && !toplevel) {
      c.issues.add(path + '/extension_properties', 'property-not-allowed', { property: 'extension_properties' });
    }
  },
};

export const META_RULES: Readonly<Record<MetaType, ObjectRule>> = {
  'language-content': {
    props: {
      object_ref: ref({ test: (t) => t !== 'bundle' && t !== 'language-content', label: 'STIX object' }),
      object_modified: ts,
      contents,
    },
    required: ['object_ref', 'contents'],
  },
  'marking-definition': markingDefinition,
  'extension-definition': extensionDefinition,
};
