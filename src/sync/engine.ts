import { EnlaceError } from '../errors/index.js';
import type { NodeContext } from '../node/context.js';
import { formatTimestampUs } from '../stix/index.js';
import type { AuditPeerState, PeerRecord, PeerSyncState } from '../store/types.js';
import { runHeadExchange } from '../audit/head-exchange.js';
import { PeerClient } from './client.js';
import { pullFromPeer } from './pull.js';
import { outgoingBacklog, pushToPeer } from './push.js';
import type { PeerStatus, SyncController, SyncReport } from './types.js';

interface PeerLoop {
  timer: NodeJS.Timeout | null;
  running: Promise<SyncReport | null> | null;
  /** A pass was asked for while one ran: run again right after. */
  again: boolean;
  nextDelayMs: number;
  /** The push in progress (a pass's or an urgent one): pushes to one peer never overlap. */
  pushing: Promise<unknown> | null;
  /** An urgent push was asked for while one ran: push again right after. */
  urgentAgain: boolean;
}

function emptyState(peer: string): PeerSyncState {
  return {
    peer,
    lastSuccessUs: null,
    lastAttemptUs: null,
    lastFailureUs: null,
    lastFailureReason: null,
    consecutiveFailures: 0,
    pulledTotal: 0,
    pushedTotal: 0,
    rejectedTotal: 0,
    incomingBacklog: 0,
    lastPulledDateAddedUs: null,
  };
}

const iso = (us: number | null): string | null => (us === null ? null : formatTimestampUs(us, 3));

/** How the exchange of signed tree heads with a peer stands, for its status. */
function auditStatus(s: AuditPeerState | null): PeerStatus['audit'] {
  if (!s)
    return {
      state: 'never',
      lastSuccess: null,
      lastFailure: null,
      lastFailureCode: null,
      lastFailureReason: null,
      peerTreeSize: null,
      ownTreeSize: null,
    };
  return {
    state: s.consecutiveFailures > 0 ? 'failing' : s.lastSuccessUs === null ? 'never' : 'ok',
    lastSuccess: iso(s.lastSuccessUs),
    lastFailure: iso(s.lastFailureUs),
    lastFailureCode: s.lastFailureCode,
    lastFailureReason: s.lastFailureReason,
    peerTreeSize: s.peerTreeSize,
    ownTreeSize: s.handedTreeSize,
  };
}

/**
 * One background loop per peer: pull, then push, on a timer and right after local commits, with
 * exponential backoff while the partner fails. One pass per peer runs at a time.
 */
export class SyncEngine implements SyncController {
  private readonly loops = new Map<string, PeerLoop>();
  private stopped = true;
  private readonly onCommitted = () => this.pushSoon();
  private readonly onPeersChanged = () => void this.reload();
  private readonly onUrgent = () => this.pushUrgently();

  constructor(private readonly ctx: NodeContext) {}

  async start(): Promise<void> {
    this.stopped = false;
    this.ctx.events.on('committed', this.onCommitted);
    this.ctx.events.on('peersChanged', this.onPeersChanged);
    this.ctx.events.on('urgent', this.onUrgent);
    await this.reload();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.ctx.events.off('committed', this.onCommitted);
    this.ctx.events.off('peersChanged', this.onPeersChanged);
    this.ctx.events.off('urgent', this.onUrgent);
    for (const loop of this.loops.values()) if (loop.timer) clearTimeout(loop.timer);
    await Promise.allSettled([...this.loops.values()].flatMap((l) => [l.running, l.pushing]));
    this.loops.clear();
  }

  private async reload(): Promise<void> {
    const peers = await this.ctx.store.listPeers();
    for (const [name, loop] of this.loops) {
      if (peers.some((p) => p.name === name)) continue;
      if (loop.timer) clearTimeout(loop.timer);
      this.loops.delete(name);
    }
    for (const p of peers) {
      const loop = this.loops.get(p.name);
      if (!loop) {
        this.loops.set(p.name, { timer: null, running: null, again: false, nextDelayMs: 0, pushing: null, urgentAgain: false });
        this.schedule(p.name, 0);
      } else if (!loop.timer && !loop.running) {
        // Left by a `syncNow` before the engine started: it has no timer yet.
        this.schedule(p.name, 0);
      }
    }
  }

  private schedule(name: string, delayMs: number): void {
    const loop = this.loops.get(name);
    if (!loop || this.stopped) return;
    if (loop.timer) clearTimeout(loop.timer);
    loop.timer = setTimeout(() => {
      loop.timer = null;
      if (!this.stopped) void this.runLoopPass(name);
    }, delayMs);
    loop.timer.unref();
  }

  private pushSoon(): void {
    for (const [name, loop] of this.loops) {
      if (loop.running) loop.again = true;
      // Only shorten the wait: a failing peer keeps its backoff.
      else if (loop.nextDelayMs <= this.ctx.config.sync.pullIntervalSeconds * 1000) this.schedule(name, this.ctx.config.sync.pushDelayMs);
    }
  }

