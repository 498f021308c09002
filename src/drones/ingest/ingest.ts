/**
 * The one door every drone detection comes through, whatever its format: size ceilings first,
 * then the format's own reader, then counters. It never throws; every refusal is an
 * IngestRejection whose reason has an English and a Spanish text (messages.ts, describe.ts).
 * HTTP and TCP wiring live elsewhere; this takes bytes and a sensor name.
 */
import { parseCot } from '../cot/parse.js';
import type { IngestResult } from '../model.js';
import { RemoteIdAssembler } from './assembler.js';
import { detectionFromCot } from './cot-adapter.js';
import { IngestCounters } from './counters.js';
import { decodeGeoJson } from './geojson-adapter.js';
import { MAX_BATCH_BYTES, MAX_MESSAGE_BYTES, rejected, shown, type IngestContext, type IngestFormat } from './model.js';
import { decodeRemoteIdBatch } from './remote-id-adapter.js';
import { decodeTak } from './tak-proto.js';

export type { IngestFormat } from './model.js';
export { describeRejection } from './describe.js';
export type { IngestCountersSnapshot } from './counters.js';
export { IngestCounters } from './counters.js';

const mediaTypes: Record<string, IngestFormat> = {
  'application/cot+xml': 'cot',
  'application/xml': 'cot',
  'text/xml': 'cot',
  'application/x-tak-protobuf': 'tak-protobuf',
  'application/x-protobuf': 'tak-protobuf',
  'application/geo+json': 'geojson',
  'application/x-remote-id+json': 'remote-id',
};

/** Parameters (`; charset=utf-8`) and letter case do not change the format. */
export function formatOfContentType(ct: string | undefined): IngestFormat | null {
  if (ct === undefined) return null;
  const type = ct.split(';')[0]?.trim().toLowerCase() ?? '';
  return Object.hasOwn(mediaTypes, type) ? mediaTypes[type]! : null;
}

/** One CoT or TAK message, or one GeoJSON / Remote ID batch. */
export function maxBytesOf(format: IngestFormat): number {
  return format === 'cot' || format === 'tak-protobuf' ? MAX_MESSAGE_BYTES : MAX_BATCH_BYTES;
}

export interface DroneIngestOptions {
  now?: () => number;
  assembler?: RemoteIdAssembler;
}

export class DroneIngest {
  readonly counters = new IngestCounters();
  readonly assembler: RemoteIdAssembler;
  private readonly now: () => number;

  constructor(opts: DroneIngestOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.assembler = opts.assembler ?? new RemoteIdAssembler();
  }

  ingest(format: IngestFormat, body: Uint8Array, ctx: { sensor: string }): IngestResult {
    const full: IngestContext = { sensor: ctx.sensor, receivedAt: this.now() };
    let result: IngestResult;
    try {
      result = this.read(format, body, full);
    } catch (caught) {
      // A bug of ours must not let a feed crash ingest; it is counted like any refusal.
      result = rejected(format, 'internal', { detail: shown(caught instanceof Error ? caught.message : String(caught)) });
    }
    if (result.ok) this.counters.recordAccepted(format, result.detections.length);
    else this.counters.recordRejected(result.rejection);
    return result;
  }

  private read(format: IngestFormat, body: Uint8Array, ctx: IngestContext): IngestResult {
    const max = maxBytesOf(format);
    if (body.byteLength > max) return rejected(format, 'too-large', { actual: body.byteLength, max });
    switch (format) {
      case 'cot': {
        const parsed = parseCot(body, { nowUs: ctx.receivedAt * 1000 });
        if (!parsed.ok) return rejected('cot', parsed.rejection.reason, parsed.rejection.params);
        return { ok: true, detections: [detectionFromCot(parsed.detection, { ...ctx, bytes: body })] };
      }
      case 'tak-protobuf':
        return decodeTak(body, ctx);
      case 'remote-id':
        return decodeRemoteIdBatch(body, ctx, this.assembler);
      case 'geojson':
        return decodeGeoJson(body, ctx);
    }
  }
}
