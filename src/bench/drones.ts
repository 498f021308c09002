/**
 * `npm run bench:drones`: simulated sensors send 1,000 track updates per second into the U.S.
 * node for 60 seconds (BENCH_SECONDS, BENCH_RATE, BENCH_TRACKS change it). Both nodes run as their
 * own `enlace serve` processes on loopback, pinned to each other, with the demo's release
 * policies. The benchmark listens to the Mexico node's alert stream, as its console does, and
 * prints ingest throughput, the latency from a detection's arrival at the U.S. node to the alert
 * on Mexico's stream (p50, p99, max), whether any update or alert was lost, and each node's memory.
 * It reports numbers; it asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createAccount, issueApiToken } from '../accounts/service.js';
import { startNode } from '../demo/nodes.js';
import { MX_RELEASE_POLICY, US_RELEASE_POLICY } from '../demo/scenario.js';
import type { Alert } from '../drones/model.js';
import { basicAuth, followStream, type StreamFollower } from '../drones/stream-client.js';
import { SimulatorDriver } from '../drones/simulator/driver.js';
import { loadScenario } from '../drones/simulator/scenario.js';
import { initNode } from '../node/init.js';
import { openNode } from '../node/open.js';
import { addPeer, nodeCard } from '../peers/service.js';
import { freePort } from '../test-support/nodes.js';
import { memoryOf, percentile } from './measure.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const TRACKS = Number(process.env.BENCH_TRACKS ?? 200);
const PG_URL = process.env.BENCH_PG_URL;
const BURST_MS = 5000;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

interface BenchNode {
  dir: string;
  port: number;
  url: string;
  sensorToken: string;
}

async function prepare(work: string, name: 'us' | 'mx', country: string): Promise<BenchNode> {
  const dir = join(work, name);
  const port = await freePort();
  await initNode(dir, {
    name,
    organisation: `Bench ${name}`,
    country,
    port,
    databaseUrl: PG_URL,
    databaseSchema: PG_URL ? `bench_drones_${name}_${process.pid}` : undefined,
  });
  const ctx = await openNode(dir, { log: pino({ level: 'silent' }) });
  try {
    const sensor = await createAccount(ctx.store, { username: 'bench-sensor', password: 'bench-sensor-password', roles: ['sensor'] });
    await createAccount(ctx.store, { username: 'watch', password: 'watch-password', roles: ['analyst'] });
    await ctx.release.save(name === 'us' ? US_RELEASE_POLICY : MX_RELEASE_POLICY, 'bench');
    return { dir, port, url: `http://127.0.0.1:${port}`, sensorToken: await issueApiToken(ctx.store, sensor.id, 'bench') };
  } finally {
    await ctx.store.close();
  }
}

async function pin(a: BenchNode, b: BenchNode): Promise<void> {
  const ca = await openNode(a.dir, { log: pino({ level: 'silent' }) });
  const cb = await openNode(b.dir, { log: pino({ level: 'silent' }) });
  try {
    await addPeer(ca, nodeCard(cb), nodeCard(cb).fingerprint);
    await addPeer(cb, nodeCard(ca), nodeCard(ca).fingerprint);
  } finally {
    await ca.store.close();
    await cb.store.close();
  }
}

async function stats(node: BenchNode): Promise<{
  ingest: { accepted: Record<string, number>; rejected: Record<string, Record<string, number>> };
  openIncidents: number;
  liveTracks: number;
}> {
  const auth = 'Basic ' + Buffer.from('watch:watch-password').toString('base64');
  const r = await fetch(`${node.url}/api/v1/drones/stats`, { headers: { authorization: auth } });
  return (await r.json()) as Awaited<ReturnType<typeof stats>>;
}

async function alertsOf(node: BenchNode): Promise<Alert[]> {
  const auth = 'Basic ' + Buffer.from('watch:watch-password').toString('base64');
  const r = await fetch(`${node.url}/api/v1/drones/alerts`, { headers: { authorization: auth } });
  return ((await r.json()) as { alerts: Alert[] }).alerts;
}

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'enlace-bench-drones-'));
  const children: Array<ReturnType<typeof startNode> extends Promise<infer C> ? C : never> = [];
  let follower: StreamFollower | null = null;
  try {
    const us = await prepare(work, 'us', 'US');
    const mx = await prepare(work, 'mx', 'MX');
    await pin(us, mx);
    children.push(await startNode(us.dir, us.port, 'error'), await startNode(mx.dir, mx.port, 'error'));
    const seen = new Map<string, { at: number; sentAt: number; alert: Alert }>();
    const stream = followStream(
      mx.url,
      basicAuth('watch', 'watch-password'),
      (e, at, sentAt) => {
        if (e.type === 'alert' && !seen.has(e.alert.id)) seen.set(e.alert.id, { at, sentAt, alert: e.alert });
      },
      ['alert'],
    );
    follower = stream;
    await stream.ready;

    const start = Date.now() + 1000;
    const scenario = loadScenario({ seed: 5, start, updatesPerSecond: RATE, tracks: TRACKS, durationS: SECONDS });
    // Every sensor, Mexican ones included, reports to the U.S. node: the load goes in on one side.
    const target = { url: us.url, token: us.sensorToken };
    const driver = new SimulatorDriver({ targets: { us: target, mx: target }, scenario, concurrency: 32 });
    console.log(
      `bench:drones — ${RATE} updates/s from ${scenario.sensors.length} simulated sensors, ${TRACKS} drones, ${SECONDS} s, into the U.S. node (${PG_URL ? 'PostgreSQL' : 'SQLite'})`,
    );
    const began = Date.now();
    driver.start();
    await driver.finished();
    const elapsed = (Date.now() - began) / 1000;
    // Alerts of the last seconds are still on their way: give them the goal's time to arrive.
    await new Promise((r) => setTimeout(r, 2000));

    const d = driver.stats();
    const usStats = await stats(us);
    const accepted = sum(usStats.ingest.accepted);
    const usAlerts = await alertsOf(us);
    const latencyOf = (pick: (x: { at: number; sentAt: number }) => number) =>
      [...seen.values()]
        .map((x) => (typeof x.alert.params.receivedAt === 'number' ? pick(x) - x.alert.params.receivedAt : NaN))
        .filter((x) => Number.isFinite(x))
        .sort((a, b) => a - b);
    // Written to Mexico's stream (the node's own clock, the same machine's as the U.S. node's) …
    const latencies = latencyOf((x) => x.sentAt);
    // … and read by this process, which also drives the load and may lag behind.
    const readLatencies = latencyOf((x) => x.at);
    const missing = usAlerts.filter((a) => !seen.has(a.id)).length;
    if (process.env.BENCH_TRACE) {
      for (const { at, sentAt, alert } of [...seen.values()].sort((a, b) => a.at - b.at))
        console.log(
          `    ${at - began} ms  ${alert.rule}  written ${sentAt - Number(alert.params.receivedAt)} ms, read ${at - Number(alert.params.receivedAt)} ms`,
        );
    }
    console.log(
      `  sent: ${d.sent} requests, ${d.accepted} updates accepted, ${d.rejected} refused, ${d.failed} failed (worst send lag ${d.maxLagMs} ms)`,
    );
    console.log(
      `  ingest: ${(accepted / elapsed).toFixed(0)} updates/s over ${elapsed.toFixed(1)} s; the U.S. node counted ${accepted} accepted, ${sum(Object.fromEntries(Object.entries(usStats.ingest.rejected).map(([k, v]) => [k, sum(v)])))} refused`,
    );
    console.log(
      `  lost updates: ${d.accepted - accepted + d.failed} (sent and accepted ${d.accepted}, counted by the node ${accepted}, failed ${d.failed})`,
    );
    console.log(`  alerts: ${usAlerts.length} raised on the U.S. node, ${seen.size} reached Mexico's stream, ${missing} missing`);
    console.log(
      `  detection at the U.S. node → alert written to Mexico's stream: p50 ${percentile(latencies, 50, NaN)} ms, p99 ${percentile(latencies, 99, NaN)} ms, max ${latencies[latencies.length - 1] ?? NaN} ms (${latencies.length} alerts; goal p99 < 250 ms)`,
    );
    // Every drone of the load scenario takes off in the first second: its alerts come in one burst.
    const settled = [...seen.values()]
      .filter((x) => x.sentAt - began > BURST_MS)
      .map((x) => x.sentAt - Number(x.alert.params.receivedAt))
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    console.log(
      `  … after the first ${BURST_MS / 1000} s (all ${TRACKS} drones take off at once): p50 ${percentile(settled, 50, NaN)} ms, p99 ${percentile(settled, 99, NaN)} ms, max ${settled[settled.length - 1] ?? NaN} ms (${settled.length} alerts)`,
    );
    console.log(
      `  … and read by the benchmark's stream client: p50 ${percentile(readLatencies, 50, NaN)} ms, p99 ${percentile(readLatencies, 99, NaN)} ms, max ${readLatencies[readLatencies.length - 1] ?? NaN} ms`,
    );
    for (const [k, c] of [
      ['U.S.', children[0]],
      ['Mexico', children[1]],
    ] as const) {
      if (!c?.pid) continue;
      const m = memoryOf(c.pid);
      console.log(`  ${k} node memory: RSS ${mb(m.rss)} at the end, peak ${mb(m.hwm)}`);
    }
    if (d.reasons && Object.keys(d.reasons).length > 0) console.log(`  refusals by reason: ${JSON.stringify(d.reasons)}`);
  } finally {
    follower?.close();
    for (const c of children) c.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
