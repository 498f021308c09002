import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { EnlaceError, isEnlaceError, langOf, renderTaxiiError } from '../errors/index.js';
import type { NodeContext } from '../node/context.js';
import { CursorCodec } from '../taxii/cursor.js';
import { TAXII_MEDIA_TYPE, sendTaxii } from '../taxii/media.js';
import { registerTaxiiRoutes } from '../taxii/routes.js';
import { registerNodeRoutes } from './node-routes.js';
import { registerAuditRoutes } from './audit-routes.js';
import { registerReleaseRoutes } from '../release/routes.js';
import { registerProposalRoutes } from '../proposals/routes.js';
import { Authenticator } from './auth.js';
import type { SyncController } from '../sync/types.js';
import { ConsoleServer, isConsolePath, type ConsoleOptions } from '../console/index.js';
import { SESSION_COOKIE_PREFIX } from '../console/sessions.js';
import { registerDroneRoutes } from '../drones/routes.js';
import { DroneService } from '../drones/service.js';

/** Paths anyone may read: the node card that peers exchange, with nothing but public facts. */
const PUBLIC_PATHS = new Set(['/enlace/node-card', '/enlace/node-card/', '/healthz']);

/** Maps Fastify's own errors (body too large, bad JSON…) onto the catalogue, so none escapes as a 500. */
function fromFastify(e: FastifyError, maxContentLength: number, sizeHint: string | undefined): EnlaceError | null {
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new EnlaceError('http.payload-too-large', { size: sizeHint ?? '?', max: maxContentLength });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new EnlaceError('http.unsupported-media-type', { mediaType: TAXII_MEDIA_TYPE, contentType: '?' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new EnlaceError('http.bad-request', { detail: e.message });
    default:
      return e.statusCode && e.statusCode >= 400 && e.statusCode < 500 ? new EnlaceError('http.bad-request', { detail: e.message }) : null;
  }
}

/** Answers a request Node's HTTP parser refused (bad framing, oversized headers, timeout), as TAXII. */
function answerMalformedHttp(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const e =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? new EnlaceError('http.header-too-large')
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new EnlaceError('http.request-timeout')
        : new EnlaceError('http.bad-request', { detail: 'the HTTP message is malformed' });
  const body = JSON.stringify(renderTaxiiError(e, 'en'));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${e.httpStatus} ${STATUS_CODES[e.httpStatus] ?? ''}\r\nContent-Type: ${TAXII_MEDIA_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}

export interface AppOptions {
  sync?: SyncController;
  /** The web console: where its build is, and (tests) its clock and limits. */
  console?: ConsoleOptions;
  /** The drone picture; by default made and started here when `drones.enabled`, stopped when the app closes. */
  drones?: DroneService | null;
}

const dronesByApp = new WeakMap<FastifyInstance, DroneService>();

/** The drone service an app runs, for the demo, tests and benchmarks that drive it in process. */
export function dronesOf(app: FastifyInstance): DroneService | null {
  return dronesByApp.get(app) ?? null;
}

/** Assembles a node's HTTP server: one auth hook, one error renderer, then the route groups. */
export async function buildApp(ctx: NodeContext, opts: AppOptions = {}): Promise<FastifyInstance> {
  const maxContentLength = ctx.config.taxii.maxContentLength;
  const logger: FastifyBaseLogger = ctx.log;
  const renderError = (error: FastifyError, req: FastifyRequest, reply: FastifyReply): void => {
    const lang = langOf(req.headers['accept-language']);
    let e = isEnlaceError(error) ? error : fromFastify(error, maxContentLength, req.headers['content-length']);
    let ref: string | undefined;
    if (!e) {
      ref = randomUUID();
      req.log.error({ err: error, ref }, 'unexpected error');
      e = new EnlaceError('http.internal', { ref });
    }
    // A browser answered with a Basic challenge would pop up its own sign-in box over the console's.
    const fromConsole = String(req.headers.cookie ?? '').includes(SESSION_COOKIE_PREFIX);
    if (e.httpStatus === 401 && !fromConsole) reply.header('WWW-Authenticate', 'Basic realm="Enlace", Bearer');
    void sendTaxii(reply, e.httpStatus, JSON.stringify(renderTaxiiError(e, lang, ref)));
  };
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: maxContentLength,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 300 },
    // Errors found before routing (bad percent-encoding, over-long path segments) and malformed
    // HTTP would otherwise be answered in Fastify's own JSON shape rather than as TAXII errors.
    frameworkErrors: renderError,
    clientErrorHandler: answerMalformedHttp,
  });
  const web = new ConsoleServer(ctx, { ...opts.console, sync: opts.sync });
  const auth = new Authenticator(ctx, web.sessions);

  // Bodies are read as bytes: the node signature covers the exact bytes, and JSON errors are ours to report.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxContentLength }, (_req, body, done) => done(null, body));

  app.addHook('onRequest', async (req) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxContentLength) throw new EnlaceError('http.payload-too-large', { size: declared, max: maxContentLength });
  });
  app.addHook('preHandler', async (req) => {
    const path = req.url.split('?')[0] ?? '';
    // The console's routes check their own sessions (src/console); decided by the route matched, not the raw path.
    if (PUBLIC_PATHS.has(path) || req.routeOptions.url === undefined || isConsolePath(req.routeOptions.url)) return;
    req.principal = await auth.authenticate({
      method: req.method,
      url: req.url,
      headers: req.headers,
      body: Buffer.isBuffer(req.body) ? req.body : undefined,
    });
  });

  app.setErrorHandler(renderError);
  app.setNotFoundHandler((req, reply) => {
    const lang = langOf(req.headers['accept-language']);
    const e = new EnlaceError('http.not-found', { what: req.url.split('?')[0]?.slice(0, 100) ?? '' });
    void sendTaxii(reply, 404, JSON.stringify(renderTaxiiError(e, lang)));
  });

  const cursors = new CursorCodec(Buffer.from(ctx.config.cursorSecret, 'base64url'), ctx.config.taxii.cursorTtlSeconds);
  registerTaxiiRoutes(app, { ctx, cursors });
  registerNodeRoutes(app, ctx, { sync: opts.sync, onAccountsChanged: () => auth.forget() });
  registerAuditRoutes(app, ctx);
  registerReleaseRoutes(app, ctx);
  registerProposalRoutes(app, ctx);
  await web.register(app, { onAccountsChanged: () => auth.forget() });
  const drones = opts.drones !== undefined ? opts.drones : ctx.config.drones.enabled ? new DroneService(ctx) : null;
  registerDroneRoutes(app, ctx, drones);
  if (drones) {
    dronesByApp.set(app, drones);
    if (opts.drones === undefined) {
      await drones.start();
      app.addHook('onClose', async () => drones.stop());
    }
  }
  return app;
}
