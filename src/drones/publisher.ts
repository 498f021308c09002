/**
 * Turns incident changes into signed STIX versions through intake (the only way in), then asks the
 * sync engine to push at once. One flush runs at a time, so versions of an incident are stored in
 * the order they were made and their `modified` strictly increases.
 */
import { ingestObjects } from '../intake/service.js';
import type { NodeContext } from '../node/context.js';
import { TLP2_MARKING_IDS } from '../stix/index.js';
import type { IncidentBook } from './incidents/book.js';
import { ackToStix, incidentToStix, type AlertAck } from './incidents/stix.js';

/** Incidents signed and stored per transaction when many are due at once. */
const PUBLISH_BATCH = 16;
/** Batches per run before yielding to the timer: a backlog never monopolises the publisher. */
const MAX_BATCHES_PER_RUN = 64;

/** The account name intake records as the author of what the drone rules make. */
export const DRONE_AUTHOR = 'enlace-drones';

export class IncidentPublisher {
  private flushing: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  /** Last `modified` given to each incident, ms: versions must strictly increase. */
  private readonly lastModified = new Map<string, number>();
  private collectionId: string | null = null;
  /** Incidents with a new rule hit since they were last published: they go first. */
  private readonly urgentIds = new Set<string>();

  constructor(
    private readonly ctx: NodeContext,
    private readonly book: IncidentBook,
    private readonly now: () => number,
    private readonly intervalMs = 250,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.publishNow(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  /** Publishes whatever is due now; a call during a flush makes the flush run once more. */
  publishNow(urgentId?: string): void {
    if (urgentId !== undefined) this.urgentIds.add(urgentId);
    if (this.flushing) {
      this.again = true;
      return;
    }
    this.flushing = this.run().finally(() => {
      this.flushing = null;
    });
  }

  /** Resolves when nothing due is left unpublished. */
  async flush(): Promise<void> {
    this.publishNow();
    while (this.flushing) await this.flushing;
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.publishDue();
      } catch (e) {
        // The incident stays due and goes with the next flush; nothing is lost in memory.
        this.ctx.log.error({ err: (e as Error).message }, 'publishing drone incidents failed');
        return;
      }
    } while (this.again);
  }

  /**
   * Everything due, in small batches with the incidents that hold new rule hits first: each batch
   * is pushed while the next is signed, so the first alerts of a burst (many drones taking off at
   * once) reach the partner without waiting for the whole burst to be signed and sent.
   */
  private async publishDue(): Promise<void> {
    // Planned again before every batch: a rule hit that comes in while trail-only updates of a
    // hundred incidents are being written goes in the very next batch, not after all of them.
    for (let batches = 0; batches < MAX_BATCHES_PER_RUN; batches++) {
      const now = this.now();
      const all = this.book.due(now);
      if (all.length === 0) return;
      const urgent = all.filter((i) => this.urgentIds.has(i.id));
      const rest = all.filter((i) => !this.urgentIds.has(i.id));
      await this.publishBatch([...urgent, ...rest].slice(0, PUBLISH_BATCH), now);
      if (all.length <= PUBLISH_BATCH) return;
    }
    // More left than one run should take: the next tick (or the next hit) carries on.
  }

  private async publishBatch(due: ReturnType<IncidentBook['due']>, now: number): Promise<void> {
    const ready: Array<{ incident: (typeof due)[number]; object: ReturnType<typeof incidentToStix> }> = [];
    for (const incident of due) {
      // A sensor's clock may run ahead of ours (CoT allows a minute of skew): the version must not
      // be older than what it describes, and must follow the previous version of the incident.
      const modified = Math.max(now, incident.updatedAt, incident.openedAt, (this.lastModified.get(incident.id) ?? 0) + 1);
      try {
        ready.push({
          incident,
          object: incidentToStix(incident, { createdByRef: this.ctx.identity.id, objectMarkingRefs: this.markings(), modified }),
        });
        this.lastModified.set(incident.id, modified);
      } catch (e) {
        // One incident that cannot be written must not hold back the others; it stays due.
        this.ctx.log.error({ incident: incident.id, err: (e as Error).message }, 'a drone incident could not be written as STIX');
      }
    }
    if (ready.length === 0) return;
    const objects = ready.map((r) => r.object);
    const collectionId = await this.collection();
    const results = await ingestObjects(this.ctx, collectionId, objects, { kind: 'account', username: DRONE_AUTHOR });
    for (const [i, r] of results.entries()) {
      const incident = ready[i]?.incident;
      if (!incident) continue;
      if (r.outcome === 'rejected') {
        this.ctx.log.error({ incident: incident.id, err: r.error?.message }, 'a drone incident was refused by intake');
        continue;
      }
      this.book.markPublished(incident.id, now);
      this.urgentIds.delete(incident.id);
    }
    this.ctx.events.emit('urgent', collectionId);
  }

  async publishAck(ack: AlertAck): Promise<void> {
    const collectionId = await this.collection();
    const object = ackToStix(ack, { createdByRef: this.ctx.identity.id, objectMarkingRefs: this.markings(), modified: ack.acknowledgedAt });
    const [r] = await ingestObjects(this.ctx, collectionId, [object], { kind: 'account', username: ack.account });
    if (r?.outcome === 'rejected' && r.error) throw r.error;
    this.ctx.events.emit('urgent', collectionId);
  }

  private markings(): string[] {
    return [TLP2_MARKING_IDS[this.ctx.config.drones.marking]];
  }

  private async collection(): Promise<string> {
    if (this.collectionId) return this.collectionId;
    const configured = this.ctx.config.drones.collectionId;
    const all = await this.ctx.store.listCollections();
    const found = configured ? all.find((c) => c.id === configured) : all[0];
    if (!found)
      throw new Error(configured ? `drones.collectionId ${configured} is not a collection of this node` : 'this node has no collection');
    this.collectionId = found.id;
    return found.id;
  }
}
