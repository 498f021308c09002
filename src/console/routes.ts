/**
 * The console API's session, account and overview routes. Handlers read requests strictly and
 * write answers; every rule lives in the services (sessions.ts, accounts-service.ts,
 * overview-service.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { langOf } from '../errors/index.js';
import type { NodeContext } from '../node/context.js';
import type { SyncController } from '../sync/types.js';
import { addAccount, changeAccount, listAccounts, requireAdmin, setLocale } from './accounts-service.js';
import { SMALL_BODY, declaredSizeWithinLimit, sendJson, viewerOf } from './http.js';
import { overview } from './overview-service.js';
import { badRequest } from './phrase.js';
import { booleanField, onlyFields, readJsonBody, readQuery, textField } from './requests.js';
import type { ActiveSession, ConsoleSessions } from './sessions.js';

export interface RouteDeps {
  ctx: NodeContext;
  sessions: ConsoleSessions;
  sync?: SyncController;
  /** Remembered credentials of the node's other APIs are forgotten after an account changes. */
  onAccountsChanged: () => void;
  /** Sets the cookie's Secure flag (the node is served over https). */
  secureCookie: boolean;
  clock: () => number;
}

/** The body of every session answer. */
export function sessionBody(s: ActiveSession) {
  const a = s.account;
  return {
    user: {
      username: a.username,
      displayName: a.displayName,
      roles: [...a.roles],
      permissions: [...s.principal.permissions].sort(),
      locale: a.locale === null ? null : langOf(a.locale) === 'es' ? 'es-MX' : 'en',
    },
    csrfToken: s.record.csrfToken,
    expiresAt: new Date(s.endsMs).toISOString(),
  };
}

const small = { bodyLimit: SMALL_BODY, onRequest: declaredSizeWithinLimit };
const bodyOf = (req: FastifyRequest): Record<string, unknown> => readJsonBody(req.headers['content-type'], req.body);
const noContent = (reply: FastifyReply): FastifyReply => reply.code(204).header('cache-control', 'no-store').send();

export function registerSessionRoutes(app: FastifyInstance, d: RouteDeps): void {
  app.post('/console/api/session', small, async (req, reply) => {
    readQuery(req.query, {});
    const body = bodyOf(req);
    onlyFields(body, ['username', 'password']);
    const username = textField(body, 'username', 200, true);
    const password = textField(body, 'password', 1024, true);
    const { token, session } = await d.sessions.signIn(username, password, req.ip);
    // Signing in again (as the same or another account) ends the session the browser held.
    if (req.consoleSession) await d.sessions.signOut(req.consoleSession);
    req.consoleSession = session;
    reply.setCookie(d.sessions.cookieName, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: d.secureCookie });
    return sendJson(reply, sessionBody(session));
  });

  app.get('/console/api/session', async (req, reply) => {
    readQuery(req.query, {});
    viewerOf(req);
    return sendJson(reply, sessionBody(req.consoleSession as ActiveSession));
  });

  app.delete('/console/api/session', async (req, reply) => {
    readQuery(req.query, {});
    viewerOf(req);
    await d.sessions.signOut(req.consoleSession as ActiveSession);
    reply.clearCookie(d.sessions.cookieName, { httpOnly: true, sameSite: 'strict', path: '/', secure: d.secureCookie });
    return noContent(reply);
  });

  app.put('/console/api/me/locale', small, async (req, reply) => {
    const viewer = viewerOf(req);
    readQuery(req.query, {});
    const body = bodyOf(req);
    onlyFields(body, ['locale']);
    const locale = body['locale'];
    if (locale !== 'en' && locale !== 'es-MX') throw badRequest('body.locale');
    await setLocale(d.ctx, viewer, locale);
    return noContent(reply);
  });

  app.get('/console/api/overview', async (req, reply) => {
    const viewer = viewerOf(req);
    readQuery(req.query, {});
    return sendJson(reply, await overview(d.ctx, viewer, d.sync, d.clock()));
  });
}

export function registerAccountRoutes(app: FastifyInstance, d: RouteDeps): void {
  app.get('/console/api/accounts', async (req, reply) => {
    const viewer = viewerOf(req);
    readQuery(req.query, {});
    return sendJson(reply, { accounts: await listAccounts(d.ctx, viewer) });
  });

  app.post('/console/api/accounts', small, async (req, reply) => {
    const viewer = viewerOf(req);
    readQuery(req.query, {});
    // Refused before the body is read: nobody learns from a 400 what an endpoint they may not use accepts.
    requireAdmin(viewer);
    const body = bodyOf(req);
    onlyFields(body, ['username', 'password', 'displayName', 'roles']);
    const account = await addAccount(d.ctx, viewer, {
      username: textField(body, 'username', 63, true),
      password: textField(body, 'password', 1024, true),
      displayName: textField(body, 'displayName', 200),
      roles: body['roles'],
    });
    d.onAccountsChanged();
    return sendJson(reply, { account }, 201);
  });

  app.patch<{ Params: { username: string } }>('/console/api/accounts/:username', small, async (req, reply) => {
    const viewer = viewerOf(req);
    readQuery(req.query, {});
    requireAdmin(viewer);
    const body = bodyOf(req);
    onlyFields(body, ['roles', 'disabled']);
    const change = { roles: body['roles'], disabled: booleanField(body, 'disabled') };
    const account = await changeAccount(d.ctx, viewer, req.params.username, change, (id) => d.sessions.endSessionsOf(id));
    d.onAccountsChanged();
    return sendJson(reply, { account });
  });
}
