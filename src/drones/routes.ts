/**
 * The drone picture over HTTP, thin: every handler checks the permission and calls DroneService.
 * `/api/v1/drones/stream` is server-sent events: browsers reconnect by themselves, and it passes
 * through the same authentication hook (session cookie, Bearer, Basic) as the rest of the API.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../accounts/model.js';
import { EnlaceError, langOf } from '../errors/index.js';
import type { NodeContext } from '../node/context.js';
import { readJsonObjectBody, refuseUnknownFields } from '../server/json-body.js';
import { formatSse } from './alerts/hub.js';
import { EvidenceExportError, exportIncident, recordEvidenceExport, type EvidenceFile } from './evidence/index.js';
import { borderGeography } from './map/geography.js';
import { refusalText, type DroneService } from './service.js';

const FORMATS = ['geojson', 'cot', 'csv', 'report'] as const;
type EvidenceFormat = (typeof FORMATS)[number];
/** Sensor names travel in a header; keep them to what a log line and a map label can show. */
const SENSOR = /^[A-Za-z0-9._:-]{1,64}$/;
/** An acknowledgement's body: a short note at most. */
const MAX_ACK_BODY = 4096;
/** Bytes a stream reader may have waiting in its socket before it counts as slow. */
const SSE_MAX_BUFFERED = 4 * 1024 * 1024;

const json = (reply: FastifyReply, status: number, body: unknown): FastifyReply => reply.code(status).type('application/json').send(body);

/** Drone routes are for this node's own accounts and sensors; a partner node reads incidents through TAXII. */
function requireAccount(req: FastifyRequest, permission: Permission): string {
  const p = req.principal;
  if (!p) throw new EnlaceError('auth.required');
  if (p.kind !== 'account' || !p.permissions.has(permission)) {
    throw new EnlaceError('auth.forbidden', { action: { en: `drone picture (${permission})`, es: `panorama de drones (${permission})` } });
  }
  return p.account.username;
}

function lang(req: FastifyRequest): 'en' | 'es' {
  return langOf(req.headers['accept-language']) === 'es' ? 'es' : 'en';
}

function queryOf(req: FastifyRequest): Record<string, unknown> {
  return typeof req.query === 'object' && req.query !== null ? (req.query as Record<string, unknown>) : {};
}

