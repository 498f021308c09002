import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { borderService } from '../border/service.js';
import { haversineM } from '../border/geometry.js';
import { landAt, launchAt, pilotAt, positionAt, type FlightKind, type FlightPlan } from './flights.js';
import { AGENCY_SERIALS } from './plans.js';
import { DEMO_FLIGHT_ID, buildScenario } from './scenario.js';

const START = Date.UTC(2026, 10, 27, 18, 0, 0);
const border = borderService();

/** 40 flights over three seeds: every kind eight times, over all four areas. */
const flights: FlightPlan[] = [1, 2, 3].flatMap((seed) => buildScenario({ seed, start: START, durationS: 1800, flights: 40 }).flights);

function ofKind(kind: FlightKind): FlightPlan[] {
  const found = flights.filter((f) => f.kind === kind);
  assert.ok(found.length >= 8, `expected at least 8 ${kind} flights, got ${found.length}`);
  return found;
}

/** Signed distance to the line (positive in the U.S.) once a second while airborne. */
function track(f: FlightPlan): Array<{ t: number; m: number; alt: number; vs: number; speed: number }> {
  const out: Array<{ t: number; m: number; alt: number; vs: number; speed: number }> = [];
  for (let t = launchAt(f); t <= landAt(f); t += 1000) {
    const p = positionAt(f, t);
    assert.ok(p, `${f.id} airborne at ${t}`);
    out.push({ t, m: border.signedDistanceM(p), alt: p.altM - f.groundHaeM, vs: p.verticalSpeedMps, speed: p.speedMps });
  }
  return out;
}

function phase(f: FlightPlan, name: string): { from: number; to: number } {
  const p = f.phases.find((x) => x.name === name);
  assert.ok(p, `${f.id} has a ${name} phase`);
  return p;
}

describe('flight plans', () => {
  it('covers all four areas', () => {
    assert.deepEqual(new Set(flights.map((f) => f.area)), new Set(['tijuana', 'mexicali', 'nogales', 'juarez']));
  });

  it('crossers take off in Mexico and fly into the United States, pilot staying in Mexico', () => {
    for (const f of ofKind('crosser')) {
      const path = track(f);
      assert.ok(path[0]!.m < -500, `${f.id} takes off ${path[0]!.m} m from the line`);
      assert.ok(
        path.some((p) => p.m > 250),
        `${f.id} goes at least 250 m into the U.S.`,
      );
      assert.equal(border.sideOf(f.pilot).side, 'MX');
      assert.ok(haversineM(f.pilot, f.waypoints[0]!) < 40, `${f.id} pilot near take-off`);
      assert.equal(f.classification, 'hostile');
    }
  });

  it('droppers descend about 20 m fast over the United States, climb back and fly home', () => {
    for (const f of ofKind('dropper')) {
      const drop = phase(f, 'drop');
      // Sampled every 100 ms, ends included: the drop lasts only seconds.
      const during: Array<{ m: number; alt: number; vs: number }> = [];
      for (let t = drop.from; t <= drop.to; t += 100) {
        const p = positionAt(f, t)!;
        during.push({ m: border.signedDistanceM(p), alt: p.altM - f.groundHaeM, vs: p.verticalSpeedMps });
      }
      assert.ok(
        during.every((p) => p.m > 150),
        `${f.id} drops over the U.S.`,
      );
      const top = Math.max(...during.map((p) => p.alt));
      const low = Math.min(...during.map((p) => p.alt));
      assert.ok(top - low >= 17 && top - low <= 25, `${f.id} drops ${top - low} m`);
      assert.ok(
        during.some((p) => p.vs <= -4),
        `${f.id} descends at 4 m/s or faster`,
      );
      assert.ok(
        during.some((p) => p.vs > 0),
        `${f.id} climbs back`,
      );
      const last = positionAt(f, landAt(f))!;
      assert.ok(haversineM(last, f.waypoints[0]!) < 1, `${f.id} lands where it took off`);
    }
  });

  it('loiterers hover within 2 km of the line for minutes and never cross', () => {
    for (const f of ofKind('loiterer')) {
      const loiter = phase(f, 'loiter');
      assert.ok(loiter.to - loiter.from >= 180_000, `${f.id} loiters ${(loiter.to - loiter.from) / 1000} s`);
      const path = track(f);
      assert.ok(
        path.every((p) => p.m < 0),
        `${f.id} stays in Mexico`,
      );
      const near = path.filter((p) => p.t >= loiter.from && p.t <= loiter.to);
      assert.ok(
        near.every((p) => p.m >= -2000),
        `${f.id} loiters within 2 km`,
      );
      assert.ok(near.filter((p) => p.speed === 0).length > near.length / 3, `${f.id} mostly hovers`);
    }
  });

  it('civil flights stay well inside one country', () => {
    const countries = new Set<string>();
    for (const f of ofKind('civil')) {
      countries.add(f.country);
      for (const p of track(f)) {
        assert.equal(p.m > 0 ? 'US' : 'MX', f.country, `${f.id} at ${p.t}`);
        assert.ok(Math.abs(p.m) >= 4000, `${f.id} ${p.m} m from the line`);
      }
      assert.equal(f.classification, 'unknown');
    }
    assert.deepEqual(countries, new Set(['US', 'MX']), 'civil flights on both sides');
  });

  it('agency drones patrol their own side with an allow-listed Remote ID serial and a live pilot', () => {
    for (const f of ofKind('agency')) {
      assert.ok(
        track(f).every((p) => (p.m > 0 ? 'US' : 'MX') === f.country),
        `${f.id} stays on its side`,
      );
      assert.ok(AGENCY_SERIALS[f.country].includes(f.remoteId ?? ''), `${f.id} serial ${f.remoteId}`);
      assert.equal(f.pilot.kind, 'live');
      assert.equal(f.classification, 'friendly');
    }
  });

  it('cruise at 8–20 m/s and never faster', () => {
    for (const f of flights) {
      assert.ok(f.cruiseSpeedMps >= 8 && f.cruiseSpeedMps <= 20, `${f.id} cruises at ${f.cruiseSpeedMps}`);
      for (const p of track(f)) assert.ok(p.speed <= 20.01, `${f.id} at ${p.speed} m/s`);
    }
  });

  it('some cartel flights broadcast Remote ID, most do not', () => {
    const cartel = flights.filter((f) => f.kind === 'crosser' || f.kind === 'loiterer' || f.kind === 'dropper');
    const broadcasting = cartel.filter((f) => f.remoteId !== null).length;
    assert.ok(broadcasting > 0 && broadcasting < cartel.length / 2, `${broadcasting} of ${cartel.length}`);
  });
});

