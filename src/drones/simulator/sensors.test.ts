import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { borderService } from '../border/service.js';
import { haversineM } from '../border/geometry.js';
import { DroneIngest, formatOfContentType } from '../ingest/ingest.js';
import type { Detection } from '../model.js';
import { positionAt } from './flights.js';
import { DEMO_FLIGHT_ID, buildScenario, reportsBetween, type SensorReport } from './scenario.js';
import type { Sensor } from './sensors.js';

const START = Date.UTC(2026, 10, 27, 18, 0, 0);
const scenario = buildScenario({ seed: 21, start: START, durationS: 900, flights: 15, includeDemoCrossing: true });
const reports = reportsBetween(scenario, scenario.start, scenario.end);
const sensors = new Map(scenario.sensors.map((s) => [s.name, s]));
const flights = new Map(scenario.flights.map((f) => [f.id, f]));

/** Every report through the real ingest, at its arrival time, as the node will see it. */
function ingestAll(list: SensorReport[]): Array<{ report: SensorReport; detection: Detection }> {
  let now = 0;
  const ingest = new DroneIngest({ now: () => now });
  return list.map((report) => {
    now = report.at;
    const format = formatOfContentType(report.contentType);
    assert.ok(format, report.contentType);
    const result = ingest.ingest(format, report.body, { sensor: report.sensor });
    if (!result.ok)
      assert.fail(`${report.sensor} ${report.flightId}: ${result.rejection.reason} ${JSON.stringify(result.rejection.params)}`);
    assert.equal(result.detections.length, 1);
    return { report, detection: result.detections[0]! };
  });
}

const seen = ingestAll(reports);

/**
 * Where the flight really was at a detection's time. Remote ID carries time in tenths of a
 * second, so a fix stamped up to 50 ms past landing is the landing itself.
 */
function truthAt(flightId: string, t: number) {
  const flight = flights.get(flightId)!;
  const first = flight.waypoints[0]!.t;
  const last = flight.waypoints[flight.waypoints.length - 1]!.t;
  const clamped = t < first && first - t <= 50 ? first : t > last && t - last <= 50 ? last : t;
  return positionAt(flight, clamped);
}

describe('sensors', () => {
  it('are named <country>-<place>-<kind>-<n> and sit on their own side', () => {
    for (const s of scenario.sensors) {
      assert.match(s.name, /^(mx|us)-[a-z]+-(radar|rf|rid)-\d$/);
      assert.equal(s.name.slice(0, 2).toUpperCase(), s.country);
      assert.equal(borderService().sideOf(s).side, s.country, s.name);
    }
  });

  it('report only what is within their range, close to where it really was', () => {
    for (const { report, detection } of seen) {
      const sensor = sensors.get(report.sensor)!;
      const truth = truthAt(report.flightId, detection.t);
      assert.ok(truth, `${report.flightId} airborne at ${detection.t}`);
      assert.ok(
        haversineM(sensor, truth) <= sensor.rangeKm * 1000,
        `${report.sensor} saw ${report.flightId} ${haversineM(sensor, truth)} m away`,
      );
      // Six sigma, plus 2 m for Remote ID's 0.1 s clock.
      assert.ok(haversineM(detection, truth) <= sensor.noiseM * 6 + 2, `${report.sensor} error ${haversineM(detection, truth)} m`);
    }
  });

  it('add noise of about their stated size', () => {
    const bySensor = new Map<string, number[]>();
    for (const { report, detection } of seen) {
      const truth = truthAt(report.flightId, detection.t)!;
      const list = bySensor.get(report.sensor) ?? [];
      list.push(haversineM(detection, truth));
      bySensor.set(report.sensor, list);
    }
    for (const [name, errors] of bySensor) {
      if (errors.length < 100 || sensors.get(name)!.kind === 'remote-id') continue;
      // The distance error of a circular normal has mean σ·√(π/2).
      const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
      const expected = sensors.get(name)!.noiseM * Math.sqrt(Math.PI / 2);
      assert.ok(Math.abs(mean - expected) < expected * 0.2, `${name}: mean error ${mean} m, expected ${expected}`);
    }
  });

  it("arrive after the observation by the sensor's latency", () => {
    for (const { report, detection } of seen) {
      const s: Sensor = sensors.get(report.sensor)!;
      const delay = report.at - detection.t;
      // Remote ID times are rounded to 0.1 s on the wire.
      assert.ok(delay >= s.latencyMs - 50 && delay <= s.latencyMs + s.latencyJitterMs + 50, `${s.name} delay ${delay}`);
    }
  });

  it('Remote ID receivers hear only drones that broadcast, and name them by serial', () => {
    const heard = seen.filter(({ report }) => sensors.get(report.sensor)!.kind === 'remote-id');
    assert.ok(heard.length > 0);
    for (const { report, detection } of heard) {
      const flight = flights.get(report.flightId)!;
      assert.ok(flight.remoteId);
      assert.equal(detection.remoteId, flight.remoteId);
      assert.ok(detection.pilot, 'System message gives the pilot');
      assert.ok(haversineM(detection.pilot, flight.pilot) < 40);
    }
    const silent = scenario.flights.filter((f) => f.remoteId === null).map((f) => f.id);
    assert.ok(silent.length > 0);
    assert.ok(!heard.some(({ report }) => silent.includes(report.flightId)));
  });

  it('U.S. radars see drones without Remote ID too, GeoJSON ones anonymously', () => {
    const radar = seen.filter(({ report }) => sensors.get(report.sensor)!.kind === 'radar' && report.node === 'us');
    assert.ok(radar.some(({ report }) => flights.get(report.flightId)!.remoteId === null));
    for (const { report, detection } of radar) {
      if (report.contentType === 'application/geo+json') assert.equal(detection.uid, null);
      else assert.match(detection.uid ?? '', new RegExp(`^${report.sensor}\\.trk-[0-9a-f]{8}$`));
    }
  });

  it('see the demo crossing from Mexico only, pilot included', () => {
    const demo = seen.filter(({ report }) => report.flightId === DEMO_FLIGHT_ID);
    assert.ok(demo.length > 100, `${demo.length} demo reports`);
    assert.deepEqual(new Set(demo.map(({ report }) => report.sensor)), new Set(['mx-tj-rf-2']));
    assert.ok(demo.every(({ report }) => report.node === 'mx'));
    const flight = flights.get(DEMO_FLIGHT_ID)!;
    for (const { detection } of demo) {
      assert.equal(detection.remoteId, null);
      assert.equal(detection.classification, 'hostile');
      assert.deepEqual(detection.pilot && { lat: detection.pilot.lat, lon: detection.pilot.lon, kind: detection.pilot.kind }, {
        lat: Number(flight.pilot.lat.toFixed(7)),
        lon: Number(flight.pilot.lon.toFixed(7)),
        kind: 'takeoff',
      });
    }
    // Seen on both sides of the line.
    const sides = new Set(demo.map(({ detection }) => borderService().sideOf(detection).side));
    assert.deepEqual(sides, new Set(['MX', 'US']));
  });

  it('classify as the operators would: hostile cartel drones, unknown civil, friendly agencies', () => {
    const expected = { crosser: 'hostile', loiterer: 'hostile', dropper: 'hostile', civil: 'unknown', agency: 'friendly' } as const;
    for (const { report, detection } of seen) {
      if (report.contentType === 'application/geo+json' || report.contentType === 'application/x-remote-id+json') continue;
      assert.equal(detection.classification, expected[flights.get(report.flightId)!.kind]);
    }
  });
});
