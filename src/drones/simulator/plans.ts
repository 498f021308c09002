/**
 * Drawing flight plans per kind. Each draw is checked against the real boundary (borderService)
 * and redrawn when it breaks its kind's promise: a crosser that never reaches the U.S. because the
 * Río Bravo bends, or a patrol that strays across, would make the scenario lie about itself.
 */
import type { Airframe, Classification, Side } from '../model.js';
import { borderService } from '../border/service.js';
import { fromLocal } from '../border/geometry.js';
import { frameNear, type Area, type BorderFrame } from './areas.js';
import { PathBuilder, positionAt, type FlightKind, type FlightPlan, type Pilot } from './flights.js';
import type { Rng } from './prng.js';

/**
 * Remote ID serials of the agencies' own drones (ANSI/CTA-2063-A: 4-character manufacturer code,
 * one length character, the serial). Fixed across seeds so an allow-list can name them.
 */
export const AGENCY_SERIALS: Readonly<Record<Side, readonly string[]>> = {
  US: ['ENLACUSCBP0000001', 'ENLACUSCBP0000002', 'ENLACUSCBP0000003', 'ENLACUSCBP0000004'],
  MX: ['ENLACMXGNA0000001', 'ENLACMXGNA0000002', 'ENLACMXGNA0000003', 'ENLACMXGNA0000004'],
};

/** CTA-2063-A leaves out I and O so serials survive being read aloud or off a label. */
const SERIAL_CHARS = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const CONSUMER_MAKERS = ['SIM1', 'SIM2', 'SIM3', 'SIM4'];

function consumerSerial(rng: Rng): string {
  let serial = '';
  for (let i = 0; i < 10; i += 1) serial += SERIAL_CHARS[rng.int(0, SERIAL_CHARS.length - 1)];
  // 'A' is the length code for ten characters.
  return `${rng.pick(CONSUMER_MAKERS)}A${serial}`;
}

const CLASSIFICATION: Record<FlightKind, Classification> = {
  crosser: 'hostile',
  loiterer: 'hostile',
  dropper: 'hostile',
  civil: 'unknown',
  agency: 'friendly',
};

export interface DrawContext {
  id: string;
  area: Area;
  launchAt: number;
  /** Index among the agency flights, to hand out the fixed serials in turn. */
  agencyIndex: number;
}

interface Draft {
  builder: PathBuilder;
  country: Side;
  airframe: Airframe;
  remoteId: string | null;
  callsign: string | null;
  speed: number;
  pilotKind: Pilot['kind'];
}

function cartelRemoteId(rng: Rng): string | null {
  // Most cartel drones have Remote ID off or stripped; some fly stock consumer firmware.
  return rng.chance(0.2) ? consumerSerial(rng) : null;
}

function drawCrosser(ctx: DrawContext, frame: BorderFrame, rng: Rng, drop: boolean): Draft {
  const speed = rng.range(8, 20);
  const a0 = rng.range(-1500, 1500);
  const n0 = -rng.range(1500, 4000);
  const agl = drop ? rng.range(45, 90) : rng.range(40, 120);
  const b = new PathBuilder(frame, ctx.area.groundHaeM, a0, n0, ctx.launchAt);
  b.phase('climb', () => b.vertical(agl, 3));
  const a1 = a0 + rng.range(-800, 800);
  const n1 = drop ? rng.range(300, 1500) : rng.range(500, 2500);
  b.phase('outbound', () => b.flyTo(a1, n1, speed));
  if (drop) {
    // The drop: a fast descent of about 20 m, a few seconds low, and straight back up.
    const depth = rng.range(18, 24);
    b.phase('drop', () =>
      b
        .vertical(agl - depth, rng.range(4, 6))
        .hover(rng.range(2, 6))
        .vertical(agl, rng.range(3, 5)),
    );
  } else {
    b.phase('hover', () => b.hover(rng.range(5, 40)));
  }
  const returns = drop || rng.chance(0.5);
  if (returns) b.phase('return', () => b.flyTo(a0, n0, speed));
  b.phase('landing', () => b.vertical(0, 2));
  return {
    builder: b,
    country: 'MX',
    airframe: 'rotary-wing',
    remoteId: cartelRemoteId(rng),
    callsign: null,
    speed,
    pilotKind: rng.chance(0.7) ? 'takeoff' : 'live',
  };
}

