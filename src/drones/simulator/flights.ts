/**
 * Flight plans and their kinematics. A plan is a list of timed waypoints; between two of them the
 * drone moves in a straight line at constant speed and climb rate, which is all a border sensor
 * can tell apart at one update a second. Plans are drawn per kind in plans.ts.
 */
import type { Airframe, Classification, PilotLocationKind, Side } from '../model.js';
import { toLocal } from '../border/geometry.js';
import type { AreaId, BorderFrame } from './areas.js';

export type FlightKind = 'crosser' | 'loiterer' | 'dropper' | 'civil' | 'agency';

export const FLIGHT_KINDS: readonly FlightKind[] = ['crosser', 'loiterer', 'dropper', 'civil', 'agency'];

export interface Waypoint {
  /** ms since the epoch. */
  t: number;
  lat: number;
  lon: number;
  /** Metres above the WGS-84 ellipsoid. */
  altM: number;
}

/** What a stretch of the flight is for; tests and the lead's demo script find the moments by it. */
export type PhaseName = 'climb' | 'outbound' | 'hover' | 'loiter' | 'drop' | 'patrol' | 'survey' | 'return' | 'landing';

export interface Phase {
  name: PhaseName;
  from: number;
  to: number;
}

export interface Pilot {
  lat: number;
  lon: number;
  /** Where the pilot's position comes from: the take-off point, or the controller's live GNSS. */
  kind: Extract<PilotLocationKind, 'takeoff' | 'live'>;
}

export interface FlightPlan {
  id: string;
  kind: FlightKind;
  area: AreaId;
  /** The country the operator flies from (cartel flights: always Mexico). */
  country: Side;
  airframe: Airframe;
  /** ANSI/CTA-2063-A serial broadcast over Remote ID; null when the drone broadcasts nothing. */
  remoteId: string | null;
  /** Callsign the operator gives its own aircraft (agencies); sensors name the rest themselves. */
  callsign: string | null;
  /** How a sensor operator would tag it, which is what CoT's affiliation atom says. */
  classification: Classification;
  cruiseSpeedMps: number;
  /** Ground under the flight, metres HAE (flat per area). */
  groundHaeM: number;
  pilot: Pilot;
  waypoints: readonly Waypoint[];
  phases: readonly Phase[];
}

export interface FlightState {
  lat: number;
  lon: number;
  altM: number;
  speedMps: number;
  courseDeg: number;
  verticalSpeedMps: number;
}

export function launchAt(flight: FlightPlan): number {
  return flight.waypoints[0]!.t;
}

export function landAt(flight: FlightPlan): number {
  return flight.waypoints[flight.waypoints.length - 1]!.t;
}

function courseOf(from: Waypoint, to: Waypoint): number | null {
  const { x, y } = toLocal(from, to);
  if (Math.hypot(x, y) < 0.01) return null;
  return ((Math.atan2(x, y) * 180) / Math.PI + 360) % 360;
}

/**
 * Course while hovering or climbing in place: the last course flown, else the next one. A real
 * multirotor keeps its heading when it stops, and CoT has no way to say "no course".
 */
function heldCourse(w: readonly Waypoint[], segment: number): number {
  for (let i = segment; i >= 0; i -= 1) {
    const c = courseOf(w[i]!, w[i + 1]!);
    if (c !== null) return c;
  }
  for (let i = segment + 1; i < w.length - 1; i += 1) {
    const c = courseOf(w[i]!, w[i + 1]!);
    if (c !== null) return c;
  }
  return 0;
}

/** Where the drone is at `t`, or null before take-off and after landing. */
export function positionAt(flight: FlightPlan, t: number): FlightState | null {
  const w = flight.waypoints;
  if (w.length < 2 || t < w[0]!.t || t > w[w.length - 1]!.t) return null;
  // Binary search for the segment [lo, lo + 1] holding t.
  let lo = 0;
  let hi = w.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (w[mid]!.t <= t) lo = mid;
    else hi = mid;
  }
  const a = w[lo]!;
  const b = w[hi]!;
  const dtS = (b.t - a.t) / 1000;
  const f = dtS > 0 ? (t - a.t) / (b.t - a.t) : 0;
  const { x, y } = toLocal(a, b);
  const horizontal = Math.hypot(x, y);
  return {
    lat: a.lat + (b.lat - a.lat) * f,
    lon: a.lon + (b.lon - a.lon) * f,
    altM: a.altM + (b.altM - a.altM) * f,
    speedMps: dtS > 0 ? horizontal / dtS : 0,
    courseDeg: horizontal >= 0.01 ? courseOf(a, b)! : heldCourse(w, lo),
    verticalSpeedMps: dtS > 0 ? (b.altM - a.altM) / dtS : 0,
  };
}

