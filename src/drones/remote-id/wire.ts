/**
 * Field encodings shared by the decoder and the encoder, kept side by side so that each pair
 * is visibly the inverse of the other.
 */
import { REMOTE_ID_EPOCH_MS } from './model.js';

/** Wire value of the "unknown" altitude (−1000 m). */
export const ALTITUDE_UNKNOWN = 0;
export const VERTICAL_SPEED_UNKNOWN = 126; // 63 m/s
export const HORIZONTAL_SPEED_UNKNOWN = 255; // with the multiplier bit set: 255 m/s
export const DIRECTION_UNKNOWN = 181; // with the east/west bit set: 361°
export const TIMESTAMP_UNKNOWN = 0xffff;
/** 3600 s in tenths: the last valid value of the Location timestamp. */
export const TIMESTAMP_MAX = 36000;

/** Altitudes travel as (metres + 1000) × 2 in a uint16, so −1000 m (0) means "unknown". */
export function altitudeFromWire(raw: number): number | null {
  return raw === ALTITUDE_UNKNOWN ? null : raw / 2 - 1000;
}
export function altitudeToWire(metres: number | null): number {
  if (metres === null) return ALTITUDE_UNKNOWN;
  return clamp(Math.round((metres + 1000) * 2), 1, 0xffff);
}

/**
 * The speed byte covers 0–63.75 m/s in 0.25 steps when the multiplier bit is clear, and
 * 63.75–254.25 m/s in 0.75 steps when set: fine resolution for slow drones, range for fast ones.
 */
export function horizontalSpeedFromWire(raw: number, multiplier: boolean): number | null {
  if (!multiplier) return raw * 0.25;
  return raw === HORIZONTAL_SPEED_UNKNOWN ? null : raw * 0.75 + 63.75;
}
export function horizontalSpeedToWire(speed: number | null): { raw: number; multiplier: boolean } {
  if (speed === null) return { raw: HORIZONTAL_SPEED_UNKNOWN, multiplier: true };
  if (speed <= 63.75) return { raw: clamp(Math.round(speed / 0.25), 0, 255), multiplier: false };
  return { raw: clamp(Math.round((speed - 63.75) / 0.75), 0, 254), multiplier: true };
}

export function verticalSpeedFromWire(raw: number): number | null {
  return raw === VERTICAL_SPEED_UNKNOWN ? null : raw * 0.5;
}
export function verticalSpeedToWire(speed: number | null): number {
  if (speed === null) return VERTICAL_SPEED_UNKNOWN;
  return clamp(Math.round(speed * 2), -124, 124);
}

/** A byte cannot hold 0–359, so the east/west bit says whether to add 180. */
export function directionFromWire(raw: number, east: boolean): number | null {
  if (east && raw === DIRECTION_UNKNOWN) return null;
  return east ? raw + 180 : raw;
}
export function directionToWire(degrees: number | null): { raw: number; east: boolean } {
  if (degrees === null) return { raw: DIRECTION_UNKNOWN, east: true };
  const whole = ((Math.round(degrees) % 360) + 360) % 360;
  return whole < 180 ? { raw: whole, east: false } : { raw: whole - 180, east: true };
}

/** Coordinates travel as int32 of 1e-7 degrees; 0,0 together is the "unknown" sentinel. */
export function coordinateToWire(degrees: number): number {
  return clamp(Math.round(degrees * 1e7), -0x80000000, 0x7fffffff);
}

export function epochSecondsToIso(seconds: number): string | null {
  // 0 is what transmitters send when they have no time source yet.
  return seconds === 0 ? null : new Date(REMOTE_ID_EPOCH_MS + seconds * 1000).toISOString();
}
export function isoToEpochSeconds(iso: string | null): number {
  if (iso === null) return 0;
  return clamp(Math.round((Date.parse(iso) - REMOTE_ID_EPOCH_MS) / 1000), 0, 0xffffffff);
}

/**
 * Text fields are printable ASCII padded with NULs. Anything else is refused rather than
 * shown, since these strings reach an analyst's screen and a hostile transmitter picks them.
 */
export function textFromWire(bytes: Uint8Array): string | null {
  let end = bytes.indexOf(0);
  if (end < 0) end = bytes.length;
  for (let i = end; i < bytes.length; i++) if (bytes[i] !== 0) return null;
  let text = '';
  for (let i = 0; i < end; i++) {
    const c = bytes[i] ?? 0;
    if (c < 0x20 || c > 0x7e) return null;
    text += String.fromCharCode(c);
  }
  return text;
}
export function textToWire(text: string, into: Uint8Array, offset: number, size: number): void {
  for (let i = 0; i < size; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0;
    into[offset + i] = c >= 0x20 && c <= 0x7e ? c : i < text.length ? 0x3f : 0;
  }
}

export function hexFromWire(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
export function hexToWire(hex: string, into: Uint8Array, offset: number, size: number): void {
  for (let i = 0; i < size; i++) {
    const pair = hex.slice(i * 2, i * 2 + 2);
    const value = pair.length === 2 ? Number.parseInt(pair, 16) : 0;
    into[offset + i] = Number.isNaN(value) ? 0 : value;
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
