import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EnlaceError } from '../../errors/index.js';
import { offLine } from '../border/test-points.js';
import type { LatLon } from '../border/model.js';
import type { RuleHit, RuleKind } from '../model.js';
import { RuleEngine, type RuleOptions } from './rules.js';
import { Flight, moved, SAN_YSIDRO, T0 } from './test-support.js';

/** Between San Ysidro and Otay Mesa, about 4 km from both ports. */
const MID: LatLon = { lat: 32.54, lon: -116.98 };
const S = 1000;

/** Flies `flight` straight from `from` to `to` at `speed` m/s, one point every `stepS` seconds. */
function leg(
  engine: RuleEngine,
  flight: Flight,
  t: number,
  from: LatLon,
  to: LatLon,
  speed: number,
  stepS = 1,
  alt = 120,
): { t: number; hits: RuleHit[] } {
  const dx = to.lon - from.lon,
    dy = to.lat - from.lat;
  const metres = Math.hypot(dy * 111_000, dx * 111_000 * Math.cos((from.lat * Math.PI) / 180));
  const steps = Math.max(1, Math.ceil(metres / (speed * stepS)));
  const hits: RuleHit[] = [];
  for (let k = 1; k <= steps; k++) {
    t += stepS * S;
    hits.push(...engine.evaluate(flight.at(t, { lat: from.lat + (dy * k) / steps, lon: from.lon + (dx * k) / steps }, alt)));
  }
  return { t, hits };
}

/** Keeps the drone at `p` (plus jitter from `jitter`) for `seconds`, one point a second. */
function stay(
  engine: RuleEngine,
  flight: Flight,
  t: number,
  p: LatLon,
  seconds: number,
  alt: (k: number) => number | null = () => 120,
  jitter: (k: number) => [number, number] = () => [0, 0],
): { t: number; hits: RuleHit[] } {
  const hits: RuleHit[] = [];
  for (let k = 1; k <= seconds; k++) {
    t += S;
    const [e, n] = jitter(k);
    hits.push(...engine.evaluate(flight.at(t, moved(p, e, n), alt(k))));
  }
  return { t, hits };
}

const only = (hits: RuleHit[], rule: RuleKind): RuleHit[] => hits.filter((h) => h.rule === rule);

describe('the crossing rule', () => {
  it('fires once, naming sides and the nearest port, when the detector confirms a crossing', () => {
    const engine = new RuleEngine();
    const f = new Flight();
    engine.evaluate(f.at(T0, offLine(SAN_YSIDRO, -1500)));
    const { hits } = leg(engine, f, T0, offLine(SAN_YSIDRO, -1500), offLine(SAN_YSIDRO, 1500), 10);
    const crossings = only(hits, 'crossing');
    assert.equal(crossings.length, 1);
    const c = crossings[0]!;
    assert.equal(c.params['from'], 'MX');
    assert.equal(c.params['to'], 'US');
    assert.equal(c.params['port'], 'San Ysidro');
    assert.equal(c.params['portCity'], 'Tijuana');
    assert.ok(typeof c.params['distanceKm'] === 'number' && c.params['distanceKm'] < 1.5);
    assert.equal(c.trackId, f.id);
  });

  it('does not fire for a drone that stays on one side', () => {
    const engine = new RuleEngine();
    const f = new Flight();
    const { hits } = leg(engine, f, T0, offLine(MID, -2500), offLine(MID, -400), 10);
    assert.deepEqual(only(hits, 'crossing'), []);
  });
});

