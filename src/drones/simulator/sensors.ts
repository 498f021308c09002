/**
 * The sensors on both sides of the line and what each makes of a flight: only the part within its
 * range, only drones it can physically sense (a Remote ID receiver hears nothing from a drone that
 * broadcasts nothing; a radar loses a drone in ground clutter), with its own noise and latency.
 */
import type { Side } from '../model.js';
import { haversineM } from '../border/geometry.js';
import { hashGaussian, hashString, hashUnit } from './prng.js';
import { heightAgl, pilotAt, positionAt, type FlightPlan, type Pilot } from './flights.js';

export type NodeName = 'us' | 'mx';

/** The wire formats a sensor may speak; each has its own content type on the detections endpoint. */
export type SensorFormat = 'cot-xml' | 'tak-protobuf' | 'geojson' | 'remote-id';

export const CONTENT_TYPES: Readonly<Record<SensorFormat, string>> = {
  'cot-xml': 'application/cot+xml',
  'tak-protobuf': 'application/x-tak-protobuf',
  geojson: 'application/geo+json',
  'remote-id': 'application/x-remote-id+json',
};

export type SensorKind = 'radar' | 'rf' | 'remote-id';

export interface Sensor {
  /** `<country>-<place>-<kind>-<n>`, e.g. mx-tj-radar-1; also the X-Enlace-Sensor header. */
  name: string;
  country: Side;
  /** The Enlace node it reports to. */
  node: NodeName;
  kind: SensorKind;
  format: SensorFormat;
  lat: number;
  lon: number;
  rangeKm: number;
  updateHz: number;
  /** Fixed part of the delay from observation to arrival at the node, ms. */
  latencyMs: number;
  /** Up to this much more, drawn per observation. */
  latencyJitterMs: number;
  /** Standard deviation of the horizontal position error, metres. */
  noiseM: number;
  /** Whether the sensor names its tracks (CoT radars) or sends anonymous returns (GeoJSON radars). */
  trackUids: boolean;
  /** Below this height above ground the sensor loses the drone (radar ground clutter). */
  minAglM: number;
  /** CoT `how` the sensor writes. */
  how: string;
  /**
   * Whether it reports where the pilot stands: Remote ID receivers (System message) and RF
   * detectors (they locate the controller's downlink) do; radars see only the aircraft.
   */
  locatesPilot: boolean;
}

type SensorSpec = Omit<Sensor, 'node'>;

function radar(name: string, country: Side, lat: number, lon: number, format: SensorFormat, rangeKm = 5): SensorSpec {
  return {
    name,
    country,
    kind: 'radar',
    format,
    lat,
    lon,
    rangeKm,
    updateHz: 1,
    latencyMs: 300,
    latencyJitterMs: 500,
    noiseM: 12,
    trackUids: format !== 'geojson',
    minAglM: 10,
    how: 'm-r',
    locatesPilot: false,
  };
}

function rf(name: string, country: Side, lat: number, lon: number, format: SensorFormat, rangeKm = 4, updateHz = 0.5): SensorSpec {
  return {
    name,
    country,
    kind: 'rf',
    format,
    lat,
    lon,
    rangeKm,
    updateHz,
    latencyMs: 200,
    latencyJitterMs: 300,
    noiseM: 15,
    trackUids: true,
    minAglM: 0,
    how: 'm-r',
    locatesPilot: true,
  };
}

function remoteIdReceiver(name: string, lat: number, lon: number): SensorSpec {
  return {
    name,
    country: 'US',
    kind: 'remote-id',
    format: 'remote-id',
    lat,
    lon,
    rangeKm: 3,
    updateHz: 1,
    latencyMs: 100,
    latencyJitterMs: 200,
    noiseM: 5,
    trackUids: false,
    minAglM: 0,
    how: 'm-g',
    locatesPilot: true,
  };
}

/**
 * Mexican sensors feed CoT XML and TAK protobuf (SEDENA and Guardia Nacional run TAK); U.S.
 * sensors are Remote ID receivers and counter-UAS radars. `mx-tj-rf-2` watches eastern Tijuana,
 * where no U.S. sensor reaches: the demo crossing is seen from Mexico only, pilot included.
 */
const CATALOGUE: readonly SensorSpec[] = [
  radar('mx-tj-radar-1', 'MX', 32.515, -117.02, 'cot-xml'),
  rf('mx-tj-rf-1', 'MX', 32.525, -116.96, 'tak-protobuf'),
  rf('mx-tj-rf-2', 'MX', 32.545, -116.81, 'cot-xml', 6, 1),
  remoteIdReceiver('us-sy-rid-1', 32.548, -117.03),
  radar('us-sy-radar-1', 'US', 32.56, -116.97, 'geojson'),
  radar('mx-mxl-radar-1', 'MX', 32.64, -115.47, 'cot-xml'),
  remoteIdReceiver('us-cx-rid-1', 32.675, -115.49),
  radar('us-cx-radar-1', 'US', 32.68, -115.43, 'cot-xml'),
  radar('mx-nog-radar-1', 'MX', 31.315, -110.96, 'cot-xml'),
  rf('mx-nog-rf-1', 'MX', 31.31, -110.945, 'tak-protobuf'),
  remoteIdReceiver('us-ng-rid-1', 31.34, -110.93),
  radar('us-ng-radar-1', 'US', 31.345, -110.95, 'geojson'),
  radar('mx-cju-radar-1', 'MX', 31.725, -106.455, 'cot-xml'),
  rf('mx-cju-rf-1', 'MX', 31.735, -106.43, 'tak-protobuf'),
  remoteIdReceiver('us-ep-rid-1', 31.765, -106.46),
  radar('us-ep-radar-1', 'US', 31.775, -106.44, 'cot-xml'),
];

