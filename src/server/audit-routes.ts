import type { FastifyInstance, FastifyReply } from 'fastify';
import { accessQueryOf, listAccess } from '../audit/access-log.js';
import { peerNamed, renderVerdict, verifyWithPeer } from '../audit/node-verify.js';
import { bad, bounded, readParams } from '../audit/params.js';
import * as audit from '../audit/service.js';
import { langOf } from '../errors/index.js';
import type { NodeContext } from '../node/context.js';
import { PeerClient } from '../sync/client.js';

const json = (reply: FastifyReply, body: unknown): FastifyReply => reply.type('application/json').send(body);

/** Longest grace an audit may be asked to allow for exchanges still in flight: a day. */
const MAX_GRACE_SECONDS = 86_400;

/**
 * The audit API (`/api/v1/audit/…`). Partner nodes (RFC 9421 signatures) and accounts holding
 * `audit:read` read the log, its heads and proofs; partners hand over their heads; accounts
 * audit a partner and read the access log. Every rule lives in src/audit.
 */
export function registerAuditRoutes(app: FastifyInstance, ctx: NodeContext): void {
  app.get('/api/v1/audit/head', async (req, reply) => {
    const who = audit.requireAuditReader(req.principal, 'read the audit log');
    readParams(req.query, {});
    return json(reply, await audit.currentHead(ctx, who));
  });

  app.get('/api/v1/audit/entries', async (req, reply) => {
    const who = audit.requireAuditReader(req.principal, 'read the audit log');
    return json(reply, await audit.readEntries(ctx, who, req.query));
  });

  app.get('/api/v1/audit/proofs/inclusion', async (req, reply) => {
    audit.requireAuditReader(req.principal, 'read the audit log');
    return json(reply, await audit.inclusion(ctx, req.query));
  });

  app.get('/api/v1/audit/proofs/consistency', async (req, reply) => {
    audit.requireAuditReader(req.principal, 'read the audit log');
    return json(reply, await audit.consistency(ctx, req.query));
  });

  app.get('/api/v1/audit/heads', async (req, reply) => {
    const who = audit.requireAuditReader(req.principal, 'read the audit log');
    return json(reply, await audit.heldHeads(ctx, who, req.query));
  });

  app.post('/api/v1/audit/heads', async (req, reply) => {
    const who = audit.requireAuditReader(req.principal, 'hand over a tree head');
    readParams(req.query, {});
    return json(reply, await audit.receiveHead(ctx, who, Buffer.isBuffer(req.body) ? req.body : undefined));
  });

  app.get('/api/v1/audit/verify', async (req, reply) => {
    audit.requireAuditAccount(req.principal, 'audit the logs');
    const p = readParams(req.query, { peer: 'name', grace: 'count' });
    if (typeof p.peer !== 'string') throw bad('peer', 'missing');
    const peer = await peerNamed(ctx, p.peer);
    const graceUs = bounded(p.grace, 'grace', 600, 0, MAX_GRACE_SECONDS) * 1_000_000;
    const verdict = await verifyWithPeer(ctx, new PeerClient(ctx, peer), { graceUs });
    return json(reply, renderVerdict(verdict, langOf(req.headers['accept-language'])));
  });

  app.get('/api/v1/audit/access', async (req, reply) => {
    audit.requireAuditAccount(req.principal, 'read the access log');
    return json(reply, { entries: await listAccess(ctx, accessQueryOf(req.query)) });
  });
}
