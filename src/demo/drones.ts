/**
 * The demo's drone scene (issue 5): the simulator's sensors report to their own node over HTTP, as
 * real sensors would; a drone launched in eastern Tijuana and seen only by a Mexican sensor
 * crosses into the United States. The scene watches the U.S. node's stream as its console does,
 * reports how long after the Mexican node heard the crossing the alert was on the U.S. side, shows
 * the pilot, acknowledges the alert on the U.S. console and watches the acknowledgement reach the
 * Mexico console.
 */
import pino from 'pino';
import { createAccount, issueApiToken } from '../accounts/service.js';
import { renderAlert } from '../drones/alerts/render.js';
import { borderService } from '../drones/border/service.js';
import type { Alert, IncidentView, StreamEvent } from '../drones/model.js';
import { SimulatorDriver, type DriverStats } from '../drones/simulator/driver.js';
import { buildScenario } from '../drones/simulator/scenario.js';
import { basicAuth, followStream } from '../drones/stream-client.js';
import { translate, type Lang } from '../i18n/index.js';
import { openNode } from '../node/open.js';

/** Sensors post as this account of each node (role `sensor`: detections in, nothing out). */
const SENSOR_ACCOUNT = 'sensores';

/** A fresh API token for the node's sensor account, made before the node serves (creating the account once). */
export async function sensorToken(dir: string): Promise<string> {
  const ctx = await openNode(dir, { log: pino({ level: 'silent' }) });
  try {
    const account =
      (await ctx.store.getAccountByUsername(SENSOR_ACCOUNT)) ??
      (await createAccount(ctx.store, { username: SENSOR_ACCOUNT, password: `${SENSOR_ACCOUNT}-${Date.now()}-unused`, roles: ['sensor'] }));
    return await issueApiToken(ctx.store, account.id, 'demo simulator');
  } finally {
    await ctx.store.close();
  }
}

export interface SceneNode {
  url: string;
  sensorToken: string;
  /** A person who watches this node's console and may acknowledge. */
  user: { username: string; password: string };
}

export interface DroneScene {
  stop(): Promise<DriverStats>;
}

/**
 * The demo drone (simulator/scenario.ts) flies north at 12 m/s from 600 m inside Mexico, 25 s
 * after its scenario starts. The replay joins it 68 s in, about 80 m south of the line, so that
 * the crossing is confirmed (300 m beyond the line, two fixes) about 32 s later.
 */
const JOIN_AT_S = 68;
const CROSSING_IN_S = 32;

async function api<T>(node: SceneNode, method: string, path: string, body?: unknown): Promise<T> {
  const r = await fetch(node.url + path, {
    method,
    headers: {
      authorization: basicAuth(node.user.username, node.user.password),
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

function waitUntil<T>(probe: () => T | undefined, timeoutMs: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const v = probe();
      if (v !== undefined || Date.now() - started > timeoutMs) {
        clearInterval(timer);
        resolve(v);
      }
    }, 20);
  });
}

/**
 * Runs the scene. With `keep`, the simulator flies on (more flights, half an hour) after the
 * acknowledgement, for people to watch in the consoles; otherwise it stops there.
 */
