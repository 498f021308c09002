/**
 * The benchmark's scenario: `tracks` drones airborne for the whole run, each inside the range of
 * every sensor of its area, with update rates chosen so that all reports together arrive at
 * `updatesPerSecond`. The drones circle over and near the line, so the load also exercises the
 * crossing and loitering rules, not only ingest.
 */
import { AREAS, frameNear, type Area } from './areas.js';
import { PathBuilder, type FlightKind, type FlightPlan } from './flights.js';
import { formatsOf } from './payloads.js';
import { Rng } from './prng.js';
import { checkWindow, encodersFor } from './options.js';
import type { Scenario } from './scenario.js';
import type { Sensor, SensorFormat } from './sensors.js';

export interface LoadOptions {
  seed: number;
  start: number;
  /** Reports per second, all sensors together. */
  updatesPerSecond: number;
  /** Drones airborne at once. */
  tracks: number;
  /** Default 60. */
  durationS?: number;
  formats?: readonly SensorFormat[];
}

/** Drones stay within 3 km of their area's origin and sensors within 1.5 km: 12 km reaches all. */
const LOAD_RANGE_KM = 12;

function loadSensors(area: Area, formats: readonly SensorFormat[], updateHz: number): Sensor[] {
  const frame = frameNear(area.anchor);
  const code = area.code;
  const base = { rangeKm: LOAD_RANGE_KM, updateHz, latencyMs: 100, latencyJitterMs: 300, minAglM: 0 };
  const at = (across: number) => frame.at(0, across);
  const rf: SensorFormat = formats.includes('tak-protobuf') ? 'tak-protobuf' : 'cot-xml';
  const radar: SensorFormat = formats.includes('geojson') ? 'geojson' : 'cot-xml';
  return [
    {
      ...base,
      ...at(-1500),
      name: `mx-${code}-load-radar-1`,
      country: 'MX',
      node: 'mx',
      kind: 'radar',
      format: 'cot-xml',
      noiseM: 12,
      trackUids: true,
      how: 'm-r',
      locatesPilot: false,
    },
    {
      ...base,
      ...at(-1000),
      name: `mx-${code}-load-rf-1`,
      country: 'MX',
      node: 'mx',
      kind: 'rf',
      format: rf,
      noiseM: 15,
      trackUids: true,
      how: 'm-r',
      locatesPilot: true,
    },
    {
      ...base,
      ...at(1000),
      name: `us-${code}-load-rid-1`,
      country: 'US',
      node: 'us',
      kind: 'remote-id',
      format: 'remote-id',
      noiseM: 5,
      trackUids: false,
      how: 'm-g',
      locatesPilot: true,
    },
    {
      ...base,
      ...at(1500),
      name: `us-${code}-load-radar-1`,
      country: 'US',
      node: 'us',
      kind: 'radar',
      format: radar,
      noiseM: 10,
      trackUids: radar === 'cot-xml',
      how: 'm-r',
      locatesPilot: false,
    },
  ];
}

const LOAD_KINDS: readonly FlightKind[] = ['crosser', 'loiterer', 'agency'];

/**
 * A drone circling for the whole run: crossers circle over the line itself, loiterers 1 km inside
 * Mexico, agency drones 800 m inside the U.S. All broadcast Remote ID so every sensor counts.
 */
function loadFlight(i: number, area: Area, rng: Rng, from: number, until: number): FlightPlan {
  const kind = LOAD_KINDS[i % LOAD_KINDS.length]!;
  const frame = frameNear(area.anchor);
  const speed = rng.range(8, 20);
  const along = rng.range(-1000, 1000);
  const across = kind === 'crosser' ? 0 : kind === 'loiterer' ? -1000 : 800;
  const radius = kind === 'crosser' ? rng.range(600, 1500) : rng.range(100, 400);
  const b = new PathBuilder(frame, area.groundHaeM, along, across - radius - 100, from);
  b.phase('climb', () => b.vertical(rng.range(40, 100), 5));
  b.phase(kind === 'loiterer' ? 'loiter' : 'patrol', () => b.orbit(along, across, radius, (until - b.now) / 1000, speed));
  b.phase('landing', () => b.vertical(0, 5));
  const first = b.waypoints[0]!;
  // CTA-2063-A: maker SIML, length code C (twelve characters), twelve characters.
  const serial = `SIMLC${String(i).padStart(12, '0')}`;
  return {
    id: `load-${area.code}-${String(i + 1).padStart(5, '0')}`,
    kind,
    area: area.id,
    country: kind === 'agency' ? 'US' : 'MX',
    airframe: 'rotary-wing',
    remoteId: serial,
    callsign: null,
    classification: kind === 'agency' ? 'friendly' : 'hostile',
    cruiseSpeedMps: speed,
    groundHaeM: area.groundHaeM,
    pilot: { lat: first.lat, lon: first.lon, kind: 'takeoff' },
    waypoints: b.waypoints,
    phases: b.phases,
  };
}

export function loadScenario(o: LoadOptions): Scenario {
  const durationS = o.durationS ?? 60;
  checkWindow(o.start, durationS);
  if (!Number.isInteger(o.tracks) || o.tracks < 1 || o.tracks > 100_000)
    throw new RangeError(`tracks must be an integer 1–100000 (got ${o.tracks})`);
  if (!Number.isFinite(o.updatesPerSecond) || o.updatesPerSecond <= 0)
    throw new RangeError(`updatesPerSecond must be positive (got ${o.updatesPerSecond})`);
  const encoders = encodersFor(o.formats);
  const formats = formatsOf(encoders);
  // Every sensor of an area sees every drone of that area, so each of the 4 × tracks pairs reports at this rate.
  const updateHz = o.updatesPerSecond / (4 * o.tracks);
  const rng = new Rng(o.seed);
  // Airborne (and past the climb) a minute before the run starts and until well after its end.
  const from = o.start - 60_000;
  const until = o.start + durationS * 1000 + 60_000;
  const flights: FlightPlan[] = [];
  for (let i = 0; i < o.tracks; i += 1) {
    flights.push(loadFlight(i, AREAS[i % AREAS.length]!, rng.fork(i), from, until));
  }
  const sensors = AREAS.flatMap((area) => loadSensors(area, formats, updateHz));
  return {
    seed: o.seed,
    start: o.start,
    durationS,
    end: o.start + durationS * 1000,
    flights,
    sensors,
    encoders,
    demoFlightId: null,
  };
}
