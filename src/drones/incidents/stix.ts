/**
 * Incidents and alert acknowledgements as STIX objects (`x-enlace-drone-incident`,
 * `x-enlace-drone-alert-ack`, declared in src/stix/definitions/drone-incident.ts), and back.
 * Times travel as STIX timestamps with millisecond digits, so every time of an incident survives the
 * trip exactly; a received timestamp with finer digits is truncated to the millisecond.
 */
import { translate, type Lang } from '../../i18n/index.js';
import { DRONE_ALERT_ACK_EXTENSION_ID, DRONE_INCIDENT_EXTENSION_ID } from '../../stix/enlace-ids.js';
import { DRONE_RULE_KINDS, DRONE_TIMELINE_KINDS } from '../../stix/definitions/drone-incident.js';
import { formatTimestampUs, validateStixObject, type ExtensionRegistry, type StixObject } from '../../stix/index.js';
import type { Incident, IncidentTrack, RuleKind, TimelineEntry } from '../model.js';
import { DRONES_INCIDENTS_NS } from './messages.js';
import { Reader, refuse } from './stix-read.js';

export const INCIDENT_TYPE = 'x-enlace-drone-incident';
export const ACK_TYPE = 'x-enlace-drone-alert-ack';

/** Someone acknowledged one alert (incident and rule), on either node. */
export interface AlertAck {
  /** `x-enlace-drone-alert-ack--<uuid>`. */
  id: string;
  incidentId: string;
  rule: RuleKind;
  acknowledgedAt: number;
  /** Account name on the acknowledging node. */
  account: string;
  /** ISO 3166-1 alpha-2 of the acknowledging node. */
  country: string;
  note: string | null;
}

export interface StixWriteOptions {
  createdByRef: string;
  objectMarkingRefs: string[];
  /**
   * The version, ms since the epoch. Each version of an incident must have a later `modified`
   * than the one before (the store keeps the newest and ignores older or equal ones): the caller
   * guarantees it, e.g. max(now, previous + 1). Never earlier than the incident's openedAt.
   */
  modified: number;
  /** Language of the generic `name` ("Drone incident near Tijuana"). Default 'en'. */
  lang?: Lang;
}

export interface StixReadOptions {
  /** The registry to validate against; default: the built-in definitions. */
  registry?: ExtensionRegistry;
}

/** A STIX timestamp with millisecond digits; throws naming `field` when `ms` is no time. */
function ts(ms: number, field: string): string {
  try {
    return formatTimestampUs(Math.floor(ms) * 1000, 3);
  } catch {
    throw new RangeError(`${field}: ${ms} is not a time in milliseconds since the epoch`);
  }
}

const tsOrNull = (ms: number | null, field: string): string | null => (ms === null ? null : ts(ms, field));

function common(
  type: string,
  id: string,
  created: number,
  modified: number,
  o: { createdByRef: string; objectMarkingRefs: string[] },
): StixObject {
  if (modified < created) throw new RangeError(`modified (${modified}) is earlier than created (${created})`);
  const obj: StixObject = {
    type,
    spec_version: '2.1',
    id,
    created: ts(created, 'created'),
    modified: ts(modified, 'modified'),
    created_by_ref: o.createdByRef,
  };
  if (o.objectMarkingRefs.length > 0) obj.object_marking_refs = [...o.objectMarkingRefs];
  return obj;
}

function trackToStix(t: IncidentTrack, k: number): Record<string, unknown> {
  const at = `tracks[${k}]`;
  const b = t.border;
  return {
    track_id: t.trackId,
    uids: [...t.uids],
    remote_ids: [...t.remoteIds],
    sensors: [...t.sensors],
    classification: t.classification,
    airframe: t.airframe,
    callsign: t.callsign,
    trail: t.trail.map((p, n) => ({ t: ts(p.t, `${at}.trail[${n}].t`), lat: p.lat, lon: p.lon, alt_m: p.altM })),
    pilot: t.pilot && { lat: t.pilot.lat, lon: t.pilot.lon, kind: t.pilot.kind, t: ts(t.pilot.t, `${at}.pilot.t`) },
    takeoff: t.takeoff && { lat: t.takeoff.lat, lon: t.takeoff.lon, t: ts(t.takeoff.t, `${at}.takeoff.t`) },
    border: {
      side: b.side,
      signed_distance_m: b.signedDistanceM,
      heading: b.heading,
      ground_speed_mps: b.groundSpeedMps,
      course_deg: b.courseDeg,
      predicted_crossing: tsOrNull(b.predictedCrossingAt, `${at}.border.predictedCrossingAt`),
      nearest_port: { id: b.nearestPort.id, name: b.nearestPort.name, city_mx: b.nearestPort.cityMx, distance_m: b.nearestPort.distanceM },
    },
    last_seen: ts(t.lastSeen, `${at}.lastSeen`),
    stale: ts(t.staleAt, `${at}.staleAt`),
  };
}

/**
 * One version of an incident as a STIX object: id = incident.id, created = openedAt, modified =
 * o.modified (see StixWriteOptions). Throws RangeError naming the field for a time that is none.
 */
