/**
 * The console's server side, as the node's HTTP server mounts it: sign-in sessions (also
 * accepted by the node's other APIs through src/server/auth.ts), the console API under
 * /console/api, and the built web application under /console with `/` redirecting to it.
 */
import { fileURLToPath } from 'node:url';
import { fastifyCookie } from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import { EnlaceError } from '../errors/index.js';
import type { NodeContext } from '../node/context.js';
import type { SyncController } from '../sync/types.js';
import { renderConsoleError, setSecurityHeaders } from './http.js';
import { registerObjectRoutes } from './object-routes.js';
import type { LoginLimits } from './rate-limit.js';
import { registerAccountRoutes, registerSessionRoutes, type RouteDeps } from './routes.js';
import { ConsoleSessions, type SessionTimes } from './sessions.js';
import { isApiPath, registerStatic } from './static.js';

export interface ConsoleOptions {
  /** The built console (index.html, assets/): dist/console, where this module is compiled, by default. */
  dir?: string;
  /** Milliseconds since the epoch; tests move it to expire sessions. */
  clock?: () => number;
  times?: SessionTimes;
  limits?: LoginLimits;
}

/** The directory Vite builds the console into, which is also where this module runs from. */
export const DEFAULT_CONSOLE_DIR = fileURLToPath(new URL('.', import.meta.url));

/** Paths the console answers for itself, with its own session checks: `/` and everything under /console. */
export function isConsolePath(path: string): boolean {
  return path === '/' || path === '/console' || path.startsWith('/console/');
}

export class ConsoleServer {
  readonly sessions: ConsoleSessions;
  private readonly clock: () => number;

  constructor(
    private readonly ctx: NodeContext,
    private readonly opts: ConsoleOptions & { sync?: SyncController } = {},
  ) {
    this.clock = opts.clock ?? Date.now;
    this.sessions = new ConsoleSessions(ctx.store, ctx.identity.fingerprint, { clock: this.clock, times: opts.times, limits: opts.limits });
  }

  async register(app: FastifyInstance, hooks: { onAccountsChanged: () => void }): Promise<void> {
    await app.register(fastifyCookie);
    const deps: RouteDeps = {
      ctx: this.ctx,
      sessions: this.sessions,
      sync: this.opts.sync,
      onAccountsChanged: hooks.onAccountsChanged,
      secureCookie: this.ctx.config.http.publicUrl.startsWith('https:'),
      clock: this.clock,
    };
    const sessions = this.sessions;
    const dir = this.opts.dir ?? DEFAULT_CONSOLE_DIR;
    await app.register(async (scope) => {
      scope.setErrorHandler(renderConsoleError);
      scope.addHook('onRequest', async (_req, reply) => setSecurityHeaders(reply));
      // No data without a session: every /console/api path but sign-in, known or not.
      scope.addHook('preHandler', async (req) => {
        const route = req.routeOptions.url ?? '';
        const wildcard = (req.params as Record<string, string | undefined>)['*'];
        const api = route.startsWith('/console/api/') || (wildcard !== undefined && isApiPath(wildcard));
        if (!api) return;
        const session = await sessions.fromCookieHeader(req.headers.cookie);
        if (session) req.consoleSession = session;
        if (route === '/console/api/session' && req.method === 'POST') return;
        if (!session) throw new EnlaceError('console.session-required');
        sessions.checkCsrf(session, req.method, req.headers);
      });
      registerSessionRoutes(scope, deps);
      registerAccountRoutes(scope, deps);
      registerObjectRoutes(scope, deps);
      await registerStatic(scope, dir);
    });
  }
}
