import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Rng, hashGaussian } from './prng.js';
import { buildScenario, loadScenario, reportsBetween, type SensorReport } from './scenario.js';
import { CONTENT_TYPES } from './sensors.js';

const START = Date.UTC(2026, 10, 27, 18, 0, 0);

function digest(reports: SensorReport[]): string {
  const h = createHash('sha256');
  for (const r of reports) h.update(`${r.at}|${r.node}|${r.sensor}|${r.contentType}|${r.flightId}|`).update(r.body);
  return h.digest('hex');
}

describe('seeded randomness', () => {
  it('repeats a sequence for a seed and differs between seeds', () => {
    const draw = (seed: number) =>
      Array.from(
        { length: 5 },
        (
          (r) => () =>
            r.next()
        )(new Rng(seed)),
      );
    assert.deepEqual(draw(1), draw(1));
    assert.notDeepEqual(draw(1), draw(2));
  });

  it('hashed noise is standard normal', () => {
    const xs = Array.from({ length: 20_000 }, (_, i) => hashGaussian(5, i));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    assert.ok(Math.abs(mean) < 0.03, `mean ${mean}`);
    assert.ok(Math.abs(sd - 1) < 0.03, `sd ${sd}`);
  });
});

describe('buildScenario / reportsBetween', () => {
  const options = { seed: 11, start: START, durationS: 600, flights: 12, includeDemoCrossing: true };
  const scenario = buildScenario(options);
  const all = reportsBetween(scenario, scenario.start, scenario.end);

  it('gives the same bytes for the same seed', () => {
    const again = buildScenario(options);
    assert.equal(digest(reportsBetween(again, again.start, again.end)), digest(all));
  });

  it('gives other flights and bytes for another seed', () => {
    const other = buildScenario({ ...options, seed: 12 });
    assert.notDeepEqual(
      other.flights.map((f) => f.waypoints),
      scenario.flights.map((f) => f.waypoints),
    );
    assert.notEqual(digest(reportsBetween(other, other.start, other.end)), digest(all));
  });

  it('does not depend on how the time is cut into windows', () => {
    const pieces: SensorReport[] = [];
    // Uneven cuts, asked for out of order, then put back in order.
    const cuts = [
      scenario.start,
      scenario.start + 1234,
      scenario.start + 90_000,
      scenario.start + 90_001,
      scenario.start + 400_500,
      scenario.end,
    ];
    for (const i of [3, 0, 4, 1, 2]) pieces.push(...reportsBetween(scenario, cuts[i]!, cuts[i + 1]!));
    pieces.sort(
      (a, b) =>
        a.at - b.at ||
        (a.sensor < b.sensor ? -1 : a.sensor > b.sensor ? 1 : 0) ||
        (a.flightId < b.flightId ? -1 : a.flightId > b.flightId ? 1 : 0),
    );
    assert.equal(pieces.length, all.length);
    assert.equal(digest(pieces), digest(all));
  });

  it('sorts by arrival and keeps every report inside the window', () => {
    assert.ok(all.length > 1000, `${all.length} reports`);
    for (let i = 1; i < all.length; i += 1) assert.ok(all[i]!.at >= all[i - 1]!.at);
    const window = reportsBetween(scenario, START + 100_000, START + 160_000);
    assert.ok(window.length > 0 && window.every((r) => r.at >= START + 100_000 && r.at < START + 160_000));
  });

  it("routes reports by the sensor's country and labels them with its format", () => {
    const sensors = new Map(scenario.sensors.map((s) => [s.name, s]));
    for (const r of all) {
      const s = sensors.get(r.sensor)!;
      assert.equal(r.node, s.country === 'US' ? 'us' : 'mx');
      assert.equal(r.contentType, CONTENT_TYPES[s.format]);
    }
    assert.deepEqual(new Set(all.map((r) => r.contentType)), new Set(Object.values(CONTENT_TYPES)));
  });

  it('falls back to CoT XML for formats left out', () => {
    const cotOnly = buildScenario({ ...options, formats: ['cot-xml'] });
    const types = new Set(reportsBetween(cotOnly, START, START + 300_000).map((r) => r.contentType));
    assert.deepEqual(types, new Set(['application/cot+xml', 'application/x-remote-id+json']));
  });

  it('refuses nonsense options', () => {
    assert.throws(() => buildScenario({ seed: 1, start: START, durationS: 0 }), RangeError);
    assert.throws(() => buildScenario({ seed: 1, start: Number.NaN, durationS: 10 }), RangeError);
    assert.throws(() => buildScenario({ seed: 1, start: START, durationS: 10, flights: -1 }), RangeError);
    assert.throws(() => buildScenario({ seed: 1, start: START, durationS: 10, flights: 1.5 }), RangeError);
  });
});

describe('loadScenario', () => {
  it('delivers the asked-for updates per second from the asked-for number of tracks', () => {
    const scenario = loadScenario({ seed: 3, start: START, updatesPerSecond: 1000, tracks: 200 });
    const began = performance.now();
    const reports = reportsBetween(scenario, START, START + 60_000);
    const tookMs = performance.now() - began;
    assert.ok(Math.abs(reports.length - 60_000) <= 600, `${reports.length} reports in 60 s`);
    assert.equal(new Set(reports.map((r) => r.flightId)).size, 200);
    // Every second carries its share, not a burst at one end.
    for (let s = 0; s < 60; s += 1) {
      const n = reports.filter((r) => r.at >= START + s * 1000 && r.at < START + (s + 1) * 1000).length;
      assert.ok(n > 900 && n < 1100, `second ${s}: ${n}`);
    }
    // Generating must be far faster than real time, or the driver could not keep pace.
    assert.ok(tookMs < 20_000, `generating 60 s took ${tookMs} ms`);
  });

  it('refuses nonsense options', () => {
    assert.throws(() => loadScenario({ seed: 1, start: START, updatesPerSecond: 0, tracks: 5 }), RangeError);
    assert.throws(() => loadScenario({ seed: 1, start: START, updatesPerSecond: 10, tracks: 0 }), RangeError);
  });
});
