/**
 * What every console route shares: the session a request carries, the viewer it stands for, the
 * language it is answered in, errors as JSON error resources in that language, and the headers
 * that keep the console's pages to their own origin.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { EnlaceError, isEnlaceError, langOf, renderTaxiiError, type Lang } from '../errors/index.js';
import type { Viewer } from './model.js';
import type { ActiveSession } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The console session the request carries, once the console's hook has checked it. */
    consoleSession?: ActiveSession;
  }
}

/** Nothing from elsewhere: scripts, styles, fonts and images come from the node itself (data: for Vite's inlined assets). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Small bodies (sign-in, locale, accounts) and the largest object a person creates by hand. */
export const SMALL_BODY = 16 * 1024;
export const NOTE_BODY = 128 * 1024;
export const OBJECT_BODY = 256 * 1024;

export function setSecurityHeaders(reply: FastifyReply): void {
  reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
}

/** The language of the signed-in account, else of the browser (Accept-Language). */
export function langFor(req: FastifyRequest): Lang {
  const locale = req.consoleSession?.account.locale;
  return locale ? langOf(locale) : langOf(req.headers['accept-language']);
}

export function viewerOf(req: FastifyRequest): Viewer {
  const s = req.consoleSession;
  if (!s) throw new EnlaceError('console.session-required');
  return { username: s.account.username, accountId: s.account.id, roles: s.account.roles, permissions: s.principal.permissions };
}

export function sendJson(reply: FastifyReply, body: unknown, status = 200): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type('application/json; charset=utf-8').send(JSON.stringify(body));
}

/** Fastify's own refusals (body too large, unreadable framing…) in the catalogue's words. */
function fromFastify(e: FastifyError, req: FastifyRequest): EnlaceError | null {
  const limit = req.routeOptions.bodyLimit ?? 0;
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new EnlaceError('http.payload-too-large', { size: req.headers['content-length'] ?? `> ${limit}`, max: limit });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new EnlaceError('http.unsupported-media-type', {
        mediaType: 'application/json',
        contentType: String(req.headers['content-type'] ?? '').slice(0, 80),
      });
    default:
      return e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500
        ? new EnlaceError('http.bad-request', { detail: e.message.slice(0, 200) })
        : null;
  }
}

/** Every console error as a JSON error resource (title, description, error_code, http_status), never a Basic-auth challenge. */
export function renderConsoleError(error: FastifyError | Error, req: FastifyRequest, reply: FastifyReply): void {
  let e = isEnlaceError(error) ? error : fromFastify(error as FastifyError, req);
  let ref: string | undefined;
  if (!e) {
    ref = randomUUID();
    req.log.error({ err: error, ref }, 'unexpected error');
    e = new EnlaceError('http.internal', { ref });
  }
  if (e.code === 'console.rate-limited') reply.header('retry-after', String(e.params['seconds'] ?? 60));
  setSecurityHeaders(reply);
  void sendJson(reply, renderTaxiiError(e, langFor(req), ref), e.httpStatus);
}

/** Refuses, before a byte is read, a body whose declared size is over the route's limit. */
export async function declaredSizeWithinLimit(req: FastifyRequest): Promise<void> {
  const limit = req.routeOptions.bodyLimit;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (limit !== undefined && declared > limit) throw new EnlaceError('http.payload-too-large', { size: declared, max: limit });
}