  /**
   * Pushes to every healthy peer at once, without the batching delay, the pull or the tree-head
   * trade of a pass: drone alerts must reach the partner in well under a second (issue 5). The
   * push cursor still decides what goes, so nothing is sent twice by design and nothing is skipped.
   */
  private pushUrgently(): void {
    if (this.stopped) return;
    for (const [name, loop] of this.loops) {
      // A failing peer keeps its backoff; the next pass catches up.
      if (loop.nextDelayMs > this.ctx.config.sync.pullIntervalSeconds * 1000) continue;
      if (loop.pushing) {
        loop.urgentAgain = true;
        continue;
      }
      void this.urgentPush(name, loop);
    }
  }

  private async urgentPush(name: string, loop: PeerLoop): Promise<void> {
    do {
      loop.urgentAgain = false;
      const peer = await this.ctx.store.getPeer(name);
      if (!peer || this.stopped) return;
      try {
        const client = new PeerClient(this.ctx, peer);
        const pushed = await this.exclusivePush(loop, () => pushToPeer(this.ctx, client, this.ctx.config.sync.pageSize));
        if (pushed.rejections.length > 0) {
          await this.ctx.store.addRejections(
            pushed.rejections.map((r) => ({
              source: `peer:${peer.name}:refused`,
              objectId: r.objectId,
              version: null,
              reason: r.reason,
              atUs: Date.now() * 1000,
            })),
          );
        }
      } catch (e) {
        // The regular pass retries with backoff and reports the failure in peer status.
        this.ctx.log.warn({ peer: name, err: (e as Error).message }, 'urgent push failed');
        this.pushSoon();
        return;
      }
    } while (loop.urgentAgain && !this.stopped);
  }

  /** Runs one push to a peer after any push already under way to it has finished. */
  private async exclusivePush<T>(loop: PeerLoop, push: () => Promise<T>): Promise<T> {
    while (loop.pushing) await loop.pushing.catch(() => undefined);
    const run = push();
    loop.pushing = run;
    try {
      return await run;
    } finally {
      if (loop.pushing === run) loop.pushing = null;
    }
  }

  private async runLoopPass(name: string): Promise<void> {
    const report = await this.pass(name);
    const loop = this.loops.get(name);
    if (!loop || !report) return;
    const again = loop.again;
    loop.again = false;
    this.schedule(name, again && report.ok ? 0 : loop.nextDelayMs);
  }

  /** After any pass, timed or asked for: back to the pull interval, or a doubled wait while failing. */
  private settleDelay(loop: PeerLoop, report: SyncReport): void {
    const { pullIntervalSeconds, maxBackoffSeconds } = this.ctx.config.sync;
    if (report.ok) loop.nextDelayMs = pullIntervalSeconds * 1000;
    else loop.nextDelayMs = Math.min(Math.max(1000, loop.nextDelayMs * 2), maxBackoffSeconds * 1000);
  }

  /**
   * How long a peer's loop waits after its last pass before the next one: the pull interval, or
   * the backoff while the peer fails. Null for a peer the engine does not run.
   */
  nextPassDelayMs(peer: string): number | null {
    return this.loops.get(peer)?.nextDelayMs ?? null;
  }

  /** One pull+push with a peer, never two at once for the same peer. */
  private async pass(name: string): Promise<SyncReport | null> {
    const loop = this.loops.get(name) ?? { timer: null, running: null, again: false, nextDelayMs: 0, pushing: null, urgentAgain: false };
    if (loop.running) {
      loop.again = true;
      return loop.running;
    }
    // Marked running before the first await: a second caller (timer, syncNow) or `stop()` that
    // comes while the peer is being looked up must see this pass, not start or miss one.
    loop.running = (async () => {
      const peer = await this.ctx.store.getPeer(name);
      if (!peer) return null;
      const report = await this.exchange(peer, loop);
      this.settleDelay(loop, report);
      return report;
    })().finally(() => {
      loop.running = null;
    });
    if (!this.loops.has(name)) this.loops.set(name, loop);
    return loop.running;
  }

