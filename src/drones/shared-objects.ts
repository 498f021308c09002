/**
 * Follows the node's change feed for drone incidents and acknowledgements, whoever made them:
 * this node's rules, or the partner's through push or pull. The store is the one truth on both
 * sides, so a restart rebuilds the same incidents and alerts by reading the feed from the start.
 */
import type { NodeContext } from '../node/context.js';
import { ACK_TYPE, INCIDENT_TYPE, ackFromStix, incidentFromStix, type AlertAck } from './incidents/stix.js';
import type { IncidentView } from './model.js';

const PAGE = 500;

export interface SharedObjectHandlers {
  onIncident(view: IncidentView): void;
  onAck(ack: AlertAck): void;
}

export class SharedObjects {
  private readonly afterSeq = new Map<string, number>();
  private readonly views = new Map<string, IncidentView>();
  /** Peer name by identity id, learnt lazily: origins shown on the map and in alerts. */
  private readonly peerNames = new Map<string, string>();
  private reading: Promise<void> | null = null;
  private again = false;
  private readonly onCommitted = () => this.readSoon();

  constructor(
    private readonly ctx: NodeContext,
    private readonly handlers: SharedObjectHandlers,
  ) {}

  async start(): Promise<void> {
    this.ctx.events.on('committed', this.onCommitted);
    await this.readAll();
  }

  stop(): void {
    this.ctx.events.off('committed', this.onCommitted);
  }

  /** Newest version of every incident known, newest first. */
  incidents(): IncidentView[] {
    return [...this.views.values()].sort((a, b) => b.updatedAt - a.updatedAt);
  }

  incident(id: string): IncidentView | undefined {
    return this.views.get(id);
  }

  /** Resolves when everything committed so far has been read. */
  async caughtUp(): Promise<void> {
    this.readSoon();
    while (this.reading) await this.reading;
  }

  private readSoon(): void {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = (async () => {
      do {
        this.again = false;
        try {
          await this.readAll();
        } catch (e) {
          this.ctx.log.error({ err: (e as Error).message }, 'reading drone incidents from the feed failed');
        }
      } while (this.again);
    })().finally(() => {
      this.reading = null;
    });
  }

  private async readAll(): Promise<void> {
    for (const c of await this.ctx.store.listCollections()) {
      for (;;) {
        const after = this.afterSeq.get(c.id) ?? 0;
        const page = await this.ctx.store.queryObjects({
          collectionId: c.id,
          types: [INCIDENT_TYPE, ACK_TYPE],
          versions: { all: true, first: false, last: false, timestampsUs: [] },
          afterSeq: after,
          limit: PAGE,
          withBody: true,
        });
        for (const row of page.rows) await this.take(row.type, row.body, row.originator, row.version);
        const last = page.rows[page.rows.length - 1];
        if (last) this.afterSeq.set(c.id, last.seq);
        if (!page.more || !last) break;
      }
    }
  }

  private async take(type: string, body: string, originator: string, version: string): Promise<void> {
    try {
      const object: unknown = JSON.parse(body);
      if (type === ACK_TYPE) {
        this.handlers.onAck(ackFromStix(object));
        return;
      }
      const incident = incidentFromStix(object);
      const known = this.views.get(incident.id);
      // Versions may arrive out of order (pull after push): only a newer one replaces what is shown.
      if (known && known.updatedAt > incident.updatedAt) return;
      const view: IncidentView = { ...incident, origin: await this.originName(originator), version };
      this.views.set(view.id, view);
      this.handlers.onIncident(view);
    } catch (e) {
      // Intake validated it against the extension's schema; a reader that cannot map it is a bug
      // to log, not a reason to stop following the feed.
      this.ctx.log.error({ type, err: (e as Error).message }, 'a stored drone object could not be read');
    }
  }

  private async originName(originator: string): Promise<string> {
    if (originator === this.ctx.identity.id) return 'local';
    const cached = this.peerNames.get(originator);
    if (cached) return cached;
    const peer = await this.ctx.store.getPeerByIdentity(originator);
    const name = peer?.name ?? originator;
    this.peerNames.set(originator, name);
    return name;
  }
}
