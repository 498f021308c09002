/**
 * The drone picture of one node: detections in (any format), tracks, rules, incidents shared with
 * the partner under the release policy, alerts on both sides. It knows nothing of HTTP: the
 * routes, the TAK listener, the demo and the benchmark call the same methods.
 *
 * Data flow: ingest → TrackBook.update → RuleEngine.evaluate → IncidentBook.apply → (publisher)
 * signed x-enlace-drone-incident versions through intake → store → `committed` → SharedObjects
 * reads every incident and acknowledgement version, local or from the partner, and feeds the
 * AlertBook. Alerts therefore come from stored, signed objects on both nodes alike: what the U.S.
 * console shows is what Mexico signed, and an acknowledgement is an object that travels back.
 */
import { randomUUID } from 'node:crypto';
import { EnlaceError } from '../errors/index.js';
import type { NodeContext } from '../node/context.js';
import { AlertBook } from './alerts/book.js';
import { StreamHub } from './alerts/hub.js';
import { DroneIngest, describeRejection, formatOfContentType, type IngestCountersSnapshot } from './ingest/ingest.js';
import { startTakTcpServer, type TakTcpServer } from './ingest/tcp-server.js';
import { AllowList } from './incidents/allow-list.js';
import { IncidentBook } from './incidents/book.js';
import { RuleEngine } from './incidents/rules.js';
import { ACK_TYPE, type AlertAck } from './incidents/stix.js';
import type { Alert, Detection, IncidentView, IngestRejection, Picture, Track, TrackView } from './model.js';
import { IncidentPublisher } from './publisher.js';
import { SharedObjects } from './shared-objects.js';
import { TrackBook } from './tracks/tracks.js';

export interface IngestAnswer {
  accepted: number;
  rejected: Array<{ format: string; reason: string; message: string }>;
}

/** Why a payload was refused, in both languages (for the error a route renders in the reader's). */
export function refusalText(answer: IngestAnswer, refusal: IngestRejection | undefined): { en: string; es: string } | null {
  if (answer.accepted > 0 || !refusal) return null;
  return { en: describeRejection(refusal, 'en'), es: describeRejection(refusal, 'es') };
}

export interface DroneStats {
  ingest: IngestCountersSnapshot;
  liveTracks: number;
  openIncidents: number;
  openAlerts: number;
  suppressedByAllowList: number;
  streamSubscribers: number;
  /** This node process's memory: the drone picture lives in it. */
  memory: { rssBytes: number; heapUsedBytes: number };
}

export interface DroneServiceOptions {
  now?: () => number;
  /** How often stale tracks end and escalations are checked, ms. */
  tickMs?: number;
}

export class DroneService {
  readonly ingest = new DroneIngest();
  readonly tracks: TrackBook;
  readonly rules: RuleEngine;
  readonly incidents: IncidentBook;
  readonly alerts: AlertBook;
  readonly hub = new StreamHub();
  readonly shared: SharedObjects;
  private readonly publisher: IncidentPublisher;
  private readonly allowList: AllowList;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private tcp: TakTcpServer | null = null;
  private suppressed = 0;
  /** What the stream last said of each incident (see gistOf). */
  private readonly streamedGist = new Map<string, string>();

  constructor(
    private readonly ctx: NodeContext,
    o: DroneServiceOptions = {},
  ) {
    const cfg = ctx.config.drones;
    this.now = o.now ?? Date.now;
    this.allowList = new AllowList(cfg.allowList);
    this.tracks = new TrackBook();
    this.rules = new RuleEngine({ approachKm: cfg.approachKm, sites: cfg.protectedSites });
    this.incidents = new IncidentBook({
      country: ctx.identity.country,
      publishIntervalMs: cfg.publishIntervalMs,
      trailLimit: cfg.incidentTrailPoints,
      now: this.now,
    });
    this.alerts = new AlertBook({ country: ctx.identity.country, escalateAfterMs: cfg.escalateAfterSeconds * 1000, now: this.now });
    this.publisher = new IncidentPublisher(ctx, this.incidents, this.now);
    this.shared = new SharedObjects(ctx, {
      onIncident: (view) => this.onIncident(view),
      onAck: (ack) => {
        const change = this.alerts.acknowledge(ack);
        if (change) this.hub.publish({ type: 'alert', alert: change.alert });
      },
    });
    this.tickMs = o.tickMs ?? 1000;
  }

  private readonly tickMs: number;