function drawLoiterer(ctx: DrawContext, frame: BorderFrame, rng: Rng): Draft {
  const speed = rng.range(8, 20);
  const a0 = rng.range(-1500, 1500);
  const n0 = -rng.range(2500, 4000);
  const b = new PathBuilder(frame, ctx.area.groundHaeM, a0, n0, ctx.launchAt);
  b.phase('climb', () => b.vertical(rng.range(50, 120), 3));
  const centre = { along: a0 + rng.range(-500, 500), across: -rng.range(600, 1400) };
  const radius = rng.range(80, 250);
  b.phase('outbound', () => b.flyTo(centre.along, centre.across, speed));
  const seconds = rng.range(180, 600);
  // Watching: hover a while, hop somewhere else in the circle, hover again.
  b.phase('loiter', () => {
    const end = b.now + seconds * 1000;
    while (b.now < end) {
      b.hover(rng.range(15, 60));
      const r = radius * Math.sqrt(rng.next());
      const angle = rng.range(0, 2 * Math.PI);
      b.flyTo(centre.along + r * Math.cos(angle), centre.across + r * Math.sin(angle), Math.min(speed, 10));
    }
  });
  b.phase('return', () => b.flyTo(a0, n0, speed));
  b.phase('landing', () => b.vertical(0, 2));
  return {
    builder: b,
    country: 'MX',
    airframe: 'rotary-wing',
    remoteId: cartelRemoteId(rng),
    callsign: null,
    speed,
    pilotKind: rng.chance(0.7) ? 'takeoff' : 'live',
  };
}

function drawCivil(ctx: DrawContext, frame: BorderFrame, rng: Rng): Draft {
  const country: Side = rng.chance(0.5) ? 'US' : 'MX';
  const sign = country === 'US' ? 1 : -1;
  const fixedWing = rng.chance(0.25);
  const speed = fixedWing ? rng.range(14, 20) : rng.range(8, 15);
  const a0 = rng.range(-2000, 2000);
  const n0 = sign * rng.range(6000, 10000);
  const b = new PathBuilder(frame, ctx.area.groundHaeM, a0, n0, ctx.launchAt);
  b.phase('climb', () => b.vertical(rng.range(60, 120), fixedWing ? 4 : 3));
  // A mapping job: parallel rows along the line, each one step further from it.
  const rows = rng.int(2, 4);
  const length = rng.range(600, 1500);
  const spacing = sign * rng.range(80, 150);
  b.phase('survey', () => {
    for (let row = 0; row < rows; row += 1) {
      const across = n0 + row * spacing;
      b.flyTo(row % 2 === 0 ? a0 : a0 + length, across, speed);
      b.flyTo(row % 2 === 0 ? a0 + length : a0, across, speed);
    }
  });
  b.phase('return', () => b.flyTo(a0, n0, speed));
  b.phase('landing', () => b.vertical(0, 2));
  // U.S. rules require Remote ID on every drone this size; in Mexico it is optional.
  const remoteId = country === 'US' || rng.chance(0.5) ? consumerSerial(rng) : null;
  return {
    builder: b,
    country,
    airframe: fixedWing ? 'fixed-wing' : 'rotary-wing',
    remoteId,
    callsign: null,
    speed,
    pilotKind: rng.chance(0.3) ? 'live' : 'takeoff',
  };
}

function drawAgency(ctx: DrawContext, frame: BorderFrame, rng: Rng): Draft {
  const country: Side = rng.chance(0.5) ? 'US' : 'MX';
  const sign = country === 'US' ? 1 : -1;
  const speed = rng.range(8, 14);
  const a0 = rng.range(-1000, 1000);
  const n0 = sign * rng.range(800, 1500);
  const patrolAcross = sign * rng.range(300, 700);
  // A battery's worth: at most two laps of 4 km each way, about half an hour at the slowest.
  const half = rng.range(1000, 2000);
  const b = new PathBuilder(frame, ctx.area.groundHaeM, a0, n0, ctx.launchAt);
  b.phase('climb', () => b.vertical(rng.range(80, 120), 4));
  b.phase('outbound', () => b.flyTo(a0, patrolAcross, speed));
  const laps = rng.int(1, 2);
  b.phase('patrol', () => {
    for (let lap = 0; lap < laps; lap += 1) b.flyTo(a0 - half, patrolAcross, speed).flyTo(a0 + half, patrolAcross, speed);
  });
  b.phase('return', () => b.flyTo(a0, n0, speed));
  b.phase('landing', () => b.vertical(0, 2));
  const serials = AGENCY_SERIALS[country];
  const remoteId = serials[ctx.agencyIndex % serials.length]!;
  const unit = country === 'US' ? 'CBP' : 'GN';
  return {
    builder: b,
    country,
    airframe: 'rotary-wing',
    remoteId,
    callsign: `${unit}-${ctx.area.code.toUpperCase()}-${ctx.agencyIndex + 1}`,
    speed,
    pilotKind: 'live',
  };
}

