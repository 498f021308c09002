/** Builders for ingest tests: each test states only what it changes. */
import assert from 'node:assert/strict';
import type { Detection, IngestRejection, IngestResult } from '../model.js';
import { encode } from '../remote-id/encode.js';
import type { BasicIdMessage, LocationMessage, OperatorIdMessage, SystemMessage } from '../remote-id/model.js';
import type { TakCotEvent } from './tak-proto.js';

/** 2026-11-27T18:00:00Z, the node's clock in every test (as in ../cot/fixtures.ts). */
export const NOW = Date.UTC(2026, 10, 27, 18, 0, 0);

export function takEvent(parts: Partial<TakCotEvent> = {}): TakCotEvent {
  return {
    type: 'a-h-A-M-H-Q',
    uid: 'MX-SEDENA-RF-0042',
    how: 'm-g',
    sendTime: NOW - 1750,
    startTime: NOW - 1750,
    staleTime: NOW + 118_250,
    // Otay Mesa, just south of the line east of Tijuana.
    lat: 32.5419,
    lon: -116.9702,
    hae: 180.5,
    ce: 25,
    le: 15,
    ...parts,
  };
}

export const bytesOf = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));

export function basicId(parts: Partial<BasicIdMessage> = {}): BasicIdMessage {
  return {
    type: 'basic-id',
    protocolVersion: 2,
    idType: 'serial-number',
    uaType: 'helicopter-or-multirotor',
    uasId: '1581F5FKD229400EK2N3',
    ...parts,
  };
}

export function location(parts: Partial<LocationMessage> = {}): LocationMessage {
  return {
    type: 'location',
    protocolVersion: 2,
    status: 'airborne',
    heightReference: 'takeoff',
    direction: 350,
    horizontalSpeed: 12,
    verticalSpeed: 1.5,
    position: { latitude: 32.53, longitude: -117.03 },
    pressureAltitude: 118.5,
    geodeticAltitude: 120,
    height: 120,
    horizontalAccuracy: 10,
    verticalAccuracy: 10,
    barometricAccuracy: 3,
    speedAccuracy: 1,
    secondsAfterHour: 3599.5,
    timestampAccuracy: 0.2,
    ...parts,
  };
}

export function system(parts: Partial<SystemMessage> = {}): SystemMessage {
  return {
    type: 'system',
    protocolVersion: 2,
    operatorLocationType: 'live-gnss',
    classificationType: 'eu',
    operatorPosition: { latitude: 32.54, longitude: -117.01 },
    areaCount: 1,
    areaRadius: 50,
    areaCeiling: null,
    areaFloor: null,
    euCategory: 'open',
    euClass: 'class-1',
    operatorAltitude: 30,
    timestamp: '2026-11-27T17:59:00.000Z',
    ...parts,
  };
}

export function operatorId(id = 'MEX-OP-7781'): OperatorIdMessage {
  return { type: 'operator-id', protocolVersion: 2, operatorIdType: 0, operatorId: id };
}

export const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

export function ridBatch(messages: Array<Parameters<typeof encode>[0] | string>, extra: Record<string, unknown> = {}): Uint8Array {
  return bytesOf(
    JSON.stringify({
      transmitter: 'AA:BB:CC:00:11:22',
      messages: messages.map((m) => (typeof m === 'string' ? m : b64(encode(m)))),
      ...extra,
    }),
  );
}

export function feature(
  properties: Record<string, unknown> = {},
  geometry: unknown = { type: 'Point', coordinates: [-116.9702, 32.5419, 180.5] },
): Record<string, unknown> {
  return { type: 'Feature', geometry, properties: { id: 'radar-7/trk-12', time: '2026-11-27T17:59:58.250Z', ...properties } };
}

export function json(value: unknown): Uint8Array {
  return bytesOf(JSON.stringify(value));
}

export function accepted(result: IngestResult): Detection[] {
  if (!result.ok) assert.fail(`refused: ${result.rejection.reason} ${JSON.stringify(result.rejection.params)}`);
  return result.detections;
}

export function refused(result: IngestResult, reason: string): IngestRejection {
  if (result.ok) assert.fail(`expected ${reason}, got ${result.detections.length} detection(s)`);
  assert.equal(result.rejection.reason, reason, JSON.stringify(result.rejection.params));
  return result.rejection;
}
