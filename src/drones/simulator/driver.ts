/**
 * Replays a scenario against running nodes: each report is posted to its node's detections
 * endpoint when its arrival time comes round on the wall clock (scaled by `speed`), with at most
 * `concurrency` requests in flight over kept-alive connections.
 *
 * Transport is node:http(s) with a keep-alive Agent rather than global fetch: on a two-core
 * machine fetch (undici) tops out near 1,000 posts a second against a do-nothing server, exactly
 * the benchmark's rate with nothing to spare, where node:http manages over three times that.
 */
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { reportsBetween, type Scenario, type SensorReport } from './scenario.js';
import type { NodeName } from './sensors.js';

export interface DriverTarget {
  /** The node's base URL, e.g. http://127.0.0.1:8443. */
  url: string;
  /** Bearer token of an account with the drones:ingest permission. */
  token: string;
  /** PEM certificate(s) to trust for an https node with its own CA. */
  ca?: string;
}

export interface DriverOptions {
  targets: Partial<Record<NodeName, DriverTarget>>;
  scenario: Scenario;
  /**
   * Scenario seconds per wall-clock second; 1 is real time. The payloads carry scenario times, so
   * at any other speed they drift from the node's clock and, past its 60 s skew allowance, are
   * refused as future or stale: faster runs suit short scenarios and test servers.
   */
  speed?: number;
  /** Requests in flight at most, all nodes together. Default 16. */
  concurrency?: number;
  /** Per request, ms. Default 10 000. */
  timeoutMs?: number;
  /**
   * Scenario time to begin the replay at (default its start): reports before it are not sent. A
   * demo that wants its drone over the line sooner builds the scenario in the past and joins it here.
   */
  from?: number;
}

export interface NodeStats {
  /** Requests made. */
  sent: number;
  /** Detections the node took in (its answer's `accepted`). */
  accepted: number;
  /** Detections the node refused: each entry of its answer's `rejected`, and each 4xx. */
  rejected: number;
  /** Requests that got no usable answer: network errors, timeouts, 5xx, unreadable bodies. */
  failed: number;
}

export interface DriverStats extends NodeStats {
  byNode: Record<NodeName, NodeStats>;
  /** Reports for a node with no target, not sent. */
  skipped: number;
  /** Refusals by reason (the answer's `reason`, or a 4xx error's `error_code`). */
  reasons: Record<string, number>;
  /** Worst delay of a post behind its scheduled time, ms of wall clock. */
  maxLagMs: number;
  lastError: string | null;
  done: boolean;
}

/** Scenario time generated at a time: small, so that generating never delays a post for long. */
const CHUNK_MS = 250;
const PATH = '/api/v1/drones/detections';
/** A node's answer is a few hundred bytes; anything past this is not an answer worth reading. */
const MAX_ANSWER_BYTES = 1024 * 1024;

