/**
 * The console's one connection to the node's drone picture: the start picture, then the live
 * stream (server-sent events) applied in batches. One per browser tab, started when the Drones
 * screen first opens and kept while signed in, so that the navigation's alert indicator stays
 * true on every other screen and coming back to the map is instant. When the stream drops it is
 * opened again with growing waits, and the picture fetched again, since messages were missed.
 */
import { api } from '../../app/api.js';
import { isApiError } from '../../lib/api.js';
import { dronesApi } from '../../lib/api.js';
import { retryDelayMs } from '../../lib/map/backoff.js';
import { coalesce, DroneState, parseStreamEvent } from '../../lib/map/state.js';
import type { Alert, Picture, StreamEvent } from '../../lib/types.js';

export type FeedStatus = 'idle' | 'loading' | 'live' | 'reconnecting' | 'forbidden';

/** What React reads; a new object whenever something a panel shows has changed. */
export interface FeedSnapshot {
  status: FeedStatus;
  /** When the next attempt starts (browser clock), while reconnecting. */
  retryAt: number | null;
  /** Why the last attempt failed, when it did. */
  error: unknown;
  loaded: boolean;
  trackVersion: number;
  incidentVersion: number;
  alertVersion: number;
  /** Open alerts raised or escalated since the page opened, newest last: what to announce. */
  announced: string[];
}

const STREAM_EVENTS = ['tracks', 'incident', 'alert'] as const;
/** Track changes reach React panels at most this often; the map itself redraws every frame they change. */
const PANEL_TRACK_INTERVAL_MS = 1000;
/** Batches are applied at most this often (the map draws at most once per animation frame anyway). */
const APPLY_INTERVAL_MS = 50;
/** Wait this long for the stream to open before fetching the picture anyway. */
const OPEN_TIMEOUT_MS = 3000;