describe('the approach rule', () => {
  it('fires once within 3 km while heading towards the line, with the predicted crossing', () => {
    const engine = new RuleEngine();
    const f = new Flight();
    const { hits } = leg(engine, f, T0, offLine(MID, -6000), offLine(MID, -800), 10);
    const a = only(hits, 'approach');
    assert.equal(a.length, 1);
    assert.equal(a[0]!.params['side'], 'MX');
    const km = a[0]!.params['km'];
    assert.ok(typeof km === 'number' && km <= 3 && km > 2.5, String(km));
    const inS = a[0]!.params['predictedInS'];
    assert.ok(typeof inS === 'number' && inS > 150 && inS < 400, String(inS));
  });

  it('does not fire for a drone flying away from the line or staying beyond the distance', () => {
    const engine = new RuleEngine();
    assert.deepEqual(only(leg(engine, new Flight(), T0, offLine(MID, -500), offLine(MID, -2900), 10).hits, 'approach'), []);
    assert.deepEqual(only(leg(engine, new Flight(), T0, offLine(MID, -9000), offLine(MID, -3300), 10).hits, 'approach'), []);
  });

  it('re-arms only beyond 1.5 × the distance: dithering around 3 km fires once', () => {
    const engine = new RuleEngine();
    const f = new Flight();
    let r = leg(engine, f, T0, offLine(MID, -5000), offLine(MID, -2800), 10);
    let fired = only(r.hits, 'approach').length;
    for (let k = 0; k < 3; k++) {
      r = leg(engine, f, r.t, offLine(MID, -2800), offLine(MID, -4000), 10);
      fired += only(r.hits, 'approach').length;
      r = leg(engine, f, r.t, offLine(MID, -4000), offLine(MID, -2800), 10);
      fired += only(r.hits, 'approach').length;
    }
    assert.equal(fired, 1);
    r = leg(engine, f, r.t, offLine(MID, -2800), offLine(MID, -5200), 10);
    r = leg(engine, f, r.t, offLine(MID, -5200), offLine(MID, -2800), 10);
    assert.equal(only(r.hits, 'approach').length, 1, 'beyond 4.5 km and back fires again');
  });

  it('never fires twice while the track stays within 4.5 km, whatever it does there', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 200, max: 4400 }), { minLength: 2, maxLength: 6 }), (stops) => {
        const engine = new RuleEngine();
        const f = new Flight();
        let t = T0;
        let at = offLine(MID, -4400);
        engine.evaluate(f.at(t, at));
        let fired = 0;
        for (const d of stops) {
          const next = offLine(MID, -d);
          const r = leg(engine, f, t, at, next, 20, 2);
          fired += only(r.hits, 'approach').length;
          t = r.t;
          at = next;
        }
        return fired <= 1;
      }),
      { numRuns: 25 },
    );
  });
});

