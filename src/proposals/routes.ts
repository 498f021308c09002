import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { EnlaceError } from '../errors/index.js';
import type { NodeContext } from '../node/context.js';
import type { ProposalMessageKey } from './messages.js';
import type { Actor } from './model.js';
import { bothLanguages } from './phrase.js';
import { MAX_PROPOSAL_BODY_BYTES, readDecisionBody, readJsonBody, readListQuery, readProposalBody, readProposalId } from './requests.js';
import { decide, listProposals, propose, requireAllowed } from './service.js';

const json = (reply: FastifyReply, body: unknown, status = 200): FastifyReply => reply.code(status).type('application/json').send(body);

const ACTIONS: Record<'list' | 'propose' | 'decide', ProposalMessageKey> = {
  list: 'action.list',
  propose: 'action.propose',
  decide: 'action.decide',
};

/**
 * Proposals are made and decided by a node's own people. A partner node hands its proposals over
 * as objects, by sync, and never acts through this API. Permission is checked before the body is
 * read, so that nobody learns from a 400 what an endpoint they may not use would accept.
 */
function actorOf(req: FastifyRequest, what: keyof typeof ACTIONS): Actor {
  const p = req.principal;
  if (!p) throw new EnlaceError('auth.required');
  if (p.kind !== 'account') throw new EnlaceError('auth.forbidden', { action: bothLanguages(ACTIONS[what]) });
  const actor = { username: p.account.username, permissions: p.permissions };
  requireAllowed(actor, what);
  return actor;
}

/** Refused before a byte of the body is read when its declared size is already too large. */
async function boundedBody(req: FastifyRequest): Promise<void> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_PROPOSAL_BODY_BYTES) throw new EnlaceError('http.payload-too-large', { size: declared, max: MAX_PROPOSAL_BODY_BYTES });
}

const bodyOf = (req: FastifyRequest): Record<string, unknown> =>
  readJsonBody(req.headers['content-type'], Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));

/** `/api/v1/proposals`: list, propose, decide. Every rule lives in service.ts and rules.ts. */
export function registerProposalRoutes(app: FastifyInstance, ctx: NodeContext): void {
  app.get('/api/v1/proposals', async (req, reply) => {
    const actor = actorOf(req, 'list');
    return json(reply, { proposals: await listProposals(ctx, actor, readListQuery(req.query)) });
  });

  app.post('/api/v1/proposals', { bodyLimit: MAX_PROPOSAL_BODY_BYTES, onRequest: boundedBody }, async (req, reply) => {
    const actor = actorOf(req, 'propose');
    const input = readProposalBody(bodyOf(req));
    return json(reply, { proposal: await propose(ctx, actor, input) }, 201);
  });

  app.post<{ Params: { id: string } }>(
    '/api/v1/proposals/:id/decision',
    { bodyLimit: MAX_PROPOSAL_BODY_BYTES, onRequest: boundedBody },
    async (req, reply) => {
      const actor = actorOf(req, 'decide');
      const id = readProposalId(req.params.id);
      const input = readDecisionBody(bodyOf(req));
      return json(reply, await decide(ctx, actor, id, input));
    },
  );
}
