/**
 * Remote ID batches (JSON from a Bluetooth / Wi-Fi receiver) into Detections. One Detection per
 * Location message with a position; Basic ID, System and Operator ID only feed the transmitter's
 * state (assembler.ts). The batch is checked whole before any state changes, so a refused batch
 * leaves nothing behind. The batch object is strict: it is Enlace's own format, and an unknown
 * key is far more often a misspelling ("recievedAt") than an extension worth ignoring.
 */
import { z } from 'zod';
import { isoToUs } from '../cot/parse.js';
import type { Airframe, Detection, IngestResult, PilotLocationKind } from '../model.js';
import { decode } from '../remote-id/decode.js';
import type { LocationMessage, OperatorLocationType, Position, SingleMessage, UaType } from '../remote-id/model.js';
import { emptyTransmitterState, type RemoteIdAssembler, type TransmitterState } from './assembler.js';
import { issueRejection, readJson } from './json.js';
import { MAX_FUTURE_SKEW_MS, isLabel, isoOfMs, rawPayload, rejected, shown, type IngestContext, type Params } from './model.js';

export const MAX_BATCH_MESSAGES = 32;
/** A pack of 9 messages is 228 bytes, 304 characters of base64. */
const MAX_MESSAGE_CHARS = 320;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const batchSchema = z.strictObject({
  sensor: z.string().optional(),
  receivedAt: z.string().optional(),
  transmitter: z.string(),
  messages: z.array(z.string()),
});

const pilotKinds: Record<OperatorLocationType, PilotLocationKind> = { takeoff: 'takeoff', 'live-gnss': 'live', fixed: 'fixed' };

export function airframeOfUa(uaType: UaType | null): Airframe {
  if (uaType === 'helicopter-or-multirotor') return 'rotary-wing';
  if (uaType === 'aeroplane' || uaType === 'glider') return 'fixed-wing';
  return 'unknown';
}

/**
 * Location carries only tenths of a second after the hour; the hour is the receiver's, taken so
 * that the result lies closest to the receiver's time (a fix heard at 18:00:02 stamped 59:59.5
 * belongs to 17:59:59.5, not 18:59:59.5).
 */
export function resolveLocationTime(secondsAfterHour: number, heardAt: number): number {
  const hour = Math.floor(heardAt / 3_600_000) * 3_600_000;
  const offset = Math.round(secondsAfterHour * 1000);
  let best = hour + offset;
  for (const candidate of [hour - 3_600_000 + offset, hour + 3_600_000 + offset]) {
    if (Math.abs(candidate - heardAt) < Math.abs(best - heardAt)) best = candidate;
  }
  return best;
}

class Refusal {
  constructor(
    readonly reason: string,
    readonly params: Params,
  ) {}
}

function refuse(reason: string, params: Params = {}): never {
  throw new Refusal(reason, params);
}

export function decodeRemoteIdBatch(body: Uint8Array, ctx: IngestContext, assembler: RemoteIdAssembler): IngestResult {
  const json = readJson('remote-id', body);
  if (!json.ok) return { ok: false, rejection: json.rejection };
  const input = json.value;
  if (typeof input === 'object' && input !== null && Object.hasOwn(input, 'messages')) {
    const messages: unknown = (input as Record<string, unknown>).messages;
    if (Array.isArray(messages) && messages.length > MAX_BATCH_MESSAGES) {
      return rejected('remote-id', 'too-many', { field: 'messages', actual: messages.length, max: MAX_BATCH_MESSAGES });
    }
  }
  const parsed = batchSchema.safeParse(input);
  if (!parsed.success) return { ok: false, rejection: issueRejection('remote-id', parsed.error, input) };
  try {
    const { state, detections } = assemble(parsed.data, body, json.text, ctx, assembler);
    // Only now, with every message accepted, does the transmitter's state change.
    assembler.set(parsed.data.transmitter, state);
    return { ok: true, detections };
  } catch (caught) {
    if (caught instanceof Refusal) return rejected('remote-id', caught.reason, caught.params);
    return rejected('remote-id', 'internal', { detail: shown(caught instanceof Error ? caught.message : String(caught)) });
  }
}

type Batch = z.infer<typeof batchSchema>;

