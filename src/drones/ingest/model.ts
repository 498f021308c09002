/**
 * Ingest's own vocabulary on top of the shared contract (../model.ts): the limits every format
 * shares and the small helpers that make a rejection or a raw-payload record the same way
 * everywhere, so that counters and texts never depend on which adapter refused.
 */
import { createHash } from 'node:crypto';
import type { DetectionSource, IngestRejection, IngestResult, RawPayload } from '../model.js';

export type IngestFormat = DetectionSource;

/** One CoT or TAK message: the same ceiling the CoT parser applies. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** A GeoJSON collection or a Remote ID batch. */
export const MAX_BATCH_BYTES = 1024 * 1024;
/** Clock skew tolerated between a sensor and this node before a time counts as future (as CoT). */
export const MAX_FUTURE_SKEW_MS = 60_000;
/** JSON payloads are a few levels deep; deeper ones are attacks on the reader, not data. */
export const MAX_JSON_DEPTH = 32;
/** Sensor names, transmitter ids and callsigns end up on an analyst's screen. */
export const MAX_LABEL_CHARS = 64;
export const MAX_UID_CHARS = 256;

/** What the ingest layer knows about the arrival, whatever the format. */
export interface IngestContext {
  /** The ingest account or listener, used when the payload names no sensor. */
  sensor: string;
  /** Arrival at this node, ms since the epoch; also "now" for future and stale checks. */
  receivedAt: number;
}

export type Params = Record<string, string | number>;

export function rejection(format: DetectionSource, reason: string, params: Params = {}): IngestRejection {
  return { format, reason, params };
}

export function rejected(format: DetectionSource, reason: string, params: Params = {}): IngestResult {
  return { ok: false, rejection: rejection(format, reason, params) };
}

/** Keeps refusal texts readable when the offending value is itself huge or hostile. */
export function shown(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 64 ? `${text.slice(0, 64)}…` : text;
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Text formats keep their text as evidence, binary ones base64; the digest is of the bytes received. */
export function rawPayload(format: RawPayload['format'], bytes: Uint8Array, text?: string): RawPayload {
  const sha256 = sha256Hex(bytes);
  if (text !== undefined) return { format, encoding: 'utf8', data: text, sha256 };
  return { format, encoding: 'base64', data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'), sha256 };
}

/** Printable, single-line, bounded: what a label shown to a person may be. */
export function isLabel(value: string, max = MAX_LABEL_CHARS): boolean {
  return value.length > 0 && value.length <= max && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value);
}

export function isoOfMs(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms);
}