  async start(): Promise<void> {
    await this.shared.start();
    this.publisher.start();
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.timer.unref();
    const tcp = this.ctx.config.drones.tcp;
    if (tcp) {
      // TAK clients and servers stream CoT over plain TCP; every message takes the same way as over HTTP.
      this.tcp = await startTakTcpServer({
        host: tcp.host,
        port: tcp.port,
        onMessage: (format, bytes) => {
          const r = this.ingest.ingest(format, bytes, { sensor: tcp.sensor });
          if (r.ok) for (const d of r.detections) this.process(d);
        },
        onError: (rejection) => this.ingest.counters.recordRejected(rejection),
      });
      this.ctx.log.info({ port: this.tcp.port }, 'TAK listener for CoT streams');
    }
  }

  /** The port the TAK listener took (0 in the config picks a free one), or null when it is off. */
  get tcpPort(): number | null {
    return this.tcp?.port ?? null;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.tcp?.close();
    this.tcp = null;
    this.shared.stop();
    await this.publisher.stop();
    this.hub.close();
  }

  /** One payload from a sensor or partner system; all of it is taken, or none of it (and why). */
  ingestPayload(
    contentType: string | undefined,
    body: Uint8Array,
    sensor: string,
    lang: 'en' | 'es' = 'en',
  ): IngestAnswer & { refusal?: IngestRejection } {
    const format = formatOfContentType(contentType);
    if (!format) throw new EnlaceError('drones.unsupported-format', { contentType: String(contentType ?? '').slice(0, 100) });
    const result = this.ingest.ingest(format, body, { sensor });
    if (!result.ok) {
      return {
        accepted: 0,
        rejected: [{ format, reason: result.rejection.reason, message: describeRejection(result.rejection, lang) }],
        refusal: result.rejection,
      };
    }
    for (const d of result.detections) this.process(d);
    return { accepted: result.detections.length, rejected: [] };
  }

  /** The in-memory half of a detection's way: correlation, border, rules, incident bookkeeping. */
  process(d: Detection): void {
    const update = this.tracks.update(d);
    // Checked here, once, before the rules: an authorised drone costs no rule work and reaches no
    // incident (the book is given no allow-list of its own).
    const covered = this.allowList.covers(update.track);
    const hits = covered ? [] : this.rules.evaluate(update);
    // When the node heard the detection that fired a rule: the partner's alert latency is measured from it.
    for (const h of hits) h.params.receivedAt = d.receivedAt;
    if (covered) this.suppressed += 1;
    const change = covered ? null : this.incidents.apply(update, hits);
    // Nobody watching the live map: no view to build (this runs for every detection).
    if (this.hub.subscribers > 0) this.hub.publishTracks([this.trackView(update.track, STREAM_TRAIL_POINTS)], []);
    if (change?.urgent) this.publisher.publishNow(change.incident.id);
  }

  private tick(): void {
    const now = this.now();
    const ended = this.tracks.expire(now);
    if (ended.length > 0) {
      for (const t of ended) this.rules.forget(t.id);
      const closed = this.incidents.expire(ended, now);
      this.hub.publishTracks(
        [],
        ended.map((t) => t.id),
      );
      if (closed.length > 0) this.publisher.publishNow();
    }
    for (const change of this.alerts.tick(now)) this.hub.publish({ type: 'alert', alert: change.alert });
  }

  private onIncident(view: IncidentView): void {
    // Most versions only move trails, which the tracks updates already carry: an incident goes on
    // the stream when what a person reads of it changes (status, rules, timeline, tracks, pilot).
    const gist = gistOf(view);
    if (this.streamedGist.get(view.id) !== gist) {
      this.streamedGist.set(view.id, gist);
      this.hub.publish({ type: 'incident', incident: withoutPayloads(view) });
    }
    if (view.origin !== 'local') this.hub.publishTracks(partnerTracks(view, STREAM_TRAIL_POINTS), []);
    for (const change of this.alerts.fromIncident(view)) this.hub.publish({ type: 'alert', alert: change.alert });
  }

  trackView(t: Track, trailPoints = PICTURE_TRAIL_POINTS): TrackView {
    return this.tracks.toView(t, 'local', this.ctx.identity.country, trailPoints);
  }

  /** Everything the map needs at start: own live tracks, the partner's tracks carried by open incidents, incidents, alerts. */
  picture(): Picture {
    const incidents = this.shared.incidents();
    const tracks = [
      ...this.tracks.live().map((t) => this.trackView(t)),
      ...incidents.filter((i) => i.origin !== 'local' && i.status === 'open').flatMap(partnerTracks),
    ];
    return {
      now: this.now(),
      country: this.ctx.identity.country,
      tracks,
      incidents: incidents.map(withoutPayloads),
      alerts: this.alerts.list(),
    };
  }

