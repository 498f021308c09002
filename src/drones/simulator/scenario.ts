/**
 * A scenario: flights, the sensors that watch them, and the reports those sensors send, in order
 * of arrival. Everything follows from the seed, so a failing demo or benchmark can be replayed
 * byte for byte, and any time window can be asked for without generating what came before.
 */
import { toLocal } from '../border/geometry.js';
import { AREAS, areaById, frameNear } from './areas.js';
import { FLIGHT_KINDS, PathBuilder, landAt, launchAt, type FlightPlan } from './flights.js';
import { checkWindow, encodersFor } from './options.js';
import { encodeObservation, formatsOf, type Encoders } from './payloads.js';
import { drawFlight } from './plans.js';
import { Rng } from './prng.js';
import {
  CONTENT_TYPES,
  borderSensors,
  firstTickFrom,
  maxLatencyMs,
  observe,
  tickTime,
  type NodeName,
  type Sensor,
  type SensorFormat,
} from './sensors.js';

export interface Scenario {
  seed: number;
  /** ms since the epoch. */
  start: number;
  durationS: number;
  /** start + durationS: reports arriving from here on are not part of the scenario. */
  end: number;
  flights: FlightPlan[];
  sensors: Sensor[];
  encoders: Encoders;
  /** The demo crossing's flight id, when the scenario has one. */
  demoFlightId: string | null;
}

/** One report as a sensor posts it to its node. */
export interface SensorReport {
  /** Arrival at the node, ms since the epoch. */
  at: number;
  node: NodeName;
  sensor: string;
  contentType: string;
  body: Uint8Array;
  /** Ground truth, for tests and the benchmark's bookkeeping; never sent. */
  flightId: string;
}

export interface ScenarioOptions {
  seed: number;
  start: number;
  durationS: number;
  /** Random flights besides the demo; every kind appears once there are five. Default 10. */
  flights?: number;
  includeDemoCrossing?: boolean;
  /** Formats the sensors may speak (default all); the others fall back to CoT XML. */
  formats?: readonly SensorFormat[];
}

export const DEMO_FLIGHT_ID = 'demo-tj-crossing';

/** East of Otay Mesa, on the Mexican side: inside mx-tj-rf-2's range, 15 km from any U.S. sensor. */
const DEMO_NEAR = { lat: 32.545, lon: -116.8 };

/**
 * The demo: a drone lifts off 600 m south of the line in eastern Tijuana 10 s after the scenario
 * starts, climbs for 15 s and crosses at 12 m/s about 75 s in, flies 1.5 km into the U.S., hovers,
 * and flies home. No Remote ID; the pilot stands at the take-off point.
 */
export function demoCrossing(start: number): FlightPlan {
  const area = areaById('tijuana');
  const frame = frameNear(DEMO_NEAR);
  const speed = 12;
  const b = new PathBuilder(frame, area.groundHaeM, 0, -600, start + 10_000);
  b.phase('climb', () => b.vertical(60, 4));
  b.phase('outbound', () => b.flyTo(300, 1500, speed));
  b.phase('hover', () => b.hover(20));
  b.phase('return', () => b.flyTo(0, -600, speed));
  b.phase('landing', () => b.vertical(0, 2));
  const takeoff = b.waypoints[0]!;
  return {
    id: DEMO_FLIGHT_ID,
    kind: 'crosser',
    area: area.id,
    country: 'MX',
    airframe: 'rotary-wing',
    remoteId: null,
    callsign: null,
    classification: 'hostile',
    cruiseSpeedMps: speed,
    groundHaeM: area.groundHaeM,
    pilot: { lat: takeoff.lat + 6 / 111_195, lon: takeoff.lon, kind: 'takeoff' },
    waypoints: b.waypoints,
    phases: b.phases,
  };
}

