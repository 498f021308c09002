/**
 * The alerts people act on: one per incident and rule, raised when an incident version is seen
 * (ours or the partner's), escalated while nobody acknowledges it, settled by the earliest
 * acknowledgement from either side of the border.
 *
 * Incident versions and acknowledgements arrive over the network in any order and more than
 * once; the book's state after a set of them does not depend on the order (a property test
 * holds it to that). Hence: first sight of an (incident, rule) raises, later sights are no-ops;
 * an acknowledgement that arrives before its alert waits for it; among acknowledgements the
 * earliest wins, ties broken by country then account so that both nodes pick the same one.
 */
import type { Alert, AlertState, IncidentView } from '../model.js';
import { factsOf } from './position.js';
import { checkAcknowledgement, checkIncident, isCountry, type Acknowledgement } from './validate.js';

export type { Acknowledgement } from './validate.js';

export interface AlertChange {
  kind: 'raised' | 'escalated' | 'acknowledged';
  alert: Alert;
}

export interface AlertBookOptions {
  /** ISO 3166-1 alpha-2 of this node. */
  country: string;
  /** Unacknowledged for this long, an alert goes up one level (at most level 3). */
  escalateAfterMs?: number;
  now?: () => number;
  /** Incidents that raise no alert (exercises, policy); asked at each sight. */
  suppressed?: (incident: IncidentView) => boolean;
  /** Acknowledgements waiting for an alert that never comes are bounded; the oldest go first. */
  maxPendingAcks?: number;
}

export const DEFAULT_ESCALATE_AFTER_MS = 60_000;
export const DEFAULT_MAX_PENDING_ACKS = 10_000;

interface Entry {
  alert: Alert;
  /** The latest time the level was worked out for: the book's view of "now" for this alert. */
  evaluatedAt: number;
}

/** Whether acknowledgement a settles the alert before b: earlier, or the same ms and first in order. */
function earlier(a: Acknowledgement, b: { acknowledgedAt: number; account: string; country: string }): boolean {
  if (a.acknowledgedAt !== b.acknowledgedAt) return a.acknowledgedAt < b.acknowledgedAt;
  if (a.country !== b.country) return a.country < b.country;
  return a.account < b.account;
}

function copy(a: Alert): Alert {
  return { ...a, params: { ...a.params }, acknowledgedBy: a.acknowledgedBy ? { ...a.acknowledgedBy } : null };
}

export class AlertBook {
  readonly country: string;
  readonly escalateAfterMs: number;
  private readonly now: () => number;
  private readonly suppressed: (incident: IncidentView) => boolean;
  private readonly maxPendingAcks: number;
  private readonly alerts = new Map<string, Entry>();
  /** Unacknowledged alert ids: what tick() has to look at. */
  private readonly open = new Set<string>();
  private readonly pendingAcks = new Map<string, Acknowledgement>();

  constructor(o: AlertBookOptions) {
    if (!isCountry(o.country)) throw new RangeError(`country must be ISO 3166-1 alpha-2, got ${JSON.stringify(o.country)}`);
    const after = o.escalateAfterMs ?? DEFAULT_ESCALATE_AFTER_MS;
    if (!Number.isFinite(after) || after <= 0) throw new RangeError(`escalateAfterMs must be > 0, got ${after}`);
    const maxPending = o.maxPendingAcks ?? DEFAULT_MAX_PENDING_ACKS;
    if (!Number.isInteger(maxPending) || maxPending < 0) throw new RangeError(`maxPendingAcks must be an integer ≥ 0, got ${maxPending}`);
    this.country = o.country;
    this.escalateAfterMs = after;
    this.now = o.now ?? Date.now;
    this.suppressed = o.suppressed ?? (() => false);
    this.maxPendingAcks = maxPending;
  }

  /** The level an alert raised at raisedAt has reached by time t if nobody acknowledged it. */
  levelAt(raisedAt: number, t: number): 1 | 2 | 3 {
    const periods = Math.floor((t - raisedAt) / this.escalateAfterMs);
    return periods >= 2 ? 3 : periods >= 1 ? 2 : 1;
  }