export function incidentToStix(incident: Incident, o: StixWriteOptions): StixObject {
  const i = incident;
  const city = i.tracks[0]?.border.nearestPort.cityMx ?? '?';
  return {
    ...common(INCIDENT_TYPE, i.id, i.openedAt, o.modified, o),
    name: translate(o.lang ?? 'en', DRONES_INCIDENTS_NS, 'incident.name', { city }).slice(0, 300),
    status: i.status,
    opened: ts(i.openedAt, 'openedAt'),
    updated: ts(i.updatedAt, 'updatedAt'),
    ...(i.status === 'closed' && i.closedAt !== null ? { closed: ts(i.closedAt, 'closedAt') } : {}),
    origin_country: i.originCountry,
    rules: [...i.rules],
    tracks: i.tracks.map(trackToStix),
    timeline: i.timeline.map((e, n) => ({
      t: ts(e.at, `timeline[${n}].at`),
      kind: e.kind,
      track_id: e.trackId,
      lat: e.lat,
      lon: e.lon,
      params: { ...e.params },
    })),
    // STIX lists are never empty: no evidence (every payload too large to carry) is no property.
    ...(i.evidence.length > 0
      ? {
          evidence: i.evidence.map((e, n) => ({
            t: ts(e.at, `evidence[${n}].at`),
            sensor: e.sensor,
            track_id: e.trackId,
            format: e.raw.format,
            encoding: e.raw.encoding,
            sha256: e.raw.sha256,
            data: e.raw.data,
          })),
        }
      : {}),
    extensions: { [DRONE_INCIDENT_EXTENSION_ID]: { extension_type: 'new-sdo' } },
  };
}

/** Validates (structure, STIX rules, the extension's schema) and refuses another type. */
function accepted(obj: unknown, type: string, o: StixReadOptions): Record<string, unknown> {
  const r = validateStixObject(obj, o.registry === undefined ? {} : { registry: o.registry });
  if (!r.ok) throw refuse(type, r.issues);
  if (r.object.type !== type) throw refuse(type, [{ path: '/type', code: 'not-in-enum', params: { allowed: type } }]);
  return r.object;
}

const CLASSIFICATIONS = ['hostile', 'suspect', 'unknown', 'friendly'] as const;
const AIRFRAMES = ['rotary-wing', 'fixed-wing', 'unknown'] as const;
const LAT_LON = (r: Reader, v: Record<string, unknown>, at: string): { lat: number; lon: number } => ({
  lat: r.number(v['lat'], `${at}/lat`),
  lon: r.number(v['lon'], `${at}/lon`),
});

function trackFromStix(r: Reader, v: unknown, at: string): IncidentTrack {
  const t = r.record(v, at);
  const pilot = t['pilot'] === null ? null : r.record(t['pilot'], `${at}/pilot`);
  const takeoff = t['takeoff'] === null ? null : r.record(t['takeoff'], `${at}/takeoff`);
  const b = r.record(t['border'], `${at}/border`);
  const port = r.record(b['nearest_port'], `${at}/border/nearest_port`);
  return {
    trackId: r.text(t['track_id'], `${at}/track_id`),
    uids: r.texts(t['uids'], `${at}/uids`),
    remoteIds: r.texts(t['remote_ids'], `${at}/remote_ids`),
    sensors: r.texts(t['sensors'], `${at}/sensors`),
    classification: r.oneOf(t['classification'], CLASSIFICATIONS, `${at}/classification`),
    airframe: r.oneOf(t['airframe'], AIRFRAMES, `${at}/airframe`),
    callsign: r.textOrNull(t['callsign'], `${at}/callsign`),
    trail: r.list(t['trail'], `${at}/trail`).map((x, n) => {
      const p = r.record(x, `${at}/trail/${n}`);
      return {
        t: r.time(p['t'], `${at}/trail/${n}/t`),
        ...LAT_LON(r, p, `${at}/trail/${n}`),
        altM: r.numberOrNull(p['alt_m'], `${at}/trail/${n}/alt_m`),
      };
    }),
    pilot: pilot && {
      ...LAT_LON(r, pilot, `${at}/pilot`),
      kind: r.oneOf(pilot['kind'], ['takeoff', 'live', 'fixed'] as const, `${at}/pilot/kind`),
      t: r.time(pilot['t'], `${at}/pilot/t`),
    },
    takeoff: takeoff && { ...LAT_LON(r, takeoff, `${at}/takeoff`), t: r.time(takeoff['t'], `${at}/takeoff/t`) },
    border: {
      side: r.oneOf(b['side'], ['US', 'MX'] as const, `${at}/border/side`),
      signedDistanceM: r.number(b['signed_distance_m'], `${at}/border/signed_distance_m`),
      heading: r.oneOf(b['heading'], ['towards', 'away', 'along'] as const, `${at}/border/heading`),
      groundSpeedMps: r.number(b['ground_speed_mps'], `${at}/border/ground_speed_mps`),
      courseDeg: r.numberOrNull(b['course_deg'], `${at}/border/course_deg`),
      predictedCrossingAt: r.timeOrNull(b['predicted_crossing'], `${at}/border/predicted_crossing`),
      nearestPort: {
        id: r.text(port['id'], `${at}/border/nearest_port/id`),
        name: r.text(port['name'], `${at}/border/nearest_port/name`),
        cityMx: r.text(port['city_mx'], `${at}/border/nearest_port/city_mx`),
        distanceM: r.number(port['distance_m'], `${at}/border/nearest_port/distance_m`),
      },
    },
    lastSeen: r.time(t['last_seen'], `${at}/last_seen`),
    staleAt: r.time(t['stale'], `${at}/stale`),
  };
}