const emptyNode = (): NodeStats => ({ sent: 0, accepted: 0, rejected: 0, failed: 0 });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class SimulatorDriver {
  private readonly scenario: Scenario;
  private readonly targets: Partial<Record<NodeName, DriverTarget>>;
  private readonly speed: number;
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  private readonly from: number;
  private readonly counts = {
    byNode: { us: emptyNode(), mx: emptyNode() },
    skipped: 0,
    reasons: {} as Record<string, number>,
    maxLagMs: 0,
    lastError: null as string | null,
    done: false,
  };
  private readonly inFlight = new Set<Promise<void>>();
  private run: Promise<void> | null = null;
  private stopped = false;
  private wake: (() => void) | null = null;
  private wallStart = 0;
  private readonly agents: Partial<Record<NodeName, http.Agent>> = {};

  constructor(o: DriverOptions) {
    const speed = o.speed ?? 1;
    const concurrency = o.concurrency ?? 16;
    if (!Number.isFinite(speed) || speed <= 0) throw new RangeError(`speed must be positive (got ${speed})`);
    if (!Number.isInteger(concurrency) || concurrency < 1)
      throw new RangeError(`concurrency must be a positive integer (got ${concurrency})`);
    for (const [node, target] of Object.entries(o.targets)) {
      if (target && !/^https?:\/\//.test(target.url)) throw new RangeError(`target ${node}: url must be http(s) (got ${target.url})`);
    }
    this.scenario = o.scenario;
    this.targets = o.targets;
    for (const node of ['us', 'mx'] as const) {
      const target = o.targets[node];
      if (!target) continue;
      const options = { keepAlive: true, maxSockets: concurrency };
      this.agents[node] = target.url.startsWith('https:')
        ? new https.Agent({ ...options, ...(target.ca ? { ca: target.ca } : {}) })
        : new http.Agent(options);
    }
    this.speed = speed;
    this.concurrency = concurrency;
    this.timeoutMs = o.timeoutMs ?? 10_000;
    this.from = Math.max(o.from ?? o.scenario.start, o.scenario.start);
  }

  /** Begins the replay now: the scenario's start is mapped to this moment. */
  start(): void {
    if (this.run) throw new Error('the simulator driver has already been started');
    this.wallStart = performance.now();
    this.run = this.replay();
  }

  /** Stops scheduling and resolves once every request in flight has been answered. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.run;
  }

  /** Resolves when the whole scenario has been sent (or the driver stopped). */
  async finished(): Promise<void> {
    await this.run;
  }

  stats(): DriverStats {
    const { us, mx } = this.counts.byNode;
    const total = (k: keyof NodeStats) => us[k] + mx[k];
    return {
      sent: total('sent'),
      accepted: total('accepted'),
      rejected: total('rejected'),
      failed: total('failed'),
      byNode: { us: { ...us }, mx: { ...mx } },
      skipped: this.counts.skipped,
      reasons: { ...this.counts.reasons },
      maxLagMs: this.counts.maxLagMs,
      lastError: this.counts.lastError,
      done: this.counts.done,
    };
  }

  private async replay(): Promise<void> {
    const { end } = this.scenario;
    const start = this.from;
    try {
      for (let cursor = start; cursor < end && !this.stopped; cursor += CHUNK_MS) {
        for (const report of reportsBetween(this.scenario, cursor, Math.min(end, cursor + CHUNK_MS))) {
          const due = this.wallStart + (report.at - start) / this.speed;
          await this.sleepUntil(due);
          if (this.stopped) break;
          while (this.inFlight.size >= this.concurrency) await Promise.race(this.inFlight);
          if (this.stopped) break;
          this.counts.maxLagMs = Math.max(this.counts.maxLagMs, performance.now() - due);
          this.dispatch(report);
        }
      }
    } finally {
      await Promise.all(this.inFlight);
      // Idle kept-alive sockets would otherwise hold the process (and the node's server) open.
      for (const agent of Object.values(this.agents)) agent.destroy();
      this.counts.done = true;
    }
  }

  private sleepUntil(due: number): Promise<void> {
    const delay = due - performance.now();
    if (delay < 1 || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, delay);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }

  private dispatch(report: SensorReport): void {
    const target = this.targets[report.node];
    if (!target) {
      this.counts.skipped += 1;
      return;
    }
    const p = this.post(report, target).finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  private async post(report: SensorReport, target: DriverTarget): Promise<void> {
    const node = this.counts.byNode[report.node];
    node.sent += 1;
    try {
      const { status, text } = await this.request(report, target);
      this.account(report.node, status, text);
    } catch (caught) {
      node.failed += 1;
      this.counts.lastError = `${report.node}: ${caught instanceof Error ? caught.message : String(caught)}`;
    }
  }

  private request(report: SensorReport, target: DriverTarget): Promise<{ status: number; text: string }> {
    const url = new URL(`${target.url.replace(/\/+$/, '')}${PATH}`);
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = transport.request(
        url,
        {
          method: 'POST',
          agent: this.agents[report.node],
          headers: {
            'Content-Type': report.contentType,
            'Content-Length': report.body.byteLength,
            Authorization: `Bearer ${target.token}`,
            'X-Enlace-Sensor': report.sensor,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_ANSWER_BYTES) req.destroy(new Error(`answer larger than ${MAX_ANSWER_BYTES} bytes`));
            else chunks.push(chunk);
          });
          // Reading the answer to its end is what returns the socket to the keep-alive pool.
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.setTimeout(this.timeoutMs, () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(report.body);
    });
  }

  private account(nodeName: NodeName, status: number, text: string): void {
    const node = this.counts.byNode[nodeName];
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      // Left null: judged below by status.
    }
    if (status === 200 || status === 202) {
      const accepted = isRecord(body) ? body.accepted : undefined;
      const rejected = isRecord(body) ? body.rejected : undefined;
      if (typeof accepted !== 'number' || !Array.isArray(rejected)) {
        node.failed += 1;
        this.counts.lastError = `${nodeName}: HTTP ${status} with an answer that is not {accepted, rejected}`;
        return;
      }
      node.accepted += accepted;
      node.rejected += rejected.length;
      for (const r of rejected) this.countReason(isRecord(r) && typeof r.reason === 'string' ? r.reason : 'unknown');
      return;
    }
    if (status >= 400 && status < 500) {
      node.rejected += 1;
      const code = isRecord(body) && typeof body.error_code === 'string' ? body.error_code : `http-${status}`;
      this.countReason(code);
      this.counts.lastError = `${nodeName}: HTTP ${status} ${isRecord(body) && typeof body.title === 'string' ? body.title : ''}`.trim();
      return;
    }
    node.failed += 1;
    this.counts.lastError = `${nodeName}: HTTP ${status}`;
  }

  private countReason(reason: string): void {
    this.counts.reasons[reason] = (this.counts.reasons[reason] ?? 0) + 1;
  }
}
