import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../accounts/model.js';
import { EnlaceError, langOf } from '../errors/index.js';
import { formatTimestampUs } from '../stix/index.js';
import { parseFilters, type QueryParams } from './filters.js';
import { requireAcceptable, requireTaxiiContentType, sendTaxii } from './media.js';
import * as taxii from './service.js';

type Params = { root?: string; cid?: string; oid?: string; sid?: string };

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new EnlaceError('auth.required');
  return req.principal;
}

function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return sendTaxii(reply, status, typeof body === 'string' ? body : JSON.stringify(body));
}

function sendPage(reply: FastifyReply, page: taxii.TaxiiPage & { remaining?: number }): FastifyReply {
  if (page.firstAddedUs !== null) reply.header('X-TAXII-Date-Added-First', formatTimestampUs(page.firstAddedUs));
  if (page.lastAddedUs !== null) reply.header('X-TAXII-Date-Added-Last', formatTimestampUs(page.lastAddedUs));
  // Tells a partner node how far behind it is (its sync lag in objects); not part of TAXII.
  if (page.remaining !== undefined) reply.header('X-Enlace-Remaining', String(page.remaining));
  return sendJson(reply, 200, page.json);
}

/**
 * TAXII 2.1 endpoints (sections 4 and 5 of the specification). Handlers only translate HTTP to
 * service calls; every rule lives in ./service.ts and ./filters.ts.
 */
export function registerTaxiiRoutes(app: FastifyInstance, svc: taxii.TaxiiService): void {
  const apiRoot = svc.ctx.config.taxii.apiRoot;
  const maxPage = svc.ctx.config.taxii.maxPageSize;
  const root = (req: FastifyRequest<{ Params: Params }>) => {
    if (req.params.root !== apiRoot) throw new EnlaceError('taxii.api-root-not-found', { apiRoot: String(req.params.root).slice(0, 60) });
  };

  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/taxii2') || req.url.startsWith(`/${apiRoot}/`) || req.url === `/${apiRoot}`) {
      requireAcceptable(req.headers.accept);
    }
  });

  app.get('/taxii2/', async (_req, reply) => sendJson(reply, 200, taxii.discovery(svc)));

  app.get<{ Params: Params }>('/:root/', async (req, reply) => {
    root(req);
    return sendJson(reply, 200, taxii.apiRootInfo(svc));
  });

  app.get<{ Params: Params }>('/:root/status/:sid/', async (req, reply) => {
    root(req);
    return sendJson(reply, 200, await taxii.getStatus(svc, principalOf(req), req.params.sid ?? ''));
  });

  app.get<{ Params: Params }>('/:root/collections/', async (req, reply) => {
    root(req);
    return sendJson(reply, 200, await taxii.listCollections(svc, principalOf(req)));
  });

  app.get<{ Params: Params }>('/:root/collections/:cid/', async (req, reply) => {
    root(req);
    return sendJson(reply, 200, await taxii.getCollection(svc, principalOf(req), req.params.cid ?? ''));
  });

  app.get<{ Params: Params; Querystring: QueryParams }>('/:root/collections/:cid/manifest/', async (req, reply) => {
    root(req);
    const f = parseFilters(req.query, 'manifest', maxPage);
    return sendPage(reply, await taxii.getManifest(svc, principalOf(req), req.params.cid ?? '', f));
  });

  app.get<{ Params: Params; Querystring: QueryParams }>('/:root/collections/:cid/objects/', async (req, reply) => {
    root(req);
    const f = parseFilters(req.query, 'objects', maxPage);
    return sendPage(reply, await taxii.getObjects(svc, principalOf(req), req.params.cid ?? '', f));
  });

  app.post<{ Params: Params }>('/:root/collections/:cid/objects/', async (req, reply) => {
    root(req);
    requireTaxiiContentType(req.headers['content-type']);
    const body = Buffer.isBuffer(req.body) ? req.body : undefined;
    const lang = langOf(req.headers['accept-language']);
    return sendJson(reply, 202, await taxii.addObjects(svc, principalOf(req), req.params.cid ?? '', body, lang));
  });

  app.get<{ Params: Params; Querystring: QueryParams }>('/:root/collections/:cid/objects/:oid/', async (req, reply) => {
    root(req);
    const id = req.params.oid ?? '';
    taxii.requireObjectId(id);
    const f = parseFilters(req.query, 'object', maxPage);
    return sendPage(reply, await taxii.getObjects(svc, principalOf(req), req.params.cid ?? '', f, 'object', id));
  });

  app.delete<{ Params: Params; Querystring: QueryParams }>('/:root/collections/:cid/objects/:oid/', async (req, reply) => {
    root(req);
    const f = parseFilters(req.query, 'delete', maxPage);
    await taxii.deleteObject(svc, principalOf(req), req.params.cid ?? '', req.params.oid ?? '', f);
    return sendTaxii(reply, 200, '');
  });

  app.get<{ Params: Params; Querystring: QueryParams }>('/:root/collections/:cid/objects/:oid/versions/', async (req, reply) => {
    root(req);
    const f = parseFilters(req.query, 'versions', maxPage);
    return sendPage(reply, await taxii.getVersions(svc, principalOf(req), req.params.cid ?? '', req.params.oid ?? '', f));
  });
}