/** The pilot at `t`: fixed at take-off, or pacing a few metres around it when the fix is live. */
export function pilotAt(flight: FlightPlan, t: number): Pilot {
  if (flight.pilot.kind === 'takeoff') return flight.pilot;
  const s = (t - launchAt(flight)) / 1000;
  const dLat = (12 * Math.sin(s / 40)) / 111_195;
  const dLon = (18 * Math.cos(s / 55)) / (111_195 * Math.cos((flight.pilot.lat * Math.PI) / 180));
  return { lat: flight.pilot.lat + dLat, lon: flight.pilot.lon + dLon, kind: 'live' };
}

/** Height above the ground under the flight (flat per area), for sensors that cannot see low. */
export function heightAgl(flight: FlightPlan, state: FlightState): number {
  return state.altM - flight.groundHaeM;
}

/**
 * Writes a plan in the border frame: metres along and across the line, metres above ground.
 * Every move appends one waypoint; times are whole milliseconds.
 */
export class PathBuilder {
  readonly waypoints: Waypoint[] = [];
  readonly phases: Phase[] = [];
  private along: number;
  private across: number;
  private agl = 0;
  private t: number;

  constructor(
    private readonly frame: BorderFrame,
    private readonly groundHaeM: number,
    alongM: number,
    acrossM: number,
    t: number,
  ) {
    this.along = alongM;
    this.across = acrossM;
    this.t = Math.round(t);
    this.push();
  }

  get now(): number {
    return this.t;
  }

  get position(): { alongM: number; acrossM: number; aglM: number } {
    return { alongM: this.along, acrossM: this.across, aglM: this.agl };
  }

  private push(): void {
    const p = this.frame.at(this.along, this.across);
    this.waypoints.push({ t: this.t, lat: p.lat, lon: p.lon, altM: this.groundHaeM + this.agl });
  }

  /** Runs `moves` and records the time they span under `name`. */
  phase(name: PhaseName, moves: () => void): this {
    const from = this.t;
    moves();
    this.phases.push({ name, from, to: this.t });
    return this;
  }

  /** Straight up or down to `aglM` at `rateMps`. */
  vertical(aglM: number, rateMps: number): this {
    const seconds = Math.abs(aglM - this.agl) / rateMps;
    this.agl = aglM;
    this.t += Math.max(1, Math.round(seconds * 1000));
    this.push();
    return this;
  }

  /** Straight to a point at `speedMps`, optionally changing height on the way. */
  flyTo(alongM: number, acrossM: number, speedMps: number, aglM = this.agl): this {
    const a = this.frame.at(this.along, this.across);
    const b = this.frame.at(alongM, acrossM);
    const metres = Math.hypot(toLocal(a, b).x, toLocal(a, b).y);
    this.along = alongM;
    this.across = acrossM;
    this.agl = aglM;
    this.t += Math.max(1, Math.round((metres / speedMps) * 1000));
    this.push();
    return this;
  }

  hover(seconds: number): this {
    this.t += Math.max(1, Math.round(seconds * 1000));
    this.push();
    return this;
  }

  /** Circles a centre, starting from the current bearing to it, in 15° steps. */
  orbit(centreAlong: number, centreAcross: number, radiusM: number, seconds: number, speedMps: number): this {
    const stepRad = Math.PI / 12;
    const stepMs = Math.max(1, Math.round(((radiusM * stepRad) / speedMps) * 1000));
    let angle = Math.atan2(this.across - centreAcross, this.along - centreAlong);
    const first = { along: centreAlong + radiusM * Math.cos(angle), across: centreAcross + radiusM * Math.sin(angle) };
    this.flyTo(first.along, first.across, speedMps);
    const end = this.t + Math.round(seconds * 1000);
    while (this.t < end) {
      angle += stepRad;
      this.along = centreAlong + radiusM * Math.cos(angle);
      this.across = centreAcross + radiusM * Math.sin(angle);
      this.t += stepMs;
      this.push();
    }
    return this;
  }
}
