import type { FastifyReply } from 'fastify';
import { EnlaceError } from '../errors/index.js';

export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

interface MediaRange {
  type: string;
  subtype: string;
  params: Map<string, string>;
  q: number;
}

function parseRange(part: string): MediaRange | null {
  const [essence, ...paramParts] = part.split(';');
  const [type, subtype] = (essence ?? '').trim().toLowerCase().split('/');
  if (!type || !subtype) return null;
  const params = new Map<string, string>();
  let q = 1;
  for (const p of paramParts) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    const k = p.slice(0, eq).trim().toLowerCase();
    const v = p
      .slice(eq + 1)
      .trim()
      .replace(/^"|"$/g, '');
    if (k === 'q') q = Number.parseFloat(v);
    else params.set(k, v);
  }
  return { type, subtype, params, q: Number.isFinite(q) ? q : 0 };
}

/**
 * True when an Accept header admits TAXII 2.1 JSON. A `version` other than 2.1 excludes it; no
 * version means "the latest", which is 2.1; wildcards admit it.
 */
export function acceptsTaxii(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  if (accept.length > 1024) return false;
  for (const raw of accept.split(',')) {
    const r = parseRange(raw);
    if (!r || r.q <= 0) continue;
    if (r.type === '*' && r.subtype === '*') return true;
    if (r.type === 'application' && r.subtype === '*') return true;
    if (r.type === 'application' && r.subtype === 'taxii+json') {
      const v = r.params.get('version');
      if (v === undefined || v === '2.1') return true;
    }
  }
  return false;
}

/** Throws 406 unless the client accepts TAXII 2.1 JSON. */
export function requireAcceptable(accept: string | undefined): void {
  if (!acceptsTaxii(accept)) {
    throw new EnlaceError('http.not-acceptable', { mediaType: TAXII_MEDIA_TYPE, accept: String(accept).slice(0, 200) });
  }
}

/** Throws 415 unless a request body is declared as TAXII 2.1 JSON (the only type POST accepts). */
export function requireTaxiiContentType(contentType: string | undefined): void {
  const r = contentType ? parseRange(contentType) : null;
  const v = r?.params.get('version');
  const ok = r && r.type === 'application' && r.subtype === 'taxii+json' && (v === undefined || v === '2.1');
  if (!ok) {
    throw new EnlaceError('http.unsupported-media-type', {
      mediaType: TAXII_MEDIA_TYPE,
      contentType: String(contentType ?? '').slice(0, 200),
    });
  }
}

/**
 * Sends a TAXII response whose Content-Type is the media type exactly as the specification writes
 * it. Given a JSON-like type without charset, Fastify re-formats it as `version="2.1"; charset=utf-8`,
 * and clients that compare media-type parameters as text (taxii2-client among them) then refuse every
 * answer; a Buffer payload goes out with the header as set.
 */
export function sendTaxii(reply: FastifyReply, status: number, text: string): FastifyReply {
  return reply.code(status).header('content-type', TAXII_MEDIA_TYPE).send(Buffer.from(text, 'utf8'));
}
