/**
 * Reading a JSON request body that must be one object, for every /api and /console route that
 * takes one: media type, size, JSON syntax, and Enlace's structural limits (depth, sizes, no
 * prototype keys), refused with clear errors in both languages.
 */
import { EnlaceError } from '../errors/index.js';
import { renderIssue } from '../stix/index.js';
import { IssueList } from '../stix/issues.js';
import { checkStructure, isPlainObject } from '../stix/structure.js';

export interface JsonBodyOptions {
  /** Largest body accepted, in bytes (the route's bodyLimit may already be stricter). */
  maxBytes?: number;
  /** Also accept `application/<something>+json`. */
  acceptJsonSuffix?: boolean;
}

const notObject = { en: 'the body must be a JSON object', es: 'el cuerpo debe ser un objeto JSON' };

export function readJsonObjectBody(contentType: string | undefined, body: unknown, opts: JsonBodyOptions = {}): Record<string, unknown> {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== 'application/json' && !(opts.acceptJsonSuffix === true && type.endsWith('+json'))) {
    throw new EnlaceError('http.unsupported-media-type', { mediaType: 'application/json', contentType: type.slice(0, 80) });
  }
  const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
  if (opts.maxBytes !== undefined && bytes.length > opts.maxBytes) {
    throw new EnlaceError('http.payload-too-large', { size: bytes.length, max: opts.maxBytes });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    throw new EnlaceError('http.malformed-json', { detail: (e as Error).message.slice(0, 200) });
  }
  if (!isPlainObject(parsed)) throw new EnlaceError('http.bad-request', { detail: notObject });
  const issues = new IssueList();
  if (!checkStructure(parsed, issues)) {
    const issue = issues.items[0];
    const path = (issue?.path || '/').slice(0, 200);
    const problem = (lang: 'en' | 'es') => (issue ? renderIssue(issue, lang) : '?');
    throw new EnlaceError('http.bad-request', {
      detail: { en: `the body is refused at ${path}: ${problem('en')}`, es: `se rechaza el cuerpo en ${path}: ${problem('es')}` },
    });
  }
  return parsed;
}

/** Refuses a body holding a member the route does not know. */
export function refuseUnknownFields(body: Record<string, unknown>, allowed: readonly string[]): void {
  const unknown = Object.keys(body).find((k) => !allowed.includes(k));
  if (unknown === undefined) return;
  const name = unknown.slice(0, 60);
  throw new EnlaceError('http.bad-request', { detail: { en: `unknown field "${name}"`, es: `campo desconocido "${name}"` } });
}
