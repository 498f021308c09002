/**
 * Bundles (STIX 2.1 §8): a wrapper for transport. Extension definitions travelling in the
 * bundle are validated first and known, for the rest of the bundle only, through a forked
 * registry; then every other object is validated. Issue paths start with `/objects/<index>`.
 */
import type { ExtensionRegistry } from './extensions.js';
import { FORBIDDEN_KEYS, parseIdentifier } from './identifier.js';
import { IssueList, type ValidationIssue } from './issues.js';
import type { StixObject } from './model.js';
import { isPlainObject } from './structure.js';
import { defaultExtensionRegistry, validateStixObject } from './validate.js';

export interface BundleOptions {
  registry?: ExtensionRegistry;
  /** Most objects one bundle may carry (default 100,000). */
  maxObjects?: number;
}

export type BundleValidationResult = { ok: true; id: string; objects: StixObject[] } | { ok: false; issues: ValidationIssue[] };

function checkEnvelope(input: unknown, maxObjects: number, issues: IssueList): unknown[] | null {
  if (!isPlainObject(input)) {
    issues.add('', 'not-an-object');
    return null;
  }
  for (const key of Object.keys(input)) {
    if (FORBIDDEN_KEYS.has(key)) issues.add('/' + key, 'forbidden-key', { key });
  }
  if (input['type'] !== 'bundle') issues.add('/type', 'not-in-enum', { allowed: 'bundle' });
  const id = input['id'];
  if (id === undefined) issues.add('/id', 'required', { property: 'id' });
  else if (typeof id !== 'string' || parseIdentifier(id)?.type !== 'bundle') issues.add('/id', 'invalid-identifier');
  const objects = input['objects'] ?? [];
  if (!Array.isArray(objects)) {
    issues.add('/objects', 'invalid-type', { expected: 'array' });
    return null;
  }
  if (objects.length > maxObjects) {
    issues.add('/objects', 'array-too-long', { max: maxObjects });
    return null;
  }
  return issues.count === 0 ? objects : null;
}

/**
 * Validates a bundle and every object in it. Returns the objects when all are valid.
 *
 * @example
 * const r = validateBundle(JSON.parse(text), { registry });
 * if (r.ok) for (const o of r.objects) store(o);
 */
export function validateBundle(input: unknown, options: BundleOptions = {}): BundleValidationResult {
  const issues = new IssueList();
  const objects = checkEnvelope(input, options.maxObjects ?? 100_000, issues);
  if (objects === null) return { ok: false, issues: issues.items };
  const registry = (options.registry ?? defaultExtensionRegistry()).fork();
  const valid: StixObject[] = new Array<StixObject>(objects.length);

  const validateAt = (i: number): void => {
    const r = validateStixObject(objects[i], { registry });
    if (r.ok) valid[i] = r.object;
    else issues.addAll(r.issues, `/objects/${i}`);
  };
  const isDefinition = (o: unknown): boolean => isPlainObject(o) && o['type'] === 'extension-definition';

  for (let i = 0; i < objects.length && !issues.full; i++) {
    if (!isDefinition(objects[i])) continue;
    validateAt(i);
    const def = valid[i];
    if (def !== undefined) issues.addAll(registry.register(def), `/objects/${i}`);
  }
  for (let i = 0; i < objects.length && !issues.full; i++) {
    if (!isDefinition(objects[i])) validateAt(i);
  }
  if (issues.count > 0) return { ok: false, issues: issues.items };
  return { ok: true, id: String((input as Record<string, unknown>)['id']), objects: valid };
}