function decodeMessages(batch: Batch): SingleMessage[] {
  const singles: SingleMessage[] = [];
  batch.messages.forEach((text, index) => {
    if (text.length === 0 || text.length > MAX_MESSAGE_CHARS || !BASE64.test(text)) refuse('bad-base64', { field: `messages[${index}]` });
    const result = decode(new Uint8Array(Buffer.from(text, 'base64')));
    if (!result.ok) {
      const where: Params = result.error.packIndex === undefined ? { message: index } : { message: index, pack: result.error.packIndex };
      refuse(`rid-${result.error.reason}`, { ...result.error.params, ...where });
    }
    if (result.message.type === 'message-pack') singles.push(...result.message.messages);
    else singles.push(result.message);
  });
  return singles;
}

function notFuture(t: number, now: number): void {
  if (t > now + MAX_FUTURE_SKEW_MS) refuse('time-future', { time: isoOfMs(t), seconds: MAX_FUTURE_SKEW_MS / 1000 });
}

function assemble(
  batch: Batch,
  body: Uint8Array,
  text: string,
  ctx: IngestContext,
  assembler: RemoteIdAssembler,
): { state: TransmitterState; detections: Detection[] } {
  const now = ctx.receivedAt;
  if (!isLabel(batch.transmitter)) refuse('invalid-field', { field: 'transmitter', value: shown(batch.transmitter) });
  if (batch.sensor !== undefined && !isLabel(batch.sensor)) refuse('invalid-field', { field: 'sensor', value: shown(batch.sensor) });
  let heardAt = now;
  if (batch.receivedAt !== undefined) {
    const us = isoToUs(batch.receivedAt);
    if (us === null) refuse('invalid-field', { field: 'receivedAt', value: shown(batch.receivedAt) });
    heardAt = Math.floor(us / 1000);
    notFuture(heardAt, now);
  }
  const singles = decodeMessages(batch);

  const previous = assembler.get(batch.transmitter, now);
  const state: TransmitterState = { ...emptyTransmitterState, ...previous, updatedAt: now };
  // Identity and pilot first, so a Location earlier in the same batch still gets them.
  for (const m of singles) {
    if (m.type === 'basic-id') {
      if (m.idType === 'serial-number' && m.uasId !== '') state.serialNumber = m.uasId;
      if (m.idType === 'caa-registration' && m.uasId !== '') state.registration = m.uasId;
      if (m.uaType !== 'none') state.uaType = m.uaType;
    } else if (m.type === 'system' && m.operatorPosition !== null) {
      const t = m.timestamp === null ? heardAt : Date.parse(m.timestamp);
      notFuture(t, now);
      state.pilot = { lat: m.operatorPosition.latitude, lon: m.operatorPosition.longitude, kind: pilotKinds[m.operatorLocationType], t };
    } else if (m.type === 'operator-id' && m.operatorId !== '') {
      state.operatorId = m.operatorId;
    }
  }

  const sensor = batch.sensor ?? ctx.sensor;
  const raw = rawPayload('remote-id', body, text);
  const remoteId = state.serialNumber ?? state.registration;
  const detections: Detection[] = [];
  for (const m of singles) {
    if (m.type !== 'location' || m.position === null) continue;
    detections.push(detectionOf(m, m.position, { heardAt, now, sensor, remoteId, state, raw, transmitter: batch.transmitter }));
  }
  return { state, detections };
}

interface LocationContext {
  heardAt: number;
  now: number;
  sensor: string;
  remoteId: string | null;
  state: TransmitterState;
  raw: Detection['raw'];
  transmitter: string;
}

function detectionOf(m: LocationMessage, position: Position, c: LocationContext): Detection {
  const t = m.secondsAfterHour === null ? c.heardAt : resolveLocationTime(m.secondsAfterHour, c.heardAt);
  notFuture(t, c.now);
  return {
    source: 'remote-id',
    sensor: c.sensor,
    uid: c.remoteId === null ? `rid-tx:${c.transmitter}` : `rid:${c.remoteId}`,
    remoteId: c.remoteId,
    t,
    receivedAt: c.now,
    staleAt: null,
    lat: position.latitude,
    lon: position.longitude,
    // Geodetic altitude is WGS-84 HAE; pressure altitude and height are not.
    altM: m.geodeticAltitude,
    speedMps: m.horizontalSpeed,
    courseDeg: m.direction,
    verticalSpeedMps: m.verticalSpeed,
    classification: 'unknown',
    exercise: false,
    airframe: airframeOfUa(c.state.uaType),
    callsign: null,
    pilot: c.state.pilot,
    raw: c.raw,
  };
}
