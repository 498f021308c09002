/** Test support: detections with sensible defaults, and points placed relative to the border. */
import { fromLocal } from '../border/geometry.js';
import type { LatLon } from '../border/model.js';
import type { Detection } from '../model.js';

export const T0 = Date.UTC(2026, 10, 27, 12);
/** Downtown Tijuana, about 2 km south of the line. */
export const TIJUANA: LatLon = { lat: 32.52, lon: -117.03 };

export function detection(over: Partial<Detection> = {}): Detection {
  const t = over.t ?? T0;
  return {
    source: 'cot',
    sensor: 'sensor-a',
    uid: null,
    remoteId: null,
    t,
    receivedAt: t,
    staleAt: null,
    lat: TIJUANA.lat,
    lon: TIJUANA.lon,
    altM: 120,
    speedMps: null,
    courseDeg: null,
    verticalSpeedMps: null,
    classification: 'unknown',
    exercise: false,
    airframe: 'unknown',
    callsign: null,
    pilot: null,
    raw: { format: 'cot-xml', encoding: 'utf8', data: '<event/>', sha256: '0'.repeat(64) },
    ...over,
  };
}

/** `d` moved `east` and `north` metres. */
export function moved(d: LatLon, east: number, north: number): LatLon {
  return fromLocal(d, east, north);
}
