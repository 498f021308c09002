import { DRONE_ALERT_ACK_EXTENSION_ID, DRONE_INCIDENT_EXTENSION_ID } from '../enlace-ids.js';
import { declaresType, defineEnlaceExtension } from './define.js';
import { COUNTRY_SCHEMA } from './iso3166.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';

// Two exact forms rather than an optional fraction group: schemas with nested quantifiers are
// refused by the schema-safety check (schema-safety.ts), Enlace's own included.
const DATE_TIME = '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}';
const TIMESTAMP = { type: 'string', anyOf: [{ pattern: `${DATE_TIME}Z$` }, { pattern: `${DATE_TIME}[.][0-9]{1,9}Z$` }] };
const TIMESTAMP_OR_NULL = { anyOf: [{ type: 'null' }, TIMESTAMP] };

/**
 * Every list and text of an incident is bounded, so that one object stays well under the TAXII
 * content limit (10 MiB by default) even at its largest: about 3.3 MB of evidence, 1 MB of trails.
 */
export const DRONE_INCIDENT_LIMITS = {
  tracks: 20,
  trailPoints: 600,
  timelineEntries: 500,
  timelineParams: 20,
  paramText: 500,
  evidenceItems: 50,
  evidenceData: 65_536,
  /** uids and Remote IDs of one track. */
  identities: 20,
  sensors: 50,
  /** Names of sensors, uids, callsigns, ports. */
  shortText: 200,
  name: 300,
  description: 10_000,
  ackAccount: 200,
  ackNote: 2_000,
} as const;

const L = DRONE_INCIDENT_LIMITS;

export const DRONE_RULE_KINDS = ['crossing', 'approach', 'geofence', 'payload-drop', 'loitering'] as const;
export const DRONE_TIMELINE_KINDS = [...DRONE_RULE_KINDS, 'opened', 'track-joined', 'pilot-located', 'closed'] as const;

const text = (max: number): Record<string, unknown> => ({ type: 'string', minLength: 1, maxLength: max });
const list = (items: Record<string, unknown>, max: number): Record<string, unknown> => ({ type: 'array', maxItems: max, items });
const shape = (properties: Record<string, unknown>, required = Object.keys(properties)): Record<string, unknown> => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
const nullable = (schema: Record<string, unknown>): Record<string, unknown> => ({ anyOf: [{ type: 'null' }, schema] });

const LAT = { type: 'number', minimum: -90, maximum: 90 };
const LON = { type: 'number', minimum: -180, maximum: 180 };
/** Metres; the bounds only keep nonsense out (a drone is neither 1 km underground nor in orbit). */
const ALTITUDE = { type: ['number', 'null'], minimum: -1_000, maximum: 100_000 };
const METRES = { type: 'number', minimum: -1e8, maximum: 1e8 };
const TRACK_ID = text(L.shortText);

const TRACK = shape({
  track_id: TRACK_ID,
  uids: list(text(L.shortText), L.identities),
  remote_ids: list(text(L.shortText), L.identities),
  sensors: list(text(L.shortText), L.sensors),
  classification: { enum: ['hostile', 'suspect', 'unknown', 'friendly'] },
  airframe: { enum: ['rotary-wing', 'fixed-wing', 'unknown'] },
  callsign: nullable(text(L.shortText)),
  trail: list(shape({ t: TIMESTAMP, lat: LAT, lon: LON, alt_m: ALTITUDE }), L.trailPoints),
  pilot: nullable(shape({ lat: LAT, lon: LON, kind: { enum: ['takeoff', 'live', 'fixed'] }, t: TIMESTAMP })),
  takeoff: nullable(shape({ lat: LAT, lon: LON, t: TIMESTAMP })),
  border: shape({
    side: { enum: ['US', 'MX'] },
    signed_distance_m: METRES,
    heading: { enum: ['towards', 'away', 'along'] },
    ground_speed_mps: { type: 'number', minimum: 0, maximum: 10_000 },
    course_deg: { type: ['number', 'null'], minimum: 0, maximum: 360 },
    predicted_crossing: TIMESTAMP_OR_NULL,
    nearest_port: shape({
      id: text(L.shortText),
      name: text(L.shortText),
      city_mx: text(L.shortText),
      distance_m: { type: 'number', minimum: 0, maximum: 1e8 },
    }),
  }),
  last_seen: TIMESTAMP,
  stale: TIMESTAMP,
});

const TIMELINE_ENTRY = shape({
  t: TIMESTAMP,
  kind: { enum: DRONE_TIMELINE_KINDS },
  track_id: nullable(TRACK_ID),
  lat: { anyOf: [{ type: 'null' }, LAT] },
  lon: { anyOf: [{ type: 'null' }, LON] },
  params: {
    type: 'object',
    maxProperties: L.timelineParams,
    propertyNames: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' },
    additionalProperties: { anyOf: [{ type: 'string', maxLength: L.paramText }, { type: 'number' }] },
  },
});

