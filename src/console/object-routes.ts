/**
 * The console API's object routes: the intelligence list, the object page, creating an object,
 * adding a note, revoking. Permission is checked before a body is read.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EnlaceError } from '../errors/index.js';
import { MAX_NOTE_ABSTRACT, MAX_NOTE_CONTENT, addNote, createObject, revokeObject } from './authoring-service.js';
import { NOTE_BODY, OBJECT_BODY, SMALL_BODY, declaredSizeWithinLimit, sendJson, viewerOf } from './http.js';
import type { Viewer } from './model.js';
import { canRevoke, objectDetail } from './object-service.js';
import { bothLanguages } from './phrase.js';
import { many, one, onlyFields, readJsonBody, readQuery, textField } from './requests.js';
import type { RouteDeps } from './routes.js';
import { searchObjects } from './search-service.js';

const SEARCH_PARAMS = {
  q: 'one',
  type: 'many',
  origin: 'many',
  marking: 'many',
  grading: 'many',
  label: 'many',
  since: 'one',
  revoked: 'one',
  limit: 'one',
  cursor: 'one',
} as const;

const bodyOf = (req: FastifyRequest): Record<string, unknown> => readJsonBody(req.headers['content-type'], req.body);

function mayWrite(viewer: Viewer, action: 'action.create-objects' | 'action.add-notes'): void {
  if (!viewer.permissions.has('objects:write')) throw new EnlaceError('auth.forbidden', { action: bothLanguages(action) });
}

export function registerObjectRoutes(app: FastifyInstance, d: RouteDeps): void {
  app.get('/console/api/objects', async (req, reply) => {
    const viewer = viewerOf(req);
    const q = readQuery(req.query, SEARCH_PARAMS);
    const result = await searchObjects(d.ctx, viewer, {
      q: one(q.q),
      type: many(q.type),
      origin: many(q.origin),
      marking: many(q.marking),
      grading: many(q.grading),
      label: many(q.label),
      since: one(q.since),
      revoked: one(q.revoked),
      limit: one(q.limit),
      cursor: one(q.cursor),
    });
    return sendJson(reply, result);
  });

  app.get<{ Params: { id: string } }>('/console/api/objects/:id', async (req, reply) => {
    const viewer = viewerOf(req);
    readQuery(req.query, {});
    return sendJson(reply, await objectDetail(d.ctx, viewer, req.params.id));
  });

  app.post('/console/api/objects', { bodyLimit: OBJECT_BODY, onRequest: declaredSizeWithinLimit }, async (req, reply) => {
    const viewer = viewerOf(req);
    readQuery(req.query, {});
    mayWrite(viewer, 'action.create-objects');
    return sendJson(reply, await createObject(d.ctx, viewer, bodyOf(req)), 201);
  });

  app.post<{ Params: { id: string } }>(
    '/console/api/objects/:id/notes',
    { bodyLimit: NOTE_BODY, onRequest: declaredSizeWithinLimit },
    async (req, reply) => {
      const viewer = viewerOf(req);
      readQuery(req.query, {});
      mayWrite(viewer, 'action.add-notes');
      const body = bodyOf(req);
      onlyFields(body, ['content', 'abstract', 'object_marking_refs']);
      const input = {
        content: textField(body, 'content', MAX_NOTE_CONTENT, true),
        abstract: textField(body, 'abstract', MAX_NOTE_ABSTRACT),
        object_marking_refs: body['object_marking_refs'],
      };
      return sendJson(reply, await addNote(d.ctx, viewer, req.params.id, input), 201);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/console/api/objects/:id/revoke',
    { bodyLimit: SMALL_BODY, onRequest: declaredSizeWithinLimit },
    async (req, reply) => {
      const viewer = viewerOf(req);
      readQuery(req.query, {});
      if (!canRevoke(viewer)) throw new EnlaceError('auth.forbidden', { action: bothLanguages('action.revoke') });
      // The revocation takes no parameters; a body, if sent, must be an empty JSON object.
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (raw.length > 0) onlyFields(bodyOf(req), []);
      return sendJson(reply, await revokeObject(d.ctx, viewer, req.params.id));
    },
  );
}
