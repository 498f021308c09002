/**
 * What an evidence export is: a file made from one version of an incident, named, typed and
 * digested. Exports are pure functions of the incident view, so the same version always gives the
 * same bytes: anyone holding the view can recompute a file's SHA-256 and match it against the
 * digest the node's audit log recorded when the file was taken out.
 */
import { createHash } from 'node:crypto';
import { translate } from '../../i18n/index.js';
import type { EvidenceMessageKey } from './messages.js';

export const EVIDENCE_FORMATS = ['geojson', 'cot', 'csv', 'report'] as const;
export type EvidenceFormat = (typeof EVIDENCE_FORMATS)[number];

export const EVIDENCE_LANGS = ['en', 'es'] as const;
export type EvidenceLang = (typeof EVIDENCE_LANGS)[number];

export interface EvidenceFile {
  filename: string;
  contentType: string;
  body: Buffer;
  /** SHA-256 hex of `body`. */
  sha256: string;
}

export const isEvidenceFormat = (v: unknown): v is EvidenceFormat =>
  typeof v === 'string' && (EVIDENCE_FORMATS as readonly string[]).includes(v);
export const isEvidenceLang = (v: unknown): v is EvidenceLang => typeof v === 'string' && (EVIDENCE_LANGS as readonly string[]).includes(v);

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function evidenceFile(filename: string, contentType: string, text: string): EvidenceFile {
  const body = Buffer.from(text, 'utf8');
  return { filename, contentType, body, sha256: sha256Hex(body) };
}

/**
 * Why an incident view could not be exported; `reason` is a key `reject.<reason>` of the
 * `drones-evidence` catalogue. Thrown before any byte is produced, so nothing half-made leaves.
 */
export class EvidenceExportError extends Error {
  constructor(
    readonly reason: EvidenceRejection,
    readonly params: Record<string, string | number> = {},
  ) {
    super(translate('en', 'drones-evidence', `reject.${reason}`, params));
    this.name = 'EvidenceExportError';
  }

  /** The reason in the reader's language. */
  text(lang: EvidenceLang): string {
    return translate(lang, 'drones-evidence', `reject.${this.reason}`, this.params);
  }
}

type ReasonOf<K> = K extends `reject.${infer R}` ? R : never;
export type EvidenceRejection = ReasonOf<EvidenceMessageKey>;