  /**
   * Raises the alerts of an incident version not raised before. Closed incidents raise too: the
   * acknowledgement is still owed. Throws AlertRefusal (nothing stored) on a malformed incident.
   */
  fromIncident(incident: IncidentView): AlertChange[] {
    checkIncident(incident);
    if (this.suppressed(incident)) return [];
    const now = this.now();
    const fresh: Alert[] = [];
    for (const rule of new Set(incident.rules)) {
      const id = `${incident.id}/${rule}`;
      if (this.alerts.has(id)) continue;
      // Throws before anything is stored if any rule of the version is unusable.
      const facts = factsOf(incident, rule);
      fresh.push({
        id,
        incidentId: incident.id,
        rule,
        origin: incident.origin,
        originCountry: incident.originCountry,
        raisedAt: facts.raisedAt,
        level: 1,
        state: 'open',
        acknowledgedAt: null,
        acknowledgedBy: null,
        lat: facts.lat,
        lon: facts.lon,
        params: facts.params,
      });
    }
    return fresh.map((alert) => {
      const entry: Entry = { alert, evaluatedAt: now };
      this.alerts.set(alert.id, entry);
      const waiting = this.pendingAcks.get(alert.id);
      this.pendingAcks.delete(alert.id);
      if (waiting) this.settle(entry, waiting);
      else {
        this.open.add(alert.id);
        alert.level = this.levelAt(alert.raisedAt, now);
      }
      return { kind: 'raised', alert: copy(alert) };
    });
  }

  /**
   * Applies an acknowledgement made here or at the partner. Returns the change, or null when it
   * changes nothing (a repeat, a later one, or one still waiting for its alert). Throws
   * AlertRefusal on a malformed acknowledgement.
   */
  acknowledge(ack: Acknowledgement): AlertChange | null {
    const a = checkAcknowledgement(ack);
    const id = `${a.incidentId}/${a.rule}`;
    const entry = this.alerts.get(id);
    if (!entry) {
      const waiting = this.pendingAcks.get(id);
      if (waiting && !earlier(a, waiting)) return null;
      this.pendingAcks.delete(id);
      while (this.pendingAcks.size >= this.maxPendingAcks && this.pendingAcks.size > 0) {
        const oldest = this.pendingAcks.keys().next().value;
        if (oldest === undefined) break;
        this.pendingAcks.delete(oldest);
      }
      if (this.maxPendingAcks > 0) this.pendingAcks.set(id, a);
      return null;
    }
    const current = entry.alert;
    if (
      current.acknowledgedAt !== null &&
      current.acknowledgedBy &&
      !earlier(a, { acknowledgedAt: current.acknowledgedAt, ...current.acknowledgedBy })
    )
      return null;
    this.settle(entry, a);
    return { kind: 'acknowledged', alert: copy(current) };
  }

  /**
   * Escalates the unacknowledged alerts whose level rose by `now`; returns those. Time that goes
   * backwards lowers nothing.
   */
  tick(now: number = this.now()): AlertChange[] {
    const changes: AlertChange[] = [];
    for (const id of this.open) {
      const entry = this.alerts.get(id);
      if (!entry) continue;
      entry.evaluatedAt = Math.max(entry.evaluatedAt, now);
      const level = this.levelAt(entry.alert.raisedAt, entry.evaluatedAt);
      if (level > entry.alert.level) {
        entry.alert.level = level;
        changes.push({ kind: 'escalated', alert: copy(entry.alert) });
      }
    }
    return changes;
  }

  /** Newest first (by raisedAt, then id so that equal times list the same way everywhere). */
  list(filter: { state?: AlertState } = {}): Alert[] {
    const out: Alert[] = [];
    for (const { alert } of this.alerts.values()) if (!filter.state || alert.state === filter.state) out.push(copy(alert));
    return out.sort((a, b) => b.raisedAt - a.raisedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  get(id: string): Alert | undefined {
    const entry = this.alerts.get(id);
    return entry ? copy(entry.alert) : undefined;
  }

  /** Acknowledgements held for alerts not yet seen. */
  get pendingAcknowledgements(): number {
    return this.pendingAcks.size;
  }

  /**
   * The level of an acknowledged alert is how far it escalated before the acknowledgement, not
   * how far it got here before the news arrived: an earlier acknowledgement can lower it.
   */
  private settle(entry: Entry, a: Acknowledgement): void {
    const alert = entry.alert;
    alert.state = 'acknowledged';
    alert.acknowledgedAt = a.acknowledgedAt;
    alert.acknowledgedBy = { account: a.account, country: a.country };
    alert.level = this.levelAt(alert.raisedAt, Math.min(entry.evaluatedAt, a.acknowledgedAt));
    this.open.delete(alert.id);
  }
}
