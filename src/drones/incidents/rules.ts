/**
 * The five rules that turn track updates into rule hits: crossing, approach, geofence,
 * payload-drop and loitering. Each keeps per-track state with hysteresis, so a track sitting on a
 * threshold — GPS wander, a drone hovering at 3 km — fires a rule once, not on every fix.
 */
import { EnlaceError } from '../../errors/index.js';
import { loadPorts } from '../border/ports.js';
import type { PortOfEntry } from '../border/model.js';
import type { RuleHit, TrackUpdate } from '../model.js';
import { GeofenceWatch, portZones, siteZones, type ProtectedSite, type Zone } from './geofence.js';
import { bilingual } from './describe.js';
import { LoiterWatch, PayloadDropWatch, type DropOptions, type LoiterOptions } from './motion.js';

export type { CircleSite, PolygonSite, ProtectedSite } from './geofence.js';

export interface RuleOptions {
  /** approach: fires within this distance of the line while heading towards it. Default 3. */
  approachKm?: number;
  /** approach: re-arms once the track is beyond approachKm × this. Default 1.5. */
  approachRearmFactor?: number;
  /** geofence: radius of the zone around every port of entry, metres. Default 1,000. */
  portRadiusM?: number;
  /** geofence: the ports (default: the shipped list). */
  ports?: readonly PortOfEntry[];
  /** geofence: further zones to protect. Default none. */
  sites?: readonly ProtectedSite[];
  /** geofence: a track must be this factor of the zone's radius away before it can enter again. Default 1.1. */
  geofenceExitFactor?: number;
  /** payload-drop: descent that counts, metres. Default 15. */
  dropMinM?: number;
  /** payload-drop: ...within this many seconds. Default 5. */
  dropWindowS?: number;
  /** payload-drop: only below this ground speed (m/s). Default 5. */
  dropMaxSpeedMps?: number;
  /** payload-drop: climb that counts after hovering, metres. Default 10. */
  climbMinM?: number;
  /** payload-drop: ...within this many seconds. Default 3. */
  climbWindowS?: number;
  /** payload-drop: how long the drone must have hovered before the climb, seconds. Default 5. */
  hoverS?: number;
  /** payload-drop: altitude spread still counted as hovering, metres. Default 5. */
  hoverToleranceM?: number;
  /** payload-drop: quiet time after a finding, seconds. Default 60. */
  dropRefireS?: number;
  /** loitering: radius around one point, metres. Default 300. */
  loiterRadiusM?: number;
  /** loitering: for at least this long, seconds. Default 120. */
  loiterSeconds?: number;
  /** loitering: only within this distance of the line, km. Default 3. */
  loiterBorderKm?: number;
  /** loitering: a silence longer than this (seconds) breaks a loiter. Default 30. */
  loiterMaxGapS?: number;
  /** loitering: the track must go this factor of the radius from the loiter's centre to loiter anew. Default 1.1. */
  loiterExitFactor?: number;
}

type Numeric = Exclude<keyof RuleOptions, 'ports' | 'sites'>;

export const RULE_DEFAULTS: Readonly<Record<Numeric, number>> = {
  approachKm: 3,
  approachRearmFactor: 1.5,
  portRadiusM: 1_000,
  geofenceExitFactor: 1.1,
  dropMinM: 15,
  dropWindowS: 5,
  dropMaxSpeedMps: 5,
  climbMinM: 10,
  climbWindowS: 3,
  hoverS: 5,
  hoverToleranceM: 5,
  dropRefireS: 60,
  loiterRadiusM: 300,
  loiterSeconds: 120,
  loiterBorderKm: 3,
  loiterMaxGapS: 30,
  loiterExitFactor: 1.1,
};

/** Factors of hysteresis must leave a band: 1 would mean none at all. */
const FACTORS: ReadonlySet<Numeric> = new Set(['approachRearmFactor', 'geofenceExitFactor', 'loiterExitFactor']);

function resolve(o: RuleOptions): Record<Numeric, number> {
  const out = { ...RULE_DEFAULTS };
  for (const key of Object.keys(RULE_DEFAULTS) as Numeric[]) {
    const v = o[key];
    if (v === undefined) continue;
    const ok = typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 1e9 && (!FACTORS.has(key) || v > 1);
    if (!ok) {
      throw new EnlaceError('config.invalid', {
        detail: bilingual(FACTORS.has(key) ? 'config.factor' : 'config.positive', { option: key, value: String(v).slice(0, 40) }),
      });
    }
    out[key] = v;
  }
  return out;
}

interface TrackState {
  approachArmed: boolean;
  geofence: GeofenceWatch;
  drop: PayloadDropWatch;
  loiter: LoiterWatch;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Evaluates the rules on every track update; one engine per node, state kept per track. */
export class RuleEngine {
  private readonly o: Record<Numeric, number>;
  private readonly zones: Zone[];
  private readonly tracks = new Map<string, TrackState>();
  private readonly drop: DropOptions;
  private readonly loiter: LoiterOptions;

