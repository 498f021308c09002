import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { SimulatorDriver } from './driver.js';
import { buildScenario, reportsBetween } from './scenario.js';

interface Received {
  node: string;
  path: string;
  method: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** ms since the driver started. */
  atMs: number;
}

type Answer = (r: Received) => { status: number; body: unknown; delayMs?: number };

/** A real HTTP server on loopback standing in for one node's detections endpoint. */
async function node(
  name: string,
  log: Received[],
  answer: Answer,
  clock: { start: number },
  live: { now: number; max: number },
): Promise<{ server: Server; url: string }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      live.now += 1;
      live.max = Math.max(live.max, live.now);
      const received: Received = {
        node: name,
        path: req.url ?? '',
        method: req.method ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
        atMs: performance.now() - clock.start,
      };
      log.push(received);
      const a = answer(received);
      setTimeout(() => {
        live.now -= 1;
        res.writeHead(a.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(a.body));
      }, a.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

async function close(...servers: Server[]): Promise<void> {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}

const START = Date.UTC(2026, 10, 27, 18, 0, 0);
const TAXII_ERROR = { title: 'Refused', http_status: '422', error_code: 'drones.rejected' };

describe('SimulatorDriver', () => {
  it("posts every report to its node with the right headers, at the scenario's pace", async () => {
    const scenario = buildScenario({ seed: 4, start: START, durationS: 40, flights: 6, includeDemoCrossing: true });
    const expected = reportsBetween(scenario, scenario.start, scenario.end);
    assert.ok(expected.some((r) => r.node === 'us') && expected.some((r) => r.node === 'mx'));
    const log: Received[] = [];
    const clock = { start: 0 };
    const live = { now: 0, max: 0 };
    // One U.S. sensor is refused whole (4xx), one Mexican one gets its detections refused (200).
    const refusedSensor = expected.find((r) => r.node === 'us')!.sensor;
    const staleSensor = expected.find((r) => r.node === 'mx')!.sensor;
    const answer: Answer = (r) =>
      r.headers['x-enlace-sensor'] === refusedSensor
        ? { status: 422, body: TAXII_ERROR }
        : r.headers['x-enlace-sensor'] === staleSensor
          ? { status: 200, body: { accepted: 0, rejected: [{ reason: 'stale', message: 'The event went stale.' }] } }
          : { status: 202, body: { accepted: 1, rejected: [] } };
    const us = await node('us', log, answer, clock, live);
    const mx = await node('mx', log, answer, clock, live);
    const speed = 20;
    const driver = new SimulatorDriver({
      targets: { us: { url: us.url, token: 'us-token' }, mx: { url: mx.url, token: 'mx-token' } },
      scenario,
      speed,
      concurrency: 4,
    });
    clock.start = performance.now();
    driver.start();
    await driver.finished();
    await close(us.server, mx.server);

    assert.equal(log.length, expected.length);
    const byBody = new Map(expected.map((r) => [Buffer.from(r.body).toString('base64'), r]));
    assert.equal(byBody.size, expected.length, 'every report has distinct bytes');
    for (const got of log) {
      const report = byBody.get(got.body.toString('base64'));
      assert.ok(report, "body is one of the scenario's reports, byte for byte");
      assert.equal(got.method, 'POST');
      assert.equal(got.path, '/api/v1/drones/detections');
      assert.equal(got.node, report.node);
      assert.equal(got.headers['content-type'], report.contentType);
      assert.equal(got.headers['x-enlace-sensor'], report.sensor);
      assert.equal(got.headers.authorization, `Bearer ${report.node}-token`);
      const dueMs = (report.at - START) / speed;
      assert.ok(got.atMs >= dueMs - 2, `sent ${got.atMs} ms in, due at ${dueMs}`);
    }
    assert.ok(Math.max(...log.map((r) => r.atMs)) < 40_000 / speed + 1500, 'kept pace');
    assert.ok(live.max <= 4, `at most 4 in flight, saw ${live.max}`);

    const stats = driver.stats();
    const radar = expected.filter((r) => r.sensor === refusedSensor).length;
    const stale = expected.filter((r) => r.sensor === staleSensor).length;
    assert.equal(stats.sent, expected.length);
    assert.equal(stats.failed, 0);
    assert.equal(stats.rejected, radar + stale);
    assert.equal(stats.accepted, expected.length - radar - stale);
    assert.deepEqual(stats.reasons, { 'drones.rejected': radar, stale });
    assert.equal(stats.byNode.us.sent + stats.byNode.mx.sent, stats.sent);
    assert.equal(stats.byNode.mx.sent, expected.filter((r) => r.node === 'mx').length);
    assert.equal(stats.done, true);
  });

  it('holds concurrency to its bound when the node is slow', async () => {
    const scenario = buildScenario({ seed: 4, start: START, durationS: 20, flights: 6, includeDemoCrossing: true });
    const log: Received[] = [];
    const live = { now: 0, max: 0 };
    const mx = await node('mx', log, () => ({ status: 202, body: { accepted: 1, rejected: [] }, delayMs: 40 }), { start: 0 }, live);
    const driver = new SimulatorDriver({ targets: { mx: { url: mx.url, token: 't' } }, scenario, speed: 100, concurrency: 2 });
    driver.start();
    await driver.finished();
    await close(mx.server);
    const expected = reportsBetween(scenario, scenario.start, scenario.end);
    assert.equal(log.length, expected.filter((r) => r.node === 'mx').length);
    assert.equal(live.max, 2);
    assert.equal(driver.stats().skipped, expected.filter((r) => r.node === 'us').length);
  });

  it('stops sending when stopped, after answering what is in flight', async () => {
    const scenario = buildScenario({ seed: 4, start: START, durationS: 120, flights: 6, includeDemoCrossing: true });
    const log: Received[] = [];
    const mx = await node(
      'mx',
      log,
      () => ({ status: 202, body: { accepted: 1, rejected: [] }, delayMs: 20 }),
      { start: 0 },
      { now: 0, max: 0 },
    );
    const driver = new SimulatorDriver({ targets: { mx: { url: mx.url, token: 't' } }, scenario, speed: 10 });
    driver.start();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await driver.stop();
    const sent = driver.stats().sent;
    assert.ok(sent > 0, 'sent something before stopping');
    assert.equal(driver.stats().accepted, sent, 'every request in flight was answered');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(log.length, sent, 'nothing sent after stop');
    const all = reportsBetween(scenario, scenario.start, scenario.end).filter((r) => r.node === 'mx').length;
    assert.ok(sent < all, `${sent} of ${all}`);
    await close(mx.server);
  });

  it('counts unreachable nodes, 5xx and unreadable answers as failures', async () => {
    const scenario = buildScenario({ seed: 4, start: START, durationS: 15, flights: 0, includeDemoCrossing: true });
    const log: Received[] = [];
    const mx = await node(
      'mx',
      log,
      (r) => (log.length % 2 === 0 ? { status: 503, body: {} } : { status: 200, body: `${r.path}` }),
      { start: 0 },
      { now: 0, max: 0 },
    );
    const driver = new SimulatorDriver({ targets: { mx: { url: mx.url, token: 't' } }, scenario, speed: 50 });
    driver.start();
    await driver.finished();
    await close(mx.server);
    const stats = driver.stats();
    assert.ok(stats.sent > 2);
    assert.equal(stats.failed, stats.sent);
    assert.ok(stats.lastError);

    // Nothing listens on this port any more.
    const gone = new SimulatorDriver({ targets: { mx: { url: mx.url, token: 't' } }, scenario, speed: 50, timeoutMs: 1000 });
    gone.start();
    await gone.finished();
    assert.equal(gone.stats().failed, gone.stats().sent);
    assert.ok(gone.stats().sent > 0);
  });

  it('refuses bad options', () => {
    const scenario = buildScenario({ seed: 1, start: START, durationS: 5, flights: 0 });
    assert.throws(() => new SimulatorDriver({ targets: {}, scenario, speed: 0 }), RangeError);
    assert.throws(() => new SimulatorDriver({ targets: {}, scenario, concurrency: 0 }), RangeError);
    assert.throws(() => new SimulatorDriver({ targets: { us: { url: 'ftp://x', token: 't' } }, scenario }), RangeError);
    const d = new SimulatorDriver({ targets: {}, scenario });
    d.start();
    assert.throws(() => d.start());
    return d.stop();
  });
});
