import { EnlaceError } from '../errors/index.js';

/*
 * Query parameters of the audit API, read strictly: a request naming a parameter the endpoint
 * does not know, repeating one, or giving a value out of shape is refused with the parameter
 * named, never half-understood.
 */

export type ParamKind = 'count' | 'name';

const COUNT = /^(0|[1-9][0-9]{0,15})$/;
/** Peer and account names: the shapes the node itself allows, and nothing wider. */
const NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** Reads the query of a request against the parameters an endpoint takes. */
export function readParams<K extends string>(query: unknown, spec: Record<K, ParamKind>): Partial<Record<K, string | number>> {
  const out: Partial<Record<K, string | number>> = {};
  if (query === undefined || query === null) return out;
  if (typeof query !== 'object') throw bad('?', 'not a query string');
  const entries = Object.entries(query as Record<string, unknown>);
  const unknown = entries.find(([name]) => !Object.hasOwn(spec, name));
  if (unknown) throw bad(unknown[0].slice(0, 40), 'unknown parameter');
  for (const [name, raw] of entries) {
    if (typeof raw !== 'string') throw bad(name, 'given more than once');
    const kind = spec[name as K];
    if (kind === 'count') {
      if (!COUNT.test(raw) || !Number.isSafeInteger(Number(raw))) throw bad(name, `"${raw.slice(0, 40)}" is not a whole number`);
      out[name as K] = Number(raw);
    } else {
      if (!NAME.test(raw)) throw bad(name, `"${raw.slice(0, 40)}" is not a name`);
      out[name as K] = raw;
    }
  }
  return out;
}

/** A count parameter that must be present. */
export function required(value: string | number | undefined, name: string): number {
  if (typeof value !== 'number') throw bad(name, 'missing');
  return value;
}

/** A count parameter with a default and an upper bound. */
export function bounded(value: string | number | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || value < min || value > max) throw bad(name, `must be from ${min} to ${max}`);
  return value;
}

export function bad(name: string, detail: string): EnlaceError {
  return new EnlaceError('audit.bad-parameter', { name, detail });
}
