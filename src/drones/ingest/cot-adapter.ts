/**
 * CoT (already parsed and validated by ../cot/parse.ts) into the shared Detection. CoT is the
 * only format that states intent, so the classification comes from its affiliation atom; the
 * exercise identities are kept apart so that a drill can never raise a real alert.
 */
import type { CotDetection, CotPilot, CotTypeInfo } from '../cot/model.js';
import type { Airframe, Classification, Detection, PilotLocation } from '../model.js';
import { rawPayload } from './model.js';

export function classificationOf(type: CotTypeInfo): { classification: Classification; exercise: boolean } {
  switch (type.affiliation) {
    case 'hostile':
      return { classification: 'hostile', exercise: false };
    case 'suspect':
      return { classification: 'suspect', exercise: false };
    case 'friendly':
    case 'assumed-friend':
      return { classification: 'friendly', exercise: false };
    // Joker and faker are the exercise twins of hostile and suspect (MIL-STD-2525).
    case 'joker':
      return { classification: 'hostile', exercise: true };
    case 'faker':
      return { classification: 'suspect', exercise: true };
    default:
      return { classification: 'unknown', exercise: false };
  }
}

export function airframeOf(type: CotTypeInfo): Airframe {
  return type.airframe === 'rotary-wing' || type.airframe === 'fixed-wing' ? type.airframe : 'unknown';
}

export function pilotOf(pilot: CotPilot | undefined, t: number): PilotLocation | null {
  return pilot === undefined ? null : { lat: pilot.lat, lon: pilot.lon, kind: pilot.kind, t };
}

export interface CotAdapterContext {
  sensor: string;
  receivedAt: number;
  /** The bytes as received, when the caller has them: the digest must be of those, BOM included. */
  bytes?: Uint8Array;
}

export function detectionFromCot(d: CotDetection, ctx: CotAdapterContext): Detection {
  const t = Math.floor(d.timeUs / 1000);
  const bytes = ctx.bytes ?? Buffer.from(d.raw, 'utf8');
  return {
    source: 'cot',
    sensor: ctx.sensor,
    uid: d.uid,
    remoteId: null,
    t,
    receivedAt: ctx.receivedAt,
    staleAt: Math.floor(d.staleUs / 1000),
    lat: d.point.lat,
    lon: d.point.lon,
    altM: d.point.hae,
    speedMps: d.detail.track?.speed ?? null,
    courseDeg: d.detail.track?.course ?? null,
    verticalSpeedMps: null,
    ...classificationOf(d.type),
    airframe: airframeOf(d.type),
    callsign: d.detail.callsign ?? null,
    pilot: pilotOf(d.detail.pilot, t),
    raw: rawPayload('cot-xml', bytes, d.raw),
  };
}
