/**
 * STIX 2.1 extension definitions (§7.3) as Enlace enforces them. A registry knows the
 * extension-definition objects a node accepts; the validator asks it about every entry of an
 * object's `extensions` and about every type STIX does not define.
 *
 * The `schema` property of a definition is text. When that text parses as a JSON Schema, the
 * schema is enforced: on the extension entry for property extensions, on the whole object for
 * new object types and top-level property extensions. When it does not (a URL, prose), the
 * definition is known but its content is not machine-checked.
 */
import type { ValidateFunction } from 'ajv';
import type { Ctx } from './checks.js';
import { escapePointer, parseIdentifier } from './identifier.js';
import { IssueList, type ValidationIssue } from './issues.js';
import { EXTENSION_TYPES, type ExtensionType, type StixObject } from './model.js';
import { SCO_PREDEFINED_EXTENSIONS } from './sco.js';
import { compileSchema, reportSchemaErrors, type Compiled } from './schema-compiler.js';
import { isPlainObject } from './structure.js';
import { parseStixTimestamp } from './timestamp.js';

export interface RegisterOptions {
  /** JSON Schema enforced instead of the definition's `schema` text (for definitions whose schema is a link). */
  schema?: object | boolean;
  /** Object types a property extension may be attached to; absent means any. */
  appliesTo?: readonly string[];
  /** Pinned definitions (Enlace's and TLP's) are never replaced by a later registration. */
  pinned?: boolean;
}

/** A definition as the registry holds it. */
export interface RegisteredExtension {
  readonly id: string;
  readonly definition: StixObject;
  readonly extensionTypes: readonly ExtensionType[];
  readonly appliesTo: readonly string[] | null;
  readonly pinned: boolean;
  /** The compiled schema, or null when the definition's schema is not machine-readable. */
  readonly validate: ValidateFunction | null;
  /** Set when the schema was refused or failed to compile: objects using it are rejected. */
  readonly unusable: boolean;
}

const NEW_TYPES: ReadonlySet<string> = new Set(['new-sdo', 'new-sco', 'new-sro']);

