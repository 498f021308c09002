/**
 * What a marking-definition id means for release: a TLP level (TLP 2.0, or TLP 1.0 mapped to it),
 * an Enlace handling/releasability marking, a statement that restricts nothing, or unknown. The
 * catalog is built once from the node's marking definitions so that evaluation only looks ids up.
 */
import {
  HANDLING_EXTENSION_ID,
  TLP1_MARKING_IDS,
  TLP2_MARKING_IDS,
  tlpLevelOfMarking,
  type StixObject,
  type TlpLevel,
} from '../../stix/index.js';
import { HANDLING_CODES, type HandlingCode } from '../../stix/definitions/handling.js';

/** An Enlace handling and/or releasability marking, as the evaluator reads it. */
export interface HandlingMarking {
  readonly kind: 'handling';
  readonly id: string;
  readonly handling?: HandlingCode;
  readonly conditions?: string;
  /** Identity ids and ISO country codes; absent when the marking states no releasability list. */
  readonly releasableTo?: ReadonlySet<string>;
}

export type ResolvedMarking =
  | { readonly kind: 'tlp'; readonly id: string; readonly level: TlpLevel }
  | HandlingMarking
  | { readonly kind: 'statement'; readonly id: string }
  | { readonly kind: 'unknown'; readonly id: string };

const MAX_RELEASABLE = 1000;

// Resolved once: evaluation looks TLP ids up on every object.
const TLP_ENTRIES: [string, ResolvedMarking][] = [...Object.values(TLP2_MARKING_IDS), ...Object.values(TLP1_MARKING_IDS)].map((id) => [
  id,
  { kind: 'tlp', id, level: tlpLevelOfMarking(id) ?? 'red' },
]);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads an Enlace handling marking definition; null when it is not one or is malformed (a
 * malformed marking then stays unknown, which withholds what it marks).
 */
export function readHandlingMarking(def: unknown): HandlingMarking | null {
  if (!isRecord(def) || def['type'] !== 'marking-definition' || typeof def['id'] !== 'string') return null;
  const exts = def['extensions'];
  if (!isRecord(exts) || !Object.hasOwn(exts, HANDLING_EXTENSION_ID)) return null;
  const entry = exts[HANDLING_EXTENSION_ID];
  if (!isRecord(entry)) return null;
  const code = entry['handling_code'];
  const list = entry['releasable_to'];
  const conditions = entry['conditions'];
  if (code !== undefined && !(HANDLING_CODES as readonly unknown[]).includes(code)) return null;
  if (conditions !== undefined && typeof conditions !== 'string') return null;
  let releasableTo: Set<string> | undefined;
  if (list !== undefined) {
    if (!Array.isArray(list) || list.length === 0 || list.length > MAX_RELEASABLE) return null;
    if (!list.every((x): x is string => typeof x === 'string')) return null;
    releasableTo = new Set(list);
  }
  if (code === undefined && releasableTo === undefined) return null;
  return {
    kind: 'handling',
    id: def['id'],
    ...(code === undefined ? {} : { handling: code as HandlingCode }),
    ...(conditions === undefined ? {} : { conditions }),
    ...(releasableTo === undefined ? {} : { releasableTo }),
  };
}

/** The marking definitions a node knows, by id, for the evaluator. */
export class MarkingCatalog {
  private readonly byId = new Map<string, ResolvedMarking>(TLP_ENTRIES);

  /**
   * Builds a catalog from marking-definition objects. TLP ids are always known and cannot be
   * redefined; statement markings restrict nothing; anything else not understood stays unknown.
   */
  static from(definitions: Iterable<StixObject | unknown>): MarkingCatalog {
    const catalog = new MarkingCatalog();
    catalog.learn(definitions);
    return catalog;
  }

  /** Adds marking definitions met later (a node receives new ones as it runs); same rules as `from`. */
  learn(definitions: Iterable<StixObject | unknown>): void {
    for (const def of definitions) {
      if (!isRecord(def) || def['type'] !== 'marking-definition' || typeof def['id'] !== 'string') continue;
      const id = def['id'];
      if (tlpLevelOfMarking(id) !== null) continue;
      const handling = readHandlingMarking(def);
      if (handling !== null) this.byId.set(id, handling);
      else if (def['definition_type'] === 'statement' && def['extensions'] === undefined) {
        this.byId.set(id, { kind: 'statement', id });
      }
    }
  }

  /** What a marking-definition id means; never throws. */
  resolve(id: string): ResolvedMarking {
    return this.byId.get(id) ?? { kind: 'unknown', id };
  }
}