function entryFromStix(r: Reader, v: unknown, at: string): TimelineEntry {
  const e = r.record(v, at);
  return {
    at: r.time(e['t'], `${at}/t`),
    kind: r.oneOf(e['kind'], DRONE_TIMELINE_KINDS, `${at}/kind`),
    trackId: r.textOrNull(e['track_id'], `${at}/track_id`),
    lat: r.numberOrNull(e['lat'], `${at}/lat`),
    lon: r.numberOrNull(e['lon'], `${at}/lon`),
    params: r.params(e['params'], `${at}/params`),
  };
}

/**
 * The incident a received object describes. Throws EnlaceError `object.invalid` (422) naming the
 * offending field(s) as JSON Pointers when the object is not a valid `x-enlace-drone-incident`.
 */
export function incidentFromStix(obj: unknown, o: StixReadOptions = {}): Incident {
  const s = accepted(obj, INCIDENT_TYPE, o);
  const r = new Reader(INCIDENT_TYPE);
  const status = r.oneOf(s['status'], ['open', 'closed'] as const, '/status');
  return {
    id: r.text(s['id'], '/id'),
    status,
    openedAt: r.time(s['opened'], '/opened'),
    updatedAt: r.time(s['updated'], '/updated'),
    closedAt: status === 'closed' ? r.time(s['closed'], '/closed') : null,
    originCountry: r.text(s['origin_country'], '/origin_country'),
    rules: r.list(s['rules'], '/rules').map((x, n) => r.oneOf(x, DRONE_RULE_KINDS, `/rules/${n}`)),
    tracks: r.list(s['tracks'], '/tracks').map((x, n) => trackFromStix(r, x, `/tracks/${n}`)),
    timeline: r.list(s['timeline'], '/timeline').map((x, n) => entryFromStix(r, x, `/timeline/${n}`)),
    evidence: (s['evidence'] === undefined ? [] : r.list(s['evidence'], '/evidence')).map((x, n) => {
      const at = `/evidence/${n}`;
      const e = r.record(x, at);
      return {
        at: r.time(e['t'], `${at}/t`),
        sensor: r.text(e['sensor'], `${at}/sensor`),
        trackId: r.text(e['track_id'], `${at}/track_id`),
        raw: {
          format: r.oneOf(e['format'], ['cot-xml', 'tak-protobuf', 'remote-id', 'geojson'] as const, `${at}/format`),
          encoding: r.oneOf(e['encoding'], ['utf8', 'base64'] as const, `${at}/encoding`),
          data: r.text(e['data'], `${at}/data`),
          sha256: r.text(e['sha256'], `${at}/sha256`),
        },
      };
    }),
  };
}

/** An acknowledgement as a STIX object; acknowledgements are not versioned, so modified defaults to acknowledgedAt. */
export function ackToStix(ack: AlertAck, o: Omit<StixWriteOptions, 'modified' | 'lang'> & { modified?: number }): StixObject {
  return {
    ...common(ACK_TYPE, ack.id, ack.acknowledgedAt, o.modified ?? ack.acknowledgedAt, o),
    incident_ref: ack.incidentId,
    rule: ack.rule,
    acknowledged: ts(ack.acknowledgedAt, 'acknowledgedAt'),
    acknowledged_by: ack.account,
    node_country: ack.country,
    ...(ack.note !== null ? { note: ack.note } : {}),
    extensions: { [DRONE_ALERT_ACK_EXTENSION_ID]: { extension_type: 'new-sdo' } },
  };
}

/** The acknowledgement a received object records; throws like incidentFromStix. */
export function ackFromStix(obj: unknown, o: StixReadOptions = {}): AlertAck {
  const s = accepted(obj, ACK_TYPE, o);
  const r = new Reader(ACK_TYPE);
  return {
    id: r.text(s['id'], '/id'),
    incidentId: r.text(s['incident_ref'], '/incident_ref'),
    rule: r.oneOf(s['rule'], DRONE_RULE_KINDS, '/rule'),
    acknowledgedAt: r.time(s['acknowledged'], '/acknowledged'),
    account: r.text(s['acknowledged_by'], '/acknowledged_by'),
    country: r.text(s['node_country'], '/node_country'),
    note: r.textOrNull(s['note'], '/note'),
  };
}
