import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Permission } from '../accounts/model.js';
import { EnlaceError } from '../errors/index.js';
import type { NodeContext } from '../node/context.js';
import { nodeCard } from '../peers/service.js';
import type { SyncController } from '../sync/types.js';

function requirePermission(req: FastifyRequest, permission: Permission, action: string): void {
  if (!req.principal) throw new EnlaceError('auth.required');
  if (!req.principal.permissions.has(permission) || req.principal.kind !== 'account') {
    throw new EnlaceError('auth.forbidden', { action });
  }
}

/** Enlace's own API beside TAXII: the node card peers exchange, node and peer status, sync on demand. */
export function registerNodeRoutes(
  app: FastifyInstance,
  ctx: NodeContext,
  opts: { sync?: SyncController; onAccountsChanged: () => void },
): void {
  app.get('/enlace/node-card', async (_req, reply) => reply.type('application/json').send(nodeCard(ctx)));
  app.get('/healthz', async (_req, reply) => reply.type('application/json').send({ ok: true }));

  app.get('/api/v1/node', async (req, reply) => {
    requirePermission(req, 'status:read', 'read node status');
    const collections = await Promise.all(
      (await ctx.store.listCollections()).map(async (c) => ({
        id: c.id,
        alias: c.alias,
        title: c.title,
        objects: await ctx.store.countObjects(c.id),
      })),
    );
    return reply.type('application/json').send({ ...nodeCard(ctx), store: ctx.store.backend, collections });
  });

  app.get('/api/v1/peers', async (req, reply) => {
    requirePermission(req, 'status:read', 'read peer status');
    if (!opts.sync) throw new EnlaceError('http.not-found', { what: 'sync is not running on this process' });
    return reply.type('application/json').send({ peers: await opts.sync.status() });
  });

  app.post('/api/v1/sync', async (req, reply) => {
    requirePermission(req, 'sync:run', 'run a sync');
    if (!opts.sync) throw new EnlaceError('http.not-found', { what: 'sync is not running on this process' });
    const peer = (req.query as Record<string, string | undefined>).peer;
    return reply.type('application/json').send({ reports: await opts.sync.syncNow(peer) });
  });
}
