/**
 * TEST HELPER — not for production paths. Checks objects against the official (non-normative)
 * STIX 2.1 JSON Schemas of OASIS, copied under ./fixtures, as a second opinion on what Enlace
 * emits. The schemas declare JSON Schema draft 2020-12, hence Ajv2020.
 *
 * The fixtures are read from src/ (tests run from dist/, which mirrors src/), so this works
 * from both trees.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { familyOf, isStixType } from './model.js';

const addFormats = addFormatsModule.default;

/** Root of the copied schema repository. */
export const OFFICIAL_SCHEMAS_DIR = fileURLToPath(new URL('../../src/stix/fixtures/stix2.1-json-schemas/', import.meta.url));

const FOLDERS = ['common', 'sdos', 'sros', 'observables'] as const;

let compiled: Map<string, ValidateFunction> | undefined;

function load(): Map<string, ValidateFunction> {
  if (compiled !== undefined) return compiled;
  const ajv = new Ajv2020({
    strict: false,
    allErrors: true,
    logger: false,
    // The schemas' type pattern escapes '-' outside a class, which `u` mode rejects.
    unicodeRegExp: false,
  });
  addFormats(ajv);
  // ajv-formats has no IDN formats; these only need to be non-blank without whitespace here.
  ajv.addFormat('idn-hostname', /^\S+$/);
  ajv.addFormat('idn-email', /^\S+@\S+$/);
  const ids = new Map<string, string>();
  for (const folder of FOLDERS) {
    const dir = `${OFFICIAL_SCHEMAS_DIR}schemas/${folder}/`;
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const schema = JSON.parse(readFileSync(dir + file, 'utf8')) as { $id: string };
      ajv.addSchema(schema);
      ids.set(file.replace(/\.json$/, ''), schema.$id);
    }
  }
  compiled = new Map();
  for (const [name, id] of ids) {
    const validate = ajv.getSchema(id);
    if (validate === undefined) throw new Error(`official schema ${name} did not compile`);
    compiled.set(name, validate);
  }
  return compiled;
}

/** Which official schema applies: the type's own, else the common core of the object's family. */
function schemaNameFor(obj: Record<string, unknown>): string {
  const type = typeof obj['type'] === 'string' ? obj['type'] : '';
  if (type === 'bundle') return 'bundle';
  if (isStixType(type)) return type;
  return familyOf(obj) === 'sco' ? 'cyber-observable-core' : 'core';
}

/**
 * Validates `obj` with the official STIX 2.1 JSON Schemas. Returns readable problems, or an
 * empty list when the object is valid. For types STIX does not define, only the common core
 * (core.json, or cyber-observable-core.json for new SCOs) is checked.
 */
export function validateWithOfficialSchemas(obj: unknown): string[] {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return ['not an object'];
  const name = schemaNameFor(obj as Record<string, unknown>);
  const validate = load().get(name);
  if (validate === undefined) return [`no official schema for ${name}`];
  if (validate(obj)) return [];
  return (validate.errors ?? []).map((e) => `${name}${e.instancePath || '/'} ${e.keyword}: ${e.message ?? ''}`);
}