function parseSchemaText(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'boolean' || isPlainObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function refusalIssue(compiled: Compiled & { ok: false }, extension: string, issues: IssueList): void {
  const r = compiled.refusal;
  switch (r.kind) {
    case 'remote-ref':
      return issues.add('/schema', 'schema-remote-ref', { extension, ref: r.ref.slice(0, 200) });
    case 'unsafe-pattern':
      return issues.add('/schema', 'schema-unsafe-pattern', { extension, pattern: r.pattern.slice(0, 200) });
    case 'unsupported-dialect':
      return issues.add('/schema', 'schema-unsupported-dialect', { extension, dialect: r.dialect.slice(0, 200) });
    case 'hostile-structure':
      return issues.add('/schema', 'schema-invalid', { extension, detail: 'structure' });
    case 'invalid-schema':
      return issues.add('/schema', 'schema-invalid', { extension, detail: r.detail });
  }
}

/** The extension-definition objects a node accepts, with their compiled schemas. */
export class ExtensionRegistry {
  private readonly own = new Map<string, RegisteredExtension>();

  constructor(private readonly parent?: ExtensionRegistry) {}

  /**
   * Adds (or updates to a newer `modified`) an extension definition. Validate the object with
   * the STIX validator first; this checks only what the registry relies on. Returns the
   * problems found: a definition whose schema is refused is still registered, as unusable.
   */
  register(def: StixObject, options: RegisterOptions = {}): ValidationIssue[] {
    const issues = new IssueList();
    const id = def.id;
    if (def.type !== 'extension-definition' || parseIdentifier(id)?.type !== 'extension-definition') {
      issues.add('/id', 'invalid-identifier');
      return issues.items;
    }
    const types = Array.isArray(def['extension_types']) ? def['extension_types'] : [];
    const extensionTypes = types.filter((t): t is ExtensionType => (EXTENSION_TYPES as readonly unknown[]).includes(t));
    if (extensionTypes.length === 0 || extensionTypes.length !== types.length) {
      issues.add('/extension_types', 'not-in-enum', { allowed: EXTENSION_TYPES.join(', ') });
      return issues.items;
    }
    const current = this.get(id);
    if (current !== undefined && (current.pinned || isOlder(def, current.definition))) return issues.items;

    const schema = options.schema ?? parseSchemaText(def['schema']);
    let validate: ValidateFunction | null = null;
    let unusable = false;
    if (schema !== undefined) {
      const key = options.schema !== undefined ? JSON.stringify(options.schema) : String(def['schema']);
      const compiled = compileSchema(schema, key);
      if (compiled.ok) validate = compiled.validate;
      else {
        unusable = true;
        refusalIssue(compiled, id, issues);
      }
    }
    this.own.set(id, {
      id,
      definition: def,
      extensionTypes,
      validate,
      unusable,
      appliesTo: options.appliesTo ?? null,
      pinned: options.pinned === true,
    });
    return issues.items;
  }

  /** The registered definition with this id, here or in the parent registry. */
  get(id: string): RegisteredExtension | undefined {
    return this.own.get(id) ?? this.parent?.get(id);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** Every definition visible from this registry. */
  list(): RegisteredExtension[] {
    const seen = new Map<string, RegisteredExtension>();
    for (const e of this.parent?.list() ?? []) seen.set(e.id, e);
    for (const e of this.own.values()) seen.set(e.id, e);
    return [...seen.values()];
  }

  /**
   * A child registry that sees this one's definitions and keeps its own additions apart, e.g.
   * for the definitions carried inside one received bundle.
   */
  fork(): ExtensionRegistry {
    return new ExtensionRegistry(this);
  }
}

function isOlder(candidate: StixObject, current: StixObject): boolean {
  const a = typeof candidate.modified === 'string' ? parseStixTimestamp(candidate.modified) : null;
  const b = typeof current.modified === 'string' ? parseStixTimestamp(current.modified) : null;
  return a !== null && b !== null && a < b;
}

/**
 * Checks an object's `extensions` against the registry. `predefined` says whether STIX itself
 * defines the object's type; when it does not, one registered new-sdo/new-sco/new-sro
 * definition must declare it, or the object is of an unknown type.
 */
export function checkExtensions(o: Record<string, unknown>, predefined: boolean, registry: ExtensionRegistry, c: Ctx): void {
  const type = String(o['type']);
  const exts = o['extensions'];
  let declared = false;
  if (exts !== undefined && !isPlainObject(exts)) c.issues.add('/extensions', 'invalid-type', { expected: 'object' });
  else if (exts !== undefined) {
    const keys = Object.keys(exts);
    if (keys.length === 0) c.issues.add('/extensions', 'empty-object');
    for (const key of keys) {
      if (c.issues.full) return;
      const path = '/extensions/' + escapePointer(key);
      const entry = exts[key];
      if (parseIdentifier(key)?.type === 'extension-definition') {
        declared = checkDefinedExtension(o, key, entry, path, predefined, registry, c) || declared;
      } else if (SCO_PREDEFINED_EXTENSIONS[type]?.includes(key) === true) {
        if (!isPlainObject(entry)) c.issues.add(path, 'invalid-type', { expected: 'object' });
        else if (Object.keys(entry).length === 0) c.issues.add(path, 'empty-object');
      } else {
        c.issues.add(path, 'invalid-extension-key', { key: key.slice(0, 250) });
      }
    }
  }
  if (!predefined && !declared) c.issues.add('/type', 'unknown-type', { type });
}

/** Checks one `extension-definition--…` entry; true when it validly declares the object's type. */
function checkDefinedExtension(
  o: Record<string, unknown>,
  id: string,
  entry: unknown,
  path: string,
  predefined: boolean,
  registry: ExtensionRegistry,
  c: Ctx,
): boolean {
  if (!isPlainObject(entry)) {
    c.issues.add(path, 'invalid-type', { expected: 'object' });
    return false;
  }
  const extensionType = entry['extension_type'];
  if (extensionType === undefined) {
    c.issues.add(path + '/extension_type', 'required', { property: 'extension_type' });
    return false;
  }
  if (typeof extensionType !== 'string' || !(EXTENSION_TYPES as readonly string[]).includes(extensionType)) {
    c.issues.add(path + '/extension_type', 'not-in-enum', { allowed: EXTENSION_TYPES.join(', ') });
    return false;
  }
  const def = registry.get(id);
  if (def === undefined) {
    c.issues.add(path, 'unknown-extension', { extension: id });
    return false;
  }
  if (def.unusable) {
    c.issues.add(path, 'extension-unusable', { extension: id });
    return false;
  }
  if (!(def.extensionTypes as readonly string[]).includes(extensionType)) {
    c.issues.add(path + '/extension_type', 'extension-type-mismatch', { extension: id, expected: def.extensionTypes.join(', ') });
    return false;
  }
  const type = String(o['type']);
  const definesType = NEW_TYPES.has(extensionType);
  if ((definesType && predefined) || (def.appliesTo !== null && !def.appliesTo.includes(type))) {
    c.issues.add(path, 'extension-not-applicable', { extension: id, type });
    return false;
  }
  if (def.validate !== null) {
    const onEntry = extensionType === 'property-extension';
    if (!def.validate(onEntry ? entry : o)) reportSchemaErrors(def.validate.errors ?? [], onEntry ? path : '', id, c.issues);
  }
  return definesType;
}