export function registerDroneRoutes(app: FastifyInstance, ctx: NodeContext, drones: DroneService | null): void {
  const service = (): DroneService => {
    if (!drones) throw new EnlaceError('drones.disabled');
    return drones;
  };

  app.post('/api/v1/drones/detections', async (req, reply) => {
    const account = requireAccount(req, 'drones:ingest');
    const header = req.headers['x-enlace-sensor'];
    const sensor = typeof header === 'string' && header !== '' ? header : account;
    if (!SENSOR.test(sensor))
      throw new EnlaceError('http.bad-request', {
        detail: {
          en: 'X-Enlace-Sensor must be 1 to 64 letters, digits, dots, colons, dashes or underscores',
          es: 'X-Enlace-Sensor debe tener de 1 a 64 letras, dígitos, puntos, dos puntos, guiones o guiones bajos',
        },
      });
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (body.length === 0) throw new EnlaceError('drones.rejected', { reason: { en: 'the body is empty', es: 'el cuerpo está vacío' } });
    const { refusal, ...answer } = service().ingestPayload(req.headers['content-type'], body, sensor, lang(req));
    const reason = refusalText(answer, refusal);
    if (reason) throw new EnlaceError('drones.rejected', { reason });
    return json(reply, 200, answer);
  });

  app.get('/api/v1/drones/stats', async (req, reply) => {
    const p = req.principal;
    if (!(p?.kind === 'account' && (p.permissions.has('drones:read') || p.permissions.has('drones:ingest'))))
      requireAccount(req, 'drones:read');
    return json(reply, 200, service().stats());
  });

  app.get('/api/v1/drones/geography', async (req, reply) => {
    requireAccount(req, 'drones:read');
    // Immutable while the node runs: let the browser keep it for an hour.
    return json(reply.header('Cache-Control', 'private, max-age=3600'), 200, borderGeography());
  });

  app.get('/api/v1/drones/picture', async (req, reply) => {
    requireAccount(req, 'drones:read');
    return json(reply, 200, service().picture());
  });

  app.get('/api/v1/drones/alerts', async (req, reply) => {
    requireAccount(req, 'drones:read');
    const state = queryOf(req).state;
    if (state !== undefined && state !== 'open' && state !== 'acknowledged')
      throw new EnlaceError('http.bad-request', {
        detail: { en: 'state must be open or acknowledged', es: 'state debe ser open o acknowledged' },
      });
    return json(reply, 200, { alerts: service().alerts.list(state === undefined ? undefined : { state }) });
  });

  app.post<{ Params: { id: string } }>('/api/v1/drones/alerts/:id/ack', async (req, reply) => {
    const account = requireAccount(req, 'drones:ack');
    let note: string | undefined;
    // The body is optional: `{}` or `{"note": "…"}`.
    if (Buffer.isBuffer(req.body) && req.body.length > 0) {
      const body = readJsonObjectBody(req.headers['content-type'], req.body, { maxBytes: MAX_ACK_BODY });
      refuseUnknownFields(body, ['note']);
      const n = body.note;
      if (n !== undefined && (typeof n !== 'string' || n.length > 2000))
        throw new EnlaceError('http.bad-request', {
          detail: { en: 'note must be text of at most 2,000 characters', es: 'note debe ser un texto de 2,000 caracteres como máximo' },
        });
      note = n;
    }
    return json(reply, 200, await service().acknowledge(req.params.id, account, note));
  });

  app.get('/api/v1/drones/incidents', async (req, reply) => {
    requireAccount(req, 'drones:read');
    return json(reply, 200, { incidents: service().shared.incidents() });
  });

  app.get<{ Params: { id: string } }>('/api/v1/drones/incidents/:id', async (req, reply) => {
    requireAccount(req, 'drones:read');
    return json(reply, 200, service().incident(req.params.id));
  });

  app.get<{ Params: { id: string } }>('/api/v1/drones/incidents/:id/evidence', async (req, reply) => {
    const account = requireAccount(req, 'drones:read');
    const q = queryOf(req);
    const format = q.format ?? 'report';
    if (typeof format !== 'string' || !(FORMATS as readonly string[]).includes(format)) {
      throw new EnlaceError('http.bad-request', {
        detail: { en: `format must be one of ${FORMATS.join(', ')}`, es: `format debe ser uno de ${FORMATS.join(', ')}` },
      });
    }
    const l = q.lang ?? lang(req);
    if (l !== 'en' && l !== 'es')
      throw new EnlaceError('http.bad-request', { detail: { en: 'lang must be en or es', es: 'lang debe ser en o es' } });
    const view = service().incident(req.params.id);
    let file: EvidenceFile;
    try {
      file = exportIncident(view, format as EvidenceFormat, l);
    } catch (e) {
      if (e instanceof EvidenceExportError) throw new EnlaceError('http.bad-request', { detail: { en: e.text('en'), es: e.text('es') } });
      throw e;
    }
    await recordEvidenceExport(ctx, account, view, file);
    return reply
      .code(200)
      .header('Content-Type', file.contentType)
      .header('Content-Disposition', `attachment; filename="${file.filename}"`)
      .header('X-Enlace-Sha256', file.sha256)
      .send(file.body);
  });

  app.get('/api/v1/drones/stream', async (req, reply) => {
    requireAccount(req, 'drones:read');
    const hub = service().hub;
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    let id = 0;
    // Node's 16 KiB high-water mark would call a reader slow after one incident event, and the
    // hub retries only every flush period: alerts would queue for seconds behind it. A reader
    // counts as slow only once this much is waiting in the socket; then `false` makes the hub keep
    // the event (and drop the reader past its queue bound; onDropped closes the connection).
    const unsubscribe = hub.subscribe(
      (event) => {
        if (res.destroyed || res.writableLength > SSE_MAX_BUFFERED) return false;
        id += 1;
        // A comment line (ignored by EventSource) says when the node wrote the event: latency can be
        // measured at the node, whatever delays the reader adds.
        res.write(`: sent ${Date.now()}\n${formatSse(event, id)}`);
        return true;
      },
      { onDropped: () => res.end() },
    );
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    keepAlive.unref();
    req.raw.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  });
}