/** What a sensor speaks when its own format is not available: TAK devices can all send CoT XML. */
const FALLBACK: Readonly<Record<SensorFormat, SensorFormat>> = {
  'cot-xml': 'cot-xml',
  'tak-protobuf': 'cot-xml',
  geojson: 'cot-xml',
  'remote-id': 'remote-id',
};

/** The border sensors, each speaking its own format if `formats` has it, else its fallback. */
export function borderSensors(formats: readonly SensorFormat[]): Sensor[] {
  return CATALOGUE.map((spec) => {
    const format = formats.includes(spec.format) ? spec.format : FALLBACK[spec.format];
    // A radar that falls back to CoT must name its tracks: CoT has no anonymous events.
    const trackUids = spec.trackUids || format === 'cot-xml' || format === 'tak-protobuf';
    return { ...spec, format, trackUids, node: spec.country === 'US' ? 'us' : 'mx' };
  });
}

/** One sighting as the sensor reports it, before it is written in the sensor's format. */
export interface Observation {
  sensor: Sensor;
  flight: FlightPlan;
  /** When the sensor saw it (ms). */
  t: number;
  /** When the sensor's receiver stamped it (Remote ID batches carry it). */
  receivedAt: number;
  /** When the report reaches the node. */
  at: number;
  lat: number;
  lon: number;
  altM: number;
  /** Height above take-off, which is what Remote ID's `height` field carries. */
  heightM: number;
  speedMps: number;
  courseDeg: number;
  verticalSpeedMps: number;
  /** The sensor's own name for this track; null for anonymous returns. */
  trackUid: string | null;
  callsign: string;
  /** Where the pilot stands, from sensors that locate pilots. */
  pilot: Pilot | null;
}

export function periodMs(sensor: Sensor): number {
  return 1000 / sensor.updateHz;
}

/** Each sensor's updates start at its own phase so that sensors do not all report on the same ms. */
export function phaseMs(sensor: Sensor, seed: number): number {
  return hashUnit(seed, hashString(sensor.name)) * periodMs(sensor);
}

export function tickTime(sensor: Sensor, seed: number, tick: number): number {
  return Math.round(phaseMs(sensor, seed) + tick * periodMs(sensor));
}

/** The first tick at or after `t`. */
export function firstTickFrom(sensor: Sensor, seed: number, t: number): number {
  let k = Math.ceil((t - phaseMs(sensor, seed)) / periodMs(sensor));
  // Rounding in tickTime may put tick k a hair before t.
  while (tickTime(sensor, seed, k) < t) k += 1;
  while (tickTime(sensor, seed, k - 1) >= t) k -= 1;
  return k;
}

export function maxLatencyMs(sensor: Sensor): number {
  return sensor.latencyMs + sensor.latencyJitterMs;
}

const METRES_PER_DEGREE = 111_195;

/** The sensor's own short name for a track, derived from the flight so it stays put between updates. */
function trackKey(flight: FlightPlan): string {
  return hashString(flight.id).toString(16).padStart(8, '0');
}

/**
 * What `sensor` reports of `flight` at its tick `tick`, or null when it sees nothing then: drone
 * on the ground or too low, out of range, or silent on a Remote ID receiver. Noise and latency are
 * hashed from (seed, sensor, flight, tick), so the same call always answers the same.
 */
export function observe(sensor: Sensor, flight: FlightPlan, seed: number, tick: number): Observation | null {
  if (sensor.kind === 'remote-id' && flight.remoteId === null) return null;
  const t = tickTime(sensor, seed, tick);
  const truth = positionAt(flight, t);
  if (!truth) return null;
  const agl = heightAgl(flight, truth);
  if (agl < sensor.minAglM) return null;
  if (haversineM(sensor, truth) > sensor.rangeKm * 1000) return null;

  const s = hashString(sensor.name);
  const f = hashString(flight.id);
  const n = (component: number): number => hashGaussian(seed, s, f, tick, component);
  const north = n(1) * sensor.noiseM;
  const east = n(2) * sensor.noiseM;
  const lat = truth.lat + north / METRES_PER_DEGREE;
  const lon = truth.lon + east / (METRES_PER_DEGREE * Math.cos((truth.lat * Math.PI) / 180));
  // Vertical error of radars and GNSS alike is worse than horizontal.
  const altM = truth.altM + n(3) * sensor.noiseM * 1.5;
  const speedMps = Math.max(0, truth.speedMps + n(4) * 0.4);
  const courseDeg = truth.speedMps > 1 ? (((truth.courseDeg + n(5) * 3) % 360) + 360) % 360 : truth.courseDeg;
  const verticalSpeedMps = truth.verticalSpeedMps + n(6) * 0.3;
  const latency = sensor.latencyMs + Math.floor(hashUnit(seed, s, f, tick, 7) * sensor.latencyJitterMs);
  const receivedAt = t + Math.min(latency, Math.floor(hashUnit(seed, s, f, tick, 8) * 40));
  const key = trackKey(flight);
  return {
    sensor,
    flight,
    t,
    receivedAt,
    at: t + latency,
    lat,
    lon,
    altM,
    heightM: agl + n(9) * 0.5,
    speedMps,
    courseDeg,
    verticalSpeedMps,
    trackUid: sensor.trackUids ? `${sensor.name}.trk-${key}` : null,
    callsign: flight.callsign ?? `T-${key.slice(0, 4).toUpperCase()}`,
    pilot: sensor.locatesPilot ? pilotAt(flight, t) : null,
  };
}