describe('the geofence rule', () => {
  it('fires on entering the 1 km circle of a port, once however the drone hovers on its edge', () => {
    const engine = new RuleEngine();
    const f = new Flight();
    let r = leg(engine, f, T0, moved(SAN_YSIDRO, 0, -3000), moved(SAN_YSIDRO, 0, -900), 10);
    const entries = only(r.hits, 'geofence');
    assert.equal(entries.length, 1);
    assert.deepEqual(
      {
        zone: entries[0]!.params['zone'],
        kind: entries[0]!.params['zoneKind'],
        city: entries[0]!.params['city'],
        radiusM: entries[0]!.params['radiusM'],
      },
      { zone: 'San Ysidro', kind: 'port', city: 'Tijuana', radiusM: 1000 },
    );
    // GPS wander across the edge, never beyond the 10% band.
    r = stay(
      engine,
      f,
      r.t,
      SAN_YSIDRO,
      60,
      () => 120,
      (k) => [0, -(900 + ((k * 37) % 190))],
    );
    assert.deepEqual(only(r.hits, 'geofence'), []);
    r = leg(engine, f, r.t, moved(SAN_YSIDRO, 0, -1000), moved(SAN_YSIDRO, 0, -1200), 10);
    r = leg(engine, f, r.t, moved(SAN_YSIDRO, 0, -1200), moved(SAN_YSIDRO, 0, -800), 10);
    assert.equal(only(r.hits, 'geofence').length, 1, 'out beyond 1.1 km and back is a new entry');
  });

  it('no noise inside the hysteresis band ever re-fires (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_090 }), { minLength: 5, maxLength: 40 }), (distances) => {
        const engine = new RuleEngine();
        const f = new Flight();
        let t = T0;
        let fired = only(engine.evaluate(f.at(t, moved(SAN_YSIDRO, 0, -500))), 'geofence').length;
        for (const d of distances) {
          t += 5 * S;
          fired += only(engine.evaluate(f.at(t, moved(SAN_YSIDRO, 0, -d))), 'geofence').length;
        }
        return fired === 1;
      }),
      { numRuns: 50 },
    );
  });

  it('watches configured circle and polygon sites', () => {
    const dam = moved(MID, 0, -3000);
    const square = (c: LatLon, half: number): Array<[number, number]> =>
      [
        [-half, -half],
        [half, -half],
        [half, half],
        [-half, half],
      ].map(([e, n]) => {
        const p = moved(c, e!, n!);
        return [p.lon, p.lat] as [number, number];
      });
    const plant = moved(MID, 3000, -3000);
    const engine = new RuleEngine({
      sites: [
        { id: 'presa', name: 'Presa Rodríguez', lat: dam.lat, lon: dam.lon, radiusM: 400 },
        { id: 'planta', name: 'Planta potabilizadora', polygon: square(plant, 300) },
      ],
    });
    assert.equal(engine.watchedZones.filter((z) => z.kind === 'site').length, 2);
    const f = new Flight();
    let r = leg(engine, f, T0, moved(dam, -1500, 0), dam, 10);
    assert.deepEqual(
      only(r.hits, 'geofence').map((h) => [h.params['zone'], h.params['zoneKind']]),
      [['Presa Rodríguez', 'site']],
    );
    r = leg(engine, f, r.t, dam, plant, 10);
    assert.deepEqual(
      only(r.hits, 'geofence').map((h) => h.params['zone']),
      ['Planta potabilizadora'],
    );
    // Just outside the square, inside its 10% band: still the same visit.
    r = leg(engine, f, r.t, plant, moved(plant, 320, 0), 10);
    r = leg(engine, f, r.t, moved(plant, 320, 0), plant, 10);
    assert.deepEqual(only(r.hits, 'geofence'), []);
    r = leg(engine, f, r.t, plant, moved(plant, 600, 0), 10);
    r = leg(engine, f, r.t, moved(plant, 600, 0), plant, 10);
    assert.equal(only(r.hits, 'geofence').length, 1);
  });

  it('refuses malformed sites, naming the site and the field', () => {
    const bad: Array<[RuleOptions['sites'], RegExp]> = [
      [[{ id: 'a', name: 'A', lat: 32.5, lon: -117, radiusM: 0 }], /a: radiusM/],
      [[{ id: 'b', name: 'B', lat: Number.NaN, lon: -117, radiusM: 10 }], /b: lat/],
      [[{ id: 'c', name: 'C', lat: 32.5, lon: -190, radiusM: 10 }], /c: lon/],
      [[{ id: '', name: 'D', lat: 32.5, lon: -117, radiusM: 10 }], /id/],
      [
        [
          { id: 'e', name: 'E', lat: 32.5, lon: -117, radiusM: 10 },
          { id: 'e', name: 'E2', lat: 32.5, lon: -117, radiusM: 10 },
        ],
        /e appears more than once/,
      ],
      [
        [
          {
            id: 'f',
            name: 'F',
            polygon: [
              [-117, 32.5],
              [-117.01, 32.5],
            ],
          },
        ],
        /f: the polygon/,
      ],
      [
        [
          {
            id: 'g',
            name: 'G',
            polygon: [
              [-117, 32.5],
              [-117.01, 32.5],
              [Number.POSITIVE_INFINITY, 32.6],
            ],
          },
        ],
        /g: polygon/,
      ],
      [[{ id: 'h', name: 'x'.repeat(201), lat: 32.5, lon: -117, radiusM: 10 }], /h: name/],
    ];
    for (const [sites, message] of bad) {
      assert.throws(
        () => new RuleEngine({ sites: sites ?? [] }),
        (e: unknown) => e instanceof EnlaceError && e.code === 'config.invalid' && message.test(e.message),
      );
    }
  });
});

