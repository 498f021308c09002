import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../accounts/model.js';
import { EnlaceError } from '../errors/index.js';
import type { NodeContext } from '../node/context.js';
import { MAX_POLICY_BODY_BYTES, policyDocument, readPolicyText, savePolicy } from './admin.js';
import type { ReleaseMessageKey } from './messages.js';
import { bothLanguages } from './phrase.js';
import { PREVIEW_MAX_IDS, PREVIEW_MAX_LIMIT, previewRelease } from './preview.js';

const json = (reply: FastifyReply, body: unknown): FastifyReply => reply.type('application/json').send(body);

const MAX_HISTORY = 200;

/** Only this node's accounts administer and preview the policy: a partner node never may. */
function requireAccount(req: FastifyRequest, permission: Permission, action: ReleaseMessageKey): string {
  const p = req.principal;
  if (!p) throw new EnlaceError('auth.required');
  if (p.kind !== 'account' || !p.permissions.has(permission)) throw new EnlaceError('auth.forbidden', { action: bothLanguages(action) });
  return p.account.username;
}

function bad(key: ReleaseMessageKey, params: Record<string, string | number>): EnlaceError {
  return new EnlaceError('http.bad-request', { detail: bothLanguages(key, params) });
}

type ParamKind = 'one' | 'many' | 'count';

/**
 * Reads a query strictly: a parameter the endpoint does not know, or one repeated that may not
 * be, is refused with its name rather than half-understood.
 */
function readQuery<K extends string>(query: unknown, spec: Record<K, ParamKind>): { [P in K]?: string | string[] | number } {
  const out: { [P in K]?: string | string[] | number } = {};
  if (typeof query !== 'object' || query === null) return out;
  for (const [name, raw] of Object.entries(query as Record<string, unknown>)) {
    if (!Object.hasOwn(spec, name)) throw bad('param.unknown', { name: name.slice(0, 40) });
    const kind = spec[name as K];
    const values = Array.isArray(raw) ? raw.map(String) : [String(raw)];
    if (kind === 'many') {
      if (values.length > PREVIEW_MAX_IDS) throw bad('param.too-many', { name, max: PREVIEW_MAX_IDS });
      out[name as K] = values.flatMap((v) => v.split(',')).filter((v) => v.length > 0);
      continue;
    }
    if (values.length !== 1) throw bad('param.repeated', { name });
    const value = values[0] ?? '';
    if (kind === 'count') {
      if (!/^(0|[1-9][0-9]{0,14})$/.test(value)) throw bad('param.invalid', { name, value: value.slice(0, 40) });
      out[name as K] = Number(value);
    } else {
      if (value.length === 0 || value.length > 128) throw bad('param.invalid', { name, value: value.slice(0, 40) });
      out[name as K] = value;
    }
  }
  return out;
}

const asNumber = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The release policy API (`/api/v1/release/…`): the policy in force and its history, saving a
 * new version (administrators), and the preview of what a partner would receive. Every rule
 * lives in src/release; these handlers only read requests and write answers.
 */
export function registerReleaseRoutes(app: FastifyInstance, ctx: NodeContext): void {
  app.get('/api/v1/release/policy', async (req, reply) => {
    requireAccount(req, 'policy:read', 'action.policy-read');
    readQuery(req.query, {});
    return json(reply, policyDocument(await ctx.release.refresh()));
  });

  app.get('/api/v1/release/policy/history', async (req, reply) => {
    requireAccount(req, 'policy:read', 'action.policy-read');
    const q = readQuery(req.query, { limit: 'count' });
    const limit = asNumber(q.limit) ?? 50;
    if (limit < 1 || limit > MAX_HISTORY) throw bad('param.range', { name: 'limit', min: 1, max: MAX_HISTORY });
    return json(reply, { versions: (await ctx.release.history(limit)).map(policyDocument) });
  });

  app.put(
    '/api/v1/release/policy',
    {
      bodyLimit: MAX_POLICY_BODY_BYTES,
      // Fastify refuses a body over this route's limit (declared, or while it streams); the
      // node's error renderer would cite the TAXII limit, so the refusal is restated with this one.
      errorHandler: (error: FastifyError, req) => {
        if (error.code !== 'FST_ERR_CTP_BODY_TOO_LARGE') throw error;
        const declared = req.headers['content-length'];
        throw new EnlaceError('http.payload-too-large', {
          size: declared ?? bothLanguages('body.over', { max: MAX_POLICY_BODY_BYTES }),
          max: MAX_POLICY_BODY_BYTES,
        });
      },
    },
    async (req, reply) => {
      const author = requireAccount(req, 'policy:write', 'action.policy-write');
      readQuery(req.query, {});
      const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (type !== 'application/json' && !type.endsWith('+json')) {
        throw new EnlaceError('http.unsupported-media-type', { mediaType: 'application/json', contentType: type.slice(0, 80) });
      }
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const saved = await savePolicy(ctx.release, readPolicyText(body.toString('utf8')), author);
      return json(reply, saved);
    },
  );

  app.get('/api/v1/release/preview', async (req, reply) => {
    requireAccount(req, 'policy:read', 'action.preview');
    const q = readQuery(req.query, { peer: 'one', id: 'many', collection: 'one', limit: 'count', after: 'count' });
    const peer = asString(q.peer);
    if (peer === undefined) throw bad('param.missing', { name: 'peer' });
    const ids = Array.isArray(q.id) ? q.id : undefined;
    const limit = asNumber(q.limit);
    if (limit !== undefined && (limit < 1 || limit > PREVIEW_MAX_LIMIT))
      throw bad('param.range', { name: 'limit', min: 1, max: PREVIEW_MAX_LIMIT });
    const result = await previewRelease(ctx, {
      peer,
      ids,
      collection: asString(q.collection),
      limit,
      afterSeq: asNumber(q.after),
    });
    return json(reply, result);
  });
}