const EVIDENCE_ITEM = shape({
  t: TIMESTAMP,
  sensor: text(L.shortText),
  track_id: TRACK_ID,
  format: { enum: ['cot-xml', 'tak-protobuf', 'remote-id', 'geojson'] },
  encoding: { enum: ['utf8', 'base64'] },
  sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  data: { type: 'string', maxLength: L.evidenceData },
});

/**
 * New SDO `x-enlace-drone-incident`: what one node's sensors saw of drones near the border — the
 * rules that fired, the tracks with their trails, a timeline and the raw payloads as evidence — sent
 * to the partner. Only the detecting node versions it; the partner answers with acknowledgements.
 */
export const DRONE_INCIDENT_EXTENSION = defineEnlaceExtension({
  id: DRONE_INCIDENT_EXTENSION_ID,
  name: 'Enlace drone incident',
  description:
    'Drones seen near the U.S.–Mexico border by the sensors of the node that created the object: the rules that ' +
    'fired (crossing, approach, geofence, payload-drop, loitering), the tracks with bounded trails, pilot and ' +
    'take-off positions and their position relative to the line, a timeline, and the raw detections as evidence. ' +
    'Versioned only by its creator; status goes from open to closed when every track has ended.',
  es: {
    name: 'Incidente de dron de Enlace',
    description:
      'Drones vistos cerca de la frontera México–Estados Unidos por los sensores del nodo que creó el objeto: las ' +
      'reglas que se activaron (cruce, aproximación, geocerca, posible lanzamiento de carga, merodeo), las trazas con ' +
      'recorridos acotados, las posiciones del piloto y del despegue y su posición respecto a la línea, una cronología ' +
      'y las detecciones originales como evidencia. Solo su creador lo versiona; su estado pasa de abierto a cerrado ' +
      'cuando todas las trazas terminan.',
  },
  extensionTypes: ['new-sdo'],
  schema: {
    type: 'object',
    properties: {
      type: { const: 'x-enlace-drone-incident' },
      id: { type: 'string', pattern: `^x-enlace-drone-incident--${UUID}$` },
      name: text(L.name),
      description: text(L.description),
      status: { enum: ['open', 'closed'] },
      opened: TIMESTAMP,
      updated: TIMESTAMP,
      closed: TIMESTAMP,
      origin_country: COUNTRY_SCHEMA,
      rules: { type: 'array', minItems: 1, maxItems: DRONE_RULE_KINDS.length, uniqueItems: true, items: { enum: DRONE_RULE_KINDS } },
      tracks: { type: 'array', minItems: 1, maxItems: L.tracks, items: TRACK },
      // STIX lists are never empty: an incident always has its opening entry; no evidence is no property.
      timeline: { ...list(TIMELINE_ENTRY, L.timelineEntries), minItems: 1 },
      evidence: { ...list(EVIDENCE_ITEM, L.evidenceItems), minItems: 1 },
      extensions: declaresType(DRONE_INCIDENT_EXTENSION_ID, 'new-sdo'),
    },
    required: ['type', 'id', 'name', 'status', 'opened', 'updated', 'origin_country', 'rules', 'tracks', 'timeline', 'extensions'],
    // A closed incident says when it closed; an open one has not.
    if: { properties: { status: { const: 'closed' } }, required: ['status'] },
    then: { required: ['closed'] },
    else: { not: { required: ['closed'] } },
  },
});

/**
 * New SDO `x-enlace-drone-alert-ack`: someone on either node acknowledged one alert (incident and
 * rule). A separate object because only the incident's originator may make versions of it.
 */
export const DRONE_ALERT_ACK_EXTENSION = defineEnlaceExtension({
  id: DRONE_ALERT_ACK_EXTENSION_ID,
  name: 'Enlace drone alert acknowledgement',
  description:
    'An acknowledgement of the alert raised by one rule of an x-enlace-drone-incident (incident_ref), made on either ' +
    'node: when, by which account, the country of the acknowledging node, and an optional note.',
  es: {
    name: 'Acuse de alerta de dron de Enlace',
    description:
      'El acuse de la alerta generada por una regla de un x-enlace-drone-incident (incident_ref), hecho en cualquiera ' +
      'de los nodos: cuándo, por qué cuenta, el país del nodo que lo hizo y una nota opcional.',
  },
  extensionTypes: ['new-sdo'],
  schema: {
    type: 'object',
    properties: {
      type: { const: 'x-enlace-drone-alert-ack' },
      id: { type: 'string', pattern: `^x-enlace-drone-alert-ack--${UUID}$` },
      incident_ref: { type: 'string', pattern: `^x-enlace-drone-incident--${UUID}$` },
      rule: { enum: DRONE_RULE_KINDS },
      acknowledged: TIMESTAMP,
      acknowledged_by: text(L.ackAccount),
      node_country: COUNTRY_SCHEMA,
      note: text(L.ackNote),
      extensions: declaresType(DRONE_ALERT_ACK_EXTENSION_ID, 'new-sdo'),
    },
    required: ['type', 'id', 'incident_ref', 'rule', 'acknowledged', 'acknowledged_by', 'node_country', 'extensions'],
  },
});