/** Samples the plan every second; `check` sees each airborne position with its signed distance. */
export function everySecond(plan: FlightPlan, check: (t: number, signedM: number) => boolean): boolean {
  const border = borderService();
  const first = plan.waypoints[0]!.t;
  const last = plan.waypoints[plan.waypoints.length - 1]!.t;
  for (let t = first; t <= last; t += 1000) {
    const p = positionAt(plan, t);
    if (p && !check(t, border.signedDistanceM(p))) return false;
  }
  return true;
}

function inPhase(plan: FlightPlan, name: string, t: number): boolean {
  return plan.phases.some((p) => p.name === name && t >= p.from && t <= p.to);
}

/** Whether the plan keeps its kind's promise over the real boundary. */
export function keepsPromise(plan: FlightPlan): boolean {
  const side = (m: number): Side => (m > 0 ? 'US' : 'MX');
  const pilotSide = borderService().sideOf(plan.pilot).side;
  switch (plan.kind) {
    case 'crosser':
    case 'dropper': {
      let deepest = -Infinity;
      const startsInMexico = everySecond(plan, (t, m) => {
        deepest = Math.max(deepest, m);
        return t !== plan.waypoints[0]!.t || m < -500;
      });
      // Dropping must happen over the United States, clear of the buffer a detector applies.
      const dropsInUs = plan.kind !== 'dropper' || everySecond(plan, (t, m) => !inPhase(plan, 'drop', t) || m > 150);
      return startsInMexico && dropsInUs && deepest > 250 && pilotSide === 'MX';
    }
    case 'loiterer':
      return pilotSide === 'MX' && everySecond(plan, (t, m) => m < -100 && (!inPhase(plan, 'loiter', t) || m >= -2000));
    case 'civil':
      return pilotSide === plan.country && everySecond(plan, (_t, m) => side(m) === plan.country && Math.abs(m) >= 4000);
    case 'agency':
      return pilotSide === plan.country && everySecond(plan, (_t, m) => side(m) === plan.country && Math.abs(m) >= 100);
  }
}

const MAX_DRAWS = 100;

/** One flight of `kind`, redrawn until it keeps its promise; throws only if the area cannot hold it. */
export function drawFlight(kind: FlightKind, ctx: DrawContext, rng: Rng): FlightPlan {
  const frame = frameNear(ctx.area.anchor);
  for (let attempt = 0; attempt < MAX_DRAWS; attempt += 1) {
    const draft =
      kind === 'crosser'
        ? drawCrosser(ctx, frame, rng, false)
        : kind === 'dropper'
          ? drawCrosser(ctx, frame, rng, true)
          : kind === 'loiterer'
            ? drawLoiterer(ctx, frame, rng)
            : kind === 'civil'
              ? drawCivil(ctx, frame, rng)
              : drawAgency(ctx, frame, rng);
    const first = draft.builder.waypoints[0]!;
    const plan: FlightPlan = {
      id: ctx.id,
      kind,
      area: ctx.area.id,
      country: draft.country,
      airframe: draft.airframe,
      remoteId: draft.remoteId,
      callsign: draft.callsign,
      classification: CLASSIFICATION[kind],
      cruiseSpeedMps: draft.speed,
      groundHaeM: ctx.area.groundHaeM,
      pilot: pilotNear(first, rng, draft.pilotKind),
      waypoints: draft.builder.waypoints,
      phases: draft.builder.phases,
    };
    if (keepsPromise(plan)) return plan;
  }
  throw new Error(`no ${kind} flight in ${ctx.area.id} kept its promise in ${MAX_DRAWS} draws`);
}

/** Pilots stand a few metres from where the drone lifted off. */
export function pilotNear(takeoff: { lat: number; lon: number }, rng: Rng, kind: Pilot['kind']): Pilot {
  const away = rng.range(5, 30);
  const bearing = rng.range(0, 2 * Math.PI);
  const q = fromLocal(takeoff, away * Math.sin(bearing), away * Math.cos(bearing));
  return { lat: q.lat, lon: q.lon, kind };
}