describe('positionAt', () => {
  const f = flights[0]!;

  it('is null before take-off and after landing, on the ground at both ends', () => {
    assert.equal(positionAt(f, launchAt(f) - 1), null);
    assert.equal(positionAt(f, landAt(f) + 1), null);
    assert.equal(positionAt(f, launchAt(f))!.altM, f.groundHaeM);
    assert.equal(positionAt(f, landAt(f))!.altM, f.groundHaeM);
  });

  it('moves by speed × time along its course', () => {
    const cruise = phase(f, 'outbound');
    const t = Math.round((cruise.from + cruise.to) / 2);
    const a = positionAt(f, t)!;
    const b = positionAt(f, t + 1000)!;
    assert.ok(Math.abs(haversineM(a, b) - a.speedMps) < 0.05, `${haversineM(a, b)} m in 1 s at ${a.speedMps} m/s`);
    const bearing = (Math.atan2((b.lon - a.lon) * Math.cos((a.lat * Math.PI) / 180), b.lat - a.lat) * 180) / Math.PI;
    const diff = Math.abs(((((bearing - a.courseDeg) % 360) + 540) % 360) - 180);
    assert.ok(diff < 0.5, `course ${a.courseDeg} vs bearing ${bearing}`);
    assert.ok(a.courseDeg >= 0 && a.courseDeg < 360);
  });

  it('a live pilot moves a little, a take-off pilot not at all', () => {
    const live = flights.find((x) => x.pilot.kind === 'live')!;
    const moved = haversineM(pilotAt(live, launchAt(live)), pilotAt(live, launchAt(live) + 60_000));
    assert.ok(moved > 1 && moved < 60, `live pilot moved ${moved} m`);
    const still = flights.find((x) => x.pilot.kind === 'takeoff')!;
    assert.deepEqual(pilotAt(still, launchAt(still) + 60_000), still.pilot);
  });
});

describe('the demo crossing', () => {
  const scenario = buildScenario({ seed: 7, start: START, durationS: 600, flights: 0, includeDemoCrossing: true });
  const demo = scenario.flights.find((f) => f.id === DEMO_FLIGHT_ID)!;

  it('takes off in Tijuana and crosses into the U.S. 60–90 s after the start', () => {
    assert.equal(scenario.demoFlightId, DEMO_FLIGHT_ID);
    assert.equal(demo.area, 'tijuana');
    assert.equal(border.nearestPort(demo.waypoints[0]!).port.cityMx, 'Tijuana');
    const path = track(demo);
    assert.ok(path[0]!.m < 0);
    const crossing = path.find((p) => p.m > 0)!;
    const seconds = (crossing.t - START) / 1000;
    assert.ok(seconds >= 60 && seconds <= 90, `crosses ${seconds} s in`);
  });

  it('has no Remote ID and a pilot standing at the take-off point in Mexico', () => {
    assert.equal(demo.remoteId, null);
    assert.equal(demo.pilot.kind, 'takeoff');
    assert.ok(haversineM(demo.pilot, demo.waypoints[0]!) < 10);
    assert.equal(border.sideOf(demo.pilot).side, 'MX');
  });

  it('is the same flight whatever the seed', () => {
    const other = buildScenario({ seed: 99, start: START, durationS: 600, flights: 3, includeDemoCrossing: true });
    assert.deepEqual(
      other.flights.find((f) => f.id === DEMO_FLIGHT_ID),
      demo,
    );
  });
});
