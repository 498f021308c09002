/**
 * Cursor-on-Target (CoT) events as Enlace reads them: one typed detection per `<event>`, times in
 * microseconds since the Unix epoch, and `null` wherever CoT writes its "unknown" sentinel, so
 * that no later stage mistakes 9 999 999 m for a real altitude or error ellipse.
 */

/** CoT's agreed "value unknown" for hae, ce and le. */
export const COT_UNKNOWN = 9_999_999;
/** A sensor feed has no business sending more; anything larger is refused before parsing. */
export const MAX_EVENT_BYTES = 64 * 1024;
/** A CoT event is a few levels deep; deeper documents are attacks on the parser, not data. */
export const MAX_NESTING = 32;
/** Clock skew tolerated between a partner's sensor and this node before `time` counts as future. */
export const MAX_FUTURE_SKEW_US = 60_000_000;

/**
 * Second atom of an `a-…` type (MIL-STD-2525 standard identity as CoT spells it). Exercise
 * identities (joker, faker) are kept distinct so that a drill never raises a real alert.
 */
export const affiliations = {
  h: 'hostile',
  s: 'suspect',
  u: 'unknown',
  f: 'friendly',
  n: 'neutral',
  p: 'pending',
  a: 'assumed-friend',
  j: 'joker',
  k: 'faker',
  o: 'none',
} as const;
export type Affiliation = (typeof affiliations)[keyof typeof affiliations];

/** Third atom: the battle dimension the object moves in. */
export const dimensions = {
  P: 'space',
  A: 'air',
  G: 'ground',
  S: 'sea-surface',
  U: 'subsurface',
  F: 'special-operations',
  X: 'other',
} as const;
export type Dimension = (typeof dimensions)[keyof typeof dimensions];

/** Air function atoms after the dimension: `M`/`C` (military/civil), then `F`/`H`/`L`. */
export type AirFrame = 'fixed-wing' | 'rotary-wing' | 'lighter-than-air';

export interface CotTypeInfo {
  /** The full type string, e.g. `a-h-A-M-H-Q`. */
  type: string;
  /** `null` unless the type is an atom (`a-…`): tasks, drawings and alerts have no affiliation. */
  affiliation: Affiliation | null;
  dimension: Dimension | null;
  /** Only for air atoms: whether the type says military or civil. */
  operator: 'military' | 'civil' | null;
  airframe: AirFrame | null;
  /** `Q` after the airframe atom marks a remotely piloted vehicle, i.e. a drone. */
  unmanned: boolean;
}

export interface CotPoint {
  /** Degrees, WGS-84. */
  lat: number;
  lon: number;
  /** Height above the WGS-84 ellipsoid in metres; `null` when the sender wrote "unknown". */
  hae: number | null;
  /** Circular (horizontal) error in metres; `null` when unknown. */
  ce: number | null;
  /** Linear (vertical) error in metres; `null` when unknown. */
  le: number | null;
}

export interface CotTrack {
  /** Degrees clockwise from true north. */
  course: number;
  /** Metres per second. */
  speed: number;
}

/**
 * Enlace's own detail element `<__enlace_pilot lat=".." lon=".." kind="takeoff|live|fixed"/>`:
 * where the pilot stands, for sensors (e.g. a Remote ID receiver bridged to CoT) that know.
 */
export interface CotPilot {
  lat: number;
  lon: number;
  kind: 'takeoff' | 'live' | 'fixed';
}

export interface CotDetail {
  track?: CotTrack;
  callsign?: string;
  remarks?: string;
  pilot?: CotPilot;
}

export interface CotDetection {
  uid: string;
  type: CotTypeInfo;
  /** How the position was obtained (`m-g` machine GPS, `h-e` human estimate …). */
  how: string;
  /** Microseconds since the Unix epoch. */
  timeUs: number;
  startUs: number;
  staleUs: number;
  point: CotPoint;
  detail: CotDetail;
  /** The document exactly as received: the evidence an incident report cites. */
  raw: string;
}

export type CotRejectionReason =
  | 'not-xml'
  | 'malformed'
  | 'doctype'
  | 'too-large'
  | 'too-deep'
  | 'root'
  | 'missing-field'
  | 'invalid-field'
  | 'latitude-range'
  | 'longitude-range'
  | 'time-future'
  | 'stale'
  | 'stale-before-start';

export interface CotRejection {
  reason: CotRejectionReason;
  /** Values for the message's placeholders (see messages.ts, key `reject.<reason>`). */
  params: Record<string, string | number>;
}

export type CotParseResult = { ok: true; detection: CotDetection } | { ok: false; rejection: CotRejection };

/** Splits a CoT type into what the track classifier needs; never fails, unknown atoms give nulls. */
export function describeType(type: string): CotTypeInfo {
  const atoms = type.split('-');
  const info: CotTypeInfo = { type, affiliation: null, dimension: null, operator: null, airframe: null, unmanned: false };
  if (atoms[0] !== 'a') return info;
  info.affiliation = lookup(affiliations, atoms[1]);
  info.dimension = lookup(dimensions, atoms[2]);
  if (info.dimension !== 'air') return info;
  info.operator = atoms[3] === 'M' ? 'military' : atoms[3] === 'C' ? 'civil' : null;
  info.airframe = lookup({ F: 'fixed-wing', H: 'rotary-wing', L: 'lighter-than-air' } as const, atoms[4]);
  info.unmanned = info.airframe !== null && atoms[5] === 'Q';
  return info;
}

function lookup<T extends Record<string, string>>(table: T, key: string | undefined): T[keyof T] | null {
  return key !== undefined && Object.hasOwn(table, key) ? (table[key] as T[keyof T]) : null;
}
