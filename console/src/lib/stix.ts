/**
 * Reading STIX objects for display: markings, grading, signature and the order properties are
 * shown in. Identifiers are those of src/stix (TLP 2.0 and 1.0 marking definitions, Enlace's
 * extension definitions); the console has its own copy because it is built apart from the node.
 */
import type { Effect, PeerStatus, StixObject, TlpLevel } from './types.js';

export const TLP_LEVELS: readonly TlpLevel[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

export const TLP2_MARKING_IDS: Readonly<Record<TlpLevel, string>> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

/** STIX 2.1 §7.2.1.4's TLP 1.0 markings, read as their TLP 2.0 levels (WHITE is CLEAR). */
const TLP1_MARKING_IDS: Readonly<Record<string, TlpLevel>> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'clear',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'green',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'amber',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'red',
};

export const GRADING_EXTENSION_ID = 'extension-definition--8a9805a6-f753-4a22-a364-4cbf1edcc4d6';
export const SIGNATURE_EXTENSION_ID = 'extension-definition--3389e1a9-99af-42e8-8c13-59b3a4bb0f2d';

const LEVEL_BY_ID = new Map<string, TlpLevel>([
  ...(Object.entries(TLP2_MARKING_IDS) as [TlpLevel, string][]).map(([level, id]) => [id, level] as [string, TlpLevel]),
  ...Object.entries(TLP1_MARKING_IDS),
]);

/** The TLP level a marking-definition id stands for, or null for any other marking. */
export function tlpOfMarking(id: string): TlpLevel | null {
  return LEVEL_BY_ID.get(id) ?? null;
}

/** The most restrictive TLP level among an object's marking refs, or null when it has none. */
export function tlpOfRefs(refs: unknown): TlpLevel | null {
  if (!Array.isArray(refs)) return null;
  let best: TlpLevel | null = null;
  for (const r of refs) {
    const level = typeof r === 'string' ? tlpOfMarking(r) : null;
    if (level !== null && (best === null || TLP_LEVELS.indexOf(level) > TLP_LEVELS.indexOf(best))) best = level;
  }
  return best;
}

export interface Grading {
  reliability: 'A' | 'B' | 'C' | 'X';
  credibility: 1 | 2 | 3 | 4;
}

/** "B2" → its two parts; null for anything else. */
export function parseGrading(code: string | null | undefined): Grading | null {
  const m = /^([ABCX])([1-4])$/.exec(code ?? '');
  if (!m) return null;
  return { reliability: m[1] as Grading['reliability'], credibility: Number(m[2]) as Grading['credibility'] };
}

/** The grading an object's originator set (Enlace grading extension), as "B2". */
export function gradingOfObject(o: StixObject): string | null {
  const ext = extensionOf(o, GRADING_EXTENSION_ID);
  if (!ext) return null;
  const r = ext['source_reliability'];
  const c = ext['information_credibility'];
  return typeof r === 'string' && typeof c === 'number' ? `${r}${c}` : null;
}

/**
 * How much weight a grading carries, for the badge's colour: high for a reliable source with
 * confirmed or first-hand information, unknown when either part cannot be assessed.
 */
export function gradingTone(code: string | null | undefined): 'high' | 'medium' | 'low' | 'unknown' {
  const g = parseGrading(code);
  if (!g || g.reliability === 'X' || g.credibility === 4) return 'unknown';
  if ((g.reliability === 'A' || g.reliability === 'B') && g.credibility <= 2) return 'high';
  if (g.reliability === 'C') return 'low';
  return 'medium';
}

export function extensionOf(o: StixObject, id: string): Record<string, unknown> | null {
  const exts = o['extensions'];
  if (typeof exts !== 'object' || exts === null) return null;
  const ext = (exts as Record<string, unknown>)[id];
  return typeof ext === 'object' && ext !== null ? (ext as Record<string, unknown>) : null;
}

/** Properties read first, in this order; all others follow alphabetically, timestamps and ids last. */
const LEADING = [
  'name',
  'value',
  'description',
  'content',
  'abstract',
  'pattern',
  'pattern_type',
  'indicator_types',
  'malware_types',
  'threat_actor_types',
  'aliases',
  'labels',
  'confidence',
  'first_seen',
  'last_seen',
  'valid_from',
  'valid_until',
  'relationship_type',
  'source_ref',
  'target_ref',
  'object_refs',
  'opinion',
  'explanation',
  'count',
  'sighting_of_ref',
];
const TRAILING = [
  'lang',
  'created_by_ref',
  'object_marking_refs',
  'granular_markings',
  'external_references',
  'extensions',
  'revoked',
  'created',
  'modified',
  'spec_version',
  'type',
  'id',
];

/** An object's properties in reading order: what it says first, bookkeeping last. */
export function orderedProperties(o: StixObject): [string, unknown][] {
  const keys = Object.keys(o);
  const lead = LEADING.filter((k) => keys.includes(k));
  const trail = TRAILING.filter((k) => keys.includes(k));
  const middle = keys.filter((k) => !LEADING.includes(k) && !TRAILING.includes(k)).sort();
  return [...lead, ...middle, ...trail].map((k) => [k, o[k]]);
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const STIX_ID = /^[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type ValueKind = 'text' | 'timestamp' | 'ref' | 'refs' | 'list' | 'boolean' | 'number' | 'json';

/** How a property's value is shown: a date, a link to another object, a list, or JSON. */
export function valueKind(value: unknown): ValueKind {
  if (typeof value === 'string') return TIMESTAMP.test(value) ? 'timestamp' : STIX_ID.test(value) ? 'ref' : 'text';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'number';
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((v) => typeof v === 'string' && STIX_ID.test(v))) return 'refs';
    if (value.every((v) => typeof v === 'string' || typeof v === 'number')) return 'list';
  }
  return 'json';
}

export function isStixId(value: string): boolean {
  return STIX_ID.test(value);
}

/** The STIX type of an id ("indicator--…" → "indicator"). */
export function typeOfId(id: string): string {
  const i = id.indexOf('--');
  return i > 0 ? id.slice(0, i) : id;
}

/** The tone of a release decision's badge. */
export function decisionTone(effect: Effect): 'ok' | 'warn' | 'bad' {
  return effect === 'release' ? 'ok' : effect === 'redact' ? 'warn' : 'bad';
}

/** A peer's sync state as the overview shows it: failing outranks a stale lag. */
export function peerTone(p: Pick<PeerStatus, 'state' | 'lagSeconds'>): 'ok' | 'warn' | 'bad' | 'idle' {
  if (p.state === 'failing') return 'bad';
  if (p.state === 'never-synced') return 'idle';
  return p.lagSeconds > 300 ? 'warn' : 'ok';
}