export class DroneFeed {
  readonly state = new DroneState();
  private snapshot: FeedSnapshot = {
    status: 'idle',
    retryAt: null,
    error: undefined,
    loaded: false,
    trackVersion: 0,
    incidentVersion: 0,
    alertVersion: 0,
    announced: [],
  };
  private readonly listeners = new Set<() => void>();
  /** The map: told at once of every change to draw, with no React render in between. */
  private readonly drawers = new Set<() => void>();
  private source: EventSource | null = null;
  private pending: StreamEvent[] = [];
  private buffering = true;
  private attempt = 0;
  private generation = 0;
  private applyTimer: number | null = null;
  private retryTimer: number | null = null;
  private openTimer: number | null = null;
  private panelTimer: number | null = null;
  private expireTimer: number | null = null;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): FeedSnapshot => this.snapshot;

  onDrawable(drawer: () => void): () => void {
    this.drawers.add(drawer);
    return () => this.drawers.delete(drawer);
  }

  private redraw(): void {
    for (const d of this.drawers) d();
  }

  private publish(patch: Partial<FeedSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const l of this.listeners) l();
  }

  /** Starts the feed if it is not running; harmless to call from every mount. */
  start(): void {
    if (this.snapshot.status !== 'idle') return;
    this.attempt = 0;
    this.connect();
    this.expireTimer = window.setInterval(() => {
      if (this.state.expire(Date.now())) {
        this.redraw();
        this.schedulePanels();
      }
    }, 15_000);
  }

  /** Closes everything and forgets the picture (sign-out: the next account may see less). */
  stop(): void {
    this.generation++;
    this.source?.close();
    this.source = null;
    for (const t of [this.applyTimer, this.retryTimer, this.openTimer, this.panelTimer]) if (t !== null) window.clearTimeout(t);
    if (this.expireTimer !== null) window.clearInterval(this.expireTimer);
    this.applyTimer = this.retryTimer = this.openTimer = this.panelTimer = this.expireTimer = null;
    this.pending = [];
    this.state.tracks.clear();
    this.state.incidents.clear();
    this.state.alerts.clear();
    this.state.loaded = false;
    this.publish({ status: 'idle', retryAt: null, error: undefined, loaded: false, announced: [] });
    this.redraw();
  }

  /** Tries again now (the reader pressed "Try again"). */
  retryNow(): void {
    if (this.snapshot.status === 'live' || this.snapshot.status === 'idle') return;
    if (this.retryTimer !== null) window.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.connect();
  }

  /** Our own acknowledgement's answer: shown at once, before the stream echoes it. */
  acknowledged(alert: Alert): void {
    if (this.state.upsertAlert(alert) !== null) this.publish({ alertVersion: this.state.alertVersion });
  }

  private connect(): void {
    const gen = ++this.generation;
    this.source?.close();
    this.buffering = true;
    this.pending = [];
    this.publish({ status: this.attempt === 0 && !this.state.loaded ? 'loading' : 'reconnecting', retryAt: null });
    const source = new EventSource(dronesApi.stream);
    this.source = source;
    const onMessage = (e: MessageEvent) => {
      if (gen !== this.generation || typeof e.data !== 'string') return;
      const event = parseStreamEvent(e.data);
      if (!event) return;
      this.pending.push(event);
      if (!this.buffering) this.scheduleApply();
    };
    // The node names each message by its type; an unnamed message is read the same way.
    for (const name of STREAM_EVENTS) source.addEventListener(name, onMessage);
    source.addEventListener('message', onMessage);
    let pictureAsked = false;
    const askPicture = () => {
      if (pictureAsked || gen !== this.generation) return;
      pictureAsked = true;
      if (this.openTimer !== null) window.clearTimeout(this.openTimer);
      this.loadPicture(gen);
    };
    // The picture is asked once the stream is open, so nothing that happens in between is missed.
    source.addEventListener('open', askPicture);
    this.openTimer = window.setTimeout(askPicture, OPEN_TIMEOUT_MS);
    source.addEventListener('error', () => {
      if (gen !== this.generation) return;
      // The browser would retry on its own, but without fetching the picture again; this does both.
      this.fail(gen, undefined);
    });
  }

  private loadPicture(gen: number): void {
    api.get<Picture>(dronesApi.picture).then(
      (picture) => {
        if (gen !== this.generation) return;
        const changes = this.state.reset(picture);
        this.state.apply(coalesce(this.pending));
        this.pending = [];
        this.buffering = false;
        this.attempt = 0;
        const announced = this.snapshot.loaded ? [...this.snapshot.announced, ...changes.newAlerts] : this.snapshot.announced;
        this.publish({ status: 'live', error: undefined, retryAt: null, loaded: true, announced, ...this.versions() });
        this.redraw();
      },
      (error: unknown) => {
        if (gen !== this.generation) return;
        if (isApiError(error) && (error.status === 403 || error.status === 401)) {
          this.generation++;
          this.source?.close();
          this.source = null;
          this.publish({ status: 'forbidden', error });
          return;
        }
        this.fail(gen, error);
      },
    );
  }

  private fail(gen: number, error: unknown): void {
    if (gen !== this.generation) return;
    this.generation++;
    this.source?.close();
    this.source = null;
    if (this.openTimer !== null) window.clearTimeout(this.openTimer);
    const delay = retryDelayMs(this.attempt++);
    this.publish({ status: 'reconnecting', retryAt: Date.now() + delay, error: error ?? this.snapshot.error });
    this.retryTimer = window.setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private scheduleApply(): void {
    if (this.applyTimer !== null) return;
    this.applyTimer = window.setTimeout(() => {
      this.applyTimer = null;
      const batch = coalesce(this.pending);
      this.pending = [];
      const changes = this.state.apply(batch);
      if (changes.tracks || changes.incidents) this.redraw();
      if (changes.alerts || changes.incidents) {
        const announced =
          changes.newAlerts.length > 0 ? [...this.snapshot.announced, ...changes.newAlerts].slice(-20) : this.snapshot.announced;
        this.publish({ announced, ...this.versions() });
      } else if (changes.tracks) {
        this.schedulePanels();
      }
    }, APPLY_INTERVAL_MS);
  }

  /** Track changes reach panels (the list, the selected track's facts) once a second at most. */
  private schedulePanels(): void {
    if (this.panelTimer !== null) return;
    this.panelTimer = window.setTimeout(() => {
      this.panelTimer = null;
      this.publish({ trackVersion: this.state.trackVersion });
    }, PANEL_TRACK_INTERVAL_MS);
  }

  private versions(): Pick<FeedSnapshot, 'trackVersion' | 'incidentVersion' | 'alertVersion'> {
    return { trackVersion: this.state.trackVersion, incidentVersion: this.state.incidentVersion, alertVersion: this.state.alertVersion };
  }
}

/** The tab's one feed. */
export const droneFeed = new DroneFeed();