export function buildScenario(o: ScenarioOptions): Scenario {
  checkWindow(o.start, o.durationS);
  const count = o.flights ?? 10;
  if (!Number.isInteger(count) || count < 0 || count > 10_000) throw new RangeError(`flights must be an integer 0–10000 (got ${count})`);
  const rng = new Rng(o.seed);
  const flights: FlightPlan[] = [];
  let agencies = 0;
  for (let i = 0; i < count; i += 1) {
    const kind = FLIGHT_KINDS[i % FLIGHT_KINDS.length]!;
    const area = rng.pick(AREAS);
    const launch = Math.round(o.start + rng.range(0, o.durationS * 0.6) * 1000);
    const id = `${kind}-${area.code}-${String(i + 1).padStart(2, '0')}`;
    flights.push(drawFlight(kind, { id, area, launchAt: launch, agencyIndex: kind === 'agency' ? agencies++ : 0 }, rng.fork(i)));
  }
  if (o.includeDemoCrossing) flights.push(demoCrossing(o.start));
  const encoders = encodersFor(o.formats);
  return {
    seed: o.seed,
    start: o.start,
    durationS: o.durationS,
    end: o.start + o.durationS * 1000,
    flights,
    sensors: borderSensors(formatsOf(encoders)),
    encoders,
    demoFlightId: o.includeDemoCrossing ? DEMO_FLIGHT_ID : null,
  };
}

/** Closest the flight's path comes to a point, metres (straight legs between waypoints). */
function closestApproachM(flight: FlightPlan, p: { lat: number; lon: number }): number {
  let best = Infinity;
  const w = flight.waypoints;
  for (let i = 0; i + 1 < w.length; i += 1) {
    const a = toLocal(p, w[i]!);
    const b = toLocal(p, w[i + 1]!);
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len2 = dx * dx + dy * dy;
    const u = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(a.x * dx + a.y * dy) / len2));
    best = Math.min(best, Math.hypot(a.x + u * dx, a.y + u * dy));
  }
  return best;
}

/** Which sensor can ever see which flight; computed once per scenario. */
const reach = new WeakMap<Scenario, Array<{ sensor: Sensor; flights: FlightPlan[] }>>();

function pairsOf(scenario: Scenario): Array<{ sensor: Sensor; flights: FlightPlan[] }> {
  let pairs = reach.get(scenario);
  if (!pairs) {
    pairs = scenario.sensors.map((sensor) => ({
      sensor,
      // A 1 % margin covers the planar approximation; observe() applies the exact range.
      flights: scenario.flights.filter(
        (f) => closestApproachM(f, sensor) <= sensor.rangeKm * 1010 && (sensor.kind !== 'remote-id' || f.remoteId !== null),
      ),
    }));
    reach.set(scenario, pairs);
  }
  return pairs;
}

/**
 * Every report that reaches its node in [t0, t1), sorted by arrival (ties by sensor, then flight).
 * Windows may be asked for in any order and any size: the bytes never depend on it.
 */
export function reportsBetween(scenario: Scenario, t0: number, t1: number): SensorReport[] {
  const reports: SensorReport[] = [];
  for (const { sensor, flights } of pairsOf(scenario)) {
    const contentType = CONTENT_TYPES[sensor.format];
    // An observation made before t0 may still arrive inside the window.
    const earliest = t0 - maxLatencyMs(sensor);
    for (const flight of flights) {
      const from = Math.max(earliest, launchAt(flight));
      const to = Math.min(t1, landAt(flight) + 1);
      if (from >= to) continue;
      for (let k = firstTickFrom(sensor, scenario.seed, from); tickTime(sensor, scenario.seed, k) < to; k += 1) {
        const o = observe(sensor, flight, scenario.seed, k);
        if (!o || o.at < t0 || o.at >= t1) continue;
        reports.push({
          at: o.at,
          node: sensor.node,
          sensor: sensor.name,
          contentType,
          body: encodeObservation(o, scenario.encoders),
          flightId: flight.id,
        });
      }
    }
  }
  return reports.sort((a, b) => a.at - b.at || compare(a.sensor, b.sensor) || compare(a.flightId, b.flightId));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export { loadScenario, type LoadOptions } from './load.js';
