/**
 * Reading the console API's requests strictly: a query or body that is not exactly what the
 * endpoint takes is refused as a whole, with what is wrong named in both languages, before
 * anything is looked up or stored.
 */
import { readJsonObjectBody, refuseUnknownFields } from '../server/json-body.js';
import { badRequest } from './phrase.js';

export type ParamKind = 'one' | 'many';
export type QueryValues<K extends string> = { [P in K]?: string | string[] };

/** Most values one repeatable parameter takes. */
export const MAX_PARAM_VALUES = 50;
const MAX_PARAM_CHARS = 1000;

export function readQuery<K extends string>(query: unknown, spec: Record<K, ParamKind>): QueryValues<K> {
  const out: QueryValues<K> = {};
  if (typeof query !== 'object' || query === null) return out;
  for (const [name, raw] of Object.entries(query as Record<string, unknown>)) {
    if (!Object.hasOwn(spec, name)) throw badRequest('param.unknown', { name: name.slice(0, 40) });
    const values = (Array.isArray(raw) ? raw : [raw]).map((v) => String(v));
    if (values.some((v) => v.length > MAX_PARAM_CHARS))
      throw badRequest('param.invalid', { name, value: '…', expected: `at most ${MAX_PARAM_CHARS} characters` });
    if (spec[name as K] === 'one') {
      if (values.length !== 1) throw badRequest('param.repeated', { name });
      out[name as K] = values[0] ?? '';
    } else {
      if (values.length > MAX_PARAM_VALUES) throw badRequest('param.too-many', { name, max: MAX_PARAM_VALUES });
      out[name as K] = values;
    }
  }
  return out;
}

export const one = (v: string | string[] | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
export const many = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** The body as a JSON object within Enlace's structural limits (depth, sizes, no prototype keys). */
export function readJsonBody(contentType: string | undefined, body: unknown): Record<string, unknown> {
  return readJsonObjectBody(contentType, body);
}

export const onlyFields = refuseUnknownFields;

/** A text field of 1..max characters (after trimming); undefined when absent and not required. */
export function textField(body: Record<string, unknown>, name: string, max: number, required: true): string;
export function textField(body: Record<string, unknown>, name: string, max: number, required?: false): string | undefined;
export function textField(body: Record<string, unknown>, name: string, max: number, required = false): string | undefined {
  const v = body[name];
  if (v === undefined) {
    if (required) throw badRequest('body.missing', { name });
    return undefined;
  }
  if (typeof v !== 'string' || v.trim().length === 0 || v.length > max) throw badRequest('body.text', { name, max });
  return v;
}

export function booleanField(body: Record<string, unknown>, name: string): boolean | undefined {
  const v = body[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw badRequest('body.boolean', { name });
  return v;
}