  incident(id: string): IncidentView {
    const view = this.shared.incident(id);
    if (!view) throw new EnlaceError('drones.incident-not-found', { id: id.slice(0, 120) });
    return view;
  }

  alert(id: string): Alert {
    const a = this.alerts.get(id);
    if (!a) throw new EnlaceError('drones.alert-not-found', { id: id.slice(0, 160) });
    return a;
  }

  /**
   * Acknowledges an alert: signed as an x-enlace-drone-alert-ack object and pushed to the partner
   * at once, so that its console shows who took it and the escalation stops there too.
   */
  async acknowledge(id: string, account: string, note?: string): Promise<Alert> {
    const alert = this.alert(id);
    if (alert.state === 'acknowledged') return alert;
    const ack: AlertAck = {
      id: `${ACK_TYPE}--${randomUUID()}`,
      incidentId: alert.incidentId,
      rule: alert.rule,
      acknowledgedAt: this.now(),
      account,
      country: this.ctx.identity.country,
      note: note ?? null,
    };
    await this.publisher.publishAck(ack);
    const change = this.alerts.acknowledge(ack);
    if (change) this.hub.publish({ type: 'alert', alert: change.alert });
    return this.alert(id);
  }

  stats(): DroneStats {
    const memory = process.memoryUsage();
    return {
      memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
      ingest: this.ingest.counters.snapshot(),
      liveTracks: this.tracks.live().length,
      openIncidents: this.incidents.open().length,
      openAlerts: this.alerts.list({ state: 'open' }).length,
      suppressedByAllowList: this.suppressed,
      streamSubscribers: this.hub.subscribers,
    };
  }

  /** Waits until everything the rules produced so far is stored and read back (tests, demo, benchmark). */
  async settled(): Promise<void> {
    await this.publisher.flush();
    await this.shared.caughtUp();
  }
}

/**
 * Points of trail a track view carries: the picture gives each track its recent trail; a stream
 * update carries only its newest points, which the console appends. Sending whole trails 4 times a
 * second for 2,000 tracks would be megabytes a second, and alerts would queue behind them.
 */
export const PICTURE_TRAIL_POINTS = 60;
export const STREAM_TRAIL_POINTS = 8;

/** The parts of an incident a person reads; trails and last-seen times left out. */
function gistOf(v: IncidentView): string {
  const last = v.timeline[v.timeline.length - 1];
  const pilots = v.tracks.map((t) => (t.pilot ? `${t.pilot.lat},${t.pilot.lon}` : '-')).join(';');
  return `${v.status}|${v.rules.join(',')}|${v.timeline.length}|${last?.at ?? ''}|${v.tracks.map((t) => t.trackId).join(',')}|${pilots}`;
}

/**
 * An incident without its evidence payloads (digests kept): the map and the stream need to know
 * the evidence exists; the payloads come with `GET /api/v1/drones/incidents/:id` and the exports.
 */
export function withoutPayloads(view: IncidentView): IncidentView {
  return { ...view, evidence: view.evidence.map((e) => ({ ...e, raw: { ...e.raw, data: '' } })) };
}

/** The partner's tracks, as its incident carries them, drawn on our map with their origin. */
export function partnerTracks(view: IncidentView, trailPoints = PICTURE_TRAIL_POINTS): TrackView[] {
  return view.tracks
    .filter((t) => t.trail.length > 0)
    .map((t) => {
      const last = t.trail[t.trail.length - 1];
      // An incident's trail does not say which sensor or format gave each point; the track's first
      // sensor stands for all, and CoT (what partner nodes' sensor networks speak) for the format.
      const point = {
        t: last?.t ?? t.lastSeen,
        lat: last?.lat ?? 0,
        lon: last?.lon ?? 0,
        altM: last?.altM ?? null,
        sensor: t.sensors[0] ?? '',
        source: 'cot' as const,
      };
      return {
        id: t.trackId,
        uids: t.uids,
        remoteIds: t.remoteIds,
        sensors: t.sensors,
        sources: [],
        classification: t.classification,
        exercise: false,
        airframe: t.airframe,
        callsign: t.callsign,
        firstSeen: t.trail[0]?.t ?? t.lastSeen,
        lastSeen: t.lastSeen,
        staleAt: t.staleAt,
        latest: point,
        trail: t.trail.slice(-trailPoints).map((p) => ({ ...p, sensor: point.sensor, source: point.source })),
        pilot: t.pilot,
        takeoff: t.takeoff,
        border: t.border,
        confirmedSide: t.border.side,
        origin: view.origin,
        originCountry: view.originCountry,
      };
    });
}
