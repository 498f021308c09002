/**
 * GeoJSON (RFC 7946) Point features into Detections: the lowest common denominator of radar,
 * RF and optical sensor software. A payload is accepted or refused whole: one bad feature refuses
 * the collection, so nothing of it is half-stored and the sender sees which feature to fix.
 * Properties beyond the ones read here are ignored (mapping tools add styling keys), but the keys
 * that are read are typed strictly and prototype-polluting keys are refused anywhere (json.ts).
 */
import { z } from 'zod';
import { isoToUs } from '../cot/parse.js';
import type { Detection, IngestRejection, IngestResult, RawPayload } from '../model.js';
import { issueRejection, pathText, readJson } from './json.js';
import {
  MAX_FUTURE_SKEW_MS,
  MAX_UID_CHARS,
  isLabel,
  isoOfMs,
  rawPayload,
  rejected,
  rejection,
  shown,
  type IngestContext,
  type Params,
} from './model.js';

export const MAX_FEATURES = 1000;

/** GeoJSON writers often spell "absent" as null; both mean the same here. */
function optional<T extends z.ZodType>(schema: T) {
  return schema.nullable().optional();
}

const pilotSchema = z.strictObject({
  lat: z.number(),
  lon: z.number(),
  kind: z.enum(['takeoff', 'live', 'fixed']),
});

const propertiesSchema = z.object({
  id: optional(z.string()),
  uid: optional(z.string()),
  time: z.union([z.string(), z.number()]),
  sensor: optional(z.string()),
  stale: optional(z.string()),
  classification: optional(z.enum(['hostile', 'suspect', 'unknown', 'friendly'])),
  airframe: optional(z.enum(['rotary-wing', 'fixed-wing', 'unknown'])),
  speed: optional(z.number().min(0)),
  course: optional(z.number().min(0).max(360)),
  callsign: optional(z.string()),
  pilot: optional(pilotSchema),
});

const featureSchema = z.object({
  type: z.literal('Feature'),
  id: optional(z.union([z.string(), z.number()])),
  geometry: z.object({ type: z.literal('Point'), coordinates: z.array(z.number()).min(2).max(3) }),
  properties: propertiesSchema,
});

type Feature = z.infer<typeof featureSchema>;

class Refusal {
  constructor(readonly rejection: IngestRejection) {}
}

function refuse(reason: string, params: Params): never {
  throw new Refusal(rejection('geojson', reason, params));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function decodeGeoJson(body: Uint8Array, ctx: IngestContext): IngestResult {
  const json = readJson('geojson', body);
  if (!json.ok) return { ok: false, rejection: json.rejection };
  const input = json.value;
  const raw = rawPayload('geojson', body, json.text);
  try {
    if (!isRecord(input)) refuse('invalid-field', { field: '(root)', value: shown(input) });
    if (input.type === 'Feature') return { ok: true, detections: [detectionOf(input, [], undefined, ctx, raw)] };
    if (input.type !== 'FeatureCollection') refuse('invalid-field', { field: 'type', value: shown(input.type ?? null) });
    const features = Object.hasOwn(input, 'features') ? input.features : undefined;
    if (features === undefined) refuse('missing-field', { field: 'features' });
    if (!Array.isArray(features)) refuse('invalid-field', { field: 'features', value: shown(features) });
    if (features.length > MAX_FEATURES) refuse('too-many', { field: 'features', actual: features.length, max: MAX_FEATURES });
    const detections = features.map((feature: unknown, index) => detectionOf(feature, ['features', index], index, ctx, raw));
    return { ok: true, detections };
  } catch (caught) {
    if (caught instanceof Refusal) return { ok: false, rejection: caught.rejection };
    return rejected('geojson', 'internal', { detail: shown(caught instanceof Error ? caught.message : String(caught)) });
  }
}

function where(index: number | undefined): Params {
  return index === undefined ? {} : { feature: index };
}

function validFeature(input: unknown, path: (string | number)[], index: number | undefined): Feature {
  if (isRecord(input) && Object.hasOwn(input, 'geometry')) {
    const geometry = input.geometry;
    const type = isRecord(geometry) ? geometry.type : null;
    if (type !== 'Point') refuse('not-point', { field: pathText([...path, 'geometry']), type: shown(type ?? 'null'), ...where(index) });
  }
  const parsed = featureSchema.safeParse(input);
  if (!parsed.success) {
    const refused = issueRejection('geojson', parsed.error, input, path);
    throw new Refusal({ ...refused, params: { ...refused.params, ...where(index) } });
  }
  return parsed.data;
}

function timeOf(value: string | number, field: string, index: number | undefined): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) refuse('invalid-field', { field, value: shown(String(value)), ...where(index) });
    return Math.floor(value);
  }
  const us = isoToUs(value);
  if (us === null) refuse('invalid-field', { field, value: shown(value), ...where(index) });
  return Math.floor(us / 1000);
}

function inRange(lat: number, lon: number, index: number | undefined): void {
  if (lat < -90 || lat > 90) refuse('latitude-range', { value: lat, ...where(index) });
  if (lon < -180 || lon > 180) refuse('longitude-range', { value: lon, ...where(index) });
}

function detectionOf(input: unknown, path: (string | number)[], index: number | undefined, ctx: IngestContext, raw: RawPayload): Detection {
  const feature = validFeature(input, path, index);
  const p = feature.properties;
  const prefix = pathText([...path, 'properties']);
  const [lon, lat, alt] = feature.geometry.coordinates as [number, number, number?];
  inRange(lat, lon, index);

  const featureId = feature.id === null || feature.id === undefined ? null : String(feature.id);
  const uid = p.uid ?? p.id ?? featureId;
  if (uid !== null && (uid.length === 0 || uid.length > MAX_UID_CHARS || /[\u0000-\u001f\u007f]/.test(uid))) {
    refuse('invalid-field', { field: `${prefix}.uid`, value: shown(uid), ...where(index) });
  }
  for (const label of ['sensor', 'callsign'] as const) {
    const value = p[label];
    if (value !== null && value !== undefined && !isLabel(value))
      refuse('invalid-field', { field: `${prefix}.${label}`, value: shown(value), ...where(index) });
  }
  if (p.pilot) inRange(p.pilot.lat, p.pilot.lon, index);

  const t = timeOf(p.time, `${prefix}.time`, index);
  const staleAt = p.stale === null || p.stale === undefined ? null : timeOf(p.stale, `${prefix}.stale`, index);
  const now = ctx.receivedAt;
  if (staleAt !== null && staleAt < t) refuse('stale-before-start', { stale: isoOfMs(staleAt), start: isoOfMs(t), ...where(index) });
  if (t > now + MAX_FUTURE_SKEW_MS) refuse('time-future', { time: isoOfMs(t), seconds: MAX_FUTURE_SKEW_MS / 1000, ...where(index) });
  if (staleAt !== null && staleAt <= now) refuse('stale', { stale: isoOfMs(staleAt), ...where(index) });

  return {
    source: 'geojson',
    sensor: p.sensor ?? ctx.sensor,
    uid,
    remoteId: null,
    t,
    receivedAt: now,
    staleAt,
    lat,
    lon,
    altM: alt ?? null,
    speedMps: p.speed ?? null,
    courseDeg: p.course ?? null,
    verticalSpeedMps: null,
    classification: p.classification ?? 'unknown',
    exercise: false,
    airframe: p.airframe ?? 'unknown',
    callsign: p.callsign ?? null,
    pilot: p.pilot ? { lat: p.pilot.lat, lon: p.pilot.lon, kind: p.pilot.kind, t } : null,
    raw,
  };
}