describe('the payload-drop rule', () => {
  const spot = offLine(MID, -1000);

  it('fires on a fast descent while nearly stationary', () => {
    const engine = new RuleEngine();
    const f = new Flight();
    let r = stay(engine, f, T0, spot, 10, () => 60);
    assert.deepEqual(only(r.hits, 'payload-drop'), []);
    r = stay(engine, f, r.t, spot, 4, (k) => 60 - k * 6.5);
    const drops = only(r.hits, 'payload-drop');
    assert.equal(drops.length, 1);
    assert.equal(drops[0]!.params['kind'], 'descent');
    assert.ok(Number(drops[0]!.params['metres']) >= 15);
  });

  it('fires on a sudden climb right after hovering', () => {
    const engine = new RuleEngine();
    const f = new Flight();
    let r = stay(engine, f, T0, spot, 10, (k) => 40 + (k % 2));
    r = stay(engine, f, r.t, spot, 2, (k) => 40 + k * 6);
    const drops = only(r.hits, 'payload-drop');
    assert.equal(drops.length, 1);
    assert.equal(drops[0]!.params['kind'], 'climb');
  });

  it('does not fire for descents at speed, slow descents, climbs without hovering, or without altitude', () => {
    const engine = new RuleEngine();
    const f = new Flight();
    let t = T0;
    for (let k = 0; k < 20; k++) {
      t += S;
      assert.deepEqual(only(engine.evaluate(f.at(t, moved(spot, 15 * k, 0), 100 - 5 * k)), 'payload-drop'), [], 'moving at 15 m/s');
    }
    const g = new Flight();
    assert.deepEqual(only(stay(engine, g, T0, spot, 40, (k) => 100 - k).hits, 'payload-drop'), [], '1 m/s descent');
    const h = new Flight();
    let r = leg(engine, h, T0, moved(spot, -600, 0), spot, 12, 1, 40);
    r = stay(engine, h, r.t, spot, 2, (k) => 40 + k * 6);
    assert.deepEqual(only(r.hits, 'payload-drop'), [], 'climb straight out of fast flight');
    const n = new Flight();
    assert.deepEqual(only(stay(engine, n, T0, spot, 20, () => null).hits, 'payload-drop'), []);
  });

  it('altitude noise under the thresholds never fires (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -4.9, max: 4.9, noNaN: true }), { minLength: 10, maxLength: 120 }), (noise) => {
        const engine = new RuleEngine();
        const f = new Flight();
        const r = stay(
          engine,
          f,
          T0,
          spot,
          noise.length,
          (k) => 50 + noise[k - 1]!,
          (k) => [(k % 3) - 1, (k % 2) - 0.5],
        );
        return only(r.hits, 'payload-drop').length === 0;
      }),
      { numRuns: 60 },
    );
  });

  it('stays quiet for 60 s after a finding', () => {
    const engine = new RuleEngine();
    const f = new Flight();
    let r = stay(engine, f, T0, spot, 10, () => 80);
    let fired = 0;
    // A descent, a pause, another descent 25 s later: one suspected drop.
    r = stay(engine, f, r.t, spot, 4, (k) => 80 - k * 6);
    fired += only(r.hits, 'payload-drop').length;
    r = stay(engine, f, r.t, spot, 20, () => 56);
    fired += only(r.hits, 'payload-drop').length;
    r = stay(engine, f, r.t, spot, 4, (k) => 56 - k * 6);
    fired += only(r.hits, 'payload-drop').length;
    assert.equal(fired, 1);
    r = stay(engine, f, r.t, spot, 60, () => 32);
    r = stay(engine, f, r.t, spot, 3, (k) => 32 - k * 6);
    assert.equal(only(r.hits, 'payload-drop').length, 1, 'a new descent after 60 s fires again');
  });
});

