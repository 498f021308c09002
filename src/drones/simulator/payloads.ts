/**
 * One observation to the bytes its sensor sends: CoT XML, TAK protobuf, a Remote ID receiver's
 * JSON batch, or a radar's GeoJSON Feature. Formats are a table so that a scenario can be limited
 * to the ones a node under test reads (sensors then fall back to CoT XML).
 */
import { encodeTakMessage, frameStream } from '../ingest/tak-proto.js';
import { encode } from '../remote-id/encode.js';
import type { BasicIdMessage, LocationMessage, MessagePack, SystemMessage } from '../remote-id/model.js';
import { hashString } from './prng.js';
import { cotFields, cotXml, pilotXml } from './cot-xml.js';
import type { Observation, SensorFormat } from './sensors.js';

export type PayloadEncoder = (o: Observation) => Uint8Array;

const utf8 = new TextEncoder();

export function cotXmlPayload(o: Observation): Uint8Array {
  return utf8.encode(cotXml(cotFields(o)));
}

/**
 * TAK Protocol v1 as a TAK device streams it over TCP (magic byte, length, message); the node's
 * HTTP endpoint takes the stream framing as well as the bare message.
 */
export function takPayload(o: Observation): Uint8Array {
  const f = cotFields(o);
  return frameStream(
    encodeTakMessage({
      type: f.type,
      uid: f.uid,
      how: f.how,
      sendTime: f.time,
      startTime: f.time,
      staleTime: f.stale,
      lat: f.lat,
      lon: f.lon,
      hae: f.hae,
      ce: f.ce,
      le: f.le,
      callsign: f.callsign,
      speed: f.speedMps,
      course: f.courseDeg,
      ...(f.pilot ? { xmlDetail: pilotXml(f.pilot) } : {}),
    }),
  );
}

/** The Remote ID JSON batch a receiver posts: what it heard, from which radio, when. */
export interface RemoteIdBatch {
  sensor: string;
  /** ISO 8601, the receiver's clock. */
  receivedAt: string;
  /** The broadcaster's Bluetooth/Wi-Fi address, as the receiver saw it. */
  transmitter: string;
  /** Each entry one message or message pack, base64. */
  messages: string[];
}

/**
 * A random static address per drone (top two bits set, as Bluetooth LE requires of them), derived
 * from the flight so it stays the same for the whole flight.
 */
function transmitterOf(flightId: string): string {
  const a = hashString(flightId);
  const b = hashString(`${flightId}/mac`);
  const bytes = [((a >>> 24) & 0xff) | 0xc0, (a >>> 16) & 0xff, (a >>> 8) & 0xff, a & 0xff, (b >>> 8) & 0xff, b & 0xff];
  return bytes.map((x) => x.toString(16).padStart(2, '0')).join(':');
}

/** The three messages every broadcaster sends, packed as Bluetooth 5 / Wi-Fi NaN carry them. */
export function remoteIdPack(o: Observation): MessagePack {
  const serial = o.flight.remoteId;
  if (serial === null) throw new RangeError(`flight ${o.flight.id} broadcasts no Remote ID`);
  const basicId: BasicIdMessage = {
    type: 'basic-id',
    protocolVersion: 2,
    idType: 'serial-number',
    uaType: o.flight.airframe === 'fixed-wing' ? 'aeroplane' : 'helicopter-or-multirotor',
    uasId: serial,
  };
  const location: LocationMessage = {
    type: 'location',
    protocolVersion: 2,
    status: 'airborne',
    heightReference: 'takeoff',
    direction: o.courseDeg,
    horizontalSpeed: o.speedMps,
    verticalSpeed: o.verticalSpeedMps,
    position: { latitude: o.lat, longitude: o.lon },
    pressureAltitude: null,
    geodeticAltitude: o.altM,
    height: o.heightM,
    // Consumer GNSS: 10 m horizontal and vertical, 1 m/s speed, the time to 0.2 s.
    horizontalAccuracy: 10,
    verticalAccuracy: 10,
    barometricAccuracy: null,
    speedAccuracy: 1,
    secondsAfterHour: (o.t % 3_600_000) / 1000,
    timestampAccuracy: 0.2,
  };
  const pilot = o.pilot;
  const system: SystemMessage = {
    type: 'system',
    protocolVersion: 2,
    operatorLocationType: pilot?.kind === 'live' ? 'live-gnss' : 'takeoff',
    classificationType: 'undeclared',
    operatorPosition: pilot ? { latitude: pilot.lat, longitude: pilot.lon } : null,
    areaCount: 1,
    areaRadius: 0,
    areaCeiling: null,
    areaFloor: null,
    euCategory: 'undeclared',
    euClass: 'undeclared',
    operatorAltitude: o.flight.groundHaeM + 1.5,
    timestamp: new Date(o.t).toISOString(),
  };
  return { type: 'message-pack', protocolVersion: 2, messages: [basicId, location, system] };
}

export function remoteIdPayload(o: Observation): Uint8Array {
  const batch: RemoteIdBatch = {
    sensor: o.sensor.name,
    receivedAt: new Date(o.receivedAt).toISOString(),
    transmitter: transmitterOf(o.flight.id),
    messages: [Buffer.from(encode(remoteIdPack(o))).toString('base64')],
  };
  return utf8.encode(JSON.stringify(batch));
}

/** A radar's return as GeoJSON: a Point with altitude (HAE), anonymous unless the radar names tracks. */
export interface RadarFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number, number] };
  properties: {
    uid?: string;
    /** ISO 8601. */
    time: string;
    sensor: string;
    /** m/s. */
    speed: number;
    /** Degrees clockwise from true north. */
    course: number;
  };
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

export function geoJsonPayload(o: Observation): Uint8Array {
  const feature: RadarFeature = {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [round(o.lon, 7), round(o.lat, 7), round(o.altM, 1)] },
    properties: {
      ...(o.trackUid === null ? {} : { uid: o.trackUid }),
      time: new Date(o.t).toISOString(),
      sensor: o.sensor.name,
      speed: round(o.speedMps, 2),
      course: round(o.courseDeg, 1) % 360,
    },
  };
  return utf8.encode(JSON.stringify(feature));
}

/** Every format the simulator writes; a scenario may be limited to some of them. */
export const BUILT_IN_ENCODERS: Readonly<Partial<Record<SensorFormat, PayloadEncoder>>> = {
  'cot-xml': cotXmlPayload,
  'tak-protobuf': takPayload,
  'remote-id': remoteIdPayload,
  geojson: geoJsonPayload,
};

export type Encoders = Readonly<Partial<Record<SensorFormat, PayloadEncoder>>>;

export function formatsOf(encoders: Encoders): SensorFormat[] {
  return (Object.keys(encoders) as SensorFormat[]).filter((f) => encoders[f] !== undefined);
}

export function encodeObservation(o: Observation, encoders: Encoders): Uint8Array {
  const encoder = encoders[o.sensor.format];
  if (!encoder) throw new RangeError(`no encoder for ${o.sensor.format} (sensor ${o.sensor.name})`);
  return encoder(o);
}