  constructor(options: RuleOptions = {}) {
    const o = resolve(options);
    this.o = o;
    this.zones = [
      ...portZones(options.ports ?? loadPorts(), o.portRadiusM, o.geofenceExitFactor),
      ...siteZones(options.sites ?? [], o.geofenceExitFactor),
    ];
    this.drop = {
      dropMinM: o.dropMinM,
      dropWindowMs: o.dropWindowS * 1000,
      maxSpeedMps: o.dropMaxSpeedMps,
      climbMinM: o.climbMinM,
      climbWindowMs: o.climbWindowS * 1000,
      hoverMs: o.hoverS * 1000,
      hoverToleranceM: o.hoverToleranceM,
      refireMs: o.dropRefireS * 1000,
    };
    this.loiter = {
      radiusM: o.loiterRadiusM,
      durationMs: o.loiterSeconds * 1000,
      borderM: o.loiterBorderKm * 1000,
      maxGapMs: o.loiterMaxGapS * 1000,
      exitFactor: o.loiterExitFactor,
    };
  }

  /** The zones the geofence rule watches (ports first, then sites). */
  get watchedZones(): readonly Zone[] {
    return this.zones;
  }

  /**
   * The rules this update fires, in the order crossing, approach, geofence, payload-drop,
   * loitering. Positions and times are the track's newest point (a crossing's are those of the
   * fix that confirmed it); payload-drop and loitering ignore an update that brings no newer point.
   */
  evaluate(u: TrackUpdate): RuleHit[] {
    const track = u.track;
    let state = this.tracks.get(track.id);
    if (!state) {
      state = {
        approachArmed: true,
        geofence: new GeofenceWatch(),
        drop: new PayloadDropWatch(this.drop),
        loiter: new LoiterWatch(this.loiter),
      };
      this.tracks.set(track.id, state);
    }
    const hits: RuleHit[] = [];
    const p = track.latest;
    const b = track.border;
    const hit = (rule: RuleHit['rule'], params: RuleHit['params'], at = p.t, lat = p.lat, lon = p.lon): void => {
      hits.push({ rule, at, trackId: track.id, lat, lon, params });
    };

    if (u.crossing) {
      const c = u.crossing;
      hit(
        'crossing',
        {
          from: c.from,
          to: c.to,
          port: b.nearestPort.name,
          portId: b.nearestPort.id,
          portCity: b.nearestPort.cityMx,
          distanceKm: round1(b.nearestPort.distanceM / 1000),
        },
        c.confirmedAt,
        c.position.lat,
        c.position.lon,
      );
    }

    const lineM = Math.abs(b.signedDistanceM);
    const approachM = this.o.approachKm * 1000;
    if (!state.approachArmed && lineM > approachM * this.o.approachRearmFactor) state.approachArmed = true;
    if (state.approachArmed && b.heading === 'towards' && lineM <= approachM) {
      state.approachArmed = false;
      const params: RuleHit['params'] = { km: round1(lineM / 1000), side: b.side };
      if (b.predictedCrossingAt !== null) params['predictedInS'] = Math.max(0, Math.round((b.predictedCrossingAt - p.t) / 1000));
      hit('approach', params);
    }

    for (const z of state.geofence.update(p, this.zones)) {
      const params: RuleHit['params'] = { zone: z.name, zoneId: z.id, zoneKind: z.kind, radiusM: Math.round(z.radiusM) };
      if (z.city !== null) params['city'] = z.city;
      hit('geofence', params);
    }

    if (p.altM !== null && Number.isFinite(p.altM)) {
      const drop = state.drop.update({ t: p.t, altM: p.altM, speedMps: b.groundSpeedMps });
      if (drop)
        hit('payload-drop', { kind: drop.kind, metres: Math.round(drop.metres), seconds: round1(drop.seconds), altM: Math.round(p.altM) });
    }

    const loiter = state.loiter.update(p, b.signedDistanceM);
    if (loiter) {
      hit(
        'loitering',
        {
          minutes: round1(loiter.seconds / 60),
          seconds: Math.round(loiter.seconds),
          radiusM: Math.max(1, Math.ceil(loiter.spreadM)),
          km: round1(lineM / 1000),
          side: b.side,
        },
        p.t,
        loiter.centre.lat,
        loiter.centre.lon,
      );
    }
    return hits;
  }

  /** Drops a track's state (the track ended). */
  forget(trackId: string): void {
    this.tracks.delete(trackId);
  }

  /** Tracks with state, for tests and metrics. */
  get trackCount(): number {
    return this.tracks.size;
  }
}
