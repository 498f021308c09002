import type { IngestRejection } from '../model.js';
import { translate, type Lang } from '../../i18n/index.js';
import { ingestMessages } from './messages.js';

// Kept apart from messages.ts: the i18n registry imports that file, and importing i18n back from it would be a cycle.
const NS = 'drones-ingest';

/**
 * The refusal as a sentence for the sender or an analyst, in the reader's language, with where
 * in a batch the fault lies (GeoJSON feature, Remote ID message and pack item) when it does.
 */
export function describeRejection(r: IngestRejection, lang: Lang): string {
  const key = `reject.${r.reason}`;
  const text = Object.hasOwn(ingestMessages.en, key)
    ? translate(lang, NS, key, r.params)
    : translate(lang, NS, 'reject.unknown', { reason: r.reason });
  const p = r.params;
  if (p.pack !== undefined && p.message !== undefined) return `${text} ${translate(lang, NS, 'at.pack', p)}`;
  if (p.message !== undefined) return `${text} ${translate(lang, NS, 'at.message', p)}`;
  if (p.feature !== undefined) return `${text} ${translate(lang, NS, 'at.feature', p)}`;
  return text;
}
