/**
 * Compiles the JSON Schemas carried by extension definitions, once per distinct schema text,
 * and turns ajv's errors into Enlace validation issues.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { escapePointer } from './identifier.js';
import type { IssueList } from './issues.js';
import { refuseSchema, type SchemaRefusal } from './schema-safety.js';

const addFormats = addFormatsModule.default;

const DIALECT_2020 = 'https://json-schema.org/draft/2020-12/schema';
const DIALECT_07 = 'http://json-schema.org/draft-07/schema';

function makeAjv<T extends Ajv | Ajv2020>(ajv: T): T {
  // 'fast' formats use simple linear expressions: received schemas may apply them to long text.
  addFormats(ajv, { mode: 'fast' });
  return ajv;
}

const options = {
  strict: false,
  allErrors: true,
  // Compiled schemas are not registered under their $id, so two definitions can never clash.
  addUsedSchema: false,
  logger: false,
} as const;

/**
 * ajv keeps every schema it compiled; an instance is replaced after this many compilations, and
 * the old one is freed once the validators it made are evicted from the cache below.
 */
const COMPILATIONS_PER_INSTANCE = 512;

let ajv2020: { ajv: Ajv2020; used: number } | undefined;
let ajv07: { ajv: Ajv; used: number } | undefined;

function ajvFor(dialect: string): Ajv | Ajv2020 | undefined {
  const bare = dialect.replace(/#$/, '');
  if (bare === DIALECT_2020) {
    if (ajv2020 === undefined || ajv2020.used >= COMPILATIONS_PER_INSTANCE) ajv2020 = { ajv: makeAjv(new Ajv2020(options)), used: 0 };
    ajv2020.used++;
    return ajv2020.ajv;
  }
  if (bare === DIALECT_07 || bare === DIALECT_07.replace('http:', 'https:')) {
    if (ajv07 === undefined || ajv07.used >= COMPILATIONS_PER_INSTANCE) ajv07 = { ajv: makeAjv(new Ajv(options)), used: 0 };
    ajv07.used++;
    return ajv07.ajv;
  }
  return undefined;
}

/** The outcome of compiling one schema. */
export type Compiled =
  | { ok: true; validate: ValidateFunction }
  | { ok: false; refusal: SchemaRefusal | { kind: 'unsupported-dialect'; dialect: string } | { kind: 'invalid-schema'; detail: string } };

const MAX_CACHED = 256;

const cache = new Map<string, Compiled>();

/**
 * Compiles `schema` (a parsed JSON Schema) after the safety checks. Results are cached by the
 * schema's text, so the same definition registered twice compiles once; the cache is bounded
 * so that a stream of distinct received schemas cannot grow memory without end.
 */
export function compileSchema(schema: unknown, cacheKey: string): Compiled {
  const hit = cache.get(cacheKey);
  if (hit !== undefined) return hit;
  const compiled = compileUncached(schema);
  if (cache.size >= MAX_CACHED) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(cacheKey, compiled);
  return compiled;
}

function compileUncached(schema: unknown): Compiled {
  const refusal = refuseSchema(schema);
  if (refusal !== null) return { ok: false, refusal };
  const declared = typeof schema === 'object' && schema !== null ? (schema as { $schema?: unknown }).$schema : undefined;
  const dialect = typeof declared === 'string' ? declared : DIALECT_2020;
  const ajv = ajvFor(dialect);
  if (ajv === undefined) return { ok: false, refusal: { kind: 'unsupported-dialect', dialect } };
  try {
    return { ok: true, validate: ajv.compile(schema as object | boolean) };
  } catch (e) {
    return { ok: false, refusal: { kind: 'invalid-schema', detail: e instanceof Error ? e.message.slice(0, 300) : 'error' } };
  }
}

function join(values: unknown): string {
  return Array.isArray(values) ? values.map((v) => String(v)).join(', ') : String(values);
}

const COMBINATORS = new Set(['anyOf', 'oneOf']);

/**
 * A failed anyOf/oneOf whose branches only miss properties reads best as one issue
 * ("at least one of license_plate, vin") rather than one `required` per branch.
 */
function summarize(e: ErrorObject, children: readonly ErrorObject[], at: string, extension: string, issues: IssueList): void {
  const missing = children.map((x) => (x.keyword === 'required' ? String((x.params as Record<string, unknown>)['missingProperty']) : null));
  if (children.length > 0 && missing.every((m) => m !== null)) {
    const properties = [...new Set(missing)].join(', ');
    issues.add(at, e.keyword === 'anyOf' ? 'at-least-one-of' : 'exactly-one-of', { properties });
    return;
  }
  issues.add(at, 'schema-violation', { extension, keyword: e.keyword, detail: e.message ?? '' });
}

/** Reports ajv's errors as issues, with paths below `base` (a JSON Pointer). */
export function reportSchemaErrors(errors: readonly ErrorObject[], base: string, extension: string, issues: IssueList): void {
  const combinators = errors.filter((e) => COMBINATORS.has(e.keyword));
  const under = (e: ErrorObject, c: ErrorObject): boolean => e !== c && e.schemaPath.startsWith(c.schemaPath + '/');
  for (const e of errors) {
    if (combinators.some((c) => under(e, c))) continue;
    const at = base + e.instancePath;
    const p = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'anyOf':
      case 'oneOf':
        summarize(
          e,
          errors.filter((x) => under(x, e)),
          at,
          extension,
          issues,
        );
        break;
      case 'required': {
        const property = String(p['missingProperty']);
        issues.add(at + '/' + escapePointer(property), 'required', { property });
        break;
      }
      case 'additionalProperties': {
        const property = String(p['additionalProperty']);
        issues.add(at + '/' + escapePointer(property), 'property-not-allowed', { property });
        break;
      }
      case 'type':
        issues.add(at, 'invalid-type', { expected: join(p['type']) });
        break;
      case 'enum':
        issues.add(at, 'not-in-enum', { allowed: join(p['allowedValues']) });
        break;
      case 'const':
        issues.add(at, 'not-in-enum', { allowed: join(p['allowedValue']) });
        break;
      case 'pattern':
        issues.add(at, 'invalid-format', { format: 'pattern' });
        break;
      case 'format':
        issues.add(at, 'invalid-format', { format: String(p['format']) });
        break;
      default:
        issues.add(at, 'schema-violation', { extension, keyword: e.keyword, detail: e.message ?? '' });
    }
  }
}
