/**
 * Typed reading of a STIX object that the validator has already accepted. The schema guarantees
 * the shapes; these readers narrow `unknown` for the compiler and still refuse, naming the field,
 * whatever slips past a schema (an impossible calendar date, a registry without the definition).
 */
import { EnlaceError } from '../../errors/index.js';
import { parseStixTimestamp, renderIssue, type ValidationIssue } from '../../stix/index.js';

/** The object is refused (object.invalid, 422) with its first few issues, each naming its field. */
export function refuse(type: string, issues: readonly ValidationIssue[]): EnlaceError {
  const phrase = (lang: 'en' | 'es'): string =>
    `${type} ` +
    issues
      .slice(0, 3)
      .map((i) => `${i.path || '/'}: ${renderIssue(i, lang)}`)
      .join('; ') +
    (issues.length > 3 ? ' …' : '');
  return new EnlaceError('object.invalid', { detail: { en: phrase('en'), es: phrase('es') } }, { issues: issues.slice(0, 20) });
}

export class Reader {
  constructor(private readonly type: string) {}

  private fail(path: string, issue: Omit<ValidationIssue, 'path'>): never {
    throw refuse(this.type, [{ path, ...issue }]);
  }

  record(v: unknown, path: string): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(path, { code: 'invalid-type', params: { expected: 'object' } });
    return v as Record<string, unknown>;
  }

  list(v: unknown, path: string): unknown[] {
    if (!Array.isArray(v)) this.fail(path, { code: 'invalid-type', params: { expected: 'array' } });
    return v;
  }

  text(v: unknown, path: string): string {
    if (typeof v !== 'string') this.fail(path, { code: 'invalid-type', params: { expected: 'string' } });
    return v;
  }

  texts(v: unknown, path: string): string[] {
    return this.list(v, path).map((x, k) => this.text(x, `${path}/${k}`));
  }

  textOrNull(v: unknown, path: string): string | null {
    return v === null || v === undefined ? null : this.text(v, path);
  }

  number(v: unknown, path: string): number {
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(path, { code: 'invalid-type', params: { expected: 'number' } });
    return v;
  }

  numberOrNull(v: unknown, path: string): number | null {
    return v === null ? null : this.number(v, path);
  }

  oneOf<T extends string>(v: unknown, allowed: readonly T[], path: string): T {
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
      this.fail(path, { code: 'not-in-enum', params: { allowed: allowed.join(', ') } });
    }
    return v as T;
  }

  /** A STIX timestamp as milliseconds since the epoch (digits beyond the millisecond are dropped). */
  time(v: unknown, path: string): number {
    const us = parseStixTimestamp(this.text(v, path));
    if (us === null) this.fail(path, { code: 'invalid-timestamp' });
    return Math.floor(us / 1000);
  }

  timeOrNull(v: unknown, path: string): number | null {
    return v === null || v === undefined ? null : this.time(v, path);
  }

  params(v: unknown, path: string): Record<string, string | number> {
    const out: Record<string, string | number> = {};
    for (const [k, x] of Object.entries(this.record(v, path))) {
      out[k] = typeof x === 'number' ? this.number(x, `${path}/${k}`) : this.text(x, `${path}/${k}`);
    }
    return out;
  }
}
