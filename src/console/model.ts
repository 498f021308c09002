/**
 * What the console's services share: who is looking (a viewer, never an HTTP request), and an
 * object as a row of the intelligence list, with its originator named the way people know it.
 */
import type { Permission } from '../accounts/model.js';
import type { NodeContext } from '../node/context.js';
import { formatTimestampUs } from '../stix/index.js';
import type { ConsoleRow } from '../store/types.js';

/** An account of this node, signed in to the console. */
export interface Viewer {
  username: string;
  accountId: string;
  roles: readonly string[];
  permissions: ReadonlySet<Permission>;
}

/** The TLP levels the console names, and "none" for objects without a TLP marking. */
export const TLP_FILTERS = ['clear', 'green', 'amber', 'amber+strict', 'red', 'none'] as const;
export type TlpLevelName = Exclude<(typeof TLP_FILTERS)[number], 'none'>;

export interface Originator {
  /** STIX identity id of the node that originated (and signed) the object. */
  id: string;
  /** The organisation, as pinned (or this node's own); the identity id when it is not known here. */
  name: string;
  /** ISO 3166-1 alpha-2 code; null when the originator is not known here. */
  country: string | null;
  self: boolean;
  /** The peer's local name, when a pinned peer originated it. */
  peer: string | null;
}

export interface ListItem {
  id: string;
  type: string;
  name: string | null;
  version: string;
  created: string | null;
  modified: string | null;
  /** When this node stored the newest version (ISO 8601, microseconds). */
  dateAdded: string;
  originator: Originator;
  tlp: TlpLevelName | null;
  grading: string | null;
  labels: string[];
  revoked: boolean;
  collection: string;
}

/** Originators by identity id: this node and its pinned peers, read once per request. */
export class Originators {
  private constructor(private readonly known: ReadonlyMap<string, Originator>) {}

  static async load(ctx: NodeContext): Promise<Originators> {
    const known = new Map<string, Originator>();
    for (const p of await ctx.store.listPeers()) {
      known.set(p.identityId, { id: p.identityId, name: p.organisation, country: p.country, self: false, peer: p.name });
    }
    const me = ctx.identity;
    known.set(me.id, { id: me.id, name: me.organisation, country: me.country, self: true, peer: null });
    return new Originators(known);
  }

  of(identityId: string): Originator {
    return this.known.get(identityId) ?? { id: identityId, name: identityId, country: null, self: false, peer: null };
  }

  all(): Originator[] {
    return [...this.known.values()];
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const TLP_NAMES = new Set<string>(TLP_FILTERS);

export function parseBody(body: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(body);
  return isRecord(parsed) ? parsed : {};
}

/** A stored newest version as the list shows it. */
export function listItemOf(row: ConsoleRow, originators: Originators, object: Record<string, unknown> = parseBody(row.body)): ListItem {
  const labels = Array.isArray(object['labels']) ? object['labels'].filter((l): l is string => typeof l === 'string') : [];
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    version: row.version || formatTimestampUs(row.dateAddedUs, 6),
    created: text(object['created']),
    modified: text(object['modified']),
    dateAdded: formatTimestampUs(row.dateAddedUs, 6),
    originator: originators.of(row.originator),
    tlp: row.tlp !== null && TLP_NAMES.has(row.tlp) ? (row.tlp as TlpLevelName) : null,
    grading: row.grading,
    labels,
    revoked: row.revoked,
    collection: row.collectionId,
  };
}