  private async exchange(peer: PeerRecord, loop: PeerLoop): Promise<SyncReport> {
    const started = Date.now();
    const state = (await this.ctx.store.getSyncState(peer.name)) ?? emptyState(peer.name);
    state.lastAttemptUs = started * 1000;
    const report: SyncReport = {
      peer: peer.name,
      ok: false,
      pulled: 0,
      pulledDuplicates: 0,
      pullRejected: 0,
      pushed: 0,
      pushRejected: 0,
      durationMs: 0,
    };
    const client = new PeerClient(this.ctx, peer);
    const { pageSize } = this.ctx.config.sync;
    try {
      const pulled = await pullFromPeer(this.ctx, client, pageSize);
      Object.assign(report, { pulled: pulled.added, pulledDuplicates: pulled.duplicates, pullRejected: pulled.rejected });
      state.incomingBacklog = pulled.remaining;
      if (pulled.lastAddedUs !== null) state.lastPulledDateAddedUs = pulled.lastAddedUs;
      const pushed = await this.exclusivePush(loop, () => pushToPeer(this.ctx, client, pageSize));
      Object.assign(report, { pushed: pushed.pushed, pushRejected: pushed.rejected });
      if (pushed.rejections.length > 0) {
        await this.ctx.store.addRejections(
          pushed.rejections.map((r) => ({
            source: `peer:${peer.name}:refused`,
            objectId: r.objectId,
            version: null,
            reason: r.reason,
            atUs: Date.now() * 1000,
          })),
        );
      }
      report.ok = true;
      state.lastSuccessUs = Date.now() * 1000;
      state.consecutiveFailures = 0;
    } catch (e) {
      report.error = (e as Error).message;
      if (e instanceof EnlaceError) report.failure = { code: e.code, params: e.params };
      state.lastFailureUs = Date.now() * 1000;
      state.lastFailureReason = report.error.slice(0, 500);
      state.consecutiveFailures += 1;
      this.ctx.log.warn({ peer: peer.name, err: report.error }, 'sync with peer failed');
    }
    // Tree heads are traded once objects went both ways, so each side's head covers the pass. A
    // failure is the audit's to report (peer status shows it); the objects already moved.
    if (report.ok) report.audit = await runHeadExchange(this.ctx, client);
    state.pulledTotal += report.pulled;
    state.pushedTotal += report.pushed;
    state.rejectedTotal += report.pullRejected + report.pushRejected;
    await this.ctx.store.saveSyncState(state);
    report.durationMs = Date.now() - started;
    return report;
  }

  /** What the peer sent and we refused (recorded by intake), and what we sent and it refused. */
  private async recentRejections(peer: string, limit: number) {
    const received = await this.ctx.store.listRejections(`peer:${peer}`, limit);
    const sent = await this.ctx.store.listRejections(`peer:${peer}:refused`, limit);
    return [...received.map((r) => ({ ...r, direction: 'received' as const })), ...sent.map((r) => ({ ...r, direction: 'sent' as const }))]
      .sort((x, y) => y.atUs - x.atUs)
      .slice(0, limit);
  }

  async syncNow(peer?: string): Promise<SyncReport[]> {
    const names = peer ? [peer] : (await this.ctx.store.listPeers()).map((p) => p.name);
    const reports = (await Promise.all(names.map((n) => this.pass(n)))).filter((r): r is SyncReport => r !== null);
    for (const r of reports) {
      // A success ends a backoff at once: the loop must not sleep on, ignoring local commits.
      const loop = this.loops.get(r.peer);
      if (r.ok && loop?.timer) this.schedule(r.peer, loop.nextDelayMs);
    }
    return reports;
  }

  async status(): Promise<PeerStatus[]> {
    const out: PeerStatus[] = [];
    const now = Date.now() * 1000;
    for (const p of await this.ctx.store.listPeers()) {
      const s = (await this.ctx.store.getSyncState(p.name)) ?? emptyState(p.name);
      const outgoing = await outgoingBacklog(this.ctx, p);
      const waiting = s.incomingBacklog + outgoing > 0 || s.consecutiveFailures > 0;
      const since = s.lastSuccessUs ?? s.lastAttemptUs;
      const rejections = await this.recentRejections(p.name, 5);
      out.push({
        peer: p.name,
        url: p.url,
        fingerprint: p.fingerprint,
        state: s.lastSuccessUs === null && s.lastAttemptUs === null ? 'never-synced' : s.consecutiveFailures > 0 ? 'failing' : 'ok',
        lastSuccess: iso(s.lastSuccessUs),
        lastAttempt: iso(s.lastAttemptUs),
        lastFailure: iso(s.lastFailureUs),
        lastFailureReason: s.lastFailureReason,
        consecutiveFailures: s.consecutiveFailures,
        lagObjects: { incoming: s.incomingBacklog, outgoing },
        lagSeconds: waiting && since !== null ? Math.round((now - since) / 1e6) : 0,
        pulledTotal: s.pulledTotal,
        pushedTotal: s.pushedTotal,
        rejectedTotal: s.rejectedTotal,
        recentRejections: rejections.map((r) => ({
          direction: r.direction,
          objectId: r.objectId,
          reason: r.reason,
          at: formatTimestampUs(r.atUs, 3),
        })),
        revokedByPeer: await this.ctx.store.countRevokedBy(p.identityId),
        audit: auditStatus(await this.ctx.store.getAuditPeerState(p.name)),
      });
    }
    return out;
  }
}
