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

/** The account name intake records as the author of what the drone rules make. */
export const DRONE_AUTHOR = 'enlace-drones';

export class IncidentPublisher {
  private flushing: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  /** Last `modified` given to each incident, ms: versions must strictly increase. */
  private readonly lastModified = new Map<string, number>();
  private collectionId: string | null = null;

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
  publishNow(): void {
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

  private async publishDue(): Promise<void> {
    const now = this.now();
    const due = this.book.due(now);
    if (due.length === 0) return;
    const objects = due.map((incident) => {
      const modified = Math.max(now, (this.lastModified.get(incident.id) ?? 0) + 1);
      this.lastModified.set(incident.id, modified);
      return incidentToStix(incident, { createdByRef: this.ctx.identity.id, objectMarkingRefs: this.markings(), modified });
    });
    const collectionId = await this.collection();
    const results = await ingestObjects(this.ctx, collectionId, objects, { kind: 'account', username: DRONE_AUTHOR });
    for (const [i, r] of results.entries()) {
      const incident = due[i];
      if (!incident) continue;
      if (r.outcome === 'rejected') {
        this.ctx.log.error({ incident: incident.id, err: r.error?.message }, 'a drone incident was refused by intake');
        continue;
      }
      this.book.markPublished(incident.id, now);
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
    if (!found) throw new Error(configured ? `drones.collectionId ${configured} is not a collection of this node` : 'this node has no collection');
    this.collectionId = found.id;
    return found.id;
  }
}
