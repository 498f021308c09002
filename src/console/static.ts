/**
 * Serving the built console (Vite's output in dist/console): hashed assets under /console/assets/
 * with a year's cache, a few root files (icons), and index.html for every other /console path so
 * the browser-side router can show it (SPA fallback). The compiled server code that tsc also
 * writes to dist/console is never served. A node whose console was not built answers 503 saying
 * how to build it, in both languages.
 */
import { statSync } from 'node:fs';
import { extname, join, posix } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EnlaceError } from '../errors/index.js';
import { translate } from '../i18n/index.js';
import { sendJson, setSecurityHeaders } from './http.js';

const YEAR_MS = 365 * 24 * 3_600_000;
/** Files Vite may place at the console's root besides index.html (public/ folder). */
const ROOT_FILE_TYPES = new Set(['.ico', '.png', '.svg', '.webmanifest', '.txt', '.woff2', '.woff']);

/** True for /console/api and below: never a page, always the API (a JSON 404 or 401). */
export const isApiPath = (rel: string): boolean => rel === 'api' || rel.startsWith('api/');

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The file a path names, when it is one the console may serve: under assets/, or an allowed root file. */
function servable(dir: string, rel: string): { rel: string; immutable: boolean } | null {
  if (rel.length === 0 || rel.length > 500 || rel.includes('\0') || rel.includes('\\')) return null;
  const clean = posix.normalize(rel);
  if (clean.startsWith('..') || clean.startsWith('/')) return null;
  const segments = clean.split('/');
  const inAssets = segments[0] === 'assets' && segments.length >= 2;
  const rootFile = segments.length === 1 && ROOT_FILE_TYPES.has(extname(clean).toLowerCase());
  if (!(inAssets || rootFile) || segments.some((s) => s.startsWith('.'))) return null;
  return isFile(join(dir, clean)) ? { rel: clean, immutable: inAssets } : null;
}

function notBuilt(req: FastifyRequest, reply: FastifyReply, dir: string): FastifyReply {
  const e = new EnlaceError('console.not-built', { dir });
  const title = { en: translate('en', 'console', 'not-built.title'), es: translate('es', 'console', 'not-built.title') };
  const accept = String(req.headers.accept ?? '');
  if (accept.includes('text/html')) {
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const html =
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title.en)}</title></head><body>` +
      `<h1>${esc(title.en)}</h1><p>${esc(e.localized('en'))}</p>` +
      `<h1 lang="es-MX">${esc(title.es)}</h1><p lang="es-MX">${esc(e.localized('es'))}</p></body></html>`;
    return reply.code(503).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
  }
  return sendJson(reply, { title: e.localized('en'), description: e.localized('es'), error_code: e.code, http_status: '503' }, 503);
}

export async function registerStatic(app: FastifyInstance, dir: string): Promise<void> {
  // The build writes brotli and gzip copies of the assets (scripts/compress-console.mjs); sent when the browser accepts them.
  await app.register(fastifyStatic, { root: dir, serve: false, suppressWarning: true, preCompressed: true });

  const page = async (req: FastifyRequest<{ Params: { '*'?: string } }>, reply: FastifyReply): Promise<FastifyReply> => {
    const rel = req.params['*'] ?? '';
    if (isApiPath(rel)) throw new EnlaceError('http.not-found', { what: (req.url.split('?')[0] ?? '').slice(0, 100) });
    if (!isFile(join(dir, 'index.html'))) return notBuilt(req, reply, dir);
    const file = servable(dir, rel);
    if (file) return reply.sendFile(file.rel, { maxAge: file.immutable ? YEAR_MS : 0, immutable: file.immutable });
    // A missing script or style is an error, not a page: answering it with index.html would hide a broken build.
    if (rel.startsWith('assets/')) throw new EnlaceError('http.not-found', { what: (req.url.split('?')[0] ?? '').slice(0, 100) });
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', { cacheControl: false });
  };
  // Unknown API paths, whatever the method: a JSON 404 once signed in (the session hook answers 401 before).
  app.all('/console/api/*', async (req) => {
    throw new EnlaceError('http.not-found', { what: (req.url.split('?')[0] ?? '').slice(0, 100) });
  });
  app.get('/console', page);
  app.get('/console/*', page);
  app.get('/', async (_req, reply) => {
    setSecurityHeaders(reply);
    return reply.redirect('/console/', 302);
  });
}