describe('the loitering rule', () => {
  const spot = offLine(MID, -1000);
  const wander = (k: number): [number, number] => [80 * Math.sin(k / 7), 60 * Math.cos(k / 5)];

  it('fires once after 120 s within 300 m near the line, and again only for a new loiter', () => {
    const engine = new RuleEngine();
    const f = new Flight();
    let r = stay(engine, f, T0, spot, 118, () => 120, wander);
    assert.deepEqual(only(r.hits, 'loitering'), []);
    r = stay(engine, f, r.t, spot, 400, () => 120, wander);
    const loiters = only(r.hits, 'loitering');
    assert.equal(loiters.length, 1);
    assert.equal(loiters[0]!.params['side'], 'MX');
    assert.ok(Number(loiters[0]!.params['radiusM']) <= 300);
    assert.ok(Math.abs(Number(loiters[0]!.params['km']) - 1) < 0.3);
    const elsewhere = moved(spot, 800, 0);
    r = leg(engine, f, r.t, spot, elsewhere, 10);
    r = stay(engine, f, r.t, elsewhere, 130, () => 120, wander);
    assert.equal(only(r.hits, 'loitering').length, 1);
  });

  it('does not fire far from the line, for a moving drone, or across a long silence', () => {
    const engine = new RuleEngine();
    assert.deepEqual(only(stay(engine, new Flight(), T0, offLine(MID, -8000), 200, () => 120, wander).hits, 'loitering'), []);
    assert.deepEqual(only(leg(engine, new Flight(), T0, offLine(MID, -2500, -3000), offLine(MID, -2500, 3000), 10).hits, 'loitering'), []);
    const f = new Flight();
    let r = stay(engine, f, T0, spot, 100, () => 120, wander);
    r = stay(engine, f, r.t + 60 * S, spot, 60, () => 120, wander);
    assert.deepEqual(only(r.hits, 'loitering'), [], 'a 60 s silence breaks the loiter');
  });

  it('fires exactly once for any wander inside the radius (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -130, max: 130 }), fc.integer({ min: -130, max: 130 })), { minLength: 150, maxLength: 400 }),
        (offsets) => {
          const engine = new RuleEngine();
          const f = new Flight();
          const r = stay(
            engine,
            f,
            T0,
            spot,
            offsets.length,
            () => 120,
            (k) => offsets[k - 1]!,
          );
          return only(r.hits, 'loitering').length === 1;
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('the rule engine', () => {
  it('refuses nonsensical options', () => {
    for (const o of [
      { approachKm: -1 },
      { loiterSeconds: Number.NaN },
      { geofenceExitFactor: 1 },
      { approachRearmFactor: 0.5 },
    ] as RuleOptions[]) {
      assert.throws(
        () => new RuleEngine(o),
        (e: unknown) => e instanceof EnlaceError && e.code === 'config.invalid',
      );
    }
  });

  it('keeps state per track and forgets it on request', () => {
    const engine = new RuleEngine();
    const a = new Flight(),
      b = new Flight();
    engine.evaluate(a.at(T0, offLine(MID, -5000)));
    engine.evaluate(b.at(T0, offLine(MID, -5000)));
    assert.equal(engine.trackCount, 2);
    engine.forget(a.id);
    assert.equal(engine.trackCount, 1);
  });

  it('takes configured thresholds: a 1 km approach distance ignores a drone at 2 km', () => {
    const engine = new RuleEngine({ approachKm: 1 });
    const { hits } = leg(engine, new Flight(), T0, offLine(MID, -4000), offLine(MID, -1500), 10);
    assert.deepEqual(only(hits, 'approach'), []);
  });
});