export async function runDroneScene(o: { us: SceneNode; mx: SceneNode; lang: Lang; keep: boolean }): Promise<DroneScene> {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(o.lang, 'demo-drones', key, params);
  const say = (key: string, params?: Record<string, string | number>) => console.log(t(key, params));
  const now = Date.now();
  // The scenario began in the past so that the demo drone is near the line already; only what
  // happens from now on is sent.
  const scenario = buildScenario({
    seed: 2026,
    start: now - JOIN_AT_S * 1000,
    durationS: o.keep ? 1800 : JOIN_AT_S + CROSSING_IN_S + 20,
    flights: o.keep ? 24 : 4,
    includeDemoCrossing: true,
  });
  const usAlerts = new Map<string, { at: number; alert: Alert }>();
  const mxAlerts = new Map<string, { at: number; alert: Alert }>();
  const watch = (into: Map<string, { at: number; alert: Alert }>) => (e: StreamEvent, at: number) => {
    if (e.type !== 'alert') return;
    const prev = into.get(e.alert.id);
    if (!prev || prev.alert.state !== e.alert.state) into.set(e.alert.id, { at, alert: e.alert });
  };
  const usStream = followStream(o.us.url, basicAuth(o.us.user.username, o.us.user.password), watch(usAlerts), ['alert']);
  const mxStream = followStream(o.mx.url, basicAuth(o.mx.user.username, o.mx.user.password), watch(mxAlerts), ['alert']);
  await Promise.all([usStream.ready, mxStream.ready]);

  const driver = new SimulatorDriver({
    targets: { us: { url: o.us.url, token: o.us.sensorToken }, mx: { url: o.mx.url, token: o.mx.sensorToken } },
    scenario,
    from: now,
  });
  say('scene.start', { flights: scenario.flights.length, seconds: CROSSING_IN_S });
  driver.start();

  const timeoutS = CROSSING_IN_S + 30;
  const crossing = await waitUntil(
    () => [...usAlerts.values()].find(({ alert }) => alert.rule === 'crossing' && alert.origin !== 'local' && alert.raisedAt >= now - 1000),
    timeoutS * 1000,
  );
  if (!crossing) {
    say('scene.timeout', { seconds: timeoutS, detail: driver.stats().lastError ?? '-' });
  } else {
    const { alert, at } = crossing;
    const rendered = renderAlert(alert, o.lang);
    const heardAt = typeof alert.params.receivedAt === 'number' ? alert.params.receivedAt : at;
    say('scene.alert', { title: rendered.title, origin: rendered.detail, latency: at - heardAt });
    const incident = await api<IncidentView>(o.us, 'GET', `/api/v1/drones/incidents/${encodeURIComponent(alert.incidentId)}`);
    const track = incident.tracks.find((tr) => tr.pilot !== null) ?? incident.tracks[0];
    if (track?.pilot) {
      const where = borderService().assessPosition(track.pilot);
      say('scene.pilot', {
        lat: track.pilot.lat.toFixed(5),
        lon: track.pilot.lon.toFixed(5),
        kind: t(`pilot.${track.pilot.kind}`),
        metres: Math.round(Math.abs(where.signedDistanceM)),
        side: t(`side.${where.side}`),
        port: `${where.nearestPort.port.portUs} / ${where.nearestPort.port.cityMx}`,
      });
    } else {
      say('scene.no-pilot');
    }
    const ackedAt = Date.now();
    await api<Alert>(o.us, 'POST', `/api/v1/drones/alerts/${encodeURIComponent(alert.id)}/ack`, {});
    const seenOnMx = await waitUntil(() => {
      const a = mxAlerts.get(alert.id);
      return a?.alert.state === 'acknowledged' ? a : undefined;
    }, 10_000);
    if (seenOnMx) {
      say('scene.ack', {
        account: o.us.user.username,
        country: seenOnMx.alert.acknowledgedBy?.country ?? 'US',
        latency: seenOnMx.at - ackedAt,
      });
    }
  }
  const stop = async (): Promise<DriverStats> => {
    await driver.stop();
    usStream.close();
    mxStream.close();
    const s = driver.stats();
    say('scene.sent', { sent: s.sent, accepted: s.accepted, rejected: s.rejected, failed: s.failed });
    const [usI, mxI, usA, mxA] = await Promise.all([
      api<{ incidents: unknown[] }>(o.us, 'GET', '/api/v1/drones/incidents'),
      api<{ incidents: unknown[] }>(o.mx, 'GET', '/api/v1/drones/incidents'),
      api<{ alerts: unknown[] }>(o.us, 'GET', '/api/v1/drones/alerts?state=open'),
      api<{ alerts: unknown[] }>(o.mx, 'GET', '/api/v1/drones/alerts?state=open'),
    ]);
    say('scene.incidents', {
      us: usI.incidents.length,
      mx: mxI.incidents.length,
      usAlerts: usA.alerts.length,
      mxAlerts: mxA.alerts.length,
    });
    return s;
  };
  if (o.keep) say('scene.running');
  return { stop };
}
